import type { AppContext } from "../../context.js";
import type { UsageEvent } from "../../models/index.js";
import type { InvoiceLine, InvoiceSection } from "../../models/invoice.js";

/**
 * The usage an account's period invoice bills: its own calls, paid from its own wallet (a call of an account
 * that was a line then names its payer, and is its payer's to bill), and the calls of its lines, which its
 * wallet paid. So a line's call is billed on the invoice of the payer that paid it, never on the line's own,
 * and after a line leaves, only its new calls are its own.
 */
export function usageBilledTo(accountId: string) {
  return { $or: [{ accountId, payerId: { $exists: false } }, { payerId: accountId }] };
}

type Call = Pick<UsageEvent, "accountId" | "productId" | "units" | "amount" | "timestamp" | "rateLine" | "bundles">;

/**
 * An invoice's usage lines: the account's own calls as ever and, when it paid for lines, a section per line
 * after them (oldest line first), each line's calls on invoice lines of their own naming the line. The sections
 * name each account as it is now (the invoice is made and finalized under one lock) and sum their lines.
 */
export async function sectionedLines(
  ctx: AppContext,
  accountId: string,
  own: InvoiceLine[],
  events: Call[],
  /** The invoice lines of some calls (close-period's `invoiceLines`, with its late-usage rule). */
  invoiceLines: (calls: Call[]) => InvoiceLine[],
): Promise<{ lines: InvoiceLine[]; sections?: InvoiceSection[] }> {
  const byLine = new Map<string, Call[]>();
  const mine: Call[] = [];
  for (const e of events) {
    if (e.accountId === accountId) mine.push(e);
    else {
      const calls = byLine.get(e.accountId);
      if (calls === undefined) byLine.set(e.accountId, [e]);
      else calls.push(e);
    }
  }
  const lines = [...own, ...invoiceLines(mine)];
  if (byLine.size === 0) return { lines };
  const accounts = await ctx.models.Account.find({ _id: { $in: [accountId, ...byLine.keys()] } }, { name: 1, createdAt: 1 }).lean();
  const byId = new Map(accounts.map((a) => [a._id, a]));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  const since = (id: string) => byId.get(id)?.createdAt.getTime() ?? 0;
  const order = [...byLine.keys()].sort((a, b) => since(a) - since(b) || a.localeCompare(b));
  const sum = (ls: InvoiceLine[]) => ls.reduce((n, l) => n + l.amount, 0);
  const sections: InvoiceSection[] = lines.length > 0 ? [{ accountId, name: nameOf(accountId), subtotal: sum(lines) }] : [];
  for (const lineId of order) {
    const section = invoiceLines(byLine.get(lineId)!).map((l) => ({ ...l, accountId: lineId }));
    // A line whose calls bundles paid whole has nothing charged to print; its section would be empty.
    if (section.length === 0) continue;
    lines.push(...section);
    sections.push({ accountId: lineId, name: nameOf(lineId), subtotal: sum(section) });
  }
  return sections.length > 1 || sections[0]?.accountId !== accountId ? { lines, sections } : { lines };
}
