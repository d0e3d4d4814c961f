import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { insertOnce, type Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { publishAccount } from "./publish.js";

/** Open a wallet in another currency: one per currency (a unique index), never converted between. */
export async function openWallet(
  ctx: AppContext,
  input: { accountId: string; currency: string; creditLimit: number; actor: string },
): Promise<Outcome<Wallet, "not_found" | "validation_failed" | "conflict">> {
  const account = await ctx.models.Account.findById(input.accountId).lean();
  if (account === null) return failure("not_found", `No account ${input.accountId}.`);
  if (account.billingMode === "prepaid" && input.creditLimit !== 0)
    return failure("validation_failed", "A prepaid account has no credit limit.");
  const existing = await ctx.models.Wallet.findOne({ accountId: account._id, currency: input.currency }).lean();
  if (existing !== null) return failure("conflict", `The account already has a ${input.currency} wallet (${existing._id}).`);
  const wallet: Wallet = {
    _id: newId("wal"),
    accountId: account._id,
    currency: input.currency,
    creditLimit: input.creditLimit,
    createdAt: new Date(),
  };
  if (!(await insertOnce(ctx.models.Wallet, wallet))) return failure("conflict", `The account already has a ${input.currency} wallet.`);
  await publishAccount(ctx, account._id);
  await audit(ctx, input.actor, "wallet.create", wallet._id, { accountId: account._id, currency: input.currency });
  return ok(wallet);
}
