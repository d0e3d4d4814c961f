import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { AnomalyPolicy, Plan } from "../../models/plan.js";
import { audit } from "../audit.js";

/** Set how a plan's accounts are watched for usage far above their own baseline, and what is done about it. */
export async function setAnomalyPolicy(
  ctx: AppContext,
  planId: string,
  policy: AnomalyPolicy,
  actor: string,
): Promise<Outcome<Plan, "not_found">> {
  const plan = await ctx.models.Plan.findByIdAndUpdate(
    planId,
    { $set: { anomalyPolicy: policy, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  await audit(ctx, actor, "plan.anomaly_policy", planId, { ...policy });
  return ok(plan);
}
