import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import type { UsageEvent } from "../../models/index.js";

/** An account's usage events, newest first, by (timestamp, id). */
export function listUsage(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<UsageEvent>> {
  return ctx.cursors.paginate<UsageEvent>(`usage:${accountId}`, "timestamp", limit, cursor, (after, sort, take) =>
    ctx.models.UsageEvent.find({ accountId, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
}
