import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { planSpec, type Catalog, type Plan } from "../../models/plan.js";
import type { Recurring } from "../../models/fee.js";
import { audit } from "../audit.js";

/** A plan: its currency (never changes) and its catalog, published to the gateways at once. */
export async function createPlan(
  ctx: AppContext,
  input: { name: string; currency: string; catalog: Catalog; recurring?: Recurring | undefined; actor: string },
): Promise<Plan> {
  const now = new Date();
  const plan = (
    await ctx.models.Plan.create({
      _id: newId("plan"),
      name: input.name,
      currency: input.currency,
      catalog: input.catalog,
      ...(input.recurring === undefined ? {} : { recurring: input.recurring }),
      createdAt: now,
      updatedAt: now,
    })
  ).toObject();
  await ctx.hot.publishPlan(planSpec(plan));
  await audit(ctx, input.actor, "plan.create", plan._id, { name: input.name, currency: input.currency, recurring: input.recurring });
  return plan;
}

/** Replace a plan's catalog whole; every gateway drops its compiled copy on the announcement. */
export async function replaceCatalog(
  ctx: AppContext,
  planId: string,
  catalog: Catalog,
  actor: string,
): Promise<Outcome<Plan, "not_found">> {
  const plan = await ctx.models.Plan.findOneAndUpdate(
    { _id: planId },
    { $set: { catalog, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  await ctx.hot.publishPlan(planSpec(plan));
  await audit(ctx, actor, "plan.catalog.replace", plan._id, { catalog });
  return ok(plan);
}
