import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { setAnomalyPolicy } from "./set-anomaly-policy.js";

describe("setAnomalyPolicy", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("stores the plan's policy whole, audited", async () => {
    const { planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const policy = { factor: 8, minCalls: 200, mitigation: "cap_spending" as const };
    expect(valueOf(await setAnomalyPolicy(fx.ctx, planId, policy, "admin:ops")).anomalyPolicy).toEqual(policy);
    expect((await fx.ctx.models.Plan.findById(planId).lean())!.anomalyPolicy).toEqual(policy);
    expect(await fx.ctx.models.AuditRecord.findOne({ action: "plan.anomaly_policy", target: planId }).lean()).toMatchObject({
      actor: "admin:ops",
      data: policy,
    });
  });

  it("an unknown plan is a 404 and audits nothing", async () => {
    expect(await setAnomalyPolicy(fx.ctx, "plan_missing", { factor: 2, minCalls: 1, mitigation: "none" }, "t")).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await fx.ctx.models.AuditRecord.exists({ target: "plan_missing" })).toBeNull();
  });
});
