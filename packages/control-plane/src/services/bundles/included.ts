import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { ProblemError } from "../../domain/problem-error.js";
import { newId } from "../../ids.js";
import { insertOnce, type Account, type Bundle, type Plan } from "../../models/index.js";
import type { IncludedBundle } from "../../models/plan.js";
import { audit } from "../audit.js";
import { CALENDAR_MONTH, periodContaining, type Period } from "../invoices/cycles.js";
import { lockedSubscription } from "../subscriptions/lock.js";
import { endBundle } from "./end.js";
import { applyBundle } from "./hot.js";

/*
 * Bundles included in a plan: each account on the plan is given, for each period, one bundle per included
 * product (`source: plan`), valid until the period ends. When it expires, at most its `rolloverCap` of what it
 * has left rolls over into a bundle of its own (`source: rollover`) valid until the next period ends; the rest
 * expires. The expiry entry fixes both numbers at once (end.ts), so a unit is rolled over or expired, never
 * both, and rolls over at most once (a rollover bundle has no cap of its own).
 */

/** The actor of what the job does. */
const ACTOR = "system:plan-bundles";

/**
 * Each bundle's one idempotency key (unique per account): the plan, the product and the period, or `once`. It
 * holds a space, which no Idempotency-Key header may: no request can take it.
 */
const planBundleKey = (planId: string, productId: string, periodKey: string) => `plan bundle ${planId} ${productId} ${periodKey}`;

/**
 * Set (or clear, with none) the bundles a plan includes, one per product of its catalog. They apply from each
 * account's next period (or its next look by the job): bundles already issued stay as they are. Audited.
 */
