import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { derivedId, newId } from "../../ids.js";
import { insertOnce, type Account, type Fee, type Plan } from "../../models/index.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";
import { accountEvent, accountSnapshot } from "../webhooks/record.js";
import { cycleFrom } from "../invoices/cycles.js";
import { collectFee } from "./collect.js";
import { lockedSubscription } from "./lock.js";
import { renewLocked } from "./renew.js";
import { quoteChange, refuseSelfService } from "./rules.js";

export interface SubscriptionChange {
  planId?: string | undefined;
  seats?: number | undefined;
  idempotencyKey: string;
  actor: string;
  /** Made by the account itself (its portal): only between self-service plans, within their seat limit. */
  selfService?: boolean | undefined;
}

/**
 * Change an account's plan or seats now, moving the prorated difference once per idempotency key (see
 * proration.ts for the rule). Within the same interval the change is prorated over the current period: more is
 * charged at once (a prepaid wallet that cannot pay it refuses the change: 402, and nothing changes), less is
 * credited at once. When the interval changes, or the new plan has no recurring fee, the old period's unused
 * remainder is credited and, on a plan with a fee, a new subscription starts now, its first period renewed
 * (charged in full) as any renewal. The current fee is renewed first, and a change waits until nothing is due.
 */
export type ChangeFailure = "not_found" | "conflict" | "unprocessable" | "idempotency_key_reused" | "insufficient_funds" | "forbidden";

export async function changeSubscription(
  ctx: AppContext,
  accountId: string,
  input: SubscriptionChange,
  now = new Date(),
): Promise<Outcome<{ fee: Fee; replayed: boolean }, ChangeFailure>> {
  // Another change under way holds the lock past the wait: a conflict (the route declares 409).
  const changed = await lockedSubscription(ctx, accountId, async (): Promise<Outcome<{ fee: Fee; replayed: boolean }, ChangeFailure>> => {
    const { Account: Accounts, Plan: Plans, Fee: Fees } = ctx.models;
    const account = await Accounts.findById(accountId).lean();
    if (account === null) return failure("not_found", `No account ${accountId}.`);
    if (account.status === "closed") return failure("conflict", "A closed account's subscription cannot change.");
    const from = await Plans.findById(account.planId).lean();
    if (from === null) return failure("not_found", `No plan ${account.planId}.`);
    const to = input.planId === undefined ? from : await Plans.findById(input.planId).lean();
    if (to === null)
      return failure("unprocessable", `No plan ${input.planId}.`, {
        errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }],
      });
    if (to.currency !== from.currency)
      return failure("unprocessable", `Plan ${to._id} is priced in ${to.currency}, the account's plan in ${from.currency}.`, {
        errors: [{ location: "body", pointer: "/planId", message: "another currency" }],
      });
    const seats = input.seats ?? account.seats ?? 1;
    const requestHash = createHash("sha256")
      .update(JSON.stringify([to._id, seats]))
      .digest("hex");
    const id = `fee_${accountId}_chg_${derivedId(input.idempotencyKey)}`;

    const prior = await Fees.findById(id).lean();
    if (prior !== null) {
      if (prior.change?.requestHash !== requestHash)
        return failure("idempotency_key_reused", "This Idempotency-Key was first used for another change.");
      const finished = await finish(ctx, prior, now);
      return finished.ok ? ok({ fee: finished.value, replayed: true }) : finished;
    }
    if (input.selfService) {
      const refused = refuseSelfService(from, to, seats);
      if (!refused.ok) return refused;
    }
    for (const unfinished of await Fees.find({
      accountId,
      kind: "change",
      status: "paid",
      "change.appliedAt": { $exists: false },
    }).lean()) {
      const finished = await finish(ctx, unfinished, now);
      if (!finished.ok) return finished;
    }

    // The current period first, so that what the change prorates is paid for.
    await renewLocked(ctx, accountId, now);
    const owed = await Fees.findOne({ accountId, status: "due" }).lean();
    if (owed !== null)
      return failure(
        "conflict",
        `A fee of ${owed.amount} micros ${owed.currency} is due: a top-up pays it, and then the change can be made.`,
      );

    const current = (await Accounts.findById(accountId).lean())!;
    const fee = await createChange(ctx, current, from, to, seats, { ...input, requestHash, id }, now);
    if (!fee.ok) return fee;
    const finished = await finish(ctx, fee.value, now);
    return finished.ok ? ok({ fee: finished.value, replayed: false }) : finished;
  });
  return changed.ok ? changed.value : changed;
}

