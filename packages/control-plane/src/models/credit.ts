import { Schema } from "mongoose";

/**
 * The deployment's credit rule: what an account must show before it is given credit (a credit limit, or a
 * postpaid or hybrid billing mode), one document (`_id` "deployment"), the defaults (`DEFAULT_CREDIT_RULE`)
 * until an owner or admin saves one. Its checks are stated once in services/credit/check.ts.
 */
export interface CreditRule {
  _id: string;
  /** Payment history on this system: at least `paidOnTime` invoices paid by their due date, at most `overdue` overdue now. */
  paymentHistory?: { paidOnTime: number; overdue: number } | undefined;
  /** Prepaid tenure: at least `days` since the first top-up that succeeded, and at least `toppedUp` micros topped up. */
  prepaidTenure?: { days: number; toppedUp: number } | undefined;
  /** `any`: one of the configured criteria is enough; `all`: every one must hold. */
  qualifyBy: "any" | "all";
  /** Every grant of credit waits for a staff member of the finance role (never the requester). */
  financeApproval: boolean;
  /** The largest credit limit (micros) given at once; above it a second staff member approves. Absent: no ceiling. */
  autoLimit?: number | undefined;
  updatedAt: Date;
  updatedBy: string;
}

export const DEFAULT_CREDIT_RULE: Omit<CreditRule, "_id" | "updatedAt" | "updatedBy"> = { qualifyBy: "any", financeApproval: false };

export const creditRuleSchema = new Schema<CreditRule>(
  {
    _id: { type: String, required: true },
    paymentHistory: { type: { _id: false, paidOnTime: Number, overdue: Number }, default: undefined },
    prepaidTenure: { type: { _id: false, days: Number, toppedUp: Number }, default: undefined },
    qualifyBy: { type: String, required: true, enum: ["any", "all"] },
    financeApproval: { type: Boolean, required: true },
    autoLimit: { type: Number },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/** Why a grant of credit waits: above the rule's ceiling, or the rule asks finance for every grant. */
export type CreditHold = "above_auto_limit" | "finance_approval";

/**
 * A change of an account's billing that gives more credit than the rule allows at once: it waits for a second
 * staff member. Written once; what became of it is its `CreditDecision` (a unique insert: one decision).
 */
export interface CreditRequest {
  _id: string;
  accountId: string;
  /** The billing asked for, and what it was when asked. */
  billingMode: "prepaid" | "postpaid" | "hybrid";
  creditLimit: number;
  billingCycle?: { interval: "month" | "week" | "year"; anchorDay: number; anchorMonth?: number } | undefined;
  currency: string;
  from: { billingMode: "prepaid" | "postpaid" | "hybrid"; creditLimit: number };
  holds: CreditHold[];
  /** The roles that may decide it (finance alone when the rule asks for finance's approval). */
  approverRoles: string[];
  /**
   * `pending` until decided: a mark made after the decision's unique insert (by the decider, or the credits
   * sweep when the decider died in between), so the list can be filtered and paged by it. The decision decides.
   */
  status: "pending" | "approved" | "rejected";
  requestedBy: string;
  /** The requester's user, when a user asked: a token or console session of that user may not decide it either. */
  requestedByUser?: string | undefined;
  createdAt: Date;
}

export const creditRequestSchema: Schema<CreditRequest> = new Schema<CreditRequest>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    billingMode: { type: String, required: true },
    creditLimit: { type: Number, required: true },
    billingCycle: { type: { _id: false, interval: String, anchorDay: Number, anchorMonth: Number }, default: undefined },
    currency: { type: String, required: true },
    from: { type: new Schema({ billingMode: String, creditLimit: Number }, { _id: false }), required: true },
    holds: { type: [String], required: true },
    approverRoles: { type: [String], required: true },
    status: { type: String, required: true },
    requestedBy: { type: String, required: true },
    requestedByUser: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
creditRequestSchema.index({ status: 1, createdAt: -1, _id: -1 });

/** What became of a credit request: inserted once (`_id` = the request's), so two deciders cannot both win. */
export interface CreditDecision {
  _id: string;
  accountId: string;
  decision: "approved" | "rejected";
  decidedBy: string;
  reason?: string | undefined;
  /** Approved: set once the billing has been applied (a decider that died before is finished by the next call). */
  appliedAt?: Date | undefined;
  at: Date;
}

export const creditDecisionSchema = new Schema<CreditDecision>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    decision: { type: String, required: true },
    decidedBy: { type: String, required: true },
    reason: { type: String },
    appliedAt: { type: Date },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
