import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import type { Recurring } from "../../models/fee.js";
import type { Plan } from "../../models/index.js";
import { audit } from "../audit.js";

/**
 * Set or remove a plan's recurring fee. New amounts apply from each account's next renewal (what was charged
 * stays). A period's length is what subscriptions are anchored on, so it does not change while accounts are on
 * the plan: make another plan, and move them (a change of plan credits the rest of the old period).
 */
export async function setRecurring(ctx: AppContext, planId: string, recurring: Recurring | undefined, actor: string): Promise<Plan> {
  const plan = await ctx.models.Plan.findById(planId).lean();
  if (plan === null) throw new ProblemError("not_found", `No plan ${planId}.`);
  if (recurring !== undefined && plan.recurring !== undefined && plan.recurring.interval !== recurring.interval) {
    const onIt = await ctx.models.Account.exists({ planId, status: { $ne: "closed" } });
    if (onIt !== null)
      throw new ProblemError(
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
  return (await ctx.models.Plan.findById(planId).lean())!;
}
