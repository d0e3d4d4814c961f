import { z } from "zod";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { accountParams, id, name, pageBody, pageQueryOf, timestamp } from "../http/schemas.js";
import type { Bundle } from "../models/index.js";
import { bundleView, toBundleView } from "../http/views.js";
import { issueBundle } from "../services/bundles/issue.js";
import { revokeBundle } from "../services/bundles/revoke.js";
import { withRemaining } from "../services/bundles/list.js";

/** Consumption order, stated once on the model (models/bundle.ts); active bundles first. */
const BUNDLE_ORDER = { status: 1, priority: 1, expiresAt: 1, createdAt: 1, _id: 1 } as const;

export const issueBundleRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/bundles",
  operationId: "issueBundle",
  summary:
    "Grant a bundle of units of one product of the account's plan, consumed before money (lowest priority number, then soonest expiry, then oldest) until it expires; `overage` says whether the units its bundles do not cover are charged at the plan's price or refused (402 bundle_exhausted). Requires an Idempotency-Key.",
  access: "admin",
  roles: MONEY,
  idempotent: true,
  params: accountParams,
  body: z.strictObject({
    productId: z.string().min(1).max(64),
    units: z.number().int().min(1).max(1_000_000_000_000),
    priority: z.number().int().min(0).max(1_000).default(0),
    expiresAt: timestamp.refine((at) => Date.parse(at) > Date.now(), "expiresAt must be in the future"),
    overage: z.enum(["charge", "refuse"]).default("charge"),
    reason: name.optional(),
  }),
  responses: { 201: { description: "The bundle", schema: bundleView } },
  problems: ["not_found", "unprocessable", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const issued = await issueBundle(ctx, {
      accountId: params.accountId,
      productId: body.productId,
      units: body.units,
      priority: body.priority,
      expiresAt: new Date(body.expiresAt),
      overage: body.overage,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!issued.ok) return issued;
    const { bundle, replayed } = issued.value;
    return { status: 201, body: toBundleView(bundle), headers: replayHeaders(replayed) };
  },
});

export const listBundlesRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/bundles",
  operationId: "listBundles",
  summary:
    "An account's bundles with the units each has left now, active first in consumption order, cursor-paginated (200 a page unless `limit` says) (staff, or the account's own key or portal session).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: pageQueryOf(200),
  responses: {
    200: { description: "A page of bundles", schema: z.object({ items: z.array(bundleView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginateBy<Bundle>(
      `bundles:${params.accountId}`,
      BUNDLE_ORDER,
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.Bundle.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    const items = await withRemaining(ctx, params.accountId, page.items);
    return { status: 200, body: pageBody({ ...page, items }, toBundleView) };
  },
});

export const revokeBundleRoute = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/bundles/:bundleId",
  operationId: "revokeBundle",
  summary:
    "Revoke a bundle: no call takes from it any more, and the units it had left leave through its unit ledger. A bundle that has ended is answered as it is.",
  access: "admin",
  roles: MONEY,
  params: accountParams.extend({ bundleId: id }),
  responses: { 200: { description: "The revoked bundle", schema: bundleView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const revoked = await revokeBundle(ctx, { accountId: params.accountId, bundleId: params.bundleId, actor: principal.actor });
    return revoked.ok ? { status: 200, body: toBundleView(revoked.value) } : revoked;
  },
});
