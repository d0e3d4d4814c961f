import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { setRecurring } from "./set-recurring.js";

describe("setRecurring", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const monthly = { interval: "month" as const, fee: 5_000_000, seatPrice: 0, graceHours: 24 };

  it("sets, changes the amounts of, and removes a plan's recurring fee, each audited", async () => {
    const { planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    expect(valueOf(await setRecurring(fx.ctx, planId, monthly, "test")).recurring).toEqual(monthly);
    const dearer = { ...monthly, fee: 7_000_000, seatPrice: 1_000_000 };
    expect(valueOf(await setRecurring(fx.ctx, planId, dearer, "test")).recurring).toEqual(dearer);
    expect(valueOf(await setRecurring(fx.ctx, planId, undefined, "test")).recurring).toBeUndefined();
    const actions = (await fx.ctx.models.AuditRecord.find({ target: planId }).sort({ at: 1 }).lean()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("plan.recurring"))).toEqual([
      "plan.recurring.set",
      "plan.recurring.set",
      "plan.recurring.remove",
    ]);
  });

  it("a period's length does not change while accounts are on the plan (409, nothing changes); once they are closed, it may", async () => {
    const { planId, accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    valueOf(await setRecurring(fx.ctx, planId, monthly, "test"));
    expect(await setRecurring(fx.ctx, planId, { ...monthly, interval: "week" }, "test")).toMatchObject({ ok: false, code: "conflict" });
    expect((await fx.ctx.models.Plan.findById(planId).lean())!.recurring).toEqual(monthly);
    await fx.ctx.models.Account.updateOne({ _id: accountId }, { $set: { status: "closed" } });
    expect(valueOf(await setRecurring(fx.ctx, planId, { ...monthly, interval: "week" }, "test")).recurring?.interval).toBe("week");
  });

  it("an unknown plan is a 404", async () => {
    expect(await setRecurring(fx.ctx, "plan_missing", monthly, "test")).toMatchObject({ ok: false, code: "not_found" });
  });
});
