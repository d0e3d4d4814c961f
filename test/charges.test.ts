import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InsufficientFundsError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/** A plan with a per-unit product (tokens), a per-call one with a hard daily quota, and a price for the rest. */
const CATALOG = {
  products: [
    {
      id: "tokens",
      method: "POST",
      path: "/v1/complete",
      price: { metric: "units", unitsHeader: "x-units", unitPrice: 20, maximum: 50_000_000 },
    },
    { id: "sms", method: "POST", path: "/v1/sms", price: { unitPrice: 10_000 } },
    { id: "consult", method: "POST", path: "/v1/consult", price: { unitPrice: 10_000_000 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 1_000 } },
  quotas: [{ id: "sms-daily", metric: "calls", productId: "sms", period: "day", limit: 3, enforcement: "hard" }],
};

describe("direct charges: usage that does not pass through the gateway", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack();
    s = await stack.seedCatalog(CATALOG, 1_000_000);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const charge = (body: unknown, key: string | null, credential: Record<string, string>) => {
    const r = request(stack.controlPlaneUrl).post("/v1/charges").set(credential);
    if (key !== null) r.set("idempotency-key", key);
    return r.send(body as object);
  };
  const asKey = () => ({ authorization: `Bearer ${s.key}` });
  const balance = async (accountId = s.accountId) => (await stack.admin.getBalance(accountId)).balances[0]!.available;

  it("rates and debits like a gateway call, leaves one usage event, and answers a repeat with the first charge", async () => {
    const before = await balance();
    const first = await charge({ productId: "tokens", units: 1_500 }, "job-1", asKey());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      accountId: s.accountId,
      keyId: s.keyId,
      productId: "tokens",
      units: 1_500,
      amount: 30_000,
      currency: "USD",
      balance: before - 30_000,
      quotasExceeded: [],
    });
    expect(first.headers["tollgate-balance"]).toBe(String(before - 30_000));

    const again = await charge({ productId: "tokens", units: 1_500 }, "job-1", asKey());
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await charge({ productId: "tokens", units: 1_501 }, "job-1", asKey());
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
    expect(await balance()).toBe(before - 30_000);

    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ _id: first.body.id })) === 1,
      30_000,
      "the usage event",
    );
    const event = await stack.ctx.models.UsageEvent.findById(first.body.id).lean();
    expect(event).toMatchObject({ accountId: s.accountId, keyId: s.keyId, productId: "tokens", units: 1_500, amount: 30_000 });
    expect(await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId, productId: "tokens" })).toBe(1);
  });

  it("refuses what the gateway refuses, with its problems, and charges nothing for it", async () => {
    const before = await balance();
    const poor = await charge({ productId: "tokens", units: 1_000_000 }, "too-much", asKey());
    expect(poor.status).toBe(402);
    expect(poor.headers["content-type"]).toContain("application/problem+json");
    expect(poor.body).toMatchObject({ code: "insufficient_funds", amount: 20_000_000, balance: before });
    for (let i = 0; i < 3; i++) expect((await charge({ productId: "sms" }, `sms-${i}`, asKey())).status).toBe(201);
    const over = await charge({ productId: "sms" }, "sms-3", asKey());
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ code: "quota_exceeded", quota: "sms-daily" });
    expect(await balance()).toBe(before - 30_000);
  });

  it("bad input gets a 4xx problem and charges nothing", async () => {
    const before = await balance();
    const cases: [unknown, string | null, Record<string, string>, number][] = [
      [{ productId: "tokens", units: -1 }, "b1", asKey(), 400],
      [{ productId: "tokens", units: 1.5 }, "b2", asKey(), 400],
      [{ productId: "tokens", units: 0 }, "b3", asKey(), 400],
      [{ productId: "tokens", units: "5" }, "b4", asKey(), 400],
      [{ productId: "tokens", units: 1e10 }, "b5", asKey(), 400],
      [{ productId: "tokens", units: 5, attributes: { x: 1 } }, "b6", asKey(), 400],
      [{ productId: "tokens", units: 5 }, null, asKey(), 400],
      [{ productId: "nothing", units: 5 }, "b7", asKey(), 422],
      [{ productId: "consult", units: 999_999_999 }, "b12", asKey(), 422], // up to ~10^16 micros: not exact
      [{ productId: "tokens", units: 5 }, "b8", { authorization: "Bearer tg_not_a_key" }, 401],
      [{ productId: "tokens", units: 5, accountId: "acct_AAAAAAAAAAAAAAAA" }, "b9", asKey(), 403],
      [{ productId: "tokens", units: 5 }, "b10", { authorization: `Bearer ${ADMIN_TOKEN}` }, 400],
      [{ productId: "tokens", units: 5, accountId: "acct_AAAAAAAAAAAAAAAA" }, "b11", { authorization: `Bearer ${ADMIN_TOKEN}` }, 422],
    ];
    for (const [body, key, credential, status] of cases) {
      const r = await charge(body, key, credential);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await balance()).toBe(before);
  });

  it("units priced exactly one movement's most (10^15 micros) are charged, one more is refused up front; usage events and sessions draw the line there too", async () => {
    const rich = await stack.seedCatalog(CATALOG, 1e15);
    const key = { authorization: `Bearer ${rich.key}` };
    // consult costs 10,000,000 a unit: 100,000,000 units are 10^15 micros, one more could not be exact.
    const over = await charge({ productId: "consult", units: 100_000_001 }, "most+1", key);
    expect(over.status).toBe(422);
    expect(over.body.errors).toEqual([expect.objectContaining({ pointer: "/units" })]);
    const events = (units: number) =>
      request(stack.controlPlaneUrl)
        .post("/v1/usage-events")
        .set(key)
        .send({ events: [{ id: `consult-${units}`, timestamp: new Date().toISOString(), productId: "consult", units }] });
    const overEvents = await events(100_000_001);
    expect(overEvents.status).toBe(422);
    expect(overEvents.body.errors).toEqual([expect.objectContaining({ pointer: "/events/0/units" })]);
    const session = (requestedUnits: number) =>
      request(stack.controlPlaneUrl)
        .post("/v1/charging-sessions")
        .set(key)
        .set("idempotency-key", `session-${requestedUnits}`)
        .send({ productId: "consult", requestedUnits });
    const overSession = await session(100_000_001);
    expect(overSession.status).toBe(422);
    expect(overSession.body.errors).toEqual([expect.objectContaining({ pointer: "/requestedUnits" })]);
    expect(await stack.admin.getBalance(rich.accountId)).toMatchObject({ balances: [{ available: 1e15, reserved: 0 }] });

    const held = await session(100_000_000);
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ grantedUnits: 100_000_000 });
    expect(await stack.admin.getBalance(rich.accountId)).toMatchObject({ balances: [{ available: 0, reserved: 1e15 }] });
    // Asking an update for more than one movement may cost is refused before the use it reports is charged.
    const overUpdate = await request(stack.controlPlaneUrl)
      .post(`/v1/charging-sessions/${held.body.id as string}/updates`)
      .set(key)
      .send({ request: 1, usedUnits: 10, requestedUnits: 100_000_001 });
    expect(overUpdate.status).toBe(422);
    expect(overUpdate.body.errors).toEqual([expect.objectContaining({ pointer: "/requestedUnits" })]);
    expect(await stack.admin.getBalance(rich.accountId)).toMatchObject({ balances: [{ available: 0, reserved: 1e15 }] });
    const ended = await request(stack.controlPlaneUrl)
      .post(`/v1/charging-sessions/${held.body.id as string}/terminate`)
      .set(key)
      .send({ request: 1, usedUnits: 0 });
    expect(ended.body).toMatchObject({ status: "closed", amount: 0 });

    const most = await charge({ productId: "consult", units: 100_000_000 }, "most", key);
    expect(most.status).toBe(201);
    expect(most.body).toMatchObject({ units: 100_000_000, amount: 1e15, balance: 0 });
    expect(await balance(rich.accountId)).toBe(0);

    const richer = await stack.seedCatalog(CATALOG, 1e15);
    const reported = await request(stack.controlPlaneUrl)
      .post("/v1/usage-events")
      .set({ authorization: `Bearer ${richer.key}` })
      .send({ events: [{ id: "consult-most", timestamp: new Date().toISOString(), productId: "consult", units: 100_000_000 }] });
    expect(reported.status).toBe(200);
    expect(reported.body.results).toEqual([expect.objectContaining({ status: "accepted", amount: 1e15 })]);
    expect(await balance(richer.accountId)).toBe(0);
  });

  it("staff charge an account by naming it; a revoked key is refused at once", async () => {
    const other = await stack.seedCatalog(CATALOG, 500_000);
    const byStaff = await charge({ accountId: other.accountId, productId: "default", units: 2 }, "ops-1", {
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(byStaff.status).toBe(201);
    expect(byStaff.body).toMatchObject({ accountId: other.accountId, keyId: "-", productId: "default", amount: 2_000 });
    expect(await balance(other.accountId)).toBe(498_000);
    await stack.admin.revokeApiKey(other.accountId, other.keyId);
    const revoked = await charge({ productId: "default" }, "after-revoke", { authorization: `Bearer ${other.key}` });
    expect(revoked.status).toBe(401);
  });

  it("the SDK charges once per idempotency key, and throws the gateway's refusals as typed errors", async () => {
    const sdkAccount = await stack.seedCatalog(CATALOG, 50_000);
    const me = stack.consumer(sdkAccount.key);
    const first = await me.createCharge({ productId: "tokens", units: 100 }, { idempotencyKey: "sdk-1" });
    expect(first).toMatchObject({ amount: 2_000, balance: 48_000, units: 100 });
    expect(await me.createCharge({ productId: "tokens", units: 100 }, { idempotencyKey: "sdk-1" })).toEqual(first);
    await expect(me.createCharge({ productId: "tokens", units: 10_000 })).rejects.toBeInstanceOf(InsufficientFundsError);
    const staff = await stack.admin.createCharge({ accountId: sdkAccount.accountId, productId: "sms" });
    expect(staff).toMatchObject({ keyId: "-", amount: 10_000, balance: 38_000 });
  });

  it("never overspends: 50 charges at once on a wallet that covers 20 of them", async () => {
    const tight = await stack.seedCatalog(CATALOG, 200_000); // 20 × 10,000
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        charge({ productId: "default", units: 10 }, `burst-${i}`, { authorization: `Bearer ${tight.key}` }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 402)).toHaveLength(30);
    expect(await balance(tight.accountId)).toBe(0);
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: tight.accountId })) === 20,
      30_000,
      "20 usage events",
    );
  });
});
