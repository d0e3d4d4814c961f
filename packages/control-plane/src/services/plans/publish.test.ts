import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatPlanSpec } from "@tollgate/metering";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import type { Catalog } from "../../models/plan.js";
import { createPlan, replaceCatalog } from "./publish.js";

describe("createPlan and replaceCatalog", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const catalog = (pricePerCall: number): Catalog => {
    const { planId: _p, currency: _c, ...rest } = flatPlanSpec("x", "USD", pricePerCall);
    return rest;
  };

  it("publishes a new plan to the gateways at once, with its currency", async () => {
    const plan = await createPlan(fx.ctx, { name: "basic", currency: "EUR", catalog: catalog(1_000), actor: "test" });
    const spec = JSON.parse((await fx.ctx.hot.readPlanText(plan._id))!) as { planId: string; currency: string };
    expect(spec).toMatchObject({ planId: plan._id, currency: "EUR" });
    expect(await fx.ctx.models.AuditRecord.exists({ action: "plan.create", target: plan._id })).not.toBeNull();
  });

  it("a replaced catalog is what the gateways compile next; the currency does not change", async () => {
    const plan = await createPlan(fx.ctx, { name: "basic", currency: "EUR", catalog: catalog(1_000), actor: "test" });
    const replaced = valueOf(await replaceCatalog(fx.ctx, plan._id, catalog(2_500), "test"));
    expect(replaced.currency).toBe("EUR");
    expect(replaced.updatedAt.getTime()).toBeGreaterThanOrEqual(plan.updatedAt.getTime());
    expect(await fx.ctx.hot.readPlan(plan._id)).toBeDefined();
    const published = JSON.parse((await fx.ctx.hot.readPlanText(plan._id))!) as Record<string, unknown>;
    expect(published).toMatchObject({ planId: plan._id, currency: "EUR", unmatched: catalog(2_500).unmatched });
  });

  it("replacing an unknown plan's catalog is a 404 and publishes nothing", async () => {
    expect(await replaceCatalog(fx.ctx, "plan_missing", catalog(1), "test")).toMatchObject({ ok: false, code: "not_found" });
    expect(await fx.ctx.hot.readPlanText("plan_missing")).toBeUndefined();
  });
});
