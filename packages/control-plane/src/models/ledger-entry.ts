import { Schema } from "mongoose";

/**
 * One money movement. Its amount, wallet and idempotency key never change; `appliedAt` and
 * `balanceAfter` are filled once, when the movement has reached the hot balance in Redis. A wallet's
 * balance is the sum of its entries' amounts.
 *
 * `credit`, `adjustment` (a signed correction: an admin's, a credit note's, an invoice's rounding), `reversal`
 * (a refunded recharge taken back), `grant`, `expiry` (a grant's unused remainder leaving) and `payment` (money
 * received for an invoice) and `fee` (a subscription's recurring fee, or a change's prorated charge or credit)
 * entries move the hot balance when applied, and so does `pack` (a bundle pack's price: revenue, as a fee is). `usage` entries book calls already
 * charged in Redis (a batch of usage events, each marked with the entry's id), so they are applied from the start.
 */
export const LEDGER_ENTRY_TYPES = ["credit", "adjustment", "grant", "reversal", "expiry", "payment", "fee", "pack", "usage"] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];
export interface LedgerEntry {
  _id: string;
  walletId: string;
  accountId: string;
  currency: string;
  type: LedgerEntryType;
  /** For `usage` entries: how many usage events the entry books. */
  usageCount?: number;
  /** Signed integer micros. */
  amount: number;
  idempotencyKey: string;
  /** SHA-256 of the request that created the entry: a replay with another body is refused. */
  requestHash: string;
  actor: string;
  reason?: string;
  /** `payment` entries, and the adjustments of an invoice's credit notes and rounding: the invoice concerned. */
  invoiceId?: string;
  createdAt: Date;
  appliedAt?: Date;
  balanceAfter?: number;
}

export const ledgerEntrySchema = new Schema<LedgerEntry>(
  {
    _id: { type: String, required: true },
    walletId: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    type: { type: String, required: true },
    usageCount: { type: Number },
    amount: { type: Number, required: true },
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    actor: { type: String, required: true },
    reason: { type: String },
    invoiceId: { type: String },
    createdAt: { type: Date, required: true },
    appliedAt: { type: Date },
    balanceAfter: { type: Number },
  },
  { versionKey: false, strict: "throw" },
);
ledgerEntrySchema.index({ walletId: 1, idempotencyKey: 1 }, { unique: true });
ledgerEntrySchema.index({ appliedAt: 1, createdAt: 1 });
ledgerEntrySchema.index({ accountId: 1, createdAt: -1, _id: -1 });
ledgerEntrySchema.index({ invoiceId: 1 });
