import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Account, CreditRequest, Wallet } from "../../models/index.js";
import { judgeNewAccount, openRequest, refusedCredit } from "../credit/request.js";
import type { BillingSettings } from "./billing-settings.js";
import { audit } from "../audit.js";
import { renewSubscription } from "../subscriptions/renew.js";
import { publishAccount } from "./publish.js";

export type { BillingSettings };

/**
 * An account on a plan, with a wallet in the plan's currency; published to the gateways at once. Credit asked
 * for at creation (a postpaid or hybrid mode, a credit limit) is held to the credit rule as for an account with
 * no record: refused (nothing is created), or, when it needs a second staff member, the account is created
 * prepaid without credit and the request waits (`creditRequest`).
 */
export async function createAccount(
  ctx: AppContext,
  input: BillingSettings & { name: string; planId: string; seats?: number | undefined; actor: string; userId?: string | undefined },
): Promise<Outcome<{ account: Account; wallet: Wallet; creditRequest?: CreditRequest }, "unprocessable" | "credit_check_failed">> {
  const plan = await ctx.models.Plan.findById(input.planId).lean();
  if (plan === null) {
    return failure("unprocessable", `No plan ${input.planId}.`, {
      errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }],
    });
  }
  const verdict = await judgeNewAccount(ctx, input);
  if (verdict.verdict === "refused") return refusedCredit(verdict, plan.currency);
  const asked = { billingMode: input.billingMode, creditLimit: input.creditLimit, billingCycle: input.billingCycle };
  if (verdict.verdict === "approval") {
    input = { ...input, billingMode: "prepaid", creditLimit: 0 };
  }
  const now = new Date();
  const account = (
    await ctx.models.Account.create({
      _id: newId("acct"),
      name: input.name,
      planId: plan._id,
      status: "active",
      billingMode: input.billingMode,
      seats: input.seats ?? 1,
      ...(input.billingCycle ? { billingCycle: input.billingCycle } : {}),
      createdAt: now,
    })
  ).toObject();
  const wallet = (
    await ctx.models.Wallet.create({
      _id: newId("wal"),
      accountId: account._id,
      currency: plan.currency,
      creditLimit: input.creditLimit,
      createdAt: now,
    })
  ).toObject();
  await publishAccount(ctx, account._id);
  const { actor, userId, ...settings } = input;
  await audit(ctx, actor, "account.create", account._id, { ...settings, walletId: wallet._id });
  let creditRequest: CreditRequest | undefined;
  if (verdict.verdict === "approval") {
    const from = { billingMode: "prepaid" as const, creditLimit: 0 };
    const opened = await openRequest(ctx, account, { ...asked, currency: plan.currency, from, verdict }, { actor, userId });
    // A new account's slot is free: a conflict here is a bug.
    if (!opened.ok) throw new Error(opened.detail);
    if (opened.value.kind === "pending") creditRequest = opened.value.request;
  }
  // A plan with a recurring fee: the subscription starts now, its first period charged (or due).
  if (plan.recurring !== undefined) await renewSubscription(ctx, account._id, now);
  return ok({
    account: (await ctx.models.Account.findById(account._id).lean()) ?? account,
    wallet,
    ...(creditRequest ? { creditRequest } : {}),
  });
}

/** An account and its wallets. */
export async function getAccount(
  ctx: AppContext,
  accountId: string,
): Promise<Outcome<{ account: Account; wallets: Wallet[] }, "not_found">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  return ok({ account, wallets: await ctx.models.Wallet.find({ accountId }).lean() });
}
