import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { setRecurring } from "../plans/set-recurring.js";
import { renewSubscription } from "../subscriptions/renew.js";
import { invoiceLines } from "../invoices/close-period.js";
import { issueIncludedBundles, issuePlanBundles, setIncludedBundles } from "./included.js";

describe("bundles included in a plan", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const DAY = 86_400_000;
  const bundles = (accountId: string) => fx.ctx.models.Bundle.find({ accountId }).sort({ createdAt: 1, _id: 1 }).lean();
  const included = {
    productId: "default",
    units: 50,
    overage: "charge" as const,
    priority: 0,
    recurrence: "period" as const,
    rolloverCap: 10,
  };

  it("follow a subscription's period: none until the renewal starts it, then one per period from its renewals, what was left rolled over up to the cap", async () => {
    const { planId, accountId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 100_000_000 });
    valueOf(await setRecurring(fx.ctx, planId, { interval: "week", fee: 1_000_000, seatPrice: 0, graceHours: 24 }, "test"));
    valueOf(await setIncludedBundles(fx.ctx, planId, [included], "admin:ops"));
    expect(await fx.ctx.models.AuditRecord.exists({ action: "plan.included_bundles.set", target: planId })).not.toBeNull();

    // The job before the subscription has started: its period is not known yet, nothing is issued.
    const since = new Date();
    await issueIncludedBundles(fx.ctx, accountId, since);
    expect(await bundles(accountId)).toEqual([]);

    // The renewal starts it (a week from today's midnight) and issues the first period's bundle.
    await renewSubscription(fx.ctx, accountId, since);
    const midnight = new Date(Math.floor(since.getTime() / DAY) * DAY);
    const [first] = await bundles(accountId);
    expect(first).toMatchObject({ source: "plan", units: 50, expiresAt: new Date(midnight.getTime() + 7 * DAY), rolloverCap: 10 });
    expect(first!.rolloverUntil).toEqual(new Date(midnight.getTime() + 14 * DAY));
    expect(await fx.ctx.hot.bundles.remaining(accountId)).toEqual(new Map([[first!._id, 50]]));

    // The next period's renewal: the first ends (50 left: 10 rolled over, 40 expired) and the second is issued.
    const next = new Date(since.getTime() + 7 * DAY);
    await renewSubscription(fx.ctx, accountId, next);
    await issuePlanBundles(fx.ctx, next);
    const all = await bundles(accountId);
    expect(all.map((b) => [b.source, b.status, b.units])).toEqual([
      ["plan", "expired", 50],
      ["rollover", "active", 10],
      ["plan", "active", 50],
    ]);
    expect(await fx.ctx.models.UnitEntry.findById(`end:${first!._id}`).lean()).toMatchObject({ type: "expiry", units: -50, rolled: 10 });
    expect(all[1]!.expiresAt).toEqual(new Date(midnight.getTime() + 14 * DAY));
    expect((await fx.ctx.models.Account.findById(accountId).lean())!.bundlesIssued).toEqual({
      planId,
      until: new Date(midnight.getTime() + 14 * DAY),
    });
  });

  it("are checked against the plan: a product it lacks, two of one product, a rollover cap above the units (422, nothing set); an unknown plan is a 404", async () => {
    const { planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const refused = await setIncludedBundles(
      fx.ctx,
      planId,
      [{ ...included, productId: "nothing" }, included, { ...included, rolloverCap: 51 }],
      "t",
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "unprocessable",
      extensions: {
        errors: [
          { pointer: "/bundles/0/productId", message: 'the plan has no product "nothing"' },
          { pointer: "/bundles/2/productId", message: "one included bundle per product" },
          { pointer: "/bundles/2/rolloverCap", message: "at most the bundle's units" },
        ],
      },
    });
    expect((await fx.ctx.models.Plan.findById(planId).lean())!.includedBundles).toBeUndefined();
    expect(await setIncludedBundles(fx.ctx, "plan_missing", [], "t")).toMatchObject({ ok: false, code: "not_found" });
  });

  it("invoice lines: units bundles paid on a covered line per product, the charged rest on its own lines", () => {
    const at = new Date();
    const lines = invoiceLines(
      [
        // Paid whole by a bundle: only on the covered line.
        { productId: "search", units: 1, amount: 0, timestamp: at, bundles: [{ bundleId: "b1", units: 1 }] },
        // 3 of 5 units from bundles, 2 charged at 1,000.
        { productId: "bytes", units: 5, amount: 2_000, timestamp: at, bundles: [{ bundleId: "b2", units: 3 }] },
        { productId: "search", units: 1, amount: 1_000, timestamp: at },
        // Rated by a rate line: 60 seconds, 45 from bundles, 15 charged.
        { productId: "voice", units: 60, amount: 1_500, timestamp: at, rateLine: "+351", bundles: [{ bundleId: "b3", units: 45 }] },
        // A rate line's call paid whole: only covered.
        { productId: "voice", units: 30, amount: 0, timestamp: at, rateLine: "+351", bundles: [{ bundleId: "b3", units: 30 }] },
      ],
      () => undefined,
    );
    expect(lines.map((l) => [l.description, l.unit, l.quantity, l.unitPrice, l.amount, l.covered ?? false])).toEqual([
      ["bytes", "call", 1, 2_000, 2_000, false],
      ["search", "call", 1, 1_000, 1_000, false],
      ["voice, rate +351", "unit", 15, 100, 1_500, false],
      ["bytes, covered by bundles", "unit", 3, 0, 0, true],
      ["search, covered by bundles", "unit", 1, 0, 0, true],
      ["voice, covered by bundles", "unit", 75, 0, 0, true],
    ]);
  });
});
