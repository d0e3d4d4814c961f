import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, valueOf, type ServiceFixture } from "../../../test-support/context.js";
import { closeBillingPeriod } from "./close-period.js";

describe("a payer's consolidated invoice", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("bills each call on the invoice of the wallet that paid it: the payer's lines in sections (oldest line first), a line's own calls on its own", async () => {
    const { accountId: payer, planId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "postpaid", creditLimit: 10_000_000 });
    // An account billed in arrears that was a line for a while, and one that is a line now.
    const { accountId: former } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "postpaid", creditLimit: 10_000_000 });
    const now = Date.now();
    const line = "acct_line_now";
    await fx.ctx.models.Account.create({
      _id: line,
      name: "Newer line",
      planId,
      status: "active",
      billingMode: "prepaid",
      seats: 1,
      payerId: payer,
      createdAt: new Date(now - 1_000),
    });
    await fx.ctx.models.Account.updateOne({ _id: former }, { $set: { name: "Older line", createdAt: new Date(now - 60_000) } });
    const monthStart = new Date(`${new Date(now).toISOString().slice(0, 7)}-01T00:00:00Z`);
    let n = 0;
    const event = (accountId: string, amount: number, extra: Record<string, unknown> = {}) => ({
      _id: `ev_${++n}`,
      accountId,
      keyId: "key_x",
      planId,
      currency: "USD",
      amount,
      method: "GET",
      path: "/x",
      productId: "default",
      units: 1,
      timestamp: new Date(Math.max(monthStart.getTime(), now - 10_000) + n),
      ingestedAt: new Date(now),
      ...extra,
    });
    await fx.ctx.models.UsageEvent.insertMany([
      event(payer, 1_000),
      event(line, 2_000, { payerId: payer }),
      event(line, 2_000, { payerId: payer }),
      event(former, 3_000, { payerId: payer }), // while it was a line: the payer's
      event(former, 5_000), // its own, before or after
      event(line, 0, { payerId: payer, bundles: [{ bundleId: "bdl_x", units: 1 }] }), // bundles paid it: covered, at 0
      event(line, 7_000, { payerId: "acct_another_payer" }), // another payer's wallet paid it
    ]);

    const invoice = valueOf(await closeBillingPeriod(fx.ctx, payer, monthStart.toISOString().slice(0, 10)))!;
    expect(invoice.sections).toEqual([
      { accountId: payer, name: "fixture account", subtotal: 1_000 },
      { accountId: former, name: "Older line", subtotal: 3_000 },
      { accountId: line, name: "Newer line", subtotal: 4_000 },
    ]);
    expect(invoice.lines.map((l) => [l.accountId, l.quantity, l.amount, l.covered ?? false])).toEqual([
      [undefined, 1, 1_000, false],
      [former, 1, 3_000, false],
      [line, 2, 4_000, false],
      [line, 1, 0, true],
    ]);
    expect(invoice).toMatchObject({ subtotal: 8_000, total: 10_000, rounding: 2_000 });

    const own = valueOf(await closeBillingPeriod(fx.ctx, former, monthStart.toISOString().slice(0, 10)))!;
    expect(own.sections).toBeUndefined();
    expect(own.lines.map((l) => [l.accountId, l.quantity, l.amount])).toEqual([[undefined, 1, 5_000]]);
    expect(await fx.ctx.models.InvoiceAssignment.findById("ev_7").lean()).toBeNull();
  });

  it("has no sections when the payer's lines charged nothing in the period", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "postpaid", creditLimit: 10_000_000 });
    const { planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const at = new Date();
    await fx.ctx.models.UsageEvent.create({
      _id: `ev_alone_${accountId}`,
      accountId,
      keyId: "key_x",
      planId,
      currency: "USD",
      amount: 10_000,
      method: "GET",
      path: "/x",
      timestamp: new Date(at.getTime() - 1_000),
      ingestedAt: at,
    });
    const invoice = valueOf(await closeBillingPeriod(fx.ctx, accountId, `${at.toISOString().slice(0, 7)}-01`))!;
    expect(invoice.sections).toBeUndefined();
    expect(invoice.lines).toHaveLength(1);
  });
});
