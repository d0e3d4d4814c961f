import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import { newId } from "../../ids.js";
import { insertOnce, type Account, type Fee, type Plan } from "../../models/index.js";
import type { Recurring } from "../../models/fee.js";
import { publishAccount } from "../accounts/publish.js";
import { cycleFrom, periodContaining } from "../invoices/cycles.js";
import { lockedSubscription } from "./lock.js";
import { notify } from "../notifications/emit.js";
import { includedDue, includedLocked } from "../bundles/included.js";
import { collectDueFees } from "./collect.js";
import { periodAmount } from "./proration.js";

const HOUR = 3_600_000;

/**
 * Renew one account's subscription up to `now`, idempotently: start it if its plan has a recurring fee and it
 * has not started, create each period's fee that has begun (its id is unique to its period, so a second or concurrent
 * run creates nothing), pay what is due from the wallet, oldest first, and tell the gateways whether calls
 * pass. A fee the wallet cannot pay stays due: the account is past due until the grace period ends (one
 * notification), and then its calls are refused until a top-up pays it.
 */
export async function renewSubscription(ctx: AppContext, accountId: string, now = new Date()): Promise<void> {
  const renewed = await lockedSubscription(ctx, accountId, () => renewLocked(ctx, accountId, now));
  // The job fails and runs again on its schedule, as it did when the lock threw.
  if (!renewed.ok) throw ProblemError.failed(renewed);
}

/** renewSubscription's work, for callers that hold the subscription's lock already. */
export async function renewLocked(ctx: AppContext, accountId: string, now: Date): Promise<void> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null || account.status === "closed") return;
  const plan = await ctx.models.Plan.findById(account.planId).lean();
  if (plan?.recurring !== undefined) await createRenewals(ctx, account, plan, plan.recurring, now);
  await payDueFees(ctx, accountId, now);
  // The period's included bundles, as it starts (a subscription's start, a renewal, a change of plan).
  if (includedDue(account, plan, now)) await includedLocked(ctx, accountId, now);
}

async function createRenewals(ctx: AppContext, account: Account, plan: Plan, recurring: Recurring, now: Date) {
  const wallet = await ctx.models.Wallet.findOne({ accountId: account._id, currency: plan.currency }).lean();
  if (wallet === null) return;
  let subscription = account.subscription;
  // Not started, or started on a plan (or a version of this one) with another period: a new cycle from now.
  if (subscription === undefined || subscription.cycle.interval !== recurring.interval) {
    subscription = { cycle: cycleFrom(recurring.interval, now), since: now };
    await ctx.models.Account.updateOne({ _id: account._id }, { $set: { subscription } });
  }
  const idPrefix = `fee_${account._id}_${subscription.since.getTime()}_`;
  // The current period, unless it has its fee: a period that began and ended with no renewal run (the plan had
  // no fee then, or no control plane ran all that time) is not charged after the fact.
  const current = periodContaining(subscription.cycle, now).from;
  const renewedTo = subscription.renewedTo ?? subscription.since;
  let at = renewedTo > current ? renewedTo : current;
  while (at <= now) {
    const period = periodContaining(subscription.cycle, at);
    const seats = account.seats ?? 1;
    const fee: Fee = {
      _id: `${idPrefix}${period.key}`,
      accountId: account._id,
      walletId: wallet._id,
      currency: plan.currency,
      kind: "renewal",
      planId: plan._id,
      periodFrom: period.from,
      periodTo: period.to,
      fee: recurring.fee,
      seatPrice: recurring.seatPrice,
      seats,
      amount: periodAmount(recurring, seats),
      ledgerEntryId: newId("led"),
      status: "due",
      graceUntil: new Date(Math.max(now.getTime(), period.from.getTime()) + recurring.graceHours * HOUR),
      createdAt: now,
    };
    if (fee.amount === 0) Object.assign(fee, { status: "paid", paidAt: now });
    await insertOnce(ctx.models.Fee, fee);
    at = period.to;
  }
  // After the fees: a writer dying before this line leaves the next run to find them written already.
  if (at.getTime() !== renewedTo.getTime())
    await ctx.models.Account.updateOne({ _id: account._id }, { $set: { "subscription.renewedTo": at } });
}

/**
 * Pay what is due as far as the wallet goes, notify once per fee left unpaid, and republish the account when
 * whether its calls pass may have changed. Run by renewals and when money arrives.
 */
export async function payDueFees(ctx: AppContext, accountId: string, now = new Date()): Promise<void> {
  const { paid, unpaid } = await collectDueFees(ctx, accountId);
  if (paid === 0 && unpaid === undefined) return; // nothing was due
  if (unpaid !== undefined) await notifyPastDue(ctx, unpaid);
  // A fee paid unblocks; a grace period that ended blocks: either way the gateways hear it now.
  await publishAccount(ctx, accountId, now);
}

async function notifyPastDue(ctx: AppContext, fee: Fee): Promise<void> {
  const [plan, wallets] = await Promise.all([ctx.models.Plan.findById(fee.planId, { name: 1 }).lean(), ctx.hot.wallets(fee.accountId)]);
  await notify(ctx, fee.accountId, "fee_past_due", fee._id, {
    planName: plan?.name ?? fee.planId,
    amount: fee.amount,
    currency: fee.currency,
    balance: wallets.get(fee.currency)?.balance ?? 0,
    period: `${fee.periodFrom.toISOString().slice(0, 10)} to ${fee.periodTo.toISOString().slice(0, 10)}`,
    graceUntil: fee.graceUntil.toISOString().slice(0, 16).replace("T", " "),
  });
}

/**
 * The renewal job: every account on a plan with a recurring fee whose current period has no fee yet (its
 * subscription is renewed to a time already past), and every
 * account with a fee due (to collect it, and to block calls when its grace period ends). Idempotent.
 */
export async function renewSubscriptions(ctx: AppContext, now = new Date()): Promise<number> {
  const plans = await ctx.models.Plan.find({ recurring: { $exists: true } }, { _id: 1 }).lean();
  const owing = await ctx.models.Fee.distinct("accountId", { status: "due" });
  const accounts = new Set<string>(owing);
  for await (const account of ctx.models.Account.find(
    {
      planId: { $in: plans.map((p) => p._id) },
      status: { $ne: "closed" },
      $or: [{ "subscription.renewedTo": { $exists: false } }, { "subscription.renewedTo": { $lte: now } }],
    },
    { _id: 1 },
  )
    .lean()
    .cursor())
    accounts.add(account._id);
  for (const accountId of accounts) await renewSubscription(ctx, accountId, now);
  return accounts.size;
}
