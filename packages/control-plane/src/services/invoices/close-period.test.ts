import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture } from "../../../test-support/context.js";
import { closeEndedPeriods } from "./close-period.js";
import { lastEndedPeriod } from "./cycles.js";

describe("the billing-cycle job", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("closes each account's last ended period, on its own cycle, once", async () => {
    const cycle = { interval: "week" as const, anchorDay: 3 };
    const { accountId, planId } = await fx.seedAccount({
      pricePerCall: 400_000,
      billingMode: "postpaid",
      creditLimit: 10_000_000,
      billingCycle: cycle,
    });
    const last = lastEndedPeriod(cycle, new Date());
    // Last week's usage, as the ingester left it; and some of this week's, which is not billed yet.
    const event = (id: string, at: Date) => ({
      _id: id,
      accountId,
      keyId: "key_x",
      planId,
      currency: "USD",
      amount: 400_000,
      method: "GET",
      path: "/x",
      productId: "default",
      units: 1,
      timestamp: at,
      ingestedAt: at,
    });
    await fx.ctx.models.UsageEvent.insertMany([
      event("ev_week_1", new Date(last.from.getTime() + 3_600_000)),
      event("ev_week_2", new Date(last.to.getTime() - 1)),
      event("ev_week_now", new Date(last.to.getTime() + 1)),
    ]);
    await Promise.all([closeEndedPeriods(fx.ctx), closeEndedPeriods(fx.ctx)]);
    await closeEndedPeriods(fx.ctx);
    const invoices = await fx.ctx.models.Invoice.find({ accountId }).lean();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      status: "finalized",
      subtotal: 800_000,
      total: 800_000,
      lines: [expect.objectContaining({ quantity: 2 })],
    });
    expect(invoices[0]!.subject).toBe(`${last.key} to ${last.to.toISOString().slice(0, 10)}`);
    expect((await fx.ctx.models.UsageEvent.findById("ev_week_now").lean())!.invoiceId).toBeUndefined();
  });
});
