import { Schema } from "mongoose";
import type { AccountStatus } from "@tollgate/metering/store";
import { billingDetailsSchema, type BillingDetails } from "./parties.js";

/** Monthly from an anchor day, weekly from an anchor weekday, or yearly from an anchor date (see invoices/cycles.ts). */
export interface BillingCycle {
  interval: "month" | "week" | "year";
  anchorDay: number;
  anchorMonth?: number | undefined;
}
const cycleSchema = { _id: false, interval: String, anchorDay: Number, anchorMonth: Number };

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
  billingCycle?: BillingCycle;
  /** Seats, priced by the plan's `recurring.seatPrice`. */
  seats: number;
  /**
   * Accounts on a plan with a recurring fee: the cycle its periods follow, from the day it started, and the end
   * of the last period it has a fee for.
   */
  subscription?: { cycle: BillingCycle; since: Date; renewedTo?: Date };
  /**
   * The plan whose included bundles the account holds for its current period, and that period's end: the
   * included-bundles job looks at it again then, or when its plan is no longer this one.
   */
  bundlesIssued?: { planId: string; until: Date };
  /** Who its documents are addressed to (absent: its name only). */
  billingDetails?: BillingDetails;
  /**
   * A line of a hierarchy: the account whose wallet pays for its calls (it has none of its own while it is a
   * line). Its id was minted in its payer's partition (store/format.ts, mintInPartitionOf).
   */
  payerId?: string;
  /** A line's limit: the most it may spend of its payer's wallet per calendar month, in micros (absent: none). */
  lineLimit?: number;
  /**
   * The Redis partition its hot state was moved to (it joined a payer of another partition: services/lines/move.ts);
   * absent: the one its id hashes to. Kept here so that it outlives a loss of Redis.
   */
  partition?: number;
  /**
   * A move of its hot state under way (written before the hash it leaves is fenced, cleared when the move ends),
   * so that one its process died in is found and ended (services/lines/move.ts, endInterruptedMoves).
   */
  moving?: { from: number; to: number; at: Date };
  createdAt: Date;
}

export const accountSchema = new Schema<Account>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    planId: { type: String, required: true },
    status: { type: String, required: true },
    billingMode: { type: String, required: true, default: "prepaid" },
    billingCycle: { type: cycleSchema, required: false },
    seats: { type: Number, required: true, default: 1 },
    subscription: { type: { _id: false, cycle: cycleSchema, since: Date, renewedTo: Date }, required: false },
    bundlesIssued: { type: { _id: false, planId: String, until: Date }, required: false },
    billingDetails: { type: billingDetailsSchema, required: false },
    payerId: { type: String, required: false },
    lineLimit: { type: Number, required: false },
    partition: { type: Number, required: false },
    moving: {
      type: new Schema(
        { from: { type: Number, required: true }, to: { type: Number, required: true }, at: { type: Date, required: true } },
        { _id: false, strict: "throw" },
      ),
      required: false,
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
