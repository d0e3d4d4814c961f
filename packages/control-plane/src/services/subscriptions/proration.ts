import type { Recurring } from "../../models/fee.js";

/** What a period costs on a plan: its fee plus seats × seat price, in micros (0 without a recurring fee). */
export function periodAmount(recurring: Recurring | undefined, seats: number): number {
  return recurring === undefined ? 0 : recurring.fee + seats * recurring.seatPrice;
}

/**
 * The proration rule, stated once: a change at `at` within the period `[from, to)` moves
 * `(newAmount − oldAmount) × remaining ÷ length` micros, where remaining and length are whole seconds (the
 * remaining time rounded down to the second) and the quotient is truncated toward zero, so neither a charge
 * nor a credit is ever rounded up. Positive: charged; negative: credited.
 */
export function prorate(
  oldAmount: number,
  newAmount: number,
  period: { from: Date; to: Date },
  at: Date,
): { amount: number; remainingSeconds: number; periodSeconds: number } {
  const periodSeconds = Math.floor((period.to.getTime() - period.from.getTime()) / 1000);
  const remainingSeconds = Math.max(0, Math.min(periodSeconds, Math.floor((period.to.getTime() - at.getTime()) / 1000)));
  // BigInt: a yearly amount × a year's seconds passes 2^53.
  const amount = Number((BigInt(newAmount - oldAmount) * BigInt(remainingSeconds)) / BigInt(Math.max(1, periodSeconds)));
  return { amount, remainingSeconds, periodSeconds };
}
