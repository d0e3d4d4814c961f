import type { AppContext } from "../../context.js";
import { insertOnce, type Anomaly } from "../../models/index.js";
import { ANOMALY_DEFAULTS, type AnomalyPolicy } from "../../models/plan.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";
import { withLock } from "../locks.js";
import { notify } from "../notifications/emit.js";
import { bucketStart } from "../reports/clock.js";
import { currenciesOf, readRollups } from "../reports/read.js";
import {
  accountDayId,
  accountCells,
  hourCells,
  usageHoursId,
  usageRollupId,
  type AccountDayPayload,
  type HoursPayload,
  type MarginalPayload,
} from "../reports/rollup-format.js";

const HOUR = 3_600_000;
const BASELINE_DAYS = 7;

/**
 * Flag accounts whose calls in the current or the previous reporting hour exceed their plan's threshold
 * (AnomalyPolicy), from the rollups: the hours' per-account figures against the account's average hour over
 * the 7 reporting days before today. One detector at a time (a lock); each anomaly is inserted once by its
 * id, notified once, and mitigated once. Returns the anomalies it created.
 */
export async function detectAnomalies(ctx: AppContext, now = new Date()): Promise<Anomaly[]> {
  return (await withLock(ctx, "anomalies.detect", 120_000, () => detect(ctx, now))) ?? [];
}

async function detect(ctx: AppContext, now: Date): Promise<Anomaly[]> {
  const clock = ctx.reporting;
  const current = clock.hourOf(now.getTime());
  const hours = [current - HOUR, current];
  // The 7 reporting days before today, and how many hours they hold (23 or 25 on a change of clocks).
  const baselineDays: string[] = [];
  let dayStart = bucketStart(clock.timeZone, "day", current);
  const windowHours = (dayStart - bucketStart(clock.timeZone, "day", dayStart - BASELINE_DAYS * 24 * HOUR + HOUR)) / HOUR;
  for (let i = 0; i < BASELINE_DAYS; i++) {
    dayStart = bucketStart(clock.timeZone, "day", dayStart - 1);
    baselineDays.push(clock.dayOf(clock.hourOf(dayStart)));
  }
  const created: Anomaly[] = [];
  for (const currency of await currenciesOf(ctx, undefined)) {
    const hourRollups = await readRollups<HoursPayload>(ctx, [
      ...new Set(hours.map((h) => usageHoursId("account", currency, clock.dayOf(h)))),
    ]);
    const inHour = new Map<string, Map<number, [number, number]>>(); // account → hour → [calls, amount]
    for (const rollup of hourRollups.values()) {
      for (const [hour, group, [calls, , amount]] of hourCells(rollup)) {
        if (!hours.includes(hour)) continue;
        let byHour = inHour.get(group);
        if (byHour === undefined) inHour.set(group, (byHour = new Map<number, [number, number]>()));
        byHour.set(hour, [calls, amount]);
      }
    }
    if (inHour.size === 0) continue;
    const baseline = new Map<string, [number, number]>();
    const dayRollups = await readRollups<MarginalPayload>(
      ctx,
      baselineDays.map((d) => usageRollupId("day", "account", currency, d)),
    );
    for (const rollup of dayRollups.values()) {
      for (const [accountId, [calls, , amount]] of Object.entries(rollup.g)) {
        const sum = baseline.get(accountId) ?? [0, 0];
        baseline.set(accountId, [sum[0] + calls, sum[1] + amount]);
      }
    }
    for (const [accountId, byHour] of inHour) {
      const policy = await policyOf(ctx, accountId);
      const [baseCalls, baseAmount] = baseline.get(accountId) ?? [0, 0];
      const baselineCalls = baseCalls / windowHours;
      const threshold = Math.max(policy.minCalls, policy.factor * baselineCalls);
      for (const [hour, [calls, amount]] of [...byHour].sort((a, b) => a[0] - b[0])) {
        if (calls <= threshold) continue;
        const anomaly = await open(ctx, {
          accountId,
          currency,
          hour,
          calls,
          amount,
          baselineCalls,
          baselineAmount: baseAmount / windowHours,
          threshold,
          policy,
        });
        if (anomaly !== undefined) created.push(anomaly);
        break; // one episode at a time
      }
    }
  }
  return created;
}

