import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Recurring } from "../../models/fee.js";
import type { Plan } from "../../models/index.js";
import { audit } from "../audit.js";

/**
 * Set or remove a plan's recurring fee. New amounts apply from each account's next renewal (what was charged
 * stays). A period's length is what subscriptions are anchored on, so it does not change while accounts are on
 * the plan: make another plan, and move them (a change of plan credits the rest of the old period).
 * Removing the fee (`undefined`) never conflicts: its outcome names only `not_found`.
 */
export async function setRecurring(
  ctx: AppContext,
  planId: string,
  recurring: undefined,
  actor: string,
): Promise<Outcome<Plan, "not_found">>;
export async function setRecurring(
  ctx: AppContext,
  planId: string,
  recurring: Recurring | undefined,
  actor: string,
): Promise<Outcome<Plan, "not_found" | "conflict">>;
export async function setRecurring(
  ctx: AppContext,
  planId: string,
  recurring: Recurring | undefined,
  actor: string,
): Promise<Outcome<Plan, "not_found" | "conflict">> {
  const plan = await ctx.models.Plan.findById(planId).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  if (recurring !== undefined && plan.recurring !== undefined && plan.recurring.interval !== recurring.interval) {
    const onIt = await ctx.models.Account.exists({ planId, status: { $ne: "closed" } });
    if (onIt !== null)
      return failure(
        "conflict",
        `Accounts renew ${plan.recurring.interval}ly on this plan: create a plan with a ${recurring.interval}ly fee and move them to it.`,
      );
  }
  await ctx.models.Plan.updateOne(
    { _id: planId },
    recurring === undefined
      ? { $unset: { recurring: 1 }, $set: { updatedAt: new Date() } }
      : { $set: { recurring, updatedAt: new Date() } },
  );
  await audit(ctx, actor, recurring === undefined ? "plan.recurring.remove" : "plan.recurring.set", planId, { ...(recurring ?? {}) });
  return ok((await ctx.models.Plan.findById(planId).lean())!);
}
