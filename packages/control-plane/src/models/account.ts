import { Schema } from "mongoose";
import type { AccountStatus } from "@tollgate/gateway-plugin/store";

/**
 * prepaid: spends its balance, hard stop at 0. postpaid: starts at 0 and runs up to its credit limit, billed
 * later. hybrid: spends its prepaid balance first, then up to its credit limit.
 */
export type BillingMode = "prepaid" | "postpaid" | "hybrid";

export interface Account {
  _id: string;
  name: string;
  planId: string;
  status: AccountStatus;
  billingMode: BillingMode;
  /** When its invoices are cut (postpaid and hybrid); a calendar month when absent. */
  billingCycle?: { interval: "month" | "week"; anchorDay: number };
  createdAt: Date;
}

export const accountSchema = new Schema<Account>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    planId: { type: String, required: true },
    status: { type: String, required: true },
    billingMode: { type: String, required: true, default: "prepaid" },
    billingCycle: { type: { _id: false, interval: String, anchorDay: Number }, required: false },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
