import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Plan } from "../../models/index.js";
import { audit } from "../audit.js";
import { quoteChange, refuseSelfService } from "./rules.js";

/** Let customers move to and from a plan themselves (with at most `maxSeats` seats), or (undefined) stop it. Audited. */
export async function setSelfService(
  ctx: AppContext,
  planId: string,
  setting: { maxSeats: number } | undefined,
  actor: string,
): Promise<Outcome<Plan, "not_found">> {
  const plan = await ctx.models.Plan.findOneAndUpdate(
    { _id: planId },
    setting === undefined
      ? { $unset: { selfService: 1 }, $set: { updatedAt: new Date() } }
      : { $set: { selfService: { maxSeats: setting.maxSeats }, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  await audit(ctx, actor, "plan.self_service", planId, setting === undefined ? { enabled: false } : { enabled: true, ...setting });
  return ok(plan);
}

/** The plans an account may move to by itself: self-service plans in its plan's currency, its own among them. */
export async function selfServicePlans(ctx: AppContext, accountId: string): Promise<Outcome<Plan[], "not_found">> {
  const account = await ctx.models.Account.findById(accountId, { planId: 1 }).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const current = await ctx.models.Plan.findById(account.planId, { currency: 1 }).lean();
  if (current === null) return failure("not_found", `No plan ${account.planId}.`);
  const plans = await ctx.models.Plan.find({ currency: current.currency, selfService: { $exists: true } })
    .sort({ name: 1 })
    .limit(100)
    .lean();
  return ok(plans);
}

export interface SubscriptionQuote {
  planId: string;
  seats: number;
  currency: string;
  /** What a period costs before and after. */
  fromAmount: number;
  toAmount: number;
  /** What the change moves now, prorated (positive: charged now; negative: credited now). */
  amount: number;
  periodFrom: Date;
  periodTo: Date;
  remainingSeconds: number;
  periodSeconds: number;
  /** The new plan renews on another period: its first period is charged in full at once, beside `amount`. */
  newCycle: boolean;
  /** Whether the account may make it itself (self-service), and why not. */
  selfService: { allowed: true } | { allowed: false; reason: string };
}

/** What a change of plan or seats would cost now, without making it: the figures the change itself would use. */
export async function quoteSubscriptionChange(
  ctx: AppContext,
  accountId: string,
  change: { planId?: string | undefined; seats?: number | undefined },
  now = new Date(),
): Promise<Outcome<SubscriptionQuote, "not_found" | "unprocessable">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const from = await ctx.models.Plan.findById(account.planId).lean();
  if (from === null) return failure("not_found", `No plan ${account.planId}.`);
  const to = change.planId === undefined ? from : await ctx.models.Plan.findById(change.planId).lean();
  if (to === null)
    return failure("unprocessable", `No plan ${change.planId}.`, {
      errors: [{ location: "query", pointer: "/planId", message: "unknown plan" }],
    });
  if (to.currency !== from.currency)
    return failure("unprocessable", `Plan ${to._id} is priced in ${to.currency}, the account's plan in ${from.currency}.`, {
      errors: [{ location: "query", pointer: "/planId", message: "another currency" }],
    });
  const seats = change.seats ?? account.seats ?? 1;
  const q = quoteChange(account, from, to, seats, now);
  const refused = refuseSelfService(from, to, seats);
  return ok({
    planId: to._id,
    seats,
    currency: to.currency,
    fromAmount: q.fromAmount,
    toAmount: q.toAmount,
    amount: q.amount,
    periodFrom: q.period.from,
    periodTo: q.period.to,
    remainingSeconds: q.remainingSeconds,
    periodSeconds: q.periodSeconds,
    newCycle: q.newCycle,
    selfService: refused.ok ? { allowed: true } : { allowed: false, reason: refused.detail ?? refused.code },
  });
}
