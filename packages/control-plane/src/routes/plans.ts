import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { currency, id, name, price } from "../http/schemas.js";
import { planView, toPlanView } from "../http/views.js";
import { newId } from "../ids.js";
import { audit } from "../services/audit.js";

export const createPlanBody = z.strictObject({ name, currency, pricePerCall: price });
export type CreatePlanRequest = z.infer<typeof createPlanBody>;

export const createPlan = defineRoute({
  method: "post",
  path: "/v1/plans",
  operationId: "createPlan",
  summary: "Create a plan with a flat price per call (integer micros).",
  access: "admin",
  body: createPlanBody,
  responses: { 201: { description: "The plan", schema: planView } },
  async handle({ body, principal, ctx }) {
    const plan = await ctx.models.Plan.create({ _id: newId("plan"), ...body, createdAt: new Date() });
    await ctx.hot.publishPlan({ planId: plan._id, currency: plan.currency, pricePerCall: plan.pricePerCall });
    await audit(ctx, principal.actor, "plan.create", plan._id, body);
    return { status: 201, body: toPlanView(plan) };
  },
});

export const getPlan = defineRoute({
  method: "get",
  path: "/v1/plans/:planId",
  operationId: "getPlan",
  summary: "Read a plan.",
  access: "admin",
  params: z.strictObject({ planId: id }),
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