export async function setIncludedBundles(
  ctx: AppContext,
  planId: string,
  bundles: IncludedBundle[],
  actor: string,
): Promise<Outcome<Plan, "not_found" | "unprocessable">> {
  const plan = await ctx.models.Plan.findById(planId).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  const products = new Set(["default", ...plan.catalog.products.map((p) => p.id)]);
  const errors = bundles.flatMap((b, i) => {
    const at = (field: string, message: string) => ({ location: "body" as const, pointer: `/bundles/${i}/${field}`, message });
    const out = [];
    if (!products.has(b.productId)) out.push(at("productId", `the plan has no product "${b.productId}"`));
    if (bundles.findIndex((o) => o.productId === b.productId) !== i) out.push(at("productId", "one included bundle per product"));
    if (b.rolloverCap > b.units) out.push(at("rolloverCap", "at most the bundle's units"));
    return out;
  });
  if (errors.length > 0) return failure("unprocessable", errors[0]!.message, { errors });
  const updated = await ctx.models.Plan.findOneAndUpdate(
    { _id: planId },
    bundles.length === 0
      ? { $unset: { includedBundles: 1 }, $set: { updatedAt: new Date() } }
      : { $set: { includedBundles: bundles, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (updated === null) return failure("not_found", `No plan ${planId}.`);
  await audit(ctx, actor, "plan.included_bundles.set", planId, { bundles });
  return ok(updated);
}

/**
 * The period an account's included bundles are valid for: its subscription's when its plan has a recurring fee
 * (undefined until the renewal job has started it on the plan's interval), else its billing cycle's (a
 * calendar month when it has none); and the period after it (where rolled-over units are valid).
 */
export function bundlePeriod(account: Account, plan: Plan, now: Date): { period: Period; next: Period } | undefined {
  let cycle = account.billingCycle ?? CALENDAR_MONTH;
  if (plan.recurring !== undefined) {
    const s = account.subscription;
    if (s === undefined || s.cycle.interval !== plan.recurring.interval) return undefined;
    cycle = s.cycle;
  }
  const period = periodContaining(cycle, now);
  return { period, next: periodContaining(cycle, period.to) };
}

/**
 * Whether an account's included bundles need a look: its plan includes some and its current period has not had
 * them (none noted, the noted period has ended, or they were another plan's), or it holds some noted for a plan
 * that includes none. What the job selects, asked of one account (the renewal asks it on each run).
 */
export function includedDue(account: Account, plan: Plan | null, now: Date): boolean {
  const noted = account.bundlesIssued;
  if (plan?.includedBundles === undefined || account.status === "closed") return noted !== undefined;
  return noted === undefined || noted.until <= now || noted.planId !== plan._id;
}

/**
 * Give one account its plan's bundles for the period containing `now`, idempotently and crash-safe, holding the
 * subscription's lock (the renewal and a change of plan call includedLocked under it).
 */
export async function issueIncludedBundles(ctx: AppContext, accountId: string, now = new Date()): Promise<void> {
  const done = await lockedSubscription(ctx, accountId, () => includedLocked(ctx, accountId, now));
  if (!done.ok) throw ProblemError.failed(done);
}

/**
 * issueIncludedBundles' work, in an order a crash anywhere leaves for the next run to finish:
 * 1. its bundles past their date end (expiry: what rolls over gets its rollover bundle, see end.ts), before
 *    the new period's are issued, so that rolled-over units are the older and are taken first;
 * 2. plan bundles still live of another plan, or of another period of this one (its cycle changed), end as
 *    revoked: a change of plan ends the old plan's bundles, with no rollover;
 * 3. each included bundle of the plan for this period (or `once`) is created under its one key and applied;
 * 4. the account notes the plan and the period's end, so that the job looks at it again only then.
 */
export async function includedLocked(ctx: AppContext, accountId: string, now: Date): Promise<void> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return;
  const plan = account.status === "closed" ? null : await ctx.models.Plan.findById(account.planId).lean();
  const at = plan === null ? undefined : bundlePeriod(account, plan, now);
  const held = await ctx.models.Bundle.find({ accountId, status: "active", source: { $in: ["plan", "rollover"] } }).lean();
  for (const b of held.filter((b) => b.expiresAt <= now)) await endBundle(ctx, b, "expiry", ACTOR);
  for (const b of held) {
    if (b.source !== "plan" || b.expiresAt <= now) continue;
    if (plan !== null && b.planId === plan._id && (at === undefined || b.periodKey === at.period.key || b.periodKey === "once")) continue;
    await endBundle(ctx, b, "revoke", ACTOR);
  }
  const included = plan?.includedBundles ?? [];
  if (plan === null || at === undefined || included.length === 0) {
    if (account.bundlesIssued !== undefined) await ctx.models.Account.updateOne({ _id: accountId }, { $unset: { bundlesIssued: 1 } });
    return;
  }
  const products = new Set(["default", ...plan.catalog.products.map((p) => p.id)]);
  for (const inc of included) {
    if (!products.has(inc.productId)) continue; // the catalog dropped it since
    const bundle = await planBundle(ctx, account, plan, inc, at.period, at.next, now);
    if (bundle.status === "active" && bundle.expiresAt > now) await applyBundle(ctx, bundle);
  }
  await ctx.models.Account.updateOne({ _id: accountId }, { $set: { bundlesIssued: { planId: plan._id, until: at.period.to } } });
}

/** The account's bundle of `inc` for `period`, created once under its key (a second run, or a racing one, finds it). */
async function planBundle(
  ctx: AppContext,
  account: Account,
  plan: Plan,
  inc: IncludedBundle,
  period: Period,
  next: Period,
  now: Date,
): Promise<Bundle> {
  const periodKey = inc.recurrence === "once" ? "once" : period.key;
  const idempotencyKey = planBundleKey(plan._id, inc.productId, periodKey);
  const prior = await ctx.models.Bundle.findOne({ accountId: account._id, idempotencyKey }).lean();
  if (prior !== null) return prior;
  const bundle: Bundle = {
    _id: newId("bun"),
    accountId: account._id,
    productId: inc.productId,
    units: inc.units,
    remaining: inc.units,
    priority: inc.priority,
    expiresAt: period.to,
    overage: inc.overage,
    status: "active",
    source: "plan",
    planId: plan._id,
    periodKey,
    ...(inc.rolloverCap > 0 ? { rolloverCap: inc.rolloverCap, rolloverUntil: next.to } : {}),
    idempotencyKey,
    actor: ACTOR,
    createdAt: now,
  };
  // Another run issued it meanwhile (the unique key): its bundle.
  if (!(await insertOnce(ctx.models.Bundle, bundle)))
    return (await ctx.models.Bundle.findOne({ accountId: account._id, idempotencyKey }).lean())!;
  await audit(ctx, ACTOR, "bundle.issue", bundle._id, {
    accountId: account._id,
    productId: bundle.productId,
    units: bundle.units,
    overage: bundle.overage,
    expiresAt: bundle.expiresAt.toISOString(),
    source: "plan",
    planId: plan._id,
    period: periodKey,
  });
  return bundle;
}

/**
 * The included-bundles job: every account whose plan includes bundles and whose current period has not had
 * them (none noted, or the noted period has ended, or the noted plan is another), and every account that holds
 * plan bundles noted for a plan that includes none any more. Idempotent; a run cut short is finished by the next.
 */
export async function issuePlanBundles(ctx: AppContext, now = new Date()): Promise<number> {
  const plans = await ctx.models.Plan.find({ includedBundles: { $exists: true } }, { _id: 1 }).lean();
  const ids = plans.map((p) => p._id);
  const accounts = new Set<string>();
  const collect = async (filter: Record<string, unknown>) => {
    for await (const a of ctx.models.Account.find(filter, { _id: 1 }).lean().cursor()) accounts.add(a._id);
  };
  if (ids.length > 0)
    await collect({
      planId: { $in: ids },
      status: { $ne: "closed" },
      $or: [{ bundlesIssued: { $exists: false } }, { "bundlesIssued.until": { $lte: now } }],
    });
  for (const planId of ids) await collect({ planId, status: { $ne: "closed" }, "bundlesIssued.planId": { $exists: true, $ne: planId } });
  await collect({ bundlesIssued: { $exists: true }, $or: [{ planId: { $nin: ids } }, { status: "closed" }] });
  for (const accountId of accounts) await issueIncludedBundles(ctx, accountId, now);
  return accounts.size;
}
