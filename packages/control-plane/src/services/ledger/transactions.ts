import type { AppContext } from "../../context.js";
import type { LedgerEntry } from "../../models/index.js";
import type { Page } from "../usage/list.js";

/** An account's ledger entries, newest first, by (createdAt, id). */
export async function listTransactions(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
  const list = `transactions:${accountId}`;
  const filter = { accountId, ...(cursor === undefined ? {} : ctx.cursors.after(list, "createdAt", cursor)) };
  const rows: LedgerEntry[] = await ctx.models.LedgerEntry.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit + 1)
    .lean();
  return ctx.cursors.page(list, rows, limit, (e) => [e.createdAt, e._id]);
}
