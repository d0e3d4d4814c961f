import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Account, Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { renewSubscription } from "../subscriptions/renew.js";
import { publishAccount } from "./publish.js";

export interface BillingSettings {
  billingMode: NonNullable<Account["billingMode"]>;
  /** How far below zero the plan-currency wallet may go (postpaid and hybrid), in micros. */
  creditLimit: number;
  billingCycle?: Account["billingCycle"] | undefined;
}

/** An account on a plan, with a wallet in the plan's currency; published to the gateways at once. */
export async function createAccount(
  ctx: AppContext,
  input: BillingSettings & { name: string; planId: string; seats?: number | undefined; actor: string },
): Promise<Outcome<{ account: Account; wallet: Wallet }, "unprocessable">> {
  const plan = await ctx.models.Plan.findById(input.planId).lean();
  if (plan === null) {
    return failure("unprocessable", `No plan ${input.planId}.`, {
      errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }],
    });
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
  const { actor, ...settings } = input;
  await audit(ctx, actor, "account.create", account._id, { ...settings, walletId: wallet._id });
  // A plan with a recurring fee: the subscription starts now, its first period charged (or due).
  if (plan.recurring !== undefined) await renewSubscription(ctx, account._id, now);
  return ok({ account: (await ctx.models.Account.findById(account._id).lean()) ?? account, wallet });
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
