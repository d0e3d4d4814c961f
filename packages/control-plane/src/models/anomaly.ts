import { Schema } from "mongoose";
import type { AnomalyPolicy } from "./plan.js";

/**
 * An hour of an account's usage far above its own baseline (see AnomalyPolicy). `_id` is
 * `<accountId>|<currency>|<hour ISO>`, so an hour is listed once however often detection runs; while one is
 * open, the account's next hours add none (one episode, one notification, one mitigation).
 */
export interface Anomaly {
  _id: string;
  accountId: string;
  currency: string;
  hour: Date;
  calls: number;
  amount: number;
  /** Average calls an hour over the baseline window. */
  baselineCalls: number;
  baselineAmount: number;
  threshold: number;
  policy: AnomalyPolicy;
  /** The key that made most of the hour's calls: the one a mitigation acts on. */
  keyId: string;
  status: "open" | "cleared";
  /** What was done, and what it replaced (to undo it when cleared). */
  mitigation: { action: AnomalyPolicy["mitigation"]; previousSpendCap?: { amount: number; period: "day" | "month" } | null };
  detectedAt: Date;
  clearedAt?: Date;
  clearedBy?: string;
  clearReason?: string;
}

export const anomalySchema: Schema<Anomaly> = new Schema<Anomaly>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    hour: { type: Date, required: true },
    calls: { type: Number, required: true },
    amount: { type: Number, required: true },
    baselineCalls: { type: Number, required: true },
    baselineAmount: { type: Number, required: true },
    threshold: { type: Number, required: true },
    policy: { type: Schema.Types.Mixed, required: true },
    keyId: { type: String, required: true },
    status: { type: String, required: true },
    mitigation: { type: Schema.Types.Mixed, required: true },
    detectedAt: { type: Date, required: true },
    clearedAt: { type: Date },
    clearedBy: { type: String },
    clearReason: { type: String },
  },
  { versionKey: false, strict: "throw", minimize: false },
);
anomalySchema.index({ accountId: 1, status: 1 });
