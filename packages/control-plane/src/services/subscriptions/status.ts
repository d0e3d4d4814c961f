import type { GateStatus } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Account, Fee, Plan } from "../../models/index.js";
import { periodContaining } from "../invoices/cycles.js";
import { periodAmount } from "./proration.js";

/**
 * `none`: the plan has no recurring fee. `active`: nothing is due. `past_due`: a fee is due and its grace
 * period runs (calls still pass). `unpaid`: a fee is due past its grace period (calls are refused, 402).
 */
export type SubscriptionStatus = "none" | "active" | "past_due" | "unpaid";

/** What the gateways are told of an account: its status, or `unpaid` when an active account's fee is due past grace. */
export async function gateStatus(ctx: AppContext, account: Pick<Account, "_id" | "status">, now = new Date()): Promise<GateStatus> {
  if (account.status !== "active") return account.status;
  const blocked = await ctx.models.Fee.exists({ accountId: account._id, status: "due", graceUntil: { $lte: now } });
  return blocked === null ? "active" : "unpaid";
}

export interface Subscription {
  accountId: string;
  planId: string;
  planName: string;
  status: SubscriptionStatus;
  currency: string;
  interval?: "month" | "week" | "year";
  seats: number;
  fee: number;
  seatPrice: number;
  /** What a period costs now: fee + seats × seat price. */
  amount: number;
  currentPeriod?: { from: Date; to: Date };
  /** When the next renewal is charged (the current period's end). */
  renewsAt?: Date;
  /** Fees not yet paid, oldest first, with the instant calls stop. */
  due: { feeId: string; amount: number; graceUntil: Date }[];
}

/** An account's subscription as the customer and staff see it. */
export function subscriptionOf(account: Account, plan: Plan, due: Fee[], now = new Date()): Subscription {
  const recurring = plan.recurring;
  const period = recurring && account.subscription ? periodContaining(account.subscription.cycle, now) : undefined;
  const blocked = due.some((f) => f.graceUntil <= now);
  return {
    accountId: account._id,
    planId: plan._id,
    planName: plan.name,
    status: recurring === undefined && due.length === 0 ? "none" : blocked ? "unpaid" : due.length > 0 ? "past_due" : "active",
    currency: plan.currency,
    ...(recurring ? { interval: recurring.interval } : {}),
    seats: account.seats ?? 1,
    fee: recurring?.fee ?? 0,
    seatPrice: recurring?.seatPrice ?? 0,
    amount: periodAmount(recurring, account.seats ?? 1),
    ...(period ? { currentPeriod: { from: period.from, to: period.to }, renewsAt: period.to } : {}),
    due: due.map((f) => ({ feeId: f._id, amount: f.amount, graceUntil: f.graceUntil })),
  };
}

/** An account's subscription now: its plan's fee and seat price, its seats, its current period and what is due. */
export async function getSubscription(ctx: AppContext, accountId: string, now = new Date()): Promise<Outcome<Subscription, "not_found">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const [plan, due] = await Promise.all([
    ctx.models.Plan.findById(account.planId).lean(),
    ctx.models.Fee.find({ accountId, status: "due" }).sort({ createdAt: 1, _id: 1 }).lean(),
  ]);
  if (plan === null) return failure("not_found", `No plan ${account.planId}.`);
  return ok(subscriptionOf(account, plan, due, now));
}

/** An account's fees, newest first, by (createdAt, id). */
export function listFees(ctx: AppContext, accountId: string, limit: number, cursor?: string): Promise<Page<Fee>> {
  return ctx.cursors.paginate<Fee>(`fees:${accountId}`, "createdAt", limit, cursor, (after, sort, take) =>
    ctx.models.Fee.find({ accountId, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
}
