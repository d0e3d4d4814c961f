import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ownAccount } from "../http/auth.js";
import { accountParams, id, pageQuery } from "../http/schemas.js";
import { ledgerEntryView, toLedgerEntryView } from "../http/views.js";
import type { AppContext } from "../context.js";
import type { LedgerEntry } from "../models/index.js";
import { reconcile } from "../services/ledger/reconcile.js";
import { rebuildMissing } from "../services/ledger/rebuild.js";
import { audit } from "../services/audit.js";

const transactionsPage = z.object({ items: z.array(ledgerEntryView), nextCursor: z.string().optional() });

/** Ledger entries newest first, by (createdAt, id). */
async function transactions(ctx: AppContext, accountId: string, query: { limit: number; cursor?: string | undefined }) {
  const list = `transactions:${accountId}`;
  const filter = { accountId, ...(query.cursor === undefined ? {} : ctx.cursors.after(list, "createdAt", query.cursor)) };
  const rows: LedgerEntry[] = await ctx.models.LedgerEntry.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const { items, nextCursor } = ctx.cursors.page(list, rows, query.limit, (e) => [e.createdAt, e._id]);
  return { items: items.map(toLedgerEntryView), ...(nextCursor ? { nextCursor } : {}) };
}

export const listTransactions = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/transactions",
  operationId: "listTransactions",
  summary: "An account's ledger entries (credits, booked usage), newest first, cursor-paginated (admin, or the account's own API key).",
  access: "owner",
  params: accountParams,
  query: pageQuery,
  responses: { 200: { description: "A page of ledger entries", schema: transactionsPage } },
  handle: async ({ params, query, ctx }) => ({ status: 200, body: await transactions(ctx, params.accountId, query) }),
});

export const listMyTransactions = defineRoute({
  method: "get",
  path: "/v1/me/transactions",
  operationId: "listMyTransactions",
  summary: "The calling API key's account ledger entries, newest first, cursor-paginated.",
  access: "consumer",
  query: pageQuery,
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
  body: z.strictObject({ accountIds: z.array(id).max(1_000).optional() }),
  responses: {
    200: { description: "The report", schema: z.object({ checked: z.number().int(), drifts: z.array(z.record(z.string(), z.unknown())) }) },
  },
  async handle({ body, ctx }) {
    const report = await reconcile(ctx, body.accountIds ? { accountIds: body.accountIds } : {});
    return { status: 200, body: report };
  },
});

export const runRebuild = defineRoute({
  method: "post",
  path: "/v1/admin/rebuild",
  operationId: "rebuildRedis",
  summary: "Restore every account missing from Redis (after Redis lost its data) from the ledger; live accounts are left alone.",
  access: "admin",
  body: z.strictObject({}),
  responses: { 200: { description: "How many accounts came back", schema: z.object({ restored: z.number().int() }) } },
  async handle({ principal, ctx }) {
    const restored = await rebuildMissing(ctx);
    await audit(ctx, principal.actor, "redis.rebuild", "redis", { restored });
    return { status: 200, body: { restored } };
  },
});
