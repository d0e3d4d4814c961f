import { Schema } from "mongoose";

/** An API key as stored: its SHA-256 and a short prefix to recognise it by, never the key itself. */
export interface ApiKey {
  _id: string;
  accountId: string;
  name: string;
  hash: string;
  prefix: string;
  /** `suspended`: refused like a revoked key until an admin clears the anomaly that suspended it. */
  status: "active" | "revoked" | "suspended";
  /** Most this key may spend per period, in micros of the plan's currency. */
  spendCap?: { amount: number; period: "day" | "month" };
  createdAt: Date;
  revokedAt?: Date;
}

export const apiKeySchema = new Schema<ApiKey>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    name: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    status: { type: String, required: true },
    spendCap: { type: { _id: false, amount: Number, period: String }, required: false },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { versionKey: false, strict: "throw" },
);
