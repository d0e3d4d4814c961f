import { Schema } from "mongoose";
import type { PlanSpec } from "@tollgate/gateway-plugin";

/** A plan's catalog: products and prices, the unmatched-route rule, quotas, rate limits, refund policy. */
export type Catalog = Omit<PlanSpec, "planId" | "currency">;

export interface Plan {
  _id: string;
  name: string;
  /** Every price of the plan is in this currency; it never changes. */
  currency: string;
  catalog: Catalog;
  createdAt: Date;
  updatedAt: Date;
}

export const planSchema = new Schema<Plan>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    currency: { type: String, required: true },
    catalog: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw", minimize: false },
);

/** What the gateways are told about a plan. */
export function planSpec(plan: Plan): PlanSpec {
  return { planId: plan._id, currency: plan.currency, ...plan.catalog };
}
