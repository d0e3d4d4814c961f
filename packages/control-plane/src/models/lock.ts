import { Schema } from "mongoose";

/**
 * A lock on something that must happen at most once or by one process at a time: a job that must not
 * overlap, a voucher's redemption (held for good), a wallet's auto-recharge slot. Its `_id` names the thing;
 * taking the lock is inserting it.
 *
 * Why an insert: a unique insert is the one primitive that admits exactly one winner on every server we
 * support. Conditional updates (`updateOne({status: "active"}, …)`, findOneAndUpdate) are atomic on
 * MongoDB but not on FerretDB v1's SQLite backend, where 20 concurrent racers were seen to "win" the same
 * status change.
 */
export interface Lock {
  _id: string;
  holder: string;
  expiresAt: Date;
  data?: Record<string, unknown>;
}

export const lockSchema = new Schema<Lock>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed },
  },
  { versionKey: false, strict: "throw" },
);
lockSchema.index({ "data.creditPending": 1 }, { sparse: true });
