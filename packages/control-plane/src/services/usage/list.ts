import type { QueryFilter } from "mongoose";
import type { AppContext } from "../../context.js";
import type { UsageEvent } from "../../models/index.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Newest first, by (timestamp, id). */
export async function listUsage(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<UsageEvent>> {
  const list = `usage:${accountId}`;
  const filter: QueryFilter<UsageEvent> = { accountId, ...(cursor === undefined ? {} : ctx.cursors.after(list, "timestamp", cursor)) };
  const rows = await ctx.models.UsageEvent.find(filter)
    .sort({ timestamp: -1, _id: -1 })
    .limit(limit + 1)
    .lean();
  return ctx.cursors.page(list, rows, limit, (e) => [e.timestamp, e._id]);
}
