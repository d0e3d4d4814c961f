import type { AppContext } from "../../context.js";
import type { GlRole, Invoice } from "../../models/index.js";
import type { TaxLine } from "../../models/invoice.js";
import type { LedgerEntryType } from "../../models/ledger-entry.js";
import { zonedInstant } from "../reports/clock.js";
import { currenciesOf, inParallel, readRollups, reportingDays, usageEntriesOf } from "../reports/read.js";
import { ledgerDayId, usageRollupId, type LedgerDayPayload, type MarginalPayload } from "../reports/rollup-format.js";
import { UNMATCHED_PRODUCT } from "../reports/usage.js";
import { getChart } from "./chart.js";
import { JournalBuilder, type Journal, type PostingKind } from "./postings.js";

export interface JournalExport {
  /** Reporting days (`YYYY-MM-DD` in REPORT_TIME_ZONE), both included, and the instants they span. */
  range: { from: string; to: string; timeZone: string; start: Date; end: Date };
  /** One journal per day and currency that moved money, oldest first. */
  journals: Journal[];
}

function dayStart(zone: string, day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return zonedInstant(zone, y, m, d);
}

/**
 * The books' daily journal in double entry, from what the reports read: each reporting day's usage rollups
 * (revenue per product, the wallets it came from), its money movements (the `ld` rollup: one item per ledger
 * entry), and the tax of the documents finalized that day. So its figures are the financial report's for the
 * same days, to the micro. Which GL account each movement goes to is docs/concepts/books.md's table.
 */
export async function journalExport(
  ctx: AppContext,
  query: { from: string; to: string; currency?: string | undefined },
): Promise<JournalExport> {
  const zone = ctx.reporting.timeZone;
  const start = new Date(dayStart(zone, query.from));
  const after = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const end = new Date(dayStart(zone, after));
  const days = reportingDays(ctx, start.getTime(), end.getTime());
  const chart = await getChart(ctx);
  const journals: Journal[] = [];
  for (const currency of await currenciesOf(ctx, query.currency)) {
    const ids = days.flatMap((day) => [
      usageRollupId("day", "product", currency, day),
      usageRollupId("day", "account", currency, day),
      ledgerDayId(currency, day),
    ]);
    const [rollups, documents] = await Promise.all([readRollups<unknown>(ctx, ids), taxedDocuments(ctx, currency, start, end)]);
    const accountIds = new Set<string>();
    for (const day of days) {
      const byAccount = rollups.get(usageRollupId("day", "account", currency, day)) as MarginalPayload | undefined;
      for (const accountId of Object.keys(byAccount?.g ?? {})) accountIds.add(accountId);
      for (const item of (rollups.get(ledgerDayId(currency, day)) as LedgerDayPayload | undefined)?.e ?? []) accountIds.add(item[1]);
    }
    const [walletRoles, adjustmentSorts, paidGrants] = await Promise.all([
      walletRolesOf(ctx, accountIds),
      adjustmentSortsOf(ctx, rollups),
      paidGrantsOf(ctx, rollups),
    ]);
    const walletOf = (accountId: string): GlRole => walletRoles.get(accountId) ?? "prepaid";

    for (const day of days) {
      const journal = new JournalBuilder(chart, day, currency);
      const productRollup = usageRollupId("day", "product", currency, day);
      const accountRollup = usageRollupId("day", "account", currency, day);
      // The usage ledger entries whose calls the day's rollups sum (a booking may span days and products).
      const entries = await usageEntriesOf(ctx, productRollup);
      const usage = { kind: "usage" as const, sources: { rollups: [productRollup, accountRollup], entries } };
      for (const [productId, [calls, , amount]] of Object.entries((rollups.get(productRollup) as MarginalPayload | undefined)?.g ?? {})) {
        const product = productId === "" ? UNMATCHED_PRODUCT : productId;
        journal.add("revenue", "credit", amount, { ...usage, description: `Usage of ${product} booked (${calls} calls)` }, product);
      }
      for (const [accountId, [, , amount]] of Object.entries((rollups.get(accountRollup) as MarginalPayload | undefined)?.g ?? {})) {
        journal.add(walletOf(accountId), "debit", amount, { ...usage, description: "Usage booked" });
      }
      for (const [entryId, accountId, type, method, amount, , ref] of (
        rollups.get(ledgerDayId(currency, day)) as LedgerDayPayload | undefined
      )?.e ?? []) {
        const wallet = walletOf(accountId);
        const sources = { entries: [entryId] };
        const movement = MOVEMENTS[type as LedgerEntryType];
        const [counter, kind, detail, description] =
          type === "credit"
            ? ([method === "voucher" ? "vouchers" : "cash", "top_up", method, `Top-ups (${method.replaceAll("_", " ")})`] as const)
            : type === "adjustment"
              ? ADJUSTMENTS[adjustmentSorts.get(entryId) ?? "manual"]
              : (type === "grant" || type === "expiry") && paidGrants.has(ref)
                ? PAID_GRANTS[type]
                : movement;
        // A positive amount is money given to the customer's wallet: the wallet's side is credited.
        journal.post(counter, wallet, amount, { kind, detail, description, sources });
      }
      for (const doc of documents.filter((d) => ctx.reporting.dayOf(ctx.reporting.hourOf(d.finalizedAt!.getTime())) === day)) {
        const [counter, category] = taxCounter(doc);
        for (const line of doc.tax!.lines) {
          const rate = rateKey(line);
          journal.post(counter, "tax", line.amount, {
            kind: "tax",
            detail: `${rate} ${category}`,
            description: `${line.name} ${rate} on ${category.replaceAll("_", " ")}`,
            sources: { documents: [doc._id] },
          });
        }
      }
      const built = journal.build();
      if (built !== undefined) journals.push(built);
    }
  }
  journals.sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency));
  return { range: { from: query.from, to: query.to, timeZone: zone, start, end }, journals };
}

