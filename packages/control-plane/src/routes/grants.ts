import { z } from "zod";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { accountParams, id, name, pageBody, pageQueryOf, positiveAmount, timestamp } from "../http/schemas.js";
import type { Grant } from "../models/index.js";
import { grantView, toGrantView } from "../http/views.js";
import { CONSUMPTION_ORDER } from "../services/grants/allocate.js";
import { issueGrant } from "../services/grants/issue.js";

export const issueGrantRoute = defineRoute({
  method: "post",
  path: "/v1/wallets/:walletId/grants",
  operationId: "issueGrant",
  summary:
    "Grant credits (promotional or paid) that are spent before the wallet's own money, in consumption order (lowest priority number, then soonest expiry, then oldest), and whose remainder leaves at expiry. Requires an Idempotency-Key.",
  access: "admin",
  roles: MONEY,
  idempotent: true,
  params: z.strictObject({ walletId: id }),
  body: z.strictObject({
    kind: z.enum(["promotional", "paid"]),
    amount: positiveAmount,
    priority: z.number().int().min(0).max(1_000).default(0),
    expiresAt: timestamp.refine((at) => Date.parse(at) > Date.now(), "expiresAt must be in the future"),
    reason: name.optional(),
  }),
  responses: { 201: { description: "The grant", schema: grantView } },
  problems: ["not_found", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const expiresAt = new Date(body.expiresAt);
    const issued = await issueGrant(ctx, {
      walletId: params.walletId,
      kind: body.kind,
      amount: body.amount,
      priority: body.priority,
      expiresAt,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!issued.ok) return issued;
    const { grant, replayed } = issued.value;
    return { status: 201, body: toGrantView(grant), headers: replayHeaders(replayed) };
  },
});

export const listGrants = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/grants",
  operationId: "listGrants",
  summary: "An account's grants, in consumption order (active first), cursor-paginated (200 a page unless `limit` says).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  // 200 a page by default: what the list answered before it had pages.
  query: pageQueryOf(200),
  responses: {
    200: { description: "A page of grants", schema: z.object({ items: z.array(grantView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    // Consumption order is not a time order: the cursor holds the last grant's status, priority, expiry, age and id.
    const page = await ctx.cursors.paginateBy<Grant>(
      `grants:${params.accountId}`,
      { status: 1, ...CONSUMPTION_ORDER },
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.Grant.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return { status: 200, body: pageBody(page, toGrantView) };
  },
});
