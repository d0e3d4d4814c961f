import { localTime, periodKey } from "@tollgate/metering";
import { COUNTER_TTL_SECONDS } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Plan } from "../../models/index.js";

/** A line's month now, in its plan's time zone (its limit's period). */
export function monthOf(plan: Pick<Plan, "catalog">, nowMs: number): string {
  return periodKey(localTime(plan.catalog.timeZone ?? "UTC", nowMs), "month");
}

/** After Redis lost a line: its spend this month again, from its usage in the book of record. */
export async function restoreLineSpend(ctx: AppContext, lineId: string, payerId: string, nowMs = Date.now()): Promise<void> {
  const account = await ctx.models.Account.findById(lineId, { planId: 1 }).lean();
  const plan = account === null ? null : await ctx.models.Plan.findById(account.planId, { catalog: 1 }).lean();
  if (plan === null) return;
  const month = monthOf(plan, nowMs);
  const since = new Date(nowMs - 32 * 24 * 3600 * 1000);
  let spent = 0;
  for await (const e of ctx.models.UsageEvent.find(
    { accountId: lineId, payerId, timestamp: { $gte: since } },
    { amount: 1, timestamp: 1, refunded: 1 },
  )
    .lean()
    .cursor()) {
    // A refunded call gave its money back, to the payer and off the line (its amount may stay what booking took).
    if (e.refunded !== true && monthOf(plan, e.timestamp.getTime()) === month) spent += e.amount;
  }
  await ctx.hot.restoreCounter(ctx.hot.keyspace.lineSpend(lineId, month), spent, COUNTER_TTL_SECONDS);
}
