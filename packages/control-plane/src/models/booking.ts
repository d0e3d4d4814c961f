import { Schema } from "mongoose";
import { walletOwnerOf } from "@tollgate/metering/store";
import { newId } from "../ids.js";

/**
 * The booking path's own collections. Usage events are written once, by the ingester, and never updated:
 * on FerretDB v1 every query but `{_id: <value>}` and every update reads the whole collection, so anything
 * booking did to the usage events would cost as much as the whole history. Booking works on these instead:
 * the backlog (small: what is not booked yet), the assignments (insert-only, read by `_id`), and the marks (one
 * per entry under way).
 */

/** What booking needs of a call: its amount, and what the reports sum it under. */
export interface BookingCall {
  _id: string;
  amount: number;
  timestamp: Date;
  productId?: string;
  keyId: string;
  planId: string;
  units?: number;
  /** A line's call booked on its payer's wallet: the line (the account whose usage it is). */
  lineId?: string;
}

/**
 * Ingested calls of one wallet not yet booked: written by the ingester beside the usage events, one document
 * per wallet per write (a document per call would cost FerretDB a row per call, twice), deleted once booked.
 * A call may be in two of them (its events written again after a crash): its assignment books it once.
 */
export interface UnbookedUsage {
  _id: string;
  accountId: string;
  currency: string;
  ingestedAt: Date;
  /** How many calls `calls` holds. */
  count: number;
  /** The calls, packed (packCalls): FerretDB writes and reads one string far faster than as many sub-documents. */
  calls: string;
}

/** The one ledger entry that books a call: the unique insert that books it once. */
export interface CallAssignment {
  /** The usage event's id. */
  _id: string;
  entryId: string;
}

/**
 * A booking under way: the entry id, the calls it is to book (with what the entry needs of them), written before
 * any assignment. A booker that dies leaves it behind, and the next booker finishes it by its id.
 */
export interface BookingMark {
  /** The ledger entry's id. */
  _id: string;
  accountId: string;
  currency: string;
  /** The calls, packed (packCalls). */
  calls: string;
  createdAt: Date;
  /** Set by a booker that gave up on it (an error): the next booker finishes it at once, without a grace. */
  abandonedAt?: Date;
}

export const unbookedUsageSchema = new Schema<UnbookedUsage>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    ingestedAt: { type: Date, required: true },
    count: { type: Number, required: true },
    calls: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

export const callAssignmentSchema = new Schema<CallAssignment>(
  { _id: { type: String, required: true }, entryId: { type: String, required: true } },
  { versionKey: false, strict: "throw" },
);

export const bookingMarkSchema = new Schema<BookingMark>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    calls: { type: String, required: true },
    createdAt: { type: Date, required: true },
    abandonedAt: { type: Date },
  },
  { versionKey: false, strict: "throw" },
);

/** What booking keeps of a usage event. */
export function bookingCallOf(e: BookingCall): BookingCall {
  const call: BookingCall = { _id: e._id, amount: e.amount, timestamp: e.timestamp, keyId: e.keyId, planId: e.planId };
  if (e.productId !== undefined) call.productId = e.productId;
  if (e.units !== undefined) call.units = e.units;
  if (e.lineId !== undefined) call.lineId = e.lineId;
  return call;
}

/** A call as its wallet's entry books it: a line's call (its payer's wallet paid) names the line that made it. */
export const asBooked = <C extends { accountId: string; payerId?: string | undefined }>(c: C): C & { lineId?: string } =>
  walletOwnerOf(c) === c.accountId ? c : { ...c, lineId: c.accountId };

/**
 * The backlog documents for some usage events: one per wallet, the wallet that paid (a line's calls are its
 * payer's wallet's to book).
 */
export function backlogOf(
  events: (BookingCall & { accountId: string; payerId?: string | undefined; currency: string })[],
  ingestedAt = new Date(),
): UnbookedUsage[] {
  const byWallet = new Map<string, { accountId: string; currency: string; calls: BookingCall[] }>();
  for (const e of events) {
    const owner = walletOwnerOf(e);
    const wallet = `${owner}\u0000${e.currency}`;
    let group = byWallet.get(wallet);
    if (group === undefined) byWallet.set(wallet, (group = { accountId: owner, currency: e.currency, calls: [] }));
    group.calls.push(bookingCallOf(asBooked(e)));
  }
  return [...byWallet.values()].map(({ accountId, currency, calls }) => ({
    _id: newId("ubk"),
    accountId,
    currency,
    ingestedAt,
    count: calls.length,
    calls: packCalls(calls),
  }));
}

type PackedCall = [
  id: string,
  amount: number,
  timestampMs: number,
  productId: string | null,
  keyId: string,
  planId: string,
  units: number | null,
  // Only a line's call (older documents have none).
  lineId?: string,
];

/** Calls as one string: a JSON array of [id, amount, timestamp (ms), productId, keyId, planId, units]. */
export function packCalls(calls: BookingCall[]): string {
  return JSON.stringify(
    calls.map((c): PackedCall => {
      const packed: PackedCall = [c._id, c.amount, c.timestamp.getTime(), c.productId ?? null, c.keyId, c.planId, c.units ?? null];
      if (c.lineId !== undefined) packed.push(c.lineId);
      return packed;
    }),
  );
}

export function unpackCalls(packed: string): BookingCall[] {
  return (JSON.parse(packed) as PackedCall[]).map(([_id, amount, ms, productId, keyId, planId, units, lineId]) => {
    const call: BookingCall = { _id, amount, timestamp: new Date(ms), keyId, planId };
    if (productId !== null) call.productId = productId;
    if (units !== null) call.units = units;
    if (lineId !== undefined) call.lineId = lineId;
    return call;
  });
}
