import type { AppContext } from "../../context.js";
import { localTime, periodKey } from "@tollgate/metering";
import { notify } from "./emit.js";
import { insertOnce } from "../../models/index.js";
import { withLock } from "../locks.js";

/**
 * A balance threshold fires once per crossing. The notification's dedupe key names the crossing by how
 * often the threshold has been re-armed (the balance went back above it), a number every checker reads
 * alike, so checkers racing on one crossing create one notification (a unique insert). Racing re-arms may
 * count twice: harmless, the next crossing just gets a larger number.
 */
async function crossing(ctx: AppContext, key: string, below: boolean): Promise<number | undefined> {
  const { ThresholdState } = ctx.models;
  const state = await ThresholdState.findById(key).lean();
  if (!below) {
    if (state?.fired) await ThresholdState.updateOne({ _id: key, fired: true }, { $set: { fired: false }, $inc: { crossings: 1 } });
    return undefined;
  }
  if (state?.fired) return undefined;
  if (state === null) {
    await insertOnce(ThresholdState, { _id: key, fired: true, crossings: 0 });
    return 0;
  }
  await ThresholdState.updateOne({ _id: key }, { $set: { fired: true } });
  return state.crossings;
}

/** Balance thresholds (absolute and percent of the last recharge), depletion, and quota use. */
export async function checkThresholds(ctx: AppContext): Promise<void> {
  await withLock(ctx, "notifications.check", 120_000, () => checkUnlocked(ctx));
}

async function checkUnlocked(ctx: AppContext): Promise<void> {
  const { NotificationSettings, Wallet, Recharge, Account, Plan } = ctx.models;
  const everySettings = await NotificationSettings.find().lean();
  if (everySettings.length === 0) return;
  // Each collection read once per run, not once per account: on FerretDB every query but a find by `_id`
  // reads its whole collection, so per-account queries cost accounts × collection size every few seconds.
  const accountIds = everySettings.map((s) => s._id);
  const walletsOf = new Map<string, { currency: string }[]>();
  for (const wallet of await Wallet.find({ accountId: { $in: accountIds } }, { accountId: 1, currency: 1 }).lean())
    (walletsOf.get(wallet.accountId) ?? walletsOf.set(wallet.accountId, []).get(wallet.accountId)!).push(wallet);
  // The last succeeded recharge per wallet, for the accounts that set thresholds in percent of it.
  const lastRecharges = new Map<string, { amount: number; updatedAt: Date }>();
  const byPercent = everySettings.filter((s) => s.percentOfLastRecharge.length > 0).map((s) => s._id);
  if (byPercent.length > 0) {
    const recharges = Recharge.find(
      { accountId: { $in: byPercent }, status: "succeeded" },
      { accountId: 1, currency: 1, amount: 1, updatedAt: 1 },
    )
      .lean()
      .cursor();
    for await (const r of recharges) {
      const key = `${r.accountId}\u0000${r.currency}`;
      const last = lastRecharges.get(key);
      if (last === undefined || r.updatedAt > last.updatedAt) lastRecharges.set(key, r);
    }
  }
  for (const settings of everySettings) {
    const accountId = settings._id;
    const hot = await ctx.hot.wallets(accountId);
    for (const wallet of walletsOf.get(accountId) ?? []) {
      const h = hot.get(wallet.currency);
      if (h === undefined) continue;
      const lastRecharge = lastRecharges.get(`${accountId}\u0000${wallet.currency}`);
      const thresholds = [
        ...settings.balanceThresholds.map((t) => ({ name: `abs:${t}`, amount: t })),
        ...(lastRecharge
          ? settings.percentOfLastRecharge.map((p) => ({ name: `pct:${p}`, amount: Math.floor((lastRecharge.amount * p) / 100) }))
          : []),
      ];
      for (const t of thresholds) {
        const n = await crossing(ctx, `${accountId}:${wallet.currency}:${t.name}`, h.balance < t.amount);
        if (n !== undefined)
          await notify(ctx, accountId, "balance_below", `${wallet.currency}:${t.name}:${n}`, {
            currency: wallet.currency,
            threshold: t.amount,
            balance: h.balance,
          });
      }
      const depleted = await crossing(ctx, `${accountId}:${wallet.currency}:depleted`, h.balance + h.creditLimit <= 0);
      if (depleted !== undefined)
        await notify(ctx, accountId, "balance_depleted", `${wallet.currency}:${depleted}`, {
          currency: wallet.currency,
          balance: h.balance,
          creditLimit: h.creditLimit,
        });
    }

    // Quota use: each percentage once per quota period.
    const account = await Account.findById(accountId).lean();
    const plan = account ? await Plan.findById(account.planId).lean() : null;
    if (plan === null || plan.catalog.quotas.length === 0) continue;
    const local = localTime(plan.catalog.timeZone, Date.now());
    for (const quota of plan.catalog.quotas) {
      const period = periodKey(local, quota.period);
      const used = await ctx.hot.counter(ctx.hot.keyspace.quotaCounter(accountId, quota.id, period));
      for (const percent of settings.quotaPercents) {
        if (used * 100 >= quota.limit * percent) {
          await notify(ctx, accountId, "quota_reached", `${quota.id}:${period}:${percent}`, {
            quota: quota.id,
            period,
            percent,
            used,
            limit: quota.limit,
            enforcement: quota.enforcement,
          });
        }
      }
    }
  }
}
