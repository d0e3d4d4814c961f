import { Schema } from "mongoose";
import { newId } from "../ids.js";

/**
 * The booking path's own collections. Usage events are written once, by the ingester, and never updated:
 * on FerretDB v1 every query but `{_id: <value>}` and every update reads the whole collection, so anything
 * booking did to the usage events would cost as much as the whole history. Booking works on these instead:
 * the backlog (small: what is not booked yet), the claims (insert-only, read by `_id`), and the marks (one
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
}

/**
 * Ingested calls of one wallet not yet booked: written by the ingester beside the usage events, one document
 * per wallet per write (a document per call would cost FerretDB a row per call, twice), deleted once booked.
 * A call may be in two of them (its events written again after a crash): its claim books it once.
 */
export interface UnbookedUsage {
  _id: string;
  accountId: string;
  currency: string;
  ingestedAt: Date;
  calls: BookingCall[];
}

/** The one ledger entry that books a call: the unique insert that books it once. */
export interface UsageClaim {
  /** The usage event's id. */
  _id: string;
  entryId: string;
}

/**
 * A booking under way: the entry id, the calls it claims (with what the entry needs of them), written before
 * any claim. A booker that dies leaves it behind, and the next booker finishes it by its id.
 */
export interface BookingMark {
  /** The ledger entry's id. */
  _id: string;
  accountId: string;
  currency: string;
  calls: BookingCall[];
  createdAt: Date;
}

const callFields = {
  _id: { type: String, required: true },
  amount: { type: Number, required: true },
  timestamp: { type: Date, required: true },
  productId: { type: String },
  keyId: { type: String, required: true },
  planId: { type: String, required: true },
  units: { type: Number },
} as const;

const bookingCallSchema = new Schema<BookingCall>(callFields, { _id: false, versionKey: false });

export const unbookedUsageSchema = new Schema<UnbookedUsage>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    ingestedAt: { type: Date, required: true },
    calls: { type: [bookingCallSchema], required: true },
  },
  { versionKey: false, strict: "throw" },
);

export const usageClaimSchema = new Schema<UsageClaim>(
  { _id: { type: String, required: true }, entryId: { type: String, required: true } },
  { versionKey: false, strict: "throw" },
);

export const bookingMarkSchema = new Schema<BookingMark>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    calls: { type: [bookingCallSchema], required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/** What booking keeps of a usage event. */
export function bookingCallOf(e: BookingCall): BookingCall {
  const call: BookingCall = { _id: e._id, amount: e.amount, timestamp: e.timestamp, keyId: e.keyId, planId: e.planId };
  if (e.productId !== undefined) call.productId = e.productId;
  if (e.units !== undefined) call.units = e.units;
  return call;
}

/** The backlog documents for some usage events: one per wallet. */
export function backlogOf(events: (BookingCall & { accountId: string; currency: string })[], ingestedAt = new Date()): UnbookedUsage[] {
  const byWallet = new Map<string, UnbookedUsage>();
  for (const e of events) {
    const wallet = `${e.accountId}\u0000${e.currency}`;
    let doc = byWallet.get(wallet);
    if (doc === undefined)
      byWallet.set(wallet, (doc = { _id: newId("ubk"), accountId: e.accountId, currency: e.currency, ingestedAt, calls: [] }));
    doc.calls.push(bookingCallOf(e));
  }
  return [...byWallet.values()];
}
