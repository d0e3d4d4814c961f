import type { AppContext } from "../../context.js";
import { LEDGER_ENTRY_TYPES } from "../../models/ledger-entry.js";
import { sum } from "./sums.js";

/**
 * A month's statement from the ledger (UTC), per wallet: opening balance, movements by type, closing balance.
 * In a hierarchy it also says whose calls the money paid for: a payer's, each of its lines' calls its wallets
 * paid (`lines`); a line's (which has no wallet while it is one), its own calls and the payer that paid them
 * (`paidByPayer`). Both count the month's calls by their time, as the usage list does.
 */
export async function getStatement(ctx: AppContext, accountId: string, period: string) {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const from = new Date(Date.UTC(year, month - 1, 1));
  const to = new Date(Date.UTC(year, month, 1));
  const wallets = await ctx.models.Wallet.find({ accountId }).sort({ currency: 1 }).lean();
  const rows = [];
  for (const wallet of wallets) {
    const opening = await sum(ctx, "LedgerEntry", { walletId: wallet._id, createdAt: { $lt: from } }, "$amount");
    const during = await ctx.models.LedgerEntry.find(
      { walletId: wallet._id, createdAt: { $gte: from, $lt: to } },
      { amount: 1, type: 1 },
    ).lean();
    const total = (entries: { amount: number }[]) => entries.reduce((acc, e) => acc + e.amount, 0);
    const movements = Object.fromEntries(LEDGER_ENTRY_TYPES.map((t) => [t, total(during.filter((e) => e.type === t))]));
    const counts = Object.fromEntries(LEDGER_ENTRY_TYPES.map((t) => [t, during.filter((e) => e.type === t).length]));
    rows.push({
      walletId: wallet._id,
      currency: wallet.currency,
      opening,
      movements,
      counts,
      closing: opening + total(during),
      entries: during.length,
    });
  }
  const { lines, paidByPayer } = await hierarchyCalls(ctx, accountId, from, to);
  return {
    accountId,
    period,
    from: from.toISOString(),
    to: to.toISOString(),
    wallets: rows,
    ...(lines.length > 0 ? { lines } : {}),
    ...(paidByPayer.length > 0 ? { paidByPayer } : {}),
  };
}

interface CallsOf {
  currency: string;
  /** The calls charged (refunded ones left out). */
  calls: number;
  /** Micros charged for them. */
  amount: number;
}

type Call = { accountId: string; payerId?: string | undefined; currency: string; amount: number; refunded?: boolean | undefined };

/** Calls counted per `keyOf` and currency (a refunded call charged nothing). */
function countedBy(events: Call[], keyOf: (e: Call) => string): (CallsOf & { key: string })[] {
  const by = new Map<string, CallsOf & { key: string }>();
  for (const e of events) {
    const key = keyOf(e);
    const row = by.get(`${key}\u0000${e.currency}`) ?? { key, currency: e.currency, calls: 0, amount: 0 };
    if (e.refunded !== true) {
      row.calls += 1;
      row.amount += e.amount;
    }
    by.set(`${key}\u0000${e.currency}`, row);
  }
  return [...by.values()];
}

/**
 * The month's calls a payer's wallets paid for its lines, per line (oldest line first), and the calls of this
 * account a payer paid for, per payer. Two reads of the usage events (a payer's, a line's), folded here.
 */
async function hierarchyCalls(ctx: AppContext, accountId: string, from: Date, to: Date) {
  const during = { $gte: from, $lt: to };
  const fields = { accountId: 1, payerId: 1, currency: 1, amount: 1, refunded: 1 };
  const paidFor: Call[] = await ctx.models.UsageEvent.find({ payerId: accountId, timestamp: during }, fields).lean();
  const byLine = countedBy(paidFor, (e) => e.accountId);
  const accounts = await ctx.models.Account.find({ _id: { $in: byLine.map((l) => l.key) } }, { name: 1, createdAt: 1 }).lean();
  const byId = new Map(accounts.map((a) => [a._id, a]));
  const since = (id: string) => byId.get(id)?.createdAt.getTime() ?? 0;
  const lines = byLine
    .map(({ key, ...calls }) => ({ accountId: key, name: byId.get(key)?.name ?? key, ...calls }))
    .sort(
      (a, b) => since(a.accountId) - since(b.accountId) || a.accountId.localeCompare(b.accountId) || a.currency.localeCompare(b.currency),
    );
  const paid: Call[] = await ctx.models.UsageEvent.find({ accountId, payerId: { $exists: true }, timestamp: during }, fields).lean();
  const paidByPayer = countedBy(paid, (e) => e.payerId!).map(({ key, ...calls }) => ({ payerId: key, ...calls }));
  return { lines, paidByPayer };
}
