import { z } from "zod";
import { failure } from "../domain/outcome.js";
import { ANY_STAFF, MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { createPlanBody, replaceCatalogBody } from "../http/catalog-schemas.js";
import { id, pageBody, pageQueryOf } from "../http/schemas.js";
import type { Plan } from "../models/index.js";
import { planView, toPlanView } from "../http/views.js";
import { createPlan, replaceCatalog } from "../services/plans/publish.js";

const planParams = z.strictObject({ planId: id });

export const createPlanRoute = defineRoute({
  method: "post",
  path: "/v1/plans",
  operationId: "createPlan",
  summary:
    "Create a plan: its currency and catalog (products and prices, quotas, rate limits, refund policy). `pricePerCall` alone makes a flat plan.",
  access: "admin",
  roles: MANAGERS,
  body: createPlanBody,
  responses: { 201: { description: "The plan", schema: planView } },
  handle: async ({ body, principal, ctx }) => ({
    status: 201,
    body: toPlanView(await createPlan(ctx, { ...body, actor: principal.actor })),
  }),
});

export const replaceCatalogRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/catalog",
  operationId: "replacePlanCatalog",
  summary: "Replace a plan's catalog. Every gateway applies it within a second (its cached copy is dropped on the change).",
  access: "admin",
  roles: MANAGERS,
  params: planParams,
  body: replaceCatalogBody,
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const replaced = await replaceCatalog(ctx, params.planId, body, principal.actor);
    return replaced.ok ? { status: 200, body: toPlanView(replaced.value) } : replaced;
  },
});

export const getPlan = defineRoute({
  method: "get",
  path: "/v1/plans/:planId",
  operationId: "getPlan",
  summary: "Read a plan.",
  access: "admin",
  roles: ANY_STAFF,
  params: planParams,
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const plan = await ctx.models.Plan.findById(params.planId).lean();
    if (plan === null) return failure("not_found", `No plan ${params.planId}.`);
    return { status: 200, body: toPlanView(plan) };
  },
});

export const listPlans = defineRoute({
  method: "get",
  path: "/v1/plans",
  operationId: "listPlans",
  summary: "List plans, newest first, cursor-paginated (200 a page unless `limit` says).",
  access: "admin",
  roles: ANY_STAFF,
  // 200 a page by default: what the list answered before it had pages.
  query: pageQueryOf(200),
  responses: {
    200: { description: "A page of plans", schema: z.object({ items: z.array(planView), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    const page = await ctx.cursors.paginate<Plan>("plans", "createdAt", query.limit, query.cursor, (after, sort, take) =>
      ctx.models.Plan.find(after).sort(sort).limit(take).lean(),
    );
    return { status: 200, body: pageBody(page, toPlanView) };
  },
});
