import { z } from "zod";
import { failure } from "../domain/outcome.js";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { id, pageBody, pageQueryOf } from "../http/schemas.js";
import { country, createTaxRateBody, planTaxBody, taxRateView, toInstant, toTaxRateView, updateTaxRateBody } from "../http/tax-views.js";
import { planView, toPlanView } from "../http/views.js";
import type { TaxRate } from "../models/index.js";
import { setPlanTax } from "../services/plans/set-tax.js";
import { createTaxRate, updateTaxRate } from "../services/taxes/rates.js";

const taxRateParams = z.strictObject({ taxRateId: id });

export const createTaxRateRoute = defineRoute({
  method: "post",
  path: "/v1/tax-rates",
  operationId: "createTaxRate",
  summary:
    "Add a tax rate for a jurisdiction (a country, or a region of it such as a US state) and a product tax category, valid from a date until another (or until further notice), in parts per million. A rate whose validity overlaps another of the same jurisdiction and category is refused (409). Documents finalized while it is valid use it, and keep it.",
  access: "admin",
  roles: MONEY,
  body: createTaxRateBody,
  responses: {
    201: { description: "The rate", schema: taxRateView },
    409: { description: "Another rate of the jurisdiction and category is valid at some of its instants (`conflict`)" },
  },
  problems: ["conflict"],
  async handle({ body, principal, ctx }) {
    const created = await createTaxRate(
      ctx,
      {
        country: body.country,
        region: body.region,
        category: body.category,
        name: body.name,
        ratePpm: body.ratePpm,
        validFrom: toInstant(body.validFrom),
        validUntil: body.validUntil === undefined ? undefined : toInstant(body.validUntil),
      },
      principal.actor,
    );
    return created.ok ? { status: 201, body: toTaxRateView(created.value) } : created;
  },
});

export const listTaxRatesRoute = defineRoute({
  method: "get",
  path: "/v1/tax-rates",
  operationId: "listTaxRates",
  summary: "Tax rates, newest first (of one `country` when given), cursor-paginated (200 a page unless `limit` says).",
  access: "admin",
  roles: ANY_STAFF,
  query: pageQueryOf(200).extend({ country: country.optional() }),
  responses: {
    200: { description: "A page of rates", schema: z.object({ items: z.array(taxRateView), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    const filter = query.country ? { country: query.country } : {};
    const page = await ctx.cursors.paginate<TaxRate>(
      `tax-rates:${query.country ?? ""}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.TaxRate.find({ ...filter, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return { status: 200, body: pageBody(page, toTaxRateView) };
  },
});

export const getTaxRateRoute = defineRoute({
  method: "get",
  path: "/v1/tax-rates/:taxRateId",
  operationId: "getTaxRate",
  summary: "One tax rate.",
  access: "admin",
  roles: ANY_STAFF,
  params: taxRateParams,
  responses: { 200: { description: "The rate", schema: taxRateView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const rate = await ctx.models.TaxRate.findById(params.taxRateId).lean();
    return rate === null ? failure("not_found", `No tax rate ${params.taxRateId}.`) : { status: 200, body: toTaxRateView(rate) };
  },
});

export const updateTaxRateRoute = defineRoute({
  method: "put",
  path: "/v1/tax-rates/:taxRateId",
  operationId: "updateTaxRate",
  summary:
    "Change a tax rate's name, figure or validity (end it by giving `validUntil`; without it the rate runs until further notice). Its jurisdiction and category never change: add another rate. Documents already finalized keep the rate they printed.",
  access: "admin",
  roles: MONEY,
  params: taxRateParams,
  body: updateTaxRateBody,
  responses: {
    200: { description: "The rate", schema: taxRateView },
    409: { description: "Another rate of the jurisdiction and category is valid at some of its instants (`conflict`)" },
  },
  problems: ["not_found", "conflict", "validation_failed"],
  async handle({ params, body, principal, ctx }) {
    const updated = await updateTaxRate(
      ctx,
      params.taxRateId,
      {
        name: body.name,
        ratePpm: body.ratePpm,
        validFrom: toInstant(body.validFrom),
        validUntil: body.validUntil === undefined ? null : toInstant(body.validUntil),
      },
      principal.actor,
    );
    return updated.ok ? { status: 200, body: toTaxRateView(updated.value) } : updated;
  },
});

export const setPlanTaxRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/tax",
  operationId: "setPlanTax",
  summary:
    "How a plan's prices meet tax: exclusive (documents add the tax) or inclusive (documents take it out of the prices), the tax category of its products, fees and seats, and products in another category. Applies to documents finalized from now on.",
  access: "admin",
  roles: MONEY,
  params: z.strictObject({ planId: id }),
  body: planTaxBody,
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const set = await setPlanTax(ctx, params.planId, body, principal.actor);
    return set.ok ? { status: 200, body: toPlanView(set.value) } : set;
  },
});
