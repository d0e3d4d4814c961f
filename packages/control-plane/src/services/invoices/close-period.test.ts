import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture } from "../../../test-support/context.js";
import { closeEndedPeriods, invoiceLines } from "./close-period.js";
import { CALENDAR_MONTH, lastEndedPeriod } from "./cycles.js";

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
    expect(await fx.ctx.models.InvoiceAssignment.findById("ev_week_now").lean()).toBeNull();
    expect((await fx.ctx.models.InvoiceAssignment.find({ accountId }).lean()).map((a) => a._id).sort()).toEqual(["ev_week_1", "ev_week_2"]);
  });
});

describe("billing each call once", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("leaves calls an older version stamped with their invoice, assigns them to it, and bills the rest", async () => {
    const { accountId, planId } = await fx.seedAccount({ pricePerCall: 400_000, billingMode: "postpaid", creditLimit: 10_000_000 });
    const last = lastEndedPeriod(CALENDAR_MONTH, new Date());
    const at = new Date(last.from.getTime() + 3_600_000);
    const event = (id: string, stamp?: string) => ({
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
      ...(stamp ? { invoiceId: stamp } : {}),
    });
    // As a version before the assignments left them: two calls stamped in place by an earlier invoice.
    await fx.ctx.models.UsageEvent.collection.insertMany([
      event("ev_old_1", "inv_earlier"),
      event("ev_old_2", "inv_earlier"),
      event("ev_new"),
    ] as never);
    await closeEndedPeriods(fx.ctx);
    const invoices = await fx.ctx.models.Invoice.find({ accountId }).lean();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ subtotal: 400_000, lines: [expect.objectContaining({ quantity: 1 })] });
    const billedBy = Object.fromEntries(
      (await fx.ctx.models.InvoiceAssignment.find({ accountId }).lean()).map((a) => [a._id, a.invoiceId]),
    );
    expect(billedBy).toEqual({ ev_old_1: "inv_earlier", ev_old_2: "inv_earlier", ev_new: invoices[0]!._id });
    // The usage events themselves are as the ingester wrote them.
    expect((await fx.ctx.models.UsageEvent.findById("ev_new").lean()) as object).not.toHaveProperty("invoiceId");
  });
});

describe("invoice lines", () => {
  it("bill usage priced by a rate line on a line per product and rate line, with its units; the rest per price", () => {
    const at = new Date("2026-11-10T10:00:00Z");
    const events = [
      { productId: "voice", rateLine: "+3519", units: 61, amount: 33_000, timestamp: at },
      { productId: "voice", rateLine: "+3519", units: 5, amount: 30_000, timestamp: at },
      { productId: "voice", rateLine: "+351", units: 61, amount: 13_200, timestamp: at },
      { productId: "sms", units: 1, amount: 10_000, timestamp: at },
      { productId: "sms", units: 1, amount: 10_000, timestamp: at },
    ];
    const lines = invoiceLines(events, () => undefined);
    expect(lines).toEqual([
      { kind: "usage", description: "sms", productId: "sms", unit: "call", quantity: 2, unitPrice: 10_000, amount: 20_000 },
      { kind: "usage", description: "voice, rate +351", productId: "voice", unit: "unit", quantity: 61, unitPrice: 216, amount: 13_200 },
      { kind: "usage", description: "voice, rate +3519", productId: "voice", unit: "unit", quantity: 66, unitPrice: 955, amount: 63_000 },
    ]);
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(events.reduce((sum, e) => sum + e.amount, 0));
  });
});