async function policyOf(ctx: AppContext, accountId: string): Promise<AnomalyPolicy> {
  const account = await ctx.models.Account.findById(accountId, { planId: 1 }).lean();
  const plan = account === null ? null : await ctx.models.Plan.findById(account.planId, { anomalyPolicy: 1 }).lean();
  return { ...ANOMALY_DEFAULTS, ...(plan?.anomalyPolicy ?? {}) };
}

type Detected = Omit<Anomaly, "_id" | "keyId" | "status" | "mitigation" | "detectedAt" | "hour"> & { hour: number };

/** Insert the anomaly (once), then notify and mitigate: each step keyed by the anomaly, so a re-run repeats nothing. */
async function open(ctx: AppContext, found: Detected): Promise<Anomaly | undefined> {
  const { Anomaly: Anomalies } = ctx.models;
  if ((await Anomalies.findOne({ accountId: found.accountId, currency: found.currency, status: "open" }, { _id: 1 }).lean()) !== null) {
    return undefined; // this episode is already open
  }
  const keyId = await busiestKey(ctx, found.accountId, found.currency, found.hour);
  const anomaly: Anomaly = {
    _id: `${found.accountId}|${found.currency}|${new Date(found.hour).toISOString()}`,
    ...found,
    hour: new Date(found.hour),
    keyId,
    status: "open",
    mitigation: { action: found.policy.mitigation },
    detectedAt: new Date(),
  };
  if (!(await insertOnce(Anomalies, anomaly))) return undefined;
  await audit(ctx, "system:anomalies", "anomaly.detect", anomaly._id, { calls: anomaly.calls, threshold: anomaly.threshold, keyId });
  await mitigate(ctx, anomaly);
  await notify(ctx, anomaly.accountId, "usage_anomaly", anomaly._id, {
    currency: anomaly.currency,
    calls: anomaly.calls,
    amount: anomaly.amount,
    hour: anomaly.hour.toISOString(),
    baselineCalls: Math.round(anomaly.baselineCalls * 10) / 10,
    keyId,
    mitigation: anomaly.policy.mitigation === "none" ? "" : anomaly.policy.mitigation,
    mitigationLabel:
      anomaly.policy.mitigation === "suspend_key"
        ? `the key ${keyId} is suspended`
        : `the key ${keyId} is capped at a usual day's spending`,
  });
  return anomaly;
}

/** The key with the most calls in the hour, from the account's day rollup. */
async function busiestKey(ctx: AppContext, accountId: string, currency: string, hour: number): Promise<string> {
  const id = accountDayId(accountId, currency, ctx.reporting.dayOf(hour));
  const day = (await readRollups<AccountDayPayload>(ctx, [id])).get(id);
  const calls = new Map<string, number>();
  for (const cell of day === undefined ? [] : accountCells(day)) {
    if (cell.hour === hour) calls.set(cell.keyId, (calls.get(cell.keyId) ?? 0) + cell.figures[0]);
  }
  return [...calls].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

/** Apply the plan's mitigation to the busiest key, recording what it replaced. Repeating it changes nothing. */
async function mitigate(ctx: AppContext, anomaly: Anomaly): Promise<void> {
  const action = anomaly.policy.mitigation;
  if (action === "none" || anomaly.keyId === "") return;
  const key = await ctx.models.ApiKey.findById(anomaly.keyId).lean();
  if (key === null || key.status !== "active") return;
  if (action === "suspend_key") {
    await ctx.models.ApiKey.updateOne({ _id: key._id, status: "active" }, { $set: { status: "suspended" } });
  } else {
    const cap = { amount: Math.max(1, Math.round(anomaly.baselineAmount * 24)), period: "day" as const };
    await ctx.models.Anomaly.updateOne({ _id: anomaly._id }, { $set: { mitigation: { action, previousSpendCap: key.spendCap ?? null } } });
    await ctx.models.ApiKey.updateOne({ _id: key._id }, { $set: { spendCap: cap } });
  }
  await publishAccount(ctx, anomaly.accountId);
  await audit(ctx, "system:anomalies", `key.${action}`, key._id, { anomalyId: anomaly._id });
}
