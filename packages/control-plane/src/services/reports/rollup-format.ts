import { deflateRawSync, inflateRawSync } from "node:zlib";
import { HOUR } from "./clock.js";

/**
 * The rollups' wire format, in one place: their ids (what each covers), the collection each lives in, and
 * their packed payloads.
 *
 * - `u{d,m}|<dimension>|<currency>|<period>`: usage of one reporting day (`YYYY-MM-DD`) or month (`YYYY-MM`),
 *   summed per account, product, API key or plan (one rollup per dimension, so a report reads only the
 *   dimension it groups by).
 * - `uh|<dimension>|<currency>|<day>`: the same day hour by hour: read only when a bucket edge cuts a
 *   reporting day (hourly buckets, another zone's days).
 * - `ua|<accountId>|<currency>|<day>`: one account's usage of one reporting day, per hour × product × key × plan.
 * - `ld|<currency>|<day>`: every money movement of one reporting day other than booked usage (credits by
 *   method, adjustments, reversals, grants, expiries, payments, usage refunds), one item each.
 *
 * **Where each lives.** A rollup is kept in a collection of its own period and kind (`collectionOf`): on
 * FerretDB v1 a lookup by `_id` is not served by an index but by a scan of its collection that stops at the
 * match (~6 µs per KB stored before it), and a document costs ~50 µs per KB to decode. So each lookup should
 * pass over little: one reporting day's sums (`rollups_<day>`, some 50 KB at a million calls a month), its
 * hour-by-hour sums (`rollup_hours_<day>`), its accounts' rollups (`account_rollups_<day>`), and a month's
 * sums (`rollups_<month>`). A rollup never moves; late usage updates it where it is.
 */
export const DIMENSIONS = ["account", "product", "key", "plan"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Level = "day" | "month";

/** calls, units, amount (micros). */
export type Figures = [number, number, number];

/**
 * A booked call's contribution: hour start (ms), product ("" when unmatched), key, plan, and its figures; for a
 * line's calls booked on its payer's wallet, the line (the account whose usage they are; the entry's account
 * otherwise).
 */
export type Cell = [
  hour: number,
  productId: string,
  keyId: string,
  planId: string,
  calls: number,
  units: number,
  amount: number,
  lineId?: string,
];

/** One money movement in a `ld` rollup; `ref` names the recharge, voucher or grant it came from ("" for none). */
export type LedgerItem = [entryId: string, accountId: string, type: string, method: string, amount: number, atMs: number, ref: string];

/** A `ud`/`um` payload: group → figures. */
export interface MarginalPayload {
  g: Record<string, Figures>;
}
/**
 * A `uh` payload: the first hour (ms), and per group a flat run of `hour index, calls, units, amount`
 * (an hour index counts hours from `s`): deflated, about half the size of keying each figure by hour and group.
 */
export interface HoursPayload {
  s: number;
  g: Record<string, number[]>;
}
/**
 * A `ua` payload: the first hour (ms), the products, keys and plans it names, and a flat run of
 * `hour index, product index, key index, plan index, calls, units, amount`.
 */
export interface AccountDayPayload {
  s: number;
  p: string[];
  k: string[];
  l: string[];
  c: number[];
}
export interface LedgerDayPayload {
  e: LedgerItem[];
}

export function usageRollupId(level: Level, dimension: Dimension, currency: string, period: string): string {
  return `u${level[0]}|${dimension}|${currency}|${period}`;
}

/** A day's usage hour by hour, per group of one dimension. */
export function usageHoursId(dimension: Dimension, currency: string, day: string): string {
  return `uh|${dimension}|${currency}|${day}`;
}

export function hourGroupKey(hour: number, group: string): string {
  return `${hour}|${group}`;
}

/** Split a `uh` key; the group is everything after the first `|` (ids hold none, but be exact anyway). */
export function parseHourGroupKey(key: string): { hour: number; group: string } {
  const bar = key.indexOf("|");
  return { hour: Number(key.slice(0, bar)), group: key.slice(bar + 1) };
}

export function accountDayId(accountId: string, currency: string, day: string): string {
  return `ua|${accountId}|${currency}|${day}`;
}

export function ledgerDayId(currency: string, day: string): string {
  return `ld|${currency}|${day}`;
}

export function cellKey(hour: number, productId: string, keyId: string, planId: string): string {
  return `${hour}|${productId}|${keyId}|${planId}`;
}

export function parseCellKey(key: string): { hour: number; productId: string; keyId: string; planId: string } {
  const [hour, productId, keyId, planId] = key.split("|") as [string, string, string, string];
  return { hour: Number(hour), productId, keyId, planId };
}

export function pack(payload: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(payload)));
}

