import type { AppContext } from "../../context.js";
import type { Account } from "../../models/index.js";
import { planSpec } from "../../models/plan.js";
import { gateStatus } from "../subscriptions/status.js";

/**
 * Publish everything the gateways need about one account from the book of record: its status (`unpaid` when a
 * recurring fee is due past its grace period), its active keys, its plan's price, its wallets, and on each key
 * the products it holds bundles of (decided exactly, never from a lease). Safe to repeat; balances are never
 * overwritten.
 */
export async function publishAccount(ctx: AppContext, accountId: string, now = new Date()): Promise<void> {
  const { Account, ApiKey, Plan, Wallet } = ctx.models;
  const account = await Account.findById(accountId).lean();
  if (account === null) return;
  const [keys, wallets, plan, status, bundled] = await Promise.all([
    ApiKey.find({ accountId }).lean(),
    Wallet.find({ accountId }).lean(),
    Plan.findById(account.planId).lean(),
    gateStatus(ctx, account, now),
    ctx.hot.bundles.products(accountId),
  ]);
  if (plan !== null) await ctx.hot.publishPlan(planSpec(plan));
  await ctx.hot.publishAccount({
    accountId,
    status,
    activeKeyIds: keys.filter((k) => k.status === "active").map((k) => k._id),
    currencies: wallets.map((w) => w.currency),
    creditLimits: Object.fromEntries(wallets.map((w) => [w.currency, account.billingMode === "prepaid" ? 0 : (w.creditLimit ?? 0)])),
    autoRechargeThresholds: Object.fromEntries(wallets.filter((w) => w.autoRecharge).map((w) => [w.currency, w.autoRecharge!.threshold])),
    ...(account.payerId !== undefined && { line: lineOf(account, plan?.currency) }),
  });
  for (const key of keys) {
    await ctx.hot.publishApiKey(key.hash, {
      keyId: key._id,
      accountId,
      planId: account.planId,
      status: key.status,
      ...(key.spendCap ? { spendCap: key.spendCap } : {}),
      ...(bundled.length > 0 ? { bundled } : {}),
      ...(account.payerId !== undefined && { payerId: account.payerId }),
    });
  }
}

/** A line's payer and its limit as Redis keeps them (per currency: its plan's). */
export function lineOf(
  account: Pick<Account, "payerId" | "lineLimit">,
  currency: string | undefined,
): { payerId: string; limits: Record<string, number> } {
  return {
    payerId: account.payerId!,
    limits: account.lineLimit !== undefined && currency !== undefined ? { [currency]: account.lineLimit } : {},
  };
}
