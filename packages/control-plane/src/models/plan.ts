import { Schema } from "mongoose";
import type { PlanSpec } from "@tollgate/metering";
import type { Recurring } from "./fee.js";

/** A plan's catalog: products and prices, the unmatched-route rule, quotas, rate limits, refund policy. */
export type Catalog = Omit<PlanSpec, "planId" | "currency">;

export interface Plan {
  _id: string;
  name: string;
  /** Every price of the plan is in this currency; it never changes. */
  currency: string;
  catalog: Catalog;
  /** How usage far above an account's own baseline is flagged, and what is done about it (defaults: ANOMALY_DEFAULTS). */
  anomalyPolicy?: AnomalyPolicy;
  /** A recurring fee and per-seat price, charged per period beside usage (see fee.ts). */
  recurring?: Recurring;
  /** Customers may move to (and from) this plan themselves, from their portal, with at most `maxSeats` seats. */
  selfService?: { maxSeats: number };
  /** How its prices meet tax: exclusive (tax added on documents) or inclusive, and each product's tax category. */
  tax?: PlanTax;
  /** Bundles each account on the plan is given for each period (or once), consumed before money (services/bundles/included.ts). */
  includedBundles?: IncludedBundle[];
  createdAt: Date;
  updatedAt: Date;
}

export const planSchema = new Schema<Plan>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    currency: { type: String, required: true },
    catalog: { type: Schema.Types.Mixed, required: true },
    anomalyPolicy: { type: { _id: false, factor: Number, minCalls: Number, mitigation: String }, required: false },
    recurring: { type: { _id: false, interval: String, fee: Number, seatPrice: Number, graceHours: Number }, required: false },
    selfService: { type: { _id: false, maxSeats: Number }, required: false },
    tax: {
      type: { _id: false, inclusive: Boolean, category: String, products: [{ _id: false, productId: String, category: String }] },
      required: false,
    },
    includedBundles: {
      type: [{ _id: false, productId: String, units: Number, overage: String, priority: Number, recurrence: String, rolloverCap: Number }],
      default: undefined,
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw", minimize: false },
);

/**
 * A bundle included in a plan, for one product: `units` valid for the period (the subscription's when the plan
 * has a recurring fee, else the account's billing cycle), issued at the start of every period (`recurrence:
 * period`) or of the first one only (`once`). When it expires, at most `rolloverCap` of the units it has left
 * roll over into the next period (0: none); the rest expire.
 */
export interface IncludedBundle {
  productId: string;
  units: number;
  overage: "charge" | "refuse";
  priority: number;
  recurrence: "period" | "once";
  rolloverCap: number;
}

/**
 * A plan's prices are exclusive of tax (tax is added on its documents) unless `inclusive`. Its products are in
 * the `category` tax category (default `standard`), but for those `products` maps to another; fees and seats
 * are in `category`. Absent: exclusive, everything `standard`.
 */
export interface PlanTax {
  inclusive: boolean;
  category: string;
  products: { productId: string; category: string }[];
}
export const PLAN_TAX_DEFAULTS: PlanTax = { inclusive: false, category: "standard", products: [] };

/** A plan's tax settings as they apply: what it set, the defaults for the rest. */
export const planTaxOf = (plan: Pick<Plan, "tax"> | null | undefined): PlanTax => ({ ...PLAN_TAX_DEFAULTS, ...(plan?.tax ?? {}) });

/**
 * An hour is anomalous when an account's calls in it exceed `max(minCalls, factor × baseline)`, the baseline
 * being its average calls an hour over the 7 reporting days before today. `mitigation`: nothing more than the
 * listing and the notification, suspending the hour's busiest key, or capping that key's daily spending at a
 * usual day's (the baseline's amount × 24), until an admin clears the anomaly.
 */
export interface AnomalyPolicy {
  factor: number;
  minCalls: number;
  mitigation: "none" | "suspend_key" | "cap_spending";
}
export const ANOMALY_DEFAULTS: AnomalyPolicy = { factor: 5, minCalls: 100, mitigation: "none" };

/** What the gateways are told about a plan. */
export function planSpec(plan: Plan): PlanSpec {
  return { planId: plan._id, currency: plan.currency, ...plan.catalog };
}
