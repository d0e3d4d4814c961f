import { z } from "zod";
import { ANY_STAFF, MANAGERS, NO_STAFF } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { ownAccount } from "../http/auth.js";
import { accountParams, id, pageQuery } from "../http/schemas.js";
import { reconciliationView, toLedgerEntryView, toReconciliationView, transactionsPage } from "../http/views.js";
import type { AppContext } from "../context.js";
import { listTransactions } from "../services/ledger/transactions.js";
import { isTimeZone } from "../services/reports/clock.js";
import { reconcile } from "../services/ledger/reconcile.js";
import { rebuildMissing } from "../services/ledger/rebuild.js";
import { audit } from "../services/audit.js";

/** A page of the ledger; with `timeZone`, each local day of its usage entries with the whole day's totals. */
const transactionsQuery = pageQuery.extend({
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, "an IANA time zone, e.g. Europe/Paris")
    .optional()
    .describe("answer `usageDays` too: each day (in this zone) of the page's usage entries, with the whole day's totals"),
});

async function transactions(ctx: AppContext, accountId: string, query: z.infer<typeof transactionsQuery>) {
  const page = await listTransactions(ctx, accountId, query.limit, query.cursor, query.timeZone);
  return {
    items: page.items.map(toLedgerEntryView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    ...(page.usageDays ? { usageDays: page.usageDays } : {}),
  };
}

export const listTransactionsRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/transactions",
  operationId: "listTransactions",
  summary: "An account's ledger entries (credits, booked usage), newest first, cursor-paginated (admin, or the account's own API key).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: transactionsQuery,
  responses: { 200: { description: "A page of ledger entries", schema: transactionsPage } },
  handle: async ({ params, query, ctx }) => ({ status: 200, body: await transactions(ctx, params.accountId, query) }),
});

export const listMyTransactions = defineRoute({
  method: "get",
  path: "/v1/me/transactions",
  operationId: "listMyTransactions",
  summary: "The calling API key's account ledger entries, newest first, cursor-paginated.",
  access: "consumer",
  roles: NO_STAFF,
  query: transactionsQuery,
  responses: { 200: { description: "A page of ledger entries", schema: transactionsPage } },
  handle: async ({ principal, query, ctx }) => ({ status: 200, body: await transactions(ctx, ownAccount(principal), query) }),
});

export const runReconciliation = defineRoute({
  method: "post",
  path: "/v1/admin/reconciliation",
  operationId: "reconcile",
  summary:
    "Check ledger = Redis balance + open reservations + usage not yet booked, for every wallet (or the accounts given); report the wallets that drift.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({ accountIds: z.array(id).max(1_000).optional() }),
  responses: { 200: { description: "The report", schema: reconciliationView } },
  async handle({ body, ctx }) {
    const report = await reconcile(ctx, body.accountIds ? { accountIds: body.accountIds } : {});
    return { status: 200, body: { checked: report.checked, drifts: report.drifts.map(toReconciliationView) } };
  },
});

export const runRebuild = defineRoute({
  method: "post",
  path: "/v1/admin/rebuild",
  operationId: "rebuildRedis",
  summary: "Restore every account missing from Redis (after Redis lost its data) from the ledger; live accounts are left alone.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({}),
  responses: { 200: { description: "How many accounts came back", schema: z.object({ restored: z.number().int() }) } },
  async handle({ principal, ctx }) {
    const restored = await rebuildMissing(ctx);
    await audit(ctx, principal.actor, "redis.rebuild", "redis", { restored });
    return { status: 200, body: { restored } };
  },
});