type Movement = readonly [counter: GlRole, kind: PostingKind, detail: string | undefined, description: string];

/**
 * The account on the other side of the wallet, for every type of ledger entry (a top-up's and an adjustment's
 * depend on more: see above). Keyed by the type itself, so a new type of entry does not compile until the books
 * say where it goes. A `usage` entry among money movements is a refund.
 */
const MOVEMENTS: Record<LedgerEntryType, Movement> = {
  credit: ["cash", "top_up", undefined, "Top-ups"],
  adjustment: ["adjustments", "adjustment", "manual", "Adjustments by staff"],
  usage: ["refunds", "usage_refund", undefined, "Usage refunded"],
  reversal: ["cash", "reversal", undefined, "Top-ups refunded"],
  grant: ["promotions", "grant", "promotional", "Promotional credit granted"],
  expiry: ["promotions", "expiry", "promotional", "Promotional credit expired"],
  payment: ["cash", "payment", undefined, "Invoice payments received"],
  fee: ["fees", "fee", undefined, "Subscription fees"],
  pack: ["packs", "pack", undefined, "Bundle packs sold"],
};

/** A paid grant was bought as an admin credit is (money received); what of it expires unused is income. */
const PAID_GRANTS: Record<"grant" | "expiry", Movement> = {
  grant: ["cash", "grant", "paid", "Paid credit granted"],
  expiry: ["breakage", "expiry", "paid", "Paid credit expired"],
};

/** The paid grants among the grants and expiries listed (their `ref` is the grant's id). */
async function paidGrantsOf(ctx: AppContext, rollups: Map<string, unknown>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const [id, payload] of rollups)
    if (id.startsWith("ld|"))
      for (const item of (payload as LedgerDayPayload).e) if (item[2] === "grant" || item[2] === "expiry") ids.add(item[6]);
  ids.delete("");
  if (ids.size === 0) return new Set();
  const paid = await ctx.models.Grant.find({ _id: { $in: [...ids] }, kind: "paid" }, { _id: 1 }).lean();
  return new Set(paid.map((g) => g._id));
}

type AdjustmentSort = "manual" | "credit_note" | "invoice_tax" | "rounding";
const ADJUSTMENTS: Record<AdjustmentSort, Movement> = {
  manual: ["adjustments", "adjustment", "manual", "Adjustments by staff"],
  credit_note: ["writeOffs", "adjustment", "credit_note", "Credit notes"],
  // The tax an invoice added to its lines, booked as receivable when it was issued, leaves the wallet when paid.
  invoice_tax: ["receivables", "adjustment", "invoice_tax", "Tax collected with invoice payments"],
  rounding: ["rounding", "adjustment", "rounding", "Invoice rounding"],
};

