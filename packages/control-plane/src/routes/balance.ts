import { defineRoute } from "../http/route.js";
import { ownAccount } from "../http/auth.js";
import { ProblemError } from "../http/problem-error.js";
import { accountParams } from "../http/schemas.js";
import { balanceView } from "../http/views.js";
import type { AppContext } from "../context.js";
import { CONSUMPTION_ORDER } from "../services/grants/allocate.js";

async function balanceOf(ctx: AppContext, accountId: string) {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) throw new ProblemError("not_found", `No account ${accountId}.`);
  const wallets = await ctx.models.Wallet.find({ accountId }).sort({ currency: 1 }).lean();
  const hot = await ctx.hot.wallets(accountId);
  const grants = await ctx.models.Grant.find({ accountId, status: "active" }).sort(CONSUMPTION_ORDER).lean();
  return {
    accountId,
    billingMode: account.billingMode ?? "prepaid",
    balances: wallets.map((w) => {
      const h = hot.get(w.currency) ?? { balance: 0, held: 0, creditLimit: 0 };
      return {
        walletId: w._id,
        currency: w.currency,
        available: h.balance,
        reserved: h.held,
        creditLimit: h.creditLimit,
        spendable: h.balance + h.creditLimit,
        grants: grants
          .filter((g) => g.walletId === w._id)
          .map((g) => ({ grantId: g._id, kind: g.kind, remaining: g.remaining, expiresAt: g.expiresAt.toISOString() })),
      };
    }),
  };
}

export const getBalance = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/balance",
  operationId: "getBalance",
  summary: "An account's available balance per wallet, in real time (admin, or the account's own API key).",
  access: "owner",
  params: accountParams,
  responses: { 200: { description: "The balance", schema: balanceView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: await balanceOf(ctx, params.accountId) }),
});

export const getMyBalance = defineRoute({
  method: "get",
  path: "/v1/me/balance",
  operationId: "getMyBalance",
  summary: "The calling API key's account balance.",
  access: "consumer",
  responses: { 200: { description: "The balance", schema: balanceView } },
  handle: async ({ principal, ctx }) => ({ status: 200, body: await balanceOf(ctx, ownAccount(principal)) }),
});
