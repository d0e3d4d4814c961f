import type { QueryFilter } from "mongoose";
import type { AppContext } from "../../context.js";
import { ProblemError } from "../../http/problem-error.js";
import type { UsageEvent } from "../../models/index.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Newest first, by (timestamp, id); the cursor names the last item seen, so pages never overlap. */
export async function listUsage(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<UsageEvent>> {
  const filter: QueryFilter<UsageEvent> = { accountId };
  if (cursor !== undefined) {
    const [ms, id] = decodeCursor(cursor);
    const at = new Date(ms);
    filter.$or = [{ timestamp: { $lt: at } }, { timestamp: at, _id: { $lt: id } }];
  }
  const rows = await ctx.models.UsageEvent.find(filter).sort({ timestamp: -1, _id: -1 }).limit(limit + 1).lean();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.timestamp.getTime(), last._id) } : { items };
}

function encodeCursor(ms: number, id: string): string {
  return Buffer.from(JSON.stringify([ms, id])).toString("base64url");
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === "string") {
      return [value[0] as number, value[1] as string];
    }
  } catch {
    // fall through
  }
  throw new ProblemError("validation_failed", "The cursor is not one this API returned.");
}
