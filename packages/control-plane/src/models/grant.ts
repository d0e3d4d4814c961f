import { Schema } from "mongoose";

/**
 * Credits granted rather than bought (promotional) or bought with terms (paid), spent before the wallet's
 * own money and lost at expiry. Consumption order, stated once: lowest `priority` number first, then the
 * soonest `expiresAt`, then the oldest grant; the wallet's own balance last.
 *
 * Usage is attributed to grants when it is booked into the ledger: each booked usage entry takes from the
 * grants in that order, recorded in `allocations` by entry id, so that no entry is counted twice. At expiry
 * the remainder leaves the wallet through an `expiry` ledger entry.
 */
export interface Grant {
  _id: string;
  walletId: string;
  accountId: string;
  currency: string;
  kind: "promotional" | "paid";
  amount: number;
  remaining: number;
  priority: number;
  expiresAt: Date;
  status: "active" | "expired";
  allocations: { entryId: string; amount: number }[];
  reason?: string;
  idempotencyKey: string;
  creditEntryId?: string;
  expiryEntryId?: string;
  createdAt: Date;
}

export const grantSchema = new Schema<Grant>(
  {
    _id: { type: String, required: true },
    walletId: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    kind: { type: String, required: true },
    amount: { type: Number, required: true },
    remaining: { type: Number, required: true },
    priority: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    status: { type: String, required: true },
    allocations: { type: [{ _id: false, entryId: String, amount: Number }], default: [] },
    reason: { type: String },
    idempotencyKey: { type: String, required: true },
    creditEntryId: { type: String },
    expiryEntryId: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
grantSchema.index({ walletId: 1, idempotencyKey: 1 }, { unique: true });
grantSchema.index({ walletId: 1, status: 1 });
grantSchema.index({ status: 1, expiresAt: 1 });
// An account's grants a page at a time, in consumption order (GET …/grants).
grantSchema.index({ accountId: 1, status: 1, priority: 1, expiresAt: 1, createdAt: 1, _id: 1 });
