import { z } from "zod";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { accountParams, id, name, positiveAmount, timestamp } from "../http/schemas.js";
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
  summary: "An account's grants, in consumption order (active first).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The grants", schema: z.object({ items: z.array(grantView) }) } },
  async handle({ params, ctx }) {
    const grants = await ctx.models.Grant.find({ accountId: params.accountId })
      .sort({ status: 1, ...CONSUMPTION_ORDER })
      .limit(200)
      .lean();
    return { status: 200, body: { items: grants.map(toGrantView) } };
  },
});
