import { localTime, periodKey } from "@tollgate/metering";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";

export interface QuotaUse {
  id: string;
  metric: "calls" | "units";
  productId?: string;
  period: "day" | "month";
  /** The period counted, in the plan's time zone: `2026-11-22` or `2026-11`. */
  periodKey: string;
  used: number;
  limit: number;
  enforcement: "hard" | "soft";
}

export interface KeyCapUse {
  keyId: string;
  name: string;
  period: "day" | "month";
  periodKey: string;
  /** Micros spent through the key this period, and its cap. */
  spent: number;
  cap: number;
}

/**
 * What an account has used of its plan's quotas and of its keys' spending caps this period, read from the
 * same Redis counters the gateways check before each call (so it is what the next call will be held to).
 */
export async function accountLimits(
  ctx: AppContext,
  accountId: string,
  now = Date.now(),
): Promise<Outcome<{ currency: string; timeZone: string; quotas: QuotaUse[]; keys: KeyCapUse[] }, "not_found">> {
  const { Account, Plan, ApiKey } = ctx.models;
  const account = await Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const plan = await Plan.findById(account.planId).lean();
  if (plan === null) return failure("not_found", `No plan ${account.planId}.`);
  const local = localTime(plan.catalog.timeZone, now);
  const { keyspace } = ctx.hot;
  const quotas = await Promise.all(
    plan.catalog.quotas.map(async (q): Promise<QuotaUse> => {
      const period = periodKey(local, q.period);
      return {
        id: q.id,
        metric: q.metric,
        ...(q.productId ? { productId: q.productId } : {}),
        period: q.period,
        periodKey: period,
        used: await ctx.hot.counter(keyspace.quotaCounter(accountId, q.id, period)),
        limit: q.limit,
        enforcement: q.enforcement,
      };
    }),
  );
  const capped = (await ApiKey.find({ accountId }).sort({ createdAt: 1 }).lean()).filter((k) => k.status !== "revoked" && k.spendCap);
  const keys = await Promise.all(
    capped.map(async (k): Promise<KeyCapUse> => {
      const cap = k.spendCap!;
      const period = periodKey(local, cap.period);
      return {
        keyId: k._id,
        name: k.name,
        period: cap.period,
        periodKey: period,
        spent: await ctx.hot.counter(keyspace.keySpend(accountId, k._id, period)),
        cap: cap.amount,
      };
    }),
  );
  return ok({ currency: plan.currency, timeZone: plan.catalog.timeZone, quotas, keys });
}
