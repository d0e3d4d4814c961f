import type { AppContext } from "../../context.js";
import { LEDGER_ENTRY_TYPES } from "../../models/ledger-entry.js";
import { sum } from "./sums.js";

/** A month's statement from the ledger (UTC), per wallet: opening balance, movements by type, closing balance. */
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
  return { accountId, period, from: from.toISOString(), to: to.toISOString(), wallets: rows };
}
