import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { accountParams, currency, id, name, positiveAmount } from "../http/schemas.js";
import { accountView, toAccountView, toWalletView, walletView } from "../http/views.js";
import { isDuplicateKey } from "../models/index.js";
import { newId } from "../ids.js";
import { publishAccount } from "../services/accounts/publish.js";
import { audit } from "../services/audit.js";

const creditLimit = positiveAmount.or(z.literal(0));
const billing = {
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]).default("prepaid"),
  /** How far below zero the plan-currency wallet may go (postpaid and hybrid), in micros. */
  creditLimit: creditLimit.default(0),
  /** When invoices are cut: monthly from anchor day 1–28, or weekly from anchor weekday 1 (Monday) – 7. */
  billingCycle: z
    .strictObject({ interval: z.enum(["month", "week"]), anchorDay: z.number().int().min(1).max(28) })
    .refine((c) => c.interval === "month" || c.anchorDay <= 7, {
      message: "a weekly anchor is a weekday, 1 (Monday) to 7",
      path: ["anchorDay"],
    })
    .optional(),
};
function checkBilling(b: { billingMode: string; creditLimit: number }, ctx: z.RefinementCtx): void {
  if (b.billingMode === "prepaid" && b.creditLimit !== 0)
    ctx.addIssue({ code: "custom", path: ["creditLimit"], message: "a prepaid account has no credit limit" });
}

export const createAccountBody = z.strictObject({ name, planId: id, ...billing }).superRefine(checkBilling);
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
      throw new ProblemError("unprocessable", `No plan ${body.planId}.`, {
        errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }],
      });
    }
    const now = new Date();
    const account = await Account.create({
      _id: newId("acct"),
      name: body.name,
      planId: plan._id,
      status: "active",
      billingMode: body.billingMode,
      ...(body.billingCycle ? { billingCycle: body.billingCycle } : {}),
      createdAt: now,
    });
    const wallet = await Wallet.create({
      _id: newId("wal"),
      accountId: account._id,
      currency: plan.currency,
      creditLimit: body.creditLimit,
      createdAt: now,
    });
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

export const setBilling = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/billing",
  operationId: "setBilling",
  summary: "Set an account's billing mode and its plan-currency wallet's credit limit; gateways apply it at once.",
  access: "admin",
  params: accountParams,
  body: z.strictObject(billing).superRefine(checkBilling),
  responses: { 200: { description: "The account", schema: accountView } },
  async handle({ params, body, principal, ctx }) {
    const { Account, Plan, Wallet } = ctx.models;
    const account = await Account.findOneAndUpdate(
      { _id: params.accountId },
      { $set: { billingMode: body.billingMode, ...(body.billingCycle ? { billingCycle: body.billingCycle } : {}) } },
      { returnDocument: "after" },
    ).lean();
    if (account === null) throw new ProblemError("not_found", `No account ${params.accountId}.`);
    const plan = await Plan.findById(account.planId).lean();
    await Wallet.updateMany(
      { accountId: account._id, ...(plan ? { currency: plan.currency } : {}) },
      { $set: { creditLimit: body.creditLimit } },
    );
    await publishAccount(ctx, account._id);
    await audit(ctx, principal.actor, "account.billing", account._id, body);
    return { status: 200, body: toAccountView(account, await Wallet.find({ accountId: account._id }).lean()) };
  },
});

export const createWallet = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/wallets",
  operationId: "createWallet",
  summary: "Open a wallet in another currency (one per currency; nothing is ever converted between them).",
  access: "admin",
  params: accountParams,
  body: z.strictObject({ currency, creditLimit: creditLimit.default(0) }),
  responses: { 201: { description: "The wallet", schema: walletView } },
  async handle({ params, body, principal, ctx }) {
    const { Account, Wallet } = ctx.models;
    const account = await Account.findById(params.accountId).lean();
    if (account === null) throw new ProblemError("not_found", `No account ${params.accountId}.`);
    if (account.billingMode === "prepaid" && body.creditLimit !== 0)
      throw new ProblemError("validation_failed", "A prepaid account has no credit limit.");
    const existing = await Wallet.findOne({ accountId: account._id, currency: body.currency }).lean();
    if (existing !== null) throw new ProblemError("conflict", `The account already has a ${body.currency} wallet (${existing._id}).`);
    const wallet = await Wallet.create({
      _id: newId("wal"),
      accountId: account._id,
      currency: body.currency,
      creditLimit: body.creditLimit,
      createdAt: new Date(),
    }).catch((error: unknown) => {
      if (isDuplicateKey(error)) throw new ProblemError("conflict", `The account already has a ${body.currency} wallet.`);
      throw error;
    });
    await publishAccount(ctx, account._id);
    await audit(ctx, principal.actor, "wallet.create", wallet._id, { accountId: account._id, currency: body.currency });
    return { status: 201, body: toWalletView(wallet) };
  },
});
