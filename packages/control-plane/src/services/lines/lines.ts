import { localTime, periodKey, type ProblemCode } from "@tollgate/metering";
import { mintInPartitionOf } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { insertOnce, type Account, type Plan, type Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { publishAccount } from "../accounts/publish.js";
import { whenLocked } from "../locks.js";
import { MOVE_LOCK_MS, moveAccount } from "./move.js";
import { monthOf } from "./spend.js";

/*
 * Hierarchies (docs/concepts/hierarchies.md): a payer account pays for its lines. A line has no wallet while it
 * is one: its calls spend from its payer's wallet, within its own limit per calendar month, decided in one
 * script (metering's ADMISSION). A line's id is minted in its payer's partition so that both hashes share a
 * slot; an existing account of another partition that joins is moved to its payer's partition (move.ts).
 */

/** A line, and what it has spent of its payer's wallet this month (its limit's period, in its plan's time zone). */
export interface LineState {
  account: Account;
  /** The calendar month its spend counts for, e.g. `2026-12`. */
  period: string;
  /** Micros spent from its payer's wallet this month (reservations count while they hold). */
  spent: number;
  currency: string;
}

/**
 * Who pays for whom changes one at a time per partition (a payer and its lines share one): on FerretDB the
 * checks (a payer is no line, a line pays for none) and the write are not atomic, so two changes at once could
 * make a cycle or a second level. A lock by unique insert orders them.
 */
async function inHierarchy<T, C extends ProblemCode>(
  ctx: AppContext,
  payerId: string,
  fn: () => Promise<Outcome<T, C>>,
  /** How long the lock lives: longer for an attach, which may move the account (MOVE_LOCK_MS). */
  ttlMs = 30_000,
): Promise<Outcome<T, C | "conflict">> {
  const done = await whenLocked(ctx, `hierarchy:${ctx.hot.keyspace.partitionOf(payerId)}`, ttlMs, fn, 10_000);
  return done.ok ? done.value : done;
}

type LinePlan = Pick<Plan, "catalog" | "currency">;

/** A line's state; its plan when the caller has read it already (a list reads each plan once). */
async function stateOf(ctx: AppContext, account: Account, nowMs = Date.now(), known?: LinePlan | null): Promise<LineState> {
  const plan = known !== undefined ? known : await ctx.models.Plan.findById(account.planId, { catalog: 1, currency: 1 }).lean();
  const period = plan === null ? periodKey(localTime("UTC", nowMs), "month") : monthOf(plan, nowMs);
  const spent = await ctx.hot.counter(ctx.hot.keyspace.lineSpend(account._id, period));
  return { account, period, spent, currency: plan?.currency ?? "" };
}

/** The payer, if it can pay for lines in `currency`: it exists, is not a line itself, and has a wallet in it. */
async function payerFor(
  ctx: AppContext,
  payerId: string,
  currency: string,
): Promise<Outcome<{ payer: Account; wallet: Wallet }, "not_found" | "conflict" | "unprocessable">> {
  const payer = await ctx.models.Account.findById(payerId).lean();
  if (payer === null) return failure("not_found", `No account ${payerId}.`);
  if (payer.payerId !== undefined)
    return failure("conflict", `Account ${payerId} is a line of ${payer.payerId}: a hierarchy has one payer, at its root.`);
  if (payer.status === "closed") return failure("conflict", `Account ${payerId} is closed.`);
  const wallet = await ctx.models.Wallet.findOne({ accountId: payerId, currency }).lean();
  if (wallet === null)
    return failure("unprocessable", `Account ${payerId} has no ${currency} wallet to pay for a line on a ${currency} plan.`, {
      errors: [{ location: "body", pointer: "/planId", message: `the payer has no ${currency} wallet` }],
    });
  return ok({ payer, wallet });
}

/** A plan a line may be on: one with no recurring fee (a line has no wallet of its own to be charged one). */
async function linePlan(ctx: AppContext, planId: string): Promise<Outcome<Plan, "unprocessable">> {
  const plan = await ctx.models.Plan.findById(planId).lean();
  if (plan === null)
    return failure("unprocessable", `No plan ${planId}.`, { errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }] });
  if (plan.recurring !== undefined)
    return failure("unprocessable", `Plan ${planId} has a recurring fee: a line's plan has none (its usage is its payer's to pay).`, {
      errors: [{ location: "body", pointer: "/planId", message: "a line's plan has no recurring fee" }],
    });
  return ok(plan);
}

/**
 * A new line of `payerId`: an account with no wallet, on `planId` (the payer's plan when absent), spending from
 * the payer's wallet in the plan's currency within `limit` micros a month (none when absent). Published at once.
 */
