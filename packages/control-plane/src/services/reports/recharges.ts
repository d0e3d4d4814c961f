import type { AppContext } from "../../context.js";
import { ok, type Outcome } from "../../domain/outcome.js";
import { bucketStart } from "./clock.js";
import { movements } from "./movements.js";
import { bucketsOf, currenciesOf, type ReportRange } from "./read.js";

export const TOP_UP_METHODS = ["admin", "voucher", "payment_provider", "auto_recharge"] as const;
export type TopUpMethod = (typeof TOP_UP_METHODS)[number];

export interface TopUp {
  /** The ledger entry of a completed top-up; absent for a payment still pending or failed. */
  entryId?: string;
  /** The payment-provider recharge, for provider and auto-recharge top-ups. */
  rechargeId?: string;
  accountId: string;
  currency: string;
  method: TopUpMethod;
  amount: number;
  status: "succeeded" | "refunded" | "pending" | "failed";
  at: Date;
}

export interface TopUpSummary {
  currency: string;
  method: TopUpMethod;
  count: number;
  total: number;
  /** total ÷ count, rounded half up to a micro. */
  average: number;
}

export interface RechargeReport {
  range: ReportRange;
  accountId?: string;
  /** Every top-up in the range, oldest first. */
  topUps: TopUp[];
  /** Completed top-ups (succeeded or later refunded) per currency and method over the range. */
  totals: TopUpSummary[];
  /** The same per bucket. */
  buckets: (TopUpSummary & { bucketStart: Date })[];
  /** How often each account topped up, most frequent first. */
  accounts: { currency: string; accountId: string; count: number; total: number }[];
}

/**
 * Every top-up of the range with its method, amount, status and time; counts, totals and average value per
 * method and bucket; and each account's recharge frequency. Completed top-ups come from the money rollups;
 * provider payments still pending or failed from the recharges themselves.
 */
export async function rechargeReport(
  ctx: AppContext,
  query: ReportRange & { currency?: string | undefined; accountId?: string | undefined },
): Promise<Outcome<RechargeReport, "validation_failed">> {
  const cut = bucketsOf(query); // refuses a range with too many buckets
  if (!cut.ok) return cut;
  const report: RechargeReport = {
    range: { from: query.from, to: query.to, timeZone: query.timeZone, bucket: query.bucket },
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    topUps: [],
    totals: [],
    buckets: [],
    accounts: [],
  };
  for (const currency of await currenciesOf(ctx, query.currency)) {
    const topUps: TopUp[] = [];
    for (const [entryId, accountId, type, method, amount, at, ref] of await movements(ctx, currency, query.from, query.to)) {
      if (type !== "credit" || (query.accountId !== undefined && accountId !== query.accountId)) continue;
      const topUp: TopUp = { entryId, accountId, currency, method: method as TopUpMethod, amount, status: "succeeded", at: new Date(at) };
      if (ref !== "" && (method === "payment_provider" || method === "auto_recharge")) topUp.rechargeId = ref;
      topUps.push(topUp);
    }
    await markRefunded(ctx, topUps);
    for (const r of await ctx.models.Recharge.find({
      currency,
      status: { $in: ["pending", "failed"] },
      createdAt: { $gte: query.from, $lt: query.to },
      ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    }).lean()) {
      topUps.push({
        rechargeId: r._id,
        accountId: r.accountId,
        currency,
        method: r.automatic ? "auto_recharge" : "payment_provider",
        amount: r.amount,
        status: r.status,
        at: r.createdAt,
      });
    }
    topUps.sort((a, b) => a.at.getTime() - b.at.getTime());
    report.topUps.push(...topUps);
    summarize(
      report,
      query,
      currency,
      topUps.filter((t) => t.status === "succeeded" || t.status === "refunded"),
    );
  }
  return ok(report);
}

/** Provider top-ups refunded since: their recharge says so. */
async function markRefunded(ctx: AppContext, topUps: TopUp[]): Promise<void> {
  const ids = topUps.filter((t) => t.rechargeId !== undefined).map((t) => t.rechargeId!);
  if (ids.length === 0) return;
  const refunded = new Set(
    (await ctx.models.Recharge.find({ _id: { $in: ids }, status: "refunded" }, { _id: 1 }).lean()).map((r) => r._id),
  );
  for (const t of topUps) if (t.rechargeId !== undefined && refunded.has(t.rechargeId)) t.status = "refunded";
}

function summarize(report: RechargeReport, query: ReportRange, currency: string, completed: TopUp[]): void {
  const totals = new Map<TopUpMethod, [number, number]>();
  const buckets = new Map<string, [number, TopUpMethod, number, number]>();
  const accounts = new Map<string, [number, number]>();
  for (const t of completed) {
    const total = totals.get(t.method) ?? [0, 0];
    totals.set(t.method, [total[0] + 1, total[1] + t.amount]);
    const start = bucketStart(query.timeZone, query.bucket, t.at.getTime());
    const key = `${start}|${t.method}`;
    const bucket = buckets.get(key) ?? [start, t.method, 0, 0];
    bucket[2] += 1;
    bucket[3] += t.amount;
    buckets.set(key, bucket);
    const account = accounts.get(t.accountId) ?? [0, 0];
    accounts.set(t.accountId, [account[0] + 1, account[1] + t.amount]);
  }
  for (const method of TOP_UP_METHODS) {
    const total = totals.get(method);
    if (total !== undefined)
      report.totals.push({ currency, method, count: total[0], total: total[1], average: average(total[1], total[0]) });
  }
  const ordered = [...buckets.values()].sort((a, b) => a[0] - b[0] || TOP_UP_METHODS.indexOf(a[1]) - TOP_UP_METHODS.indexOf(b[1]));
  for (const [start, method, count, total] of ordered) {
    report.buckets.push({ currency, bucketStart: new Date(start), method, count, total, average: average(total, count) });
  }
  const frequent = [...accounts].sort(([ia, a], [ib, b]) => b[0] - a[0] || b[1] - a[1] || (ia < ib ? -1 : 1));
  for (const [accountId, [count, total]] of frequent) report.accounts.push({ currency, accountId, count, total });
}

/** Integer micros, half up (totals and counts are positive). */
function average(total: number, count: number): number {
  return Math.floor((2 * total + count) / (2 * count));
}
