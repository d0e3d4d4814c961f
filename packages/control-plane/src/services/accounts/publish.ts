import type { AppContext } from "../../context.js";
import { planSpec } from "../../models/plan.js";

/**
 * Publish everything the gateways need about one account from the book of record: its status, its
 * active keys, its plan's price, its wallets. Safe to repeat; balances are never overwritten.
 */
export async function publishAccount(ctx: AppContext, accountId: string): Promise<void> {
  const { Account, ApiKey, Plan, Wallet } = ctx.models;
  const account = await Account.findById(accountId).lean();
  if (account === null) return;
  const [keys, wallets, plan] = await Promise.all([
    ApiKey.find({ accountId }).lean(),
    Wallet.find({ accountId }).lean(),
    Plan.findById(account.planId).lean(),
  ]);
  if (plan !== null) await ctx.hot.publishPlan(planSpec(plan));
  await ctx.hot.publishAccount({
    accountId,
    status: account.status,
    activeKeyIds: keys.filter((k) => k.status === "active").map((k) => k._id),
    currencies: wallets.map((w) => w.currency),
    creditLimits: Object.fromEntries(wallets.map((w) => [w.currency, account.billingMode === "prepaid" ? 0 : (w.creditLimit ?? 0)])),
    autoRechargeThresholds: Object.fromEntries(wallets.filter((w) => w.autoRecharge).map((w) => [w.currency, w.autoRecharge!.threshold])),
  });
  for (const key of keys) {
    await ctx.hot.publishApiKey(key.hash, {
      keyId: key._id,
      accountId,
      planId: account.planId,
      status: key.status,
      ...(key.spendCap ? { spendCap: key.spendCap } : {}),
    });
  }
}
