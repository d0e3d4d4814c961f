import type { BillingCycle } from "../../models/account.js";

/**
 * Billing cycles, in UTC: monthly from an anchor day (1–28; 1 is the calendar month), weekly from an anchor
 * weekday (1 = Monday … 7 = Sunday), or yearly from an anchor date (`anchorMonth` 1–12, `anchorDay` 1–28).
 * A period is named by the date it starts: `2026-11-15`.
 */
export type { BillingCycle };

export const CALENDAR_MONTH: BillingCycle = { interval: "month", anchorDay: 1 };

export interface Period {
  key: string;
  from: Date;
  to: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The period of `cycle` that contains `at`. */
export function periodContaining(cycle: BillingCycle, at: Date): Period {
  if (cycle.interval === "week") {
    const weekday = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
    const back = (weekday - cycle.anchorDay + 7) % 7;
    const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - back));
    const to = new Date(from.getTime() + 7 * 86_400_000);
    return { key: day(from), from, to };
  }
  if (cycle.interval === "year") {
    const month = (cycle.anchorMonth ?? 1) - 1;
    const thisYear = at >= new Date(Date.UTC(at.getUTCFullYear(), month, cycle.anchorDay));
    const from = new Date(Date.UTC(at.getUTCFullYear() - (thisYear ? 0 : 1), month, cycle.anchorDay));
    const to = new Date(Date.UTC(from.getUTCFullYear() + 1, month, cycle.anchorDay));
    return { key: day(from), from, to };
  }
  const thisMonth = at.getUTCDate() >= cycle.anchorDay;
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - (thisMonth ? 0 : 1), cycle.anchorDay));
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, cycle.anchorDay));
  return { key: day(from), from, to };
}

/** The last period that has ended by `now`: what the billing-cycle job closes. */
export function lastEndedPeriod(cycle: BillingCycle, now: Date): Period {
  const current = periodContaining(cycle, now);
  return periodContaining(cycle, new Date(current.from.getTime() - 1));
}

/** The cycle of `interval` whose periods start on the day of `start` (days past the 28th start on the 28th). */
export function cycleFrom(interval: BillingCycle["interval"], start: Date): BillingCycle {
  const anchorDay = Math.min(start.getUTCDate(), 28);
  if (interval === "week") return { interval, anchorDay: start.getUTCDay() === 0 ? 7 : start.getUTCDay() };
  if (interval === "year") return { interval, anchorDay, anchorMonth: start.getUTCMonth() + 1 };
  return { interval, anchorDay };
}
