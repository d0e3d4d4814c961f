import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { formatFamilyReport, INCLUDED_MINUTES, runFamilyPlan, WALLET } from "../load/src/voip-family.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Stack } from "./support/stack.js";

/** One product at 100 micros a unit. */
const CATALOG = {
  products: [
    {
      id: "voice",
      method: "POST" as const,
      path: "/voice",
      price: { metric: "units" as const, unitsHeader: "x-units", unitPrice: 100, maximum: 100_000 },
    },
  ],
  unmatched: { action: "refuse" as const },
};

describe("the VOIP family plan (npm run example:voip): lines, bundles and charging sessions together", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("run the example: three lines use their included minutes, then the payer's wallet, to one line's limit and the wallet's last money; every invariant passes", async () => {
    const result = await runFamilyPlan({ baseUrl: stack.controlPlaneUrl, token: ADMIN_TOKEN, book: () => jobs.bookUsage(stack.ctx) });
    const report = formatFamilyReport(result);
    expect(report, report).not.toContain("FAIL");
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    expect(result.ok).toBe(true);
    expect(result.lines.map((l) => l.minutesFromBundle)).toEqual([INCLUDED_MINUTES, INCLUDED_MINUTES, INCLUDED_MINUTES]);
    expect(result.lines.reduce((s, l) => s + l.charged, 0)).toBe(WALLET - result.balanceAfter);
    expect(result.lines[0]!.refused.line_limit_reached).toBeGreaterThan(0);
  });

  it("grant a line's session minutes from its payer's wallet, within what its limit leaves, then refuse it line_limit_reached", async () => {
    const payer = await stack.seedCatalog(CATALOG, 10_000);
    const line = await stack.admin.createLine(payer.accountId, { name: "a", limit: 350 });
    const client = stack.consumer((await stack.admin.createApiKey(line.accountId)).key);
    // The line has no wallet: the grant is held on the payer's, and cut to the 3 units its limit leaves.
    const session = await client.openChargingSession({ productId: "voice", requestedUnits: 5 }, { idempotencyKey: "s1" });
    expect(session).toMatchObject({ grantedUnits: 3, final: true, balance: 9_700 });
    const next = await client.updateChargingSession(session.id, { request: 1, usedUnits: 3, requestedUnits: 5 });
    expect(next).toMatchObject({ grantedUnits: 0, amount: 300, refusal: { code: "line_limit_reached" } });
    await client.terminateChargingSession(session.id, { request: 2, usedUnits: 3 });
    const refused = await request(stack.controlPlaneUrl)
      .post("/v1/charging-sessions")
      .set({ authorization: `Bearer ${(await stack.admin.createApiKey(line.accountId)).key}`, "idempotency-key": "s2" })
      .send({ productId: "voice", requestedUnits: 1 });
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: "line_limit_reached", spent: 300, limit: 350, coveredUnits: 0 });
    expect((await stack.admin.getBalance(payer.accountId)).balances[0]).toMatchObject({ available: 9_700, reserved: 0 });
  });

  it("refuse a line's direct charge past its limit with 402 line_limit_reached (it answered 500), charging nothing", async () => {
    const payer = await stack.seedCatalog(CATALOG, 10_000);
    const line = await stack.admin.createLine(payer.accountId, { name: "b", limit: 350 });
    const key = (await stack.admin.createApiKey(line.accountId)).key;
    const charge = (idempotencyKey: string) =>
      request(stack.controlPlaneUrl)
        .post("/v1/charges")
        .set({ authorization: `Bearer ${key}`, "idempotency-key": idempotencyKey })
        .send({ productId: "voice", units: 3 });
    expect((await charge("c1")).status).toBe(201);
    const refused = await charge("c2");
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: "line_limit_reached", spent: 300, limit: 350, currency: "USD" });
    expect((await stack.admin.getBalance(payer.accountId)).balances[0]!.available).toBe(9_700);
  });

  it("give a new line its plan's included bundle at once, and the included-bundles job nothing more", async () => {
    const payer = await stack.seedCatalog(CATALOG, 0);
    const plan = await stack.admin.createPlan({ name: "line plan", currency: "USD", ...CATALOG });
    await stack.admin.setIncludedBundles(plan.id, [
      { productId: "voice", units: 50, overage: "charge", priority: 1, recurrence: "period", rolloverCap: 0 },
    ]);
    const line = await stack.admin.createLine(payer.accountId, { name: "c", planId: plan.id });
    const bundles = (await stack.admin.listBundles(line.accountId)).items;
    expect(bundles).toEqual([expect.objectContaining({ source: "plan", units: 50, remaining: 50, planId: plan.id })]);
    await jobs.issuePlanBundles(stack.ctx);
    expect((await stack.admin.listBundles(line.accountId)).items.map((b) => b.id)).toEqual([bundles[0]!.id]);
    // Paid by the bundle: the payer, with no money, is not asked for any.
    const key = (await stack.admin.createApiKey(line.accountId)).key;
    expect((await stack.consumer(key).createCharge({ productId: "voice", units: 5 })).amount).toBe(0);
  });
});
