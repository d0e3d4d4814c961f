import { defineRoute } from "../http/route.js";
import { ANY_STAFF, NO_STAFF } from "../http/roles.js";
import { ownAccount } from "../http/auth.js";
import { accountParams, pageQuery } from "../http/schemas.js";
import { toUsageEventView, usagePageView } from "../http/views.js";
import { listUsage } from "../services/usage/list.js";
import type { AppContext } from "../context.js";

async function usagePage(ctx: AppContext, accountId: string, query: { limit: number; cursor?: string | undefined }) {
  const page = await listUsage(ctx, accountId, query.limit, query.cursor);
  return { items: page.items.map(toUsageEventView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export const listAccountUsage = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/usage",
  operationId: "listUsage",
  summary: "An account's usage events, newest first, with cursor pagination (admin, or the account's own API key).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: pageQuery,
  responses: { 200: { description: "A page of usage events", schema: usagePageView } },
  handle: async ({ params, query, ctx }) => ({ status: 200, body: await usagePage(ctx, params.accountId, query) }),
});

export const listMyUsage = defineRoute({
  method: "get",
  path: "/v1/me/usage",
  operationId: "listMyUsage",
  summary: "The calling API key's account usage events, newest first, with cursor pagination.",
  access: "consumer",
  roles: NO_STAFF,
  query: pageQuery,
  responses: { 200: { description: "A page of usage events", schema: usagePageView } },
  handle: async ({ principal, query, ctx }) => ({ status: 200, body: await usagePage(ctx, ownAccount(principal), query) }),
});