async function createChange(
  ctx: AppContext,
  account: Account,
  from: Plan,
  to: Plan,
  seats: number,
  input: SubscriptionChange & { requestHash: string; id: string },
  now: Date,
): Promise<Outcome<Fee, "unprocessable">> {
  const wallet = await ctx.models.Wallet.findOne({ accountId: account._id, currency: from.currency }).lean();
  if (wallet === null) return failure("unprocessable", `The account has no ${from.currency} wallet.`);
  const { fromAmount, toAmount, period, amount, remainingSeconds, periodSeconds } = quoteChange(account, from, to, seats, now);
  const fee: Fee = {
    _id: input.id,
    accountId: account._id,
    walletId: wallet._id,
    currency: from.currency,
    kind: "change",
    planId: to._id,
    periodFrom: period.from,
    periodTo: period.to,
    fee: to.recurring?.fee ?? 0,
    seatPrice: to.recurring?.seatPrice ?? 0,
    seats,
    change: {
      fromPlanId: from._id,
      toPlanId: to._id,
      fromSeats: account.seats ?? 1,
      toSeats: seats,
      fromAmount,
      toAmount,
      at: now,
      remainingSeconds,
      periodSeconds,
      idempotencyKey: input.idempotencyKey,
      requestHash: input.requestHash,
      actor: input.actor,
    },
    amount,
    ledgerEntryId: newId("led"),
    status: amount === 0 ? "paid" : "due",
    graceUntil: now,
    createdAt: now,
    ...(amount === 0 ? { paidAt: now } : {}),
  };
  if (!(await insertOnce(ctx.models.Fee, fee))) return ok((await ctx.models.Fee.findById(fee._id).lean())!);
  return ok(fee);
}

/**
 * Move the change's money (refused for funds: the change is withdrawn, 402), then give the account its new plan
 * and seats, once, and start a new cycle when the old one ended.
 */
async function finish(ctx: AppContext, fee: Fee, now: Date): Promise<Outcome<Fee, "insufficient_funds">> {
  const change = fee.change!;
  if (change.appliedAt !== undefined) return ok(fee);
  const collected = await collectFee(ctx, fee);
  if (collected.kind === "not_covered") {
    await ctx.models.Fee.deleteOne({ _id: fee._id, status: "due" });
    return failure(
      "insufficient_funds",
      `This change costs ${fee.amount} micros ${fee.currency} now; the balance is ${collected.balance}.`,
      {
        balance: collected.balance,
        amount: fee.amount,
        currency: fee.currency,
      },
    );
  }
  const account = (await ctx.models.Account.findById(fee.accountId).lean())!;
  const before = await accountSnapshot(ctx, fee.accountId);
  const plan = (await ctx.models.Plan.findById(change.toPlanId).lean())!;
  const sameCycle = account.subscription !== undefined && plan.recurring?.interval === account.subscription.cycle.interval;
  const set: Record<string, unknown> = { planId: change.toPlanId, seats: change.toSeats };
  if (plan.recurring !== undefined && !sameCycle) set.subscription = { cycle: cycleFrom(plan.recurring.interval, now), since: now };
  await ctx.models.Account.updateOne(
    { _id: fee.accountId },
    { $set: set, ...(plan.recurring === undefined ? { $unset: { subscription: 1 } } : {}) },
  );
  await ctx.models.Fee.updateOne({ _id: fee._id }, { $set: { "change.appliedAt": now } });
  await audit(ctx, change.actor, "subscription.change", fee.accountId, {
    feeId: fee._id,
    fromPlanId: change.fromPlanId,
    toPlanId: change.toPlanId,
    fromSeats: change.fromSeats,
    toSeats: change.toSeats,
    amount: fee.amount,
  });
  // A new cycle's first period is renewed now; the gateways take the new plan.
  await renewLocked(ctx, fee.accountId, now);
  await publishAccount(ctx, fee.accountId, now);
  await accountEvent(ctx, fee.accountId, before);
  return ok((await ctx.models.Fee.findById(fee._id).lean())!);
}