/** An adjustment's sort, by its idempotency key (the system's keys name what made it; an admin's are its own). */
async function adjustmentSortsOf(ctx: AppContext, rollups: Map<string, unknown>): Promise<Map<string, AdjustmentSort>> {
  const ids: string[] = [];
  for (const [id, payload] of rollups)
    if (id.startsWith("ld|")) for (const item of (payload as LedgerDayPayload).e) if (item[2] === "adjustment") ids.push(item[0]);
  const sorts = new Map<string, AdjustmentSort>();
  await inParallel(ids, 4, async (id) => {
    const key = (await ctx.models.LedgerEntry.findById(id, { idempotencyKey: 1 }).lean())?.idempotencyKey ?? "";
    sorts.set(
      id,
      key.startsWith("credit-note:")
        ? "credit_note"
        : /^invoice:[^:]+:tax$/.test(key)
          ? "invoice_tax"
          : /^invoice:[^:]+:rounding$/.test(key)
            ? "rounding"
            : "manual",
    );
  });
  return sorts;
}

/** A postpaid account's wallet is a receivable; a prepaid or hybrid account's holds its prepaid money. */
async function walletRolesOf(ctx: AppContext, accountIds: Set<string>): Promise<Map<string, GlRole>> {
  if (accountIds.size === 0) return new Map();
  const accounts = await ctx.models.Account.find({ _id: { $in: [...accountIds] } }, { billingMode: 1, payerId: 1 }).lean();
  // A line's usage (the reports keep it as the line's) was paid from its payer's wallet: the payer's role.
  const payerIds = [...new Set(accounts.flatMap((a) => (a.payerId === undefined ? [] : [a.payerId])))];
  const payers = payerIds.length === 0 ? [] : await ctx.models.Account.find({ _id: { $in: payerIds } }, { billingMode: 1 }).lean();
  const roleOf = (billingMode: string | undefined): GlRole => (billingMode === "postpaid" ? "receivables" : "prepaid");
  const payerRoles = new Map(payers.map((p) => [p._id, roleOf(p.billingMode)]));
  return new Map(accounts.map((a) => [a._id, (a.payerId === undefined ? undefined : payerRoles.get(a.payerId)) ?? roleOf(a.billingMode)]));
}

type TaxedDocument = Pick<Invoice, "_id" | "kind" | "finalizedAt" | "tax"> & { corrects?: Invoice["kind"] | undefined };

/** The documents finalized in `[start, end)` with tax (void ones aside), as the financial report reads them. */
async function taxedDocuments(ctx: AppContext, currency: string, start: Date, end: Date): Promise<TaxedDocument[]> {
  const documents = await ctx.models.Invoice.find(
    { currency, finalizedAt: { $gte: start, $lt: end }, status: { $in: ["finalized", "paid"] }, tax: { $exists: true } },
    { kind: 1, tax: 1, finalizedAt: 1, correctsInvoiceId: 1 },
  ).lean();
  const corrected = [...new Set(documents.flatMap((d) => (d.correctsInvoiceId === undefined ? [] : [d.correctsInvoiceId])))];
  const kinds = new Map(
    corrected.length === 0
      ? []
      : (await ctx.models.Invoice.find({ _id: { $in: corrected } }, { kind: 1 }).lean()).map((d) => [d._id, d.kind] as const),
  );
  return documents.map((d) => ({ ...d, corrects: d.correctsInvoiceId === undefined ? undefined : kinds.get(d.correctsInvoiceId) }));
}

/**
 * The account a document's tax is posted against: a receipt's tax came with the money paid (cash), and its credit
 * note gave it back with the refund; an invoice's tax is receivable until paid, or inside inclusive prices (taken
 * off revenue); a credit note of an invoice takes its share back from what the note forgave.
 */
function taxCounter(doc: TaxedDocument): [GlRole, string] {
  if (doc.kind === "receipt") return ["cash", "receipts"];
  if (doc.kind === "credit_note") return doc.corrects === "receipt" ? ["cash", "refunded_receipts"] : ["writeOffs", "credit_notes"];
  return doc.tax!.inclusive ? ["taxIncluded", "inclusive_invoices"] : ["receivables", "invoices"];
}

function rateKey(line: TaxLine): string {
  return `${line.country}${line.region ? `-${line.region}` : ""}:${line.category}:${line.ratePpm}`;
}
