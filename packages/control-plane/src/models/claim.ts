import { Schema } from "mongoose";

/**
 * A claim on something that must happen at most once or by one process at a time: a lock, a voucher's
 * redemption, a wallet's auto-recharge slot. Its `_id` names the thing; taking the claim is inserting it.
 *
 * Why an insert: a unique insert is the one primitive that admits exactly one winner on every server we
 * support. Conditional updates (`updateOne({status: "active"}, …)`, findOneAndUpdate) are atomic on
 * MongoDB but not on FerretDB v1's SQLite backend, where 20 concurrent racers were seen to "win" the same
 * status change.
 */
export interface Claim {
  _id: string;
  holder: string;
  expiresAt: Date;
  data?: Record<string, unknown>;
}

export const claimSchema = new Schema<Claim>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed },
  },
  { versionKey: false, strict: "throw" },
);
claimSchema.index({ "data.creditPending": 1 }, { sparse: true });