export async function createLine(
  ctx: AppContext,
  input: { payerId: string; name: string; planId?: string | undefined; limit?: number | undefined; actor: string },
): Promise<Outcome<LineState, "not_found" | "conflict" | "unprocessable">> {
  return inHierarchy(ctx, input.payerId, () => createLineLocked(ctx, input));
}

async function createLineLocked(
  ctx: AppContext,
  input: { payerId: string; name: string; planId?: string | undefined; limit?: number | undefined; actor: string },
): Promise<Outcome<LineState, "not_found" | "conflict" | "unprocessable">> {
  const payerAccount = await ctx.models.Account.findById(input.payerId, { planId: 1 }).lean();
  if (payerAccount === null) return failure("not_found", `No account ${input.payerId}.`);
  const plan = await linePlan(ctx, input.planId ?? payerAccount.planId);
  if (!plan.ok) return plan;
  const payer = await payerFor(ctx, input.payerId, plan.value.currency);
  if (!payer.ok) return payer;
  const account: Account = {
    _id: mintInPartitionOf(ctx.hot.keyspace, input.payerId, () => newId("acct")),
    name: input.name,
    planId: plan.value._id,
    status: "active",
    billingMode: "prepaid",
    seats: 1,
    payerId: input.payerId,
    ...(input.limit !== undefined && { lineLimit: input.limit }),
    createdAt: new Date(),
  };
  if (!(await insertOnce(ctx.models.Account, account))) throw new Error(`account id ${account._id} was taken`);
  await publishAccount(ctx, account._id);
  await audit(ctx, input.actor, "line.create", account._id, { payerId: input.payerId, planId: account.planId, limit: input.limit ?? null });
  return ok(await stateOf(ctx, account));
}

/** The lines `payerId` pays for, oldest first, with what each has spent this month. */
export async function listLines(ctx: AppContext, payerId: string): Promise<Outcome<LineState[], "not_found">> {
  const payer = await ctx.models.Account.findById(payerId, { _id: 1 }).lean();
  if (payer === null) return failure("not_found", `No account ${payerId}.`);
  const lines = await ctx.models.Account.find({ payerId }).sort({ createdAt: 1, _id: 1 }).lean();
  const now = Date.now();
  const plans = await ctx.models.Plan.find({ _id: { $in: [...new Set(lines.map((l) => l.planId))] } }, { catalog: 1, currency: 1 }).lean();
  const planOf = new Map<string, LinePlan>(plans.map((p) => [p._id, p]));
  return ok(await Promise.all(lines.map((line) => stateOf(ctx, line, now, planOf.get(line.planId) ?? null))));
}

/** One line of `payerId` (not found when it is not one of its lines). */
async function lineOfPayer(ctx: AppContext, payerId: string, lineId: string): Promise<Outcome<Account, "not_found">> {
  const line = await ctx.models.Account.findById(lineId).lean();
  if (line === null || line.payerId !== payerId) return failure("not_found", `Account ${lineId} is not a line of ${payerId}.`);
  return ok(line);
}

/** A line as it sees itself: its payer, its limit, and what it has spent this month (not found: not a line). */
export async function getOwnLine(ctx: AppContext, accountId: string): Promise<Outcome<LineState, "not_found">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  if (account.payerId === undefined) return failure("not_found", `Account ${accountId} is not a line of a hierarchy.`);
  return ok(await stateOf(ctx, account));
}

/**
 * Raise, lower or remove (`null`) a line's monthly limit: it applies to its next call. A limit below what the
 * line has spent this month refuses its calls until the month ends; nothing spent is undone.
 */
export async function setLineLimit(
  ctx: AppContext,
  input: { payerId: string; lineId: string; limit: number | null; actor: string },
): Promise<Outcome<LineState, "not_found">> {
  const line = await lineOfPayer(ctx, input.payerId, input.lineId);
  if (!line.ok) return line;
  if (input.limit === null) await ctx.models.Account.updateOne({ _id: input.lineId }, { $unset: { lineLimit: 1 } });
  else await ctx.models.Account.updateOne({ _id: input.lineId }, { $set: { lineLimit: input.limit } });
  await publishAccount(ctx, input.lineId);
  await audit(ctx, input.actor, "line.limit", input.lineId, {
    payerId: input.payerId,
    from: line.value.lineLimit ?? null,
    to: input.limit,
  });
  const account = await ctx.models.Account.findById(input.lineId).lean();
  return ok(await stateOf(ctx, account!));
}

