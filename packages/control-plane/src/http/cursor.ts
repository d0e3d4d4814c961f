import { ProblemError } from "./problem-error.js";

/**
 * Keyset pagination, newest first, by (time, id): the cursor names the last item a page returned, so pages
 * never overlap or skip when items arrive between requests. Opaque to clients (base64url JSON).
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

/** The filter for the items after `cursor`, on the time field `field`; refuses cursors this API never gave. */
export function afterCursor(field: string, cursor: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== "string") {
    throw new ProblemError("validation_failed", "The cursor is not one this API returned.");
  }
  const at = new Date(value[0] as number);
  return { $or: [{ [field]: { $lt: at } }, { [field]: at, _id: { $lt: value[1] as string } }] };
}

/** Fetch one row more than the page: its presence says there is a next page. */
export function page<T>(rows: T[], limit: number, key: (row: T) => [Date, string]): { items: T[]; nextCursor?: string } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, nextCursor: encodeCursor(...key(last)) } : { items };
}
