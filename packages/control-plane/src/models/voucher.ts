import { Schema } from "mongoose";

/**
 * A prepaid card: a code worth `amount` in `currency` until `expiresAt`. Only the code's SHA-256 is kept.
 * Redeemed once: the state change is one atomic update; the credit it causes is idempotent by voucher id.
 * A voucher with `packId` grants that bundle pack: `amount` is what it was sold at (the pack's price then), its
 * credit pays the pack at redemption and the pack's bundle is issued (a `voucher` pack purchase).
 */
export interface Voucher {
  _id: string;
  batchId: string;
  codeHash: string;
  /** The code's first characters, to recognise it by in support conversations. */
  codePrefix: string;
  amount: number;
  currency: string;
  packId?: string;
  expiresAt: Date;
  status: "active" | "redeemed";
  redeemedBy?: string;
  redeemedAt?: Date;
  /** The credit it caused, once written. */
  ledgerEntryId?: string;
  createdAt: Date;
}

export const voucherSchema = new Schema<Voucher>(
  {
    _id: { type: String, required: true },
    batchId: { type: String, required: true, index: true },
    codeHash: { type: String, required: true, unique: true },
    codePrefix: { type: String, required: true },
    amount: { type: Number, required: true },
    currency: { type: String, required: true },
    packId: { type: String },
    expiresAt: { type: Date, required: true },
    status: { type: String, required: true },
    redeemedBy: { type: String },
    redeemedAt: { type: Date },
    ledgerEntryId: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
voucherSchema.index({ status: 1, ledgerEntryId: 1 });