/**
 * Take a line out of its hierarchy: from its next call it pays for itself, from a wallet of its own in its plan's
 * currency (opened empty if it has none). What it was charged stays on its payer's wallet; a reservation its
 * payer's wallet holds is settled there.
 */
export async function detachLine(
  ctx: AppContext,
  input: { payerId: string; lineId: string; actor: string },
): Promise<Outcome<Account, "not_found" | "conflict">> {
  return inHierarchy(ctx, input.payerId, () => detachLineLocked(ctx, input));
}

async function detachLineLocked(
  ctx: AppContext,
  input: { payerId: string; lineId: string; actor: string },
): Promise<Outcome<Account, "not_found">> {
  const line = await lineOfPayer(ctx, input.payerId, input.lineId);
  if (!line.ok) return line;
  const plan = await ctx.models.Plan.findById(line.value.planId, { currency: 1 }).lean();
  if (plan !== null && (await ctx.models.Wallet.findOne({ accountId: input.lineId, currency: plan.currency }).lean()) === null) {
    await insertOnce(ctx.models.Wallet, {
      _id: newId("wal"),
      accountId: input.lineId,
      currency: plan.currency,
      creditLimit: 0,
      createdAt: new Date(),
    });
  }
  await ctx.models.Account.updateOne({ _id: input.lineId }, { $unset: { payerId: 1, lineLimit: 1 } });
  await publishAccount(ctx, input.lineId);
  await audit(ctx, input.actor, "line.detach", input.lineId, { payerId: input.payerId });
  return ok((await ctx.models.Account.findById(input.lineId).lean())!);
}

/**
 * Make an existing account a line of `payerId`, from its next call. Its own wallet keeps what it holds (nothing
 * charged moves). An account of another partition has its hot state moved to its payer's first (move.ts):
 * `conflict` when it has reservations, leases or sessions open, or usage not yet ingested (try again).
 */
export async function attachLine(
  ctx: AppContext,
  input: { payerId: string; accountId: string; limit?: number | undefined; actor: string },
): Promise<Outcome<LineState, "not_found" | "conflict" | "unprocessable">> {
  return inHierarchy(ctx, input.payerId, () => attachLineLocked(ctx, input), MOVE_LOCK_MS);
}

async function attachLineLocked(
  ctx: AppContext,
  input: { payerId: string; accountId: string; limit?: number | undefined; actor: string },
): Promise<Outcome<LineState, "not_found" | "conflict" | "unprocessable">> {
  if (input.accountId === input.payerId) return failure("conflict", "An account cannot be its own line.");
  const account = await ctx.models.Account.findById(input.accountId).lean();
  if (account === null)
    return failure("unprocessable", `No account ${input.accountId}.`, {
      errors: [{ location: "body", pointer: "/accountId", message: "unknown account" }],
    });
  if (account.payerId !== undefined) return failure("conflict", `Account ${input.accountId} is already a line of ${account.payerId}.`);
  if ((await ctx.models.Account.findOne({ payerId: input.accountId }, { _id: 1 }).lean()) !== null)
    return failure("conflict", `Account ${input.accountId} pays for lines of its own: a hierarchy has one payer, at its root.`);
  const plan = await linePlan(ctx, account.planId);
  if (!plan.ok) return plan;
  const payer = await payerFor(ctx, input.payerId, plan.value.currency);
  if (!payer.ok) return payer;
  const ks = ctx.hot.keyspace;
  const to = ks.partitionOf(input.payerId);
  const join = { payerId: input.payerId, ...(input.limit !== undefined && { lineLimit: input.limit }) };
  let moved: { from: number; to: number } | undefined;
  if (ks.partitionOf(input.accountId) === to) {
    await ctx.models.Account.updateOne({ _id: input.accountId }, { $set: join });
    await publishAccount(ctx, input.accountId);
  } else {
    // Its hot state moves to its payer's partition first (services/lines/move.ts), under that partition's lock too.
    const from = ks.partitionOf(input.accountId);
    const done = await whenLocked(
      ctx,
      `hierarchy:${from}`,
      MOVE_LOCK_MS,
      () =>
        moveAccount(ctx, input.accountId, to, () =>
          ctx.models.Account.updateOne({ _id: input.accountId }, { $set: { ...join, partition: to } }).then(() => undefined),
        ),
      10_000,
    );
    const outcome = done.ok ? done.value : done;
    if (!outcome.ok) return outcome;
    moved = outcome.value;
  }
  await audit(ctx, input.actor, "line.attach", input.accountId, {
    payerId: input.payerId,
    limit: input.limit ?? null,
    ...(moved !== undefined && { partition: moved }),
  });
  return ok(await stateOf(ctx, (await ctx.models.Account.findById(input.accountId).lean())!));
}
