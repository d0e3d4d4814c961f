import { compilePlan, type CompiledPlan, type PlanSpec } from "@tollgate/gateway-plugin";
import type { HotStore } from "@tollgate/gateway-plugin/store";
import { ProblemError } from "../../http/problem-error.js";

/** Plans as the gateways read them (published to Redis), compiled again only when their text changes. */
export class PlanBook {
  private readonly compiled = new Map<string, { text: string; plan: CompiledPlan }>();

  constructor(private readonly hot: HotStore) {}

  async plan(planId: string): Promise<CompiledPlan> {
    const text = await this.hot.readPlanText(planId);
    if (text === undefined)
      throw new ProblemError("unprocessable", `The plan ${planId} is not published: an admin republishes it (rebuild).`);
    const known = this.compiled.get(planId);
    if (known?.text === text) return known.plan;
    const plan = compilePlan(JSON.parse(text) as PlanSpec);
    this.compiled.set(planId, { text, plan });
    return plan;
  }
}
