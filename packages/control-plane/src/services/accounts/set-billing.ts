import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Account, Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { accountEvent, accountSnapshot } from "../webhooks/record.js";
import type { BillingSettings } from "./billing-settings.js";
import { publishAccount } from "./publish.js";

/**
 * Set an account's billing mode, cycle and its plan-currency wallet's credit limit; gateways apply it at once.
 * This applies without asking the credit rule: requests go through services/credit/request.ts, which calls it
 * for what the rule allows, and services/credit/decide.ts for what a second staff member approved (`approval`,
 * recorded in the audit beside the actor who approved it).
 */
export async function setBilling(
  ctx: AppContext,
  accountId: string,
  settings: BillingSettings,
  actor: string,
  approval?: { requestId: string; requestedBy: string },
): Promise<Outcome<{ account: Account; wallets: Wallet[] }, "not_found">> {
  const { Account: Accounts, Plan, Wallet: Wallets } = ctx.models;
  const before = await accountSnapshot(ctx, accountId);
  const account = await Accounts.findOneAndUpdate(
    { _id: accountId },
    { $set: { billingMode: settings.billingMode, ...(settings.billingCycle ? { billingCycle: settings.billingCycle } : {}) } },
    { returnDocument: "after" },
  ).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const plan = await Plan.findById(account.planId).lean();
  await Wallets.updateMany({ accountId, ...(plan ? { currency: plan.currency } : {}) }, { $set: { creditLimit: settings.creditLimit } });
  await publishAccount(ctx, accountId);
  await audit(ctx, actor, "account.billing", accountId, { ...settings, ...(approval ? { ...approval, approvedBy: actor } : {}) });
  await accountEvent(ctx, accountId, before);
  return ok({ account, wallets: await Wallets.find({ accountId }).lean() });
}
