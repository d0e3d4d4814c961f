import { z } from "zod";
import { ANY_STAFF, MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams, id, name, pageBody, pageQueryOf, positiveAmount } from "../http/schemas.js";
import type { ApiKey } from "../models/index.js";
import { apiKeyView, toApiKeyView } from "../http/views.js";
import { createApiKey } from "../services/keys/create.js";
import { revokeApiKey } from "../services/keys/revoke.js";
import { accountLimits } from "../services/accounts/limits.js";

const period = z.enum(["day", "month"]);
const limitsView = z.object({
  currency: z.string(),
  timeZone: z.string().describe("the plan's: periods are its local days and months"),
  quotas: z.array(
    z.object({
      id: z.string(),
      metric: z.enum(["calls", "units"]),
      productId: z.string().optional(),
      period,
      periodKey: z.string().describe("`2026-11-22` or `2026-11`"),
      used: z.number().int(),
      limit: z.number().int(),
      enforcement: z.enum(["hard", "soft"]),
    }),
  ),
  keys: z.array(
    z.object({
      keyId: z.string(),
      name: z.string(),
      period,
      periodKey: z.string(),
      spent: z.number().int().describe("micros spent through the key this period"),
      cap: z.number().int(),
    }),
  ),
});

const createApiKeyBody = z.strictObject({
  name: name.optional(),
  /** Most this key may spend per period (micros of the plan's currency): one account, several budgets. */
  spendCap: z.strictObject({ amount: positiveAmount, period: z.enum(["day", "month"]) }).optional(),
});

export const createApiKeyRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/keys",
  operationId: "createApiKey",
  summary:
    "Issue an API key (admin, or the account's portal session opened by a portal link; never an API key, so a leaked key cannot mint others). The key is in this response only; Tollgate keeps its SHA-256.",
  access: "owner_link",
  roles: MANAGERS,
  params: accountParams,
  body: createApiKeyBody,
  responses: { 201: { description: "The key, shown once", schema: apiKeyView.extend({ key: z.string() }) } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const created = await createApiKey(ctx, {
      accountId: params.accountId,
      name: body.name,
      spendCap: body.spendCap,
      actor: principal.actor,
    });
    if (!created.ok) return created;
    const { apiKey, key } = created.value;
    return { status: 201, body: { ...toApiKeyView(apiKey), key } };
  },
});

export const listApiKeys = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/keys",
  operationId: "listApiKeys",
  summary:
    "List an account's API keys, never the keys themselves (admin, or the account's own key or portal session), oldest first, cursor-paginated (1,000 a page unless `limit` says).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  // 1,000 a page by default: the whole list, as it was answered before it had pages.
  query: pageQueryOf(1_000),
  responses: {
    200: { description: "A page of keys", schema: z.object({ items: z.array(apiKeyView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginate<ApiKey>(
      `keys:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.ApiKey.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
      "oldest",
    );
    return { status: 200, body: pageBody(page, toApiKeyView) };
  },
});

export const revokeApiKeyRoute = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/keys/:keyId",
  operationId: "revokeApiKey",
  summary:
    "Revoke an API key: every gateway refuses it from the next call on (admin, or the account's portal session opened by a portal link).",
  access: "owner_link",
  roles: MANAGERS,
  params: accountParams.extend({ keyId: id }),
  responses: { 200: { description: "The revoked key", schema: apiKeyView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const revoked = await revokeApiKey(ctx, { accountId: params.accountId, keyId: params.keyId, actor: principal.actor });
    return revoked.ok ? { status: 200, body: toApiKeyView(revoked.value) } : revoked;
  },
});

export const accountLimitsRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/limits",
  operationId: "getAccountLimits",
  summary:
    "What the account has used this period of each quota of its plan and of each key's spending cap, from the counters the gateways hold the next call to (admin, or the account's own key or portal session).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "Quota and cap use", schema: limitsView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const limits = await accountLimits(ctx, params.accountId);
    return limits.ok ? { status: 200, body: limits.value } : limits;
  },
});
