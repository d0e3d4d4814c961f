import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Plan } from "../../models/index.js";
import type { PlanTax } from "../../models/plan.js";
import { audit } from "../audit.js";

/**
 * Set how a plan's prices meet tax (exclusive or inclusive) and its products' tax categories. Documents finalized
 * from now on follow it; finalized ones keep the tax they were given. Audited.
 */
export async function setPlanTax(ctx: AppContext, planId: string, tax: PlanTax, actor: string): Promise<Outcome<Plan, "not_found">> {
  const plan = await ctx.models.Plan.findOneAndUpdate(
    { _id: planId },
    { $set: { tax, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (plan === null) return failure("not_found", `No plan ${planId}.`);
  await audit(ctx, actor, "plan.tax.set", planId, { ...tax });
  return ok(plan);
}
