import { Schema } from "mongoose";

/**
 * One charged call, as the gateway recorded it; `_id` is the gateway's event id, so ingestion is idempotent.
 * Booking and invoicing never update it (see models/booking.ts): the ledger entry that books it is its
 * `CallAssignment`, the invoice that bills it its `InvoiceAssignment`.
 */
export interface UsageEvent {
  _id: string;
  accountId: string;
  keyId: string;
  planId: string;
  currency: string;
  /**
   * Integer micros booked for this call: its price, or 0 when its charge was voided before the event reached
   * MongoDB. A call refunded after (`refundedAmount`) keeps the amount it was booked with, and its own
   * `usage` ledger entry gives it back; its price (the API's `amount`) is 0.
   */
  amount: number;
  method: string;
  path: string;
  productId?: string;
  units?: number;
  /** Two-phase charges: how the call ended. */
  status?: number;
  durationMs?: number;
  requestBytes?: number;
  responseBytes?: number;
  /** Returned to the caller (upstream failure, abort, or reaped after its gateway died). */
  refunded?: boolean;
  /** A voided call: the micros its charge had taken and its void gave back (absent on events from before it was kept). */
  refundedAmount?: number;
  quotasExceeded?: string[];
  /** What the usage was (`destination`, `model`…), as charged. */
  attributes?: Record<string, string>;
  /** The value of the rate line that priced it, for a product rated by a dimension. */
  rateLine?: string;
  /** Who charged it, for a charge made with a staff credential (`user:…`, `token:…`, `admin:…`): audited too. */
  actor?: string;
  /** The bundles that paid its units, and how many each (the rest, if any, was charged in money). */
  bundles?: { bundleId: string; units: number }[];
  /** The payer whose wallet paid its amount (a call of a line of a hierarchy): booked on that wallet. */
  payerId?: string;
  timestamp: Date;
  ingestedAt: Date;
}

export const usageEventSchema = new Schema<UsageEvent>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    keyId: { type: String, required: true },
    planId: { type: String, required: true },
    currency: { type: String, required: true },
    amount: { type: Number, required: true },
    method: { type: String, required: true },
    path: { type: String, required: true },
    productId: { type: String },
    units: { type: Number },
    status: { type: Number },
    durationMs: { type: Number },
    requestBytes: { type: Number },
    responseBytes: { type: Number },
    refunded: { type: Boolean },
    refundedAmount: { type: Number },
    quotasExceeded: { type: [String], default: undefined },
    attributes: { type: Schema.Types.Mixed },
    rateLine: { type: String },
    actor: { type: String },
    bundles: { type: [{ _id: false, bundleId: String, units: Number }], default: undefined },
    payerId: { type: String },
    timestamp: { type: Date, required: true },
    ingestedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
usageEventSchema.index({ accountId: 1, timestamp: -1, _id: -1 });
