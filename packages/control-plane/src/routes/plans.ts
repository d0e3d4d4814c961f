import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { createPlanBody, replaceCatalogBody } from "../http/catalog-schemas.js";
import { id } from "../http/schemas.js";
import { planView, toPlanView } from "../http/views.js";
import { newId } from "../ids.js";
import { planSpec } from "../models/plan.js";
import { audit } from "../services/audit.js";

export { createPlanBody };

const planParams = z.strictObject({ planId: id });

export const createPlan = defineRoute({
  method: "post",
  path: "/v1/plans",
  operationId: "createPlan",
  summary:
    "Create a plan: its currency and catalog (products and prices, quotas, rate limits, refund policy). `pricePerCall` alone makes a flat plan.",
  access: "admin",
  body: createPlanBody,
  responses: { 201: { description: "The plan", schema: planView } },
  async handle({ body, principal, ctx }) {
    const now = new Date();
    const plan = await ctx.models.Plan.create({ _id: newId("plan"), ...body, createdAt: now, updatedAt: now });
    await ctx.hot.publishPlan(planSpec(plan));
    await audit(ctx, principal.actor, "plan.create", plan._id, { name: body.name, currency: body.currency });
    return { status: 201, body: toPlanView(plan) };
  },
});

export const replaceCatalog = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/catalog",
  operationId: "replacePlanCatalog",
  summary: "Replace a plan's catalog. Every gateway applies it within a second (its cached copy is dropped on the change).",
  access: "admin",
  params: planParams,
  body: replaceCatalogBody,
  responses: { 200: { description: "The plan", schema: planView } },
  async handle({ params, body, principal, ctx }) {
    const plan = await ctx.models.Plan.findOneAndUpdate(
      { _id: params.planId },
      { $set: { catalog: body, updatedAt: new Date() } },
      { returnDocument: "after" },
    ).lean();
    if (plan === null) throw new ProblemError("not_found", `No plan ${params.planId}.`);
    await ctx.hot.publishPlan(planSpec(plan));
    await audit(ctx, principal.actor, "plan.catalog.replace", plan._id, { catalog: body });
    return { status: 200, body: toPlanView(plan) };
  },
});

export const getPlan = defineRoute({
  method: "get",
  path: "/v1/plans/:planId",
  operationId: "getPlan",
  summary: "Read a plan.",
  access: "admin",
  params: planParams,
  responses: { 200: { description: "The plan", schema: planView } },
  async handle({ params, ctx }) {
    const plan = await ctx.models.Plan.findById(params.planId).lean();
    if (plan === null) throw new ProblemError("not_found", `No plan ${params.planId}.`);
    return { status: 200, body: toPlanView(plan) };
  },
});

export const listPlans = defineRoute({
  method: "get",
  path: "/v1/plans",
  operationId: "listPlans",
  summary: "List plans, newest first (at most 200).",
  access: "admin",
  responses: { 200: { description: "The plans", schema: z.object({ items: z.array(planView) }) } },
  async handle({ ctx }) {
    const plans = await ctx.models.Plan.find().sort({ createdAt: -1 }).limit(200).lean();
    return { status: 200, body: { items: plans.map(toPlanView) } };
  },
});
