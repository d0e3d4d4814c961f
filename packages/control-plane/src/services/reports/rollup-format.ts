import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Model } from "mongoose";
import type { Models, Rollup } from "../../models/index.js";

/**
 * The rollups' wire format, in one place: their ids (what each covers) and their packed payloads.
 *
 * - `u{d,m}|<dimension>|<currency>|<period>`: usage of one reporting day (`YYYY-MM-DD`) or month (`YYYY-MM`),
 *   summed per account, product, API key or plan (one rollup per dimension, so a report reads only the
 *   dimension it groups by).
 * - `uh|<dimension>|<currency>|<day>`: the same day hour by hour, keyed `<hour start ms>|<group>`: read only
 *   when a bucket edge cuts a reporting day (hourly buckets, another zone's days). One rollup a day, not one
 *   an hour: a MongoDB-wire read costs ~1-2 ms however small (FerretDB v1), so fewer, larger reads win.
 * - `ua|<accountId>|<currency>|<day>`: one account's usage of one reporting day, per hour × product × key × plan.
 * - `ld|<currency>|<day>`: every money movement of one reporting day other than booked usage (credits by
 *   method, adjustments, reversals, grants, expiries, payments, usage refunds), one item each.
 */

export const DIMENSIONS = ["account", "product", "key", "plan"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Level = "day" | "month";

/** calls, units, amount (micros). */
export type Figures = [number, number, number];

/** A booked call's contribution: hour start (ms), product ("" when unmatched), key, plan, and its figures. */
export type Cell = [hour: number, productId: string, keyId: string, planId: string, calls: number, units: number, amount: number];

/** One money movement in a `ld` rollup; `ref` names the recharge, voucher or grant it came from ("" for none). */
export type LedgerItem = [entryId: string, accountId: string, type: string, method: string, amount: number, atMs: number, ref: string];

export interface MarginalPayload {
  g: Record<string, Figures>;
}
export interface AccountDayPayload {
  /** `<hour>|<productId>|<keyId>|<planId>` → figures. */
  c: Record<string, Figures>;
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

/** The driver hands back BSON Binary for a Buffer field read with `lean()`. */
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

/**
 * Where a rollup is kept: its open and closed collections. Each account's own rollups are kept apart from the
 * provider's, because a lookup by `_id` on FerretDB v1 costs more as its collection grows (~1 µs a document):
 * the provider's reports read from a few hundred rollups a month, not tens of thousands.
 */
export function rollupStore(models: Models, rollupId: string): { open: Model<Rollup>; closed: Model<Rollup> } {
  return rollupId.startsWith("ua|")
    ? { open: models.AccountRollup, closed: models.ClosedAccountRollup }
    : { open: models.Rollup, closed: models.ClosedRollup };
}

export function rollupStores(models: Models): { open: Model<Rollup>; closed: Model<Rollup> }[] {
  return [rollupStore(models, "ua|"), rollupStore(models, "")];
}
