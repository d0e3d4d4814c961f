import type { QueryFilter } from "mongoose";
import type { AppContext } from "../../context.js";
import { afterCursor, page } from "../../http/cursor.js";
import type { UsageEvent } from "../../models/index.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Newest first, by (timestamp, id). */
export async function listUsage(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<UsageEvent>> {
  const filter: QueryFilter<UsageEvent> = { accountId, ...(cursor === undefined ? {} : afterCursor("timestamp", cursor)) };
  const rows = await ctx.models.UsageEvent.find(filter).sort({ timestamp: -1, _id: -1 }).limit(limit + 1).lean();
  return page(rows, limit, (e) => [e.timestamp, e._id]);
}
