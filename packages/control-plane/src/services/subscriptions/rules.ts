import { counted } from "../../domain/words.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Account, Plan } from "../../models/index.js";
import { periodContaining } from "../invoices/cycles.js";
import { periodAmount, prorate } from "./proration.js";

/**
 * What a change of plan or seats costs now, by the proration rule (proration.ts): the period amounts before and
 * after, the period, and the prorated amount (positive: charged; negative: credited). The same cycle goes on at
 * the new amount; a change to another cycle ends the old one now (its remainder credited) and renews the new
 * plan's first period at once, in full (`newCycle`).
 */
export function quoteChange(account: Account, from: Plan, to: Plan, seats: number, now: Date) {
  const fromAmount = account.subscription ? periodAmount(from.recurring, account.seats ?? 1) : 0;
  const toAmount = periodAmount(to.recurring, seats);
  const sameCycle = account.subscription !== undefined && to.recurring?.interval === account.subscription.cycle.interval;
  const period = account.subscription ? periodContaining(account.subscription.cycle, now) : { from: now, to: now };
  const { amount, remainingSeconds, periodSeconds } = prorate(fromAmount, sameCycle ? toAmount : 0, period, now);
  return { fromAmount, toAmount, period, amount, remainingSeconds, periodSeconds, newCycle: !sameCycle && to.recurring !== undefined };
}

/**
 * Whether the account itself may make this change (staff may make any): both its plan and the new one are
 * self-service, and the seats are within the new plan's limit.
 */
export function refuseSelfService(from: Plan, to: Plan, seats: number): Outcome<undefined, "forbidden"> {
  if (from.selfService === undefined)
    return failure("forbidden", `The plan ${from.name} is changed by the provider's staff only: ask them.`);
  if (to.selfService === undefined) return failure("forbidden", `The plan ${to.name} is not offered for self-service: ask the provider.`);
  if (seats > to.selfService.maxSeats)
    return failure(
      "forbidden",
      `The plan ${to.name} takes at most ${counted(to.selfService.maxSeats, "seat")} by self-service: ask the provider for more.`,
    );
  return ok(undefined);
}
