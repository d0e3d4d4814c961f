import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { accountParams, id, name } from "../http/schemas.js";
import { accountView, toAccountView } from "../http/views.js";
import { newId } from "../ids.js";
import { publishAccount } from "../services/accounts/publish.js";
import { audit } from "../services/audit.js";

export const createAccountBody = z.strictObject({ name, planId: id });
export type CreateAccountRequest = z.infer<typeof createAccountBody>;

export const createAccount = defineRoute({
  method: "post",
  path: "/v1/accounts",
  operationId: "createAccount",
  summary: "Create a prepaid account on a plan, with an empty wallet in the plan's currency.",
  access: "admin",
  body: createAccountBody,
  responses: { 201: { description: "The account", schema: accountView } },
  async handle({ body, principal, ctx }) {
    const { Account, Plan, Wallet } = ctx.models;
    const plan = await Plan.findById(body.planId).lean();
    if (plan === null) {
      throw new ProblemError("unprocessable", `No plan ${body.planId}.`, { errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }] });
    }
    const now = new Date();
    const account = await Account.create({ _id: newId("acct"), name: body.name, planId: plan._id, status: "active", createdAt: now });
    const wallet = await Wallet.create({ _id: newId("wal"), accountId: account._id, currency: plan.currency, createdAt: now });
    await publishAccount(ctx, account._id);
    await audit(ctx, principal.actor, "account.create", account._id, { ...body, walletId: wallet._id });
    return { status: 201, body: toAccountView(account, [wallet]) };
  },
});

export const getAccount = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId",
  operationId: "getAccount",
  summary: "Read an account and its wallets (admin, or the account's own API key).",
  access: "owner",
  params: accountParams,
  responses: { 200: { description: "The account", schema: accountView } },
  async handle({ params, ctx }) {
    const account = await ctx.models.Account.findById(params.accountId).lean();
    if (account === null) throw new ProblemError("not_found", `No account ${params.accountId}.`);
    const wallets = await ctx.models.Wallet.find({ accountId: account._id }).lean();
    return { status: 200, body: toAccountView(account, wallets) };
  },
});