export function unpack<T>(stored: unknown): T {
  return JSON.parse(inflateRawSync(asBuffer(stored)).toString("utf8")) as T;
}

/** The driver hands back BSON Binary for a Buffer field. */
function asBuffer(stored: unknown): Buffer {
  if (Buffer.isBuffer(stored)) return stored;
  const binary = stored as { buffer?: Uint8Array };
  if (binary?.buffer instanceof Uint8Array) return Buffer.from(binary.buffer.buffer, binary.buffer.byteOffset, binary.buffer.byteLength);
  throw new Error("a rollup payload is not binary");
}

export function addFigures(into: Figures, more: Figures): void {
  into[0] += more[0];
  into[1] += more[1];
  into[2] += more[2];
}

/** The collection a rollup lives in: its kind and period (see the top of this file). */
export function collectionOf(rollupId: string): string {
  const kind = rollupId.slice(0, 2);
  const period = rollupId.slice(rollupId.lastIndexOf("|") + 1).replaceAll("-", "_");
  return `${kind === "uh" ? "rollup_hours" : kind === "ua" ? "account_rollups" : "rollups"}_${period}`;
}

/** Every collection `collectionOf` names, and nothing else. */
export const ROLLUP_COLLECTION = /^(rollups|rollup_hours|account_rollups)_\d{4}_\d{2}(_\d{2})?$/;

/**
 * A rollup's figures keyed as the fold adds to them: a group (`ud`/`um`), `<hour>|<group>` (`uh`), or
 * `<hour>|<productId>|<keyId>|<planId>` (`ua`). Not for `ld` rollups.
 */
export function sumsOf(rollupId: string, stored: unknown): Record<string, Figures> {
  const sums: Record<string, Figures> = {};
  if (rollupId.startsWith("uh|")) {
    for (const [hour, group, figures] of hourCells(unpack<HoursPayload>(stored))) sums[hourGroupKey(hour, group)] = figures;
  } else if (rollupId.startsWith("ua|")) {
    for (const c of accountCells(unpack<AccountDayPayload>(stored))) sums[cellKey(c.hour, c.productId, c.keyId, c.planId)] = c.figures;
  } else return unpack<MarginalPayload>(stored).g;
  return sums;
}

/** The payload that holds `sums` (keyed as `sumsOf` gives them). */
export function payloadOf(rollupId: string, sums: Record<string, Figures>): unknown {
  if (rollupId.startsWith("uh|")) {
    const cells = Object.entries(sums).map(([key, figures]) => ({ ...parseHourGroupKey(key), figures }));
    const s = Math.min(...cells.map((c) => c.hour));
    const g: Record<string, number[]> = {};
    for (const { hour, group, figures } of cells) (g[group] ??= []).push((hour - s) / HOUR, ...figures);
    return { s, g } satisfies HoursPayload;
  }
  if (rollupId.startsWith("ua|")) {
    const cells = Object.entries(sums).map(([key, figures]) => ({ ...parseCellKey(key), figures }));
    const s = Math.min(...cells.map((c) => c.hour));
    const payload: AccountDayPayload = { s, p: [], k: [], l: [], c: [] };
    const index = (list: string[], value: string) => {
      const at = list.indexOf(value);
      return at >= 0 ? at : list.push(value) - 1;
    };
    for (const { hour, productId, keyId, planId, figures } of cells) {
      payload.c.push((hour - s) / HOUR, index(payload.p, productId), index(payload.k, keyId), index(payload.l, planId), ...figures);
    }
    return payload;
  }
  return { g: sums } satisfies MarginalPayload;
}

/** A `uh` payload's figures: hour (ms), group, figures. */
export function* hourCells(payload: HoursPayload): Generator<[number, string, Figures]> {
  for (const [group, run] of Object.entries(payload.g)) {
    for (let i = 0; i < run.length; i += 4) yield [payload.s + run[i]! * HOUR, group, [run[i + 1]!, run[i + 2]!, run[i + 3]!]];
  }
}

/** A `ua` payload's cells. */
export function* accountCells(
  payload: AccountDayPayload,
): Generator<{ hour: number; productId: string; keyId: string; planId: string; figures: Figures }> {
  const { s, p, k, l, c } = payload;
  for (let i = 0; i < c.length; i += 7) {
    yield {
      hour: s + c[i]! * HOUR,
      productId: p[c[i + 1]!]!,
      keyId: k[c[i + 2]!]!,
      planId: l[c[i + 3]!]!,
      figures: [c[i + 4]!, c[i + 5]!, c[i + 6]!],
    };
  }
}
