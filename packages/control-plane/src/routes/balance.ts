import { defineRoute } from "../http/route.js";
import { ANY_STAFF, NO_STAFF } from "../http/roles.js";
import { ownAccount } from "../http/auth.js";
import { accountParams } from "../http/schemas.js";
import { balanceView } from "../http/views.js";
import { getBalance } from "../services/accounts/balance.js";

export const getBalanceRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/balance",
  operationId: "getBalance",
  summary: "An account's available balance per wallet, in real time (admin, or the account's own API key).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The balance", schema: balanceView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const balance = await getBalance(ctx, params.accountId);
    return balance.ok ? { status: 200, body: balance.value } : balance;
  },
});

export const getMyBalance = defineRoute({
  method: "get",
  path: "/v1/me/balance",
  operationId: "getMyBalance",
  summary: "The calling API key's account balance.",
  access: "consumer",
  roles: NO_STAFF,
  responses: { 200: { description: "The balance", schema: balanceView } },
  problems: ["not_found"],
  async handle({ principal, ctx }) {
    const balance = await getBalance(ctx, ownAccount(principal));
    return balance.ok ? { status: 200, body: balance.value } : balance;
  },
});
