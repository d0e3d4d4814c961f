import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ProblemError } from "./problem-error.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

const TAG_BYTES = 16;
const TAG_CHARS = Math.ceil((TAG_BYTES * 4) / 3); // base64url, unpadded
// The range of a JavaScript Date: a time outside it cannot come from a stored document.
const MAX_TIME = 8.64e15;

/**
 * Keyset pagination, newest first (or oldest first, for the lists that always answered that way), by (time, id): the cursor names the last item a page returned, so pages
 * never overlap or skip when items arrive between requests. Opaque to clients: base64url JSON followed by an
 * HMAC tag over the list it belongs to (e.g. one account's usage), so the only cursors accepted are the ones
 * this API issued for that very list; any other is a 400, never a query.
 */
export class Cursors {
  constructor(private readonly key: Buffer) {}

  /** The key every control-plane process of a deployment shares: derived from its admin tokens. */
  static fromSecrets(secrets: string[]): Cursors {
    return new Cursors(
      createHash("sha256")
        .update(`tollgate:cursor\u0000${secrets.join("\u0000")}`)
        .digest(),
    );
  }

  /**
   * One page of `list`, newest first by (`field`, _id), after `cursor` when given: `find` runs the query with
   * the cursor's filter, the sort and how many rows to take (one more than the page, to know if another follows).
   * `order: "oldest"` walks the other way; its cursors are signed for that order alone.
   */
  async paginate<T extends { _id: string }>(
    list: string,
    field: keyof T & string,
    limit: number,
    cursor: string | undefined,
    find: (after: Record<string, unknown>, sort: Record<string, 1 | -1>, take: number) => Promise<T[]>,
    order: "newest" | "oldest" = "newest",
  ): Promise<Page<T>> {
    const signed = order === "newest" ? list : `${list}\u0000oldest`;
    const direction = order === "newest" ? -1 : 1;
    const after = cursor === undefined ? {} : this.after(signed, field, cursor, order === "newest" ? "$lt" : "$gt");
    const rows = await find(after, { [field]: direction, _id: direction }, limit + 1);
    return this.page(signed, rows, limit, (row) => [row[field] as Date, row._id]);
  }

  /**
   * One page of `list` in an order of several fields that ends with _id (e.g. grants in consumption order:
   * status, priority, expiry, age), after `cursor` when given. The cursor holds the last item's value of each
   * field, and is signed for that order alone. Fields hold strings, numbers or dates.
   */
  async paginateBy<T extends { _id: string }>(
    list: string,
    order: Readonly<Partial<Record<keyof T & string, 1 | -1>>>,
    limit: number,
    cursor: string | undefined,
    find: (after: Record<string, unknown>, sort: Record<string, 1 | -1>, take: number) => Promise<T[]>,
  ): Promise<Page<T>> {
    const fields = Object.entries(order) as [keyof T & string, 1 | -1][];
    if (fields[fields.length - 1]?.[0] !== "_id") throw new Error("paginateBy: the order must end with _id");
    const signed = `${list}\u0000${fields.map(([f, d]) => `${f}:${d}`).join(",")}`;
    let after: Record<string, unknown> = {};
    if (cursor !== undefined) {
      const values = this.decodeValues(signed, cursor, fields.length);
      // Past the cursor: equal on the first i fields and beyond it on the next, for some i.
      after = {
        $or: fields.map(([field, direction], i) => ({
          ...Object.fromEntries(fields.slice(0, i).map(([f], j) => [f, values[j]])),
          [field]: { [direction === 1 ? "$gt" : "$lt"]: values[i] },
        })),
      };
    }
    const rows = await find(after, Object.fromEntries(fields), limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    if (rows.length <= limit || last === undefined) return { items };
    const values = fields.map(([f]) => {
      const value: unknown = last[f];
      return value instanceof Date ? { t: value.getTime() } : value;
    });
    const payload = Buffer.from(JSON.stringify(values)).toString("base64url");
    return { items, nextCursor: payload + this.tag(signed, payload).toString("base64url") };
  }

  /** Fetch one row more than the page: its presence says there is a next page. */
  private page<T>(list: string, rows: T[], limit: number, key: (row: T) => [Date, string]): Page<T> {
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return rows.length > limit && last !== undefined ? { items, nextCursor: this.encode(list, ...key(last)) } : { items };
  }

  /** The values of a `paginateBy` cursor, dates as dates; refuses cursors this API never gave. */
  private decodeValues(list: string, cursor: string, count: number): (string | number | Date)[] {
    const value = this.verify(list, cursor);
    const refused = this.refused();
    if (!Array.isArray(value) || value.length !== count) throw refused;
    return value.map((v: unknown) => {
      if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) return v;
      const time = typeof v === "object" && v !== null ? (v as { t?: unknown }).t : undefined;
      if (typeof time !== "number" || !Number.isSafeInteger(time) || time < -MAX_TIME || time > MAX_TIME) throw refused;
      return new Date(time);
    });
  }

  /** The filter for the items after `cursor` on the time field `field`; refuses cursors this API never gave. */
  private after(list: string, field: string, cursor: string, beyond: "$lt" | "$gt"): Record<string, unknown> {
    const [at, id] = this.decode(list, cursor);
    return { $or: [{ [field]: { [beyond]: at } }, { [field]: at, _id: { [beyond]: id } }] };
  }

  private tag(list: string, payload: string): Buffer {
    return createHmac("sha256", this.key).update(`${list}\u0000${payload}`).digest().subarray(0, TAG_BYTES);
  }

  private encode(list: string, at: Date, id: string): string {
    const payload = Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
    return payload + this.tag(list, payload).toString("base64url");
  }

  private refused(): ProblemError {
    return new ProblemError("validation_failed", "The cursor is not one this API returned for this list.", {
      errors: [{ location: "query", pointer: "/cursor", message: "not a cursor this API issued" }],
    });
  }

  /** The JSON a cursor carries, once its tag shows this API signed it for `list`. */
  private verify(list: string, cursor: string): unknown {
    const refused = this.refused();
    if (cursor.length <= TAG_CHARS) throw refused;
    const payload = cursor.slice(0, -TAG_CHARS);
    const presented = Buffer.from(cursor.slice(-TAG_CHARS), "base64url");
    if (presented.length !== TAG_BYTES || !timingSafeEqual(presented, this.tag(list, payload))) throw refused;
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    } catch {
      throw refused;
    }
  }

  private decode(list: string, cursor: string): [Date, string] {
    const refused = this.refused();
    const value = this.verify(list, cursor);
    // Signed, so ours; checked all the same, so that a leaked key still cannot make a query fail.
    if (!Array.isArray(value) || value.length !== 2 || typeof value[1] !== "string") throw refused;
    const [time, id] = value as [unknown, string];
    if (typeof time !== "number" || !Number.isSafeInteger(time) || time < 0 || time > MAX_TIME) throw refused;
    return [new Date(time), id];
  }
}
