import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import type { LedgerEntry } from "../../models/index.js";

/** An account's ledger entries, newest first, by (createdAt, id). */
export function listTransactions(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
  return ctx.cursors.paginate<LedgerEntry>(`transactions:${accountId}`, "createdAt", limit, cursor, (after, sort, take) =>
    ctx.models.LedgerEntry.find({ accountId, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
}
