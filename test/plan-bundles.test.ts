import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { UnprocessableError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

/** Two products at a price of their own per unit, and a price for the rest. */
const CATALOG = {
  products: [
    { id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } },
    { id: "translate", method: "GET", path: "/translate", price: { unitPrice: 500 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};
const DAY = 86_400_000;

describe("bundles included in a plan: issued each period, rolled over at its end, covered units on the invoice", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  // Weekly periods starting today (00:00 UTC): the last one ended at `boundary`, within the window usage may be
  // reported late in, so that the last period's bundle can be used and then cross the boundary for real.
  const boundary = new Date(Math.floor(Date.now() / DAY) * DAY);
  const lastPeriod = {
    key: new Date(boundary.getTime() - 7 * DAY).toISOString().slice(0, 10),
    from: new Date(boundary.getTime() - 7 * DAY),
  };
  const weekday = boundary.getUTCDay() === 0 ? 7 : boundary.getUTCDay();
  const inLastPeriod = new Date(lastPeriod.from.getTime() + 3_600_000);

  async function planWith(bundles: Record<string, unknown>[]) {
    const res = await request(stack.controlPlaneUrl)
      .post("/v1/plans")
      .set({ authorization: `Bearer ${ADMIN_TOKEN}` })
      .send({ name: "bundled", currency: "USD", ...CATALOG });
    expect(res.status).toBe(201);
    return stack.admin.setIncludedBundles(res.body.id as string, bundles as never);
  }
  async function accountOn(planId: string) {
    const account = await stack.admin.createAccount({
      name: "bundled account",
      planId,
      billingMode: "postpaid",
      creditLimit: 100_000_000,
      billingCycle: { interval: "week", anchorDay: weekday },
    });
    const key = (await stack.admin.createApiKey(account.id)).key;
    return { accountId: account.id, key };
  }
  const bundlesOf = async (accountId: string) => stack.ctx.models.Bundle.find({ accountId }).sort({ createdAt: 1, _id: 1 }).lean();
  const unitLedger = async (bundleId: string) => {
    const entries = await stack.ctx.models.UnitEntry.find({ bundleId }).lean();
    return entries.map((e) => `${e.type} ${e.units}${e.rolled ? ` rolled ${e.rolled}` : ""}`).sort();
  };
  const ingested = (accountId: string, n: number) =>
    eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId })) === n, 30_000, "usage ingested");
  /** Usage of the last period, reported now: taken from the bundles live at its own time. */
  const reportLate = async (accountId: string, events: { id: string; productId: string; units: number }[]) => {
    const at = new Date(boundary.getTime() - 3_600_000).toISOString();
    const res = await request(stack.controlPlaneUrl)
      .post("/v1/usage-events")
      .set({ authorization: `Bearer ${ADMIN_TOKEN}` })
      .send({ events: events.map((e) => ({ ...e, accountId, timestamp: at })) });
    expect(res.body).toMatchObject({ accepted: events.length });
  };

  it("are issued for each period once; at the boundary the last period's expire, at most the cap rolls over once, and rolled units go first", async () => {
    const plan = await planWith([
      { productId: "search", units: 10, rolloverCap: 4 },
      { productId: "translate", units: 5 },
    ]);
    expect(plan.includedBundles).toEqual([
      { productId: "search", units: 10, overage: "charge", priority: 0, recurrence: "period", rolloverCap: 4 },
      { productId: "translate", units: 5, overage: "charge", priority: 0, recurrence: "period", rolloverCap: 0 },
    ]);
    const a = await accountOn(plan.id);

    // The last period: its bundles, once however often the job runs.
    await jobs.issuePlanBundles(stack.ctx, inLastPeriod);
    await jobs.issuePlanBundles(stack.ctx, inLastPeriod);
    const issued = await bundlesOf(a.accountId);
    const search0 = issued.find((b) => b.productId === "search");
    const translate0 = issued.find((b) => b.productId === "translate");
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: a.accountId })).toBe(2);
    expect(search0).toMatchObject({ source: "plan", productId: "search", units: 10, periodKey: lastPeriod.key, expiresAt: boundary });
    expect(translate0).toMatchObject({ source: "plan", productId: "translate", units: 5, expiresAt: boundary });

    // Its usage: 3 search units from the bundle; 6 translate units, 5 from the bundle and 1 charged.
    await reportLate(a.accountId, [
      { id: "s1", productId: "search", units: 3 },
      { id: "t1", productId: "translate", units: 6 },
    ]);
    await ingested(a.accountId, 2);

    // The boundary has passed: the job ends the last period's bundles and issues this one's.
    expect(await jobs.issuePlanBundles(stack.ctx)).toBeGreaterThanOrEqual(1);
    const after = await bundlesOf(a.accountId);
    const rolled = after.find((b) => b.source === "rollover")!;
    const search1 = after.find(
      (b) => b.source === "plan" && b.productId === "search" && b.periodKey === boundary.toISOString().slice(0, 10),
    )!;
    expect(after.find((b) => b._id === search0!._id)).toMatchObject({ status: "expired", remaining: 0 });
    expect(after.find((b) => b._id === translate0!._id)).toMatchObject({ status: "expired", remaining: 0 });
    // 7 left: 4 (the cap) rolled over, 3 expired, in one entry; the rollover bundle holds the 4 until this period ends.
    expect(await unitLedger(search0!._id)).toEqual(["expiry -7 rolled 4", "issue 10", "usage -3"]);
    expect(await unitLedger(translate0!._id)).toEqual(["expiry 0", "issue 5", "usage -5"]);
    expect(rolled).toMatchObject({
      productId: "search",
      units: 4,
      rolledFrom: search0!._id,
      expiresAt: new Date(boundary.getTime() + 7 * DAY),
    });
    expect(await unitLedger(rolled._id)).toEqual(["issue 4"]);
    expect(search1).toMatchObject({ units: 10, status: "active", rolloverCap: 4 });
    expect(after).toHaveLength(5);

    // Run again (and the expiry job): nothing more moves.
    await jobs.issuePlanBundles(stack.ctx);
    await stack.ctx.models.Account.updateOne({ _id: a.accountId }, { $unset: { bundlesIssued: 1 } });
    await jobs.issuePlanBundles(stack.ctx);
    expect(await jobs.expireBundles(stack.ctx)).toBe(0);
    expect((await bundlesOf(a.accountId)).map((b) => [b._id, b.status])).toEqual(after.map((b) => [b._id, b.status]));
    expect(await unitLedger(search0!._id)).toEqual(["expiry -7 rolled 4", "issue 10", "usage -3"]);
    expect(await stack.ctx.models.UnitEntry.countDocuments({ accountId: a.accountId })).toBe(9);

    // Calls now: the 4 rolled-over units first, then this period's bundle; the account's own view lists them.
    for (let i = 0; i < 5; i++) expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": a.key } })).status).toBe(200);
    await ingested(a.accountId, 7);
    const calls = await stack.ctx.models.UsageEvent.find({ accountId: a.accountId, timestamp: { $gte: boundary } })
      .sort({ timestamp: 1, _id: 1 })
      .lean();
    expect(calls.map((e) => [e.amount, e.bundles?.map((b) => b.bundleId)])).toEqual([
      [0, [rolled._id]],
      [0, [rolled._id]],
      [0, [rolled._id]],
      [0, [rolled._id]],
      [0, [search1._id]],
    ]);
    const mine = (await stack.consumer(a.key).listBundles(a.accountId)).items;
    expect(mine[0]).toMatchObject({ id: rolled._id, source: "rollover", remaining: 0, rolledFrom: search0!._id });
    expect(new Set(mine.filter((b) => b.status === "active").map((b) => `${b.source} ${b.productId} ${b.remaining}`))).toEqual(
      new Set(["rollover search 0", "plan search 9", "plan translate 5"]),
    );
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [a.accountId] })).drifts).toEqual([]);
  });

  it("a crash between the expiry entry and the rollover is finished by the next run, rolling over once", async () => {
    const plan = await planWith([{ productId: "search", units: 8, rolloverCap: 5, overage: "refuse", priority: 2 }]);
    const a = await accountOn(plan.id);
    await jobs.issuePlanBundles(stack.ctx, inLastPeriod);
    const [search0] = await bundlesOf(a.accountId);
    await reportLate(a.accountId, [{ id: "s1", productId: "search", units: 2 }]);
    await ingested(a.accountId, 1);

    // What a run that died right after the expiry entry leaves: the bundle out of Redis, its one entry written
    // (6 left, 5 rolled), the bundle still active, no rollover bundle, no bundle of this period.
    const receipt = `end:${search0!._id}`;
    const ended = await stack.ctx.hot.bundles.end(a.accountId, search0!._id, "search", receipt);
    expect(ended).toMatchObject({ kind: "ended", units: 6 });
    await stack.ctx.models.UnitEntry.create({
      _id: receipt,
      bundleId: search0!._id,
      accountId: a.accountId,
      productId: "search",
      type: "expiry",
      units: -6,
      rolled: 5,
      actor: "system:plan-bundles",
      createdAt: new Date(),
    });
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: a.accountId })).toBe(1);

    // The expiry job gets there first this time; then the included-bundles job; then both again.
    expect(await jobs.expireBundles(stack.ctx)).toBeGreaterThanOrEqual(1);
    await jobs.issuePlanBundles(stack.ctx);
    await jobs.expireBundles(stack.ctx);
    await jobs.issuePlanBundles(stack.ctx);
    const all = await bundlesOf(a.accountId);
    expect(all.map((b) => [b.source, b.status, b.units])).toEqual([
      ["plan", "expired", 8],
      ["rollover", "active", 5],
      ["plan", "active", 8],
    ]);
    expect(all[1]).toMatchObject({ priority: 2, overage: "refuse", rolledFrom: search0!._id });
    expect(await unitLedger(search0!._id)).toEqual(["expiry -6 rolled 5", "issue 8", "usage -2"]);
    expect(await stack.ctx.hot.bundles.remaining(a.accountId)).toEqual(
      new Map([
        [all[1]!._id, 5],
        [all[2]!._id, 8],
      ]),
    );
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [a.accountId] })).drifts).toEqual([]);
  });

  it("the period's invoice shows the units bundles covered at 0 and the overage charged, on separate lines, in the API and the PDF", async () => {
    const plan = await planWith([
      { productId: "search", units: 10 },
      { productId: "translate", units: 5 },
    ]);
    const a = await accountOn(plan.id);
    await jobs.issuePlanBundles(stack.ctx, inLastPeriod);
    await reportLate(a.accountId, [
      { id: "s1", productId: "search", units: 4 },
      { id: "s2", productId: "search", units: 3 },
      { id: "t1", productId: "translate", units: 7 },
      { id: "d1", productId: "default", units: 2 },
    ]);
    await ingested(a.accountId, 4);
    const closed = await stack.admin.closeBillingPeriod(a.accountId, lastPeriod.key);
    const invoice = await stack.admin.getInvoice(a.accountId, closed.invoice!.id);
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.amount, l.covered ?? false])).toEqual([
      ["default", 1, 200, 200, false],
      ["translate", 1, 1_000, 1_000, false],
      ["search, covered by bundles", 7, 0, 0, true],
      ["translate, covered by bundles", 5, 0, 0, true],
    ]);
    expect(invoice.subtotal).toBe(1_200);

    const pdf = await request(stack.controlPlaneUrl)
      .get(`/v1/accounts/${a.accountId}/invoices/${invoice.id}/pdf`)
      .set("x-api-key", a.key)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    const file = join(mkdtempSync(join(tmpdir(), "tollgate-pdf-")), "invoice.pdf");
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toMatch(/search, covered by bundles\s+7 units/);
    expect(text).toMatch(/translate, covered by bundles\s+5 units/);
    expect(text).toMatch(/translate\s+1 call × \$0\.001\s+\$0\.001/);
  });

  it("a change of plan ends the old plan's bundles (no rollover) and issues the new plan's; the plan's products are checked", async () => {
    const first = await planWith([{ productId: "search", units: 10, rolloverCap: 10 }]);
    const second = await planWith([{ productId: "translate", units: 3, recurrence: "once" }]);
    await expect(stack.admin.setIncludedBundles(first.id, [{ productId: "nothing", units: 1 }])).rejects.toBeInstanceOf(UnprocessableError);
    const a = await accountOn(first.id);
    await jobs.issuePlanBundles(stack.ctx);
    const [search] = await bundlesOf(a.accountId);
    expect(search).toMatchObject({ planId: first.id, status: "active" });

    await stack.admin.changeSubscription(a.accountId, { planId: second.id });
    const all = await bundlesOf(a.accountId);
    expect(all.map((b) => [b.planId, b.productId, b.status, b.periodKey])).toEqual([
      [first.id, "search", "revoked", boundary.toISOString().slice(0, 10)],
      [second.id, "translate", "active", "once"],
    ]);
    expect(await unitLedger(search!._id)).toEqual(["issue 10", "revoke -10"]);
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: a.accountId, source: "rollover" })).toBe(0);

    // A plan that includes nothing any more: its accounts get no more, and keep what they were given.
    expect((await stack.admin.setIncludedBundles(second.id, [])).includedBundles).toEqual([]);
    await jobs.issuePlanBundles(stack.ctx);
    expect((await bundlesOf(a.accountId)).map((b) => b.status)).toEqual(["revoked", "active"]);
    expect((await stack.ctx.models.Account.findById(a.accountId).lean())!.bundlesIssued).toBeUndefined();
  });
});
