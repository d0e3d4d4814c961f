import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogInput } from "@tollgate/sdk";
import { NoRateError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { keysMatching } from "./support/keys.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/**
 * A VOIP rate deck: seconds of a call, prices per minute (`ratePer: 60`), billed 60/6 (the first minute,
 * then each 6 seconds), by the destination's longest prefix; Portuguese mobiles (+3519) cheaper after their
 * first 100 minutes of the month; the UK per second. Anything else is refused.
 */
const VOICE: CatalogInput = {
  products: [
    {
      id: "voice",
      method: "POST",
      path: "/v1/call",
      price: {
        metric: "units",
        unitsHeader: "x-seconds",
        unitPrice: 60_000,
        maximum: 1_000_000_000,
        ratePer: 60,
        increments: { first: 60, next: 6 },
        dimension: {
          attribute: "destination",
          match: "prefix",
          lines: [
            { value: "+351", unitPrice: 12_000 },
            {
              value: "+3519",
              tiers: [
                { upTo: 6_000, unitPrice: 30_000 },
                { upTo: null, unitPrice: 20_000 },
              ],
            },
            { value: "+44", unitPrice: 15_000, increments: { first: 1, next: 1 } },
          ],
        },
      },
    },
    {
      id: "complete",
      method: "POST",
      path: "/v1/complete",
      price: {
        unitPrice: 500,
        dimension: {
          attribute: "model",
          match: "exact",
          header: "x-model",
          lines: [
            { value: "small", unitPrice: 100 },
            { value: "large", unitPrice: 1_000 },
          ],
        },
      },
    },
    {
      id: "tokens",
      method: "POST",
      path: "/v1/tokens",
      price: { metric: "units", unitsHeader: "x-units", unitPrice: 2_000, ratePer: 1_000, maximum: 1_000_000_000 },
    },
  ],
  unmatched: { action: "refuse" },
};

describe("rating by dimension: rate decks, billing increments, prices per N units", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack();
    s = await stack.seedCatalog({ ...VOICE }, 100_000_000);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const as = (seeded: Seeded) => ({ authorization: `Bearer ${seeded.key}` });
  const charge = (body: Record<string, unknown>, key: string) =>
    request(stack.controlPlaneUrl).post("/v1/charges").set(as(s)).set("idempotency-key", key).send(body);
  const balance = async (seeded = s) => (await stack.admin.getBalance(seeded.accountId)).balances[0]!.available;
  /** The period counter of one rate line (whatever the month). */
  const counter = async (seeded: Seeded, line: string) => {
    const keys = await keysMatching(stack.redis, `${stack.prefix}*u:${seeded.accountId}:${line}:*`);
    return keys.length === 0 ? 0 : Number(await stack.redis.get(keys[0]!));
  };

  it("rates a call by its destination's longest prefix, 60/6 increments, per-minute prices, one counter per line", async () => {
    const call = (units: number, destination: string, key: string) =>
      charge({ productId: "voice", units, attributes: { destination } }, key);
    // 61 s to a Lisbon landline: billed 66 s at 12,000 a minute.
    const landline = await call(61, "+351212345678", "v-1");
    expect(landline.status).toBe(201);
    expect(landline.body).toMatchObject({ units: 61, amount: 13_200 });
    // 61 s to a mobile: the longer prefix wins, 66 s at 30,000 a minute.
    expect((await call(61, "+351912345678", "v-2")).body).toMatchObject({ amount: 33_000 });
    // The UK bills per second: 61 s at 15,000 a minute.
    expect((await call(61, "+447700900123", "v-3")).body).toMatchObject({ amount: 15_250 });
    // A 5 s call is still its first minute.
    expect((await call(5, "+351212345678", "v-4")).body).toMatchObject({ amount: 12_000 });
    expect(await counter(s, "voice~+351")).toBe(126);
    expect(await counter(s, "voice~+3519")).toBe(66);
    expect(await counter(s, "voice~+44")).toBe(61);

    // Crossing the mobile line's tier: billed 5,994 s, of which 60 past its 6,000 s; its own counter only.
    const long = await call(5_990, "+351960000000", "v-5");
    const expected = Math.ceil((6_000 * 30_000 + 60 * 20_000) / 60) - Math.ceil((66 * 30_000) / 60);
    expect(long.body).toMatchObject({ amount: expected });
    expect(await counter(s, "voice~+3519")).toBe(6_060);
    expect(await counter(s, "voice~+351")).toBe(126);

    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ _id: long.body.id })) === 1,
      30_000,
      "the usage event",
    );
    const event = await stack.ctx.models.UsageEvent.findById(long.body.id).lean();
    expect(event).toMatchObject({ units: 5_990, amount: expected, rateLine: "+3519", attributes: { destination: "+351960000000" } });
    const listed = await stack.admin.listUsage(s.accountId, { limit: 10 });
    expect(listed.items.find((e) => e.id === long.body.id)).toMatchObject({
      rateLine: "+3519",
      attributes: { destination: "+351960000000" },
    });
  });

  it("refuses usage no line rates (an unknown destination, or none) with 422 no_rate, and changes nothing", async () => {
    const before = await balance();
    const unknown = await charge({ productId: "voice", units: 60, attributes: { destination: "+1555" } }, "v-bad-1");
    expect(unknown.status).toBe(422);
    expect(unknown.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ code: "no_rate", errors: [{ pointer: "/attributes/destination" }] });
    const none = await charge({ productId: "voice", units: 60 }, "v-bad-2");
    expect(none.status).toBe(422);
    expect(none.body.code).toBe("no_rate");
    const sdk = stack.consumer(s.key);
    await expect(sdk.createCharge({ productId: "voice", units: 60, attributes: { destination: "+1555" } })).rejects.toBeInstanceOf(
      NoRateError,
    );
    // Not kept: the same Idempotency-Key then charges a rated destination.
    expect((await charge({ productId: "voice", units: 60, attributes: { destination: "+44" } }, "v-bad-1")).status).toBe(201);
    expect(await balance()).toBe(before - 15_000);
    // Bad attributes are refused before anything.
    for (const attributes of [
      { $x: "1" },
      { destination: "" },
      { destination: "a\u0001" },
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`a${i}`, "1"])),
    ]) {
      const r = await charge({ productId: "voice", units: 60, attributes }, `v-bad-${JSON.stringify(attributes)}`);
      expect(r.status).toBe(400);
    }
    expect(await balance()).toBe(before - 15_000);
  });

  it("a charging session's increments round the whole call, not each grant", async () => {
    const t = await stack.seedCatalog({ ...VOICE }, 1_000_000);
    const post = (path: string, body: Record<string, unknown>, key?: string) => {
      const r = request(stack.controlPlaneUrl).post(path).set(as(t));
      if (key !== undefined) r.set("idempotency-key", key);
      return r.send(body);
    };
    const opened = await post(
      "/v1/charging-sessions",
      { productId: "voice", requestedUnits: 30, attributes: { destination: "+351911111111" } },
      "c-1",
    );
    expect(opened.status).toBe(201);
    // 30 s granted: the first minute is held (30,000 at 30,000 a minute), and one micro for the rounding of a
    // per-minute price, returned at settlement.
    expect(opened.body).toMatchObject({ grantedUnits: 30, attributes: { destination: "+351911111111" } });
    expect(await balance(t)).toBe(969_999);
    const id = opened.body.id as string;
    // 25 s used: the first minute is charged; 30 s more are inside it, so they hold nothing.
    const first = await post(`/v1/charging-sessions/${id}/updates`, { request: 1, usedUnits: 25, requestedUnits: 30 });
    expect(first.body).toMatchObject({ amount: 30_000, grantedUnits: 30 });
    expect(await balance(t)).toBe(969_999);
    const second = await post(`/v1/charging-sessions/${id}/updates`, { request: 2, usedUnits: 55, requestedUnits: 30 });
    expect(second.body).toMatchObject({ amount: 30_000, grantedUnits: 30 });
    // Ended at 70 s: billed 72 s, as one 70 s call would be, whatever the pieces.
    const ended = await post(`/v1/charging-sessions/${id}/terminate`, { request: 3, usedUnits: 70 });
    expect(ended.body).toMatchObject({ status: "closed", usedUnits: 70, amount: 36_000 });
    expect(await balance(t)).toBe(1_000_000 - 36_000);
    expect(await counter(t, "voice~+3519")).toBe(72);
  });

  it("a session's grant is settled at the price it was held at; once the plan no longer rates it, nothing more is granted", async () => {
    const t = await stack.seedCatalog({ ...VOICE }, 1_000_000);
    const post = (path: string, body: Record<string, unknown>, key?: string) => {
      const r = request(stack.controlPlaneUrl).post(path).set(as(t));
      if (key !== undefined) r.set("idempotency-key", key);
      return r.send(body);
    };
    /** The deck with the voice product's lines replaced. */
    const withLines = (lines: unknown[]) =>
      ({
        ...VOICE,
        products: VOICE.products!.map((p) =>
          p.id === "voice" ? { ...p, price: { ...p.price, dimension: { ...p.price.dimension!, lines } } } : p,
        ),
      }) as CatalogInput;
    const opened = await post(
      "/v1/charging-sessions",
      { productId: "voice", requestedUnits: 120, attributes: { destination: "+351212345678" } },
      "held-1",
    );
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    // The landline's price doubles while 120 s are held at 12,000 a minute.
    await stack.admin.replaceCatalog(t.planId, withLines([{ value: "+351", unitPrice: 24_000 }]));
    const first = await post(`/v1/charging-sessions/${id}/updates`, { request: 1, usedUnits: 90, requestedUnits: 60 });
    expect(first.status).toBe(200);
    // The 90 s used of the held grant at the held price (18,000); the next 60 s held at the new one.
    expect(first.body).toMatchObject({ amount: 18_000, grantedUnits: 60, final: false });

    // Then the plan stops rating the landline at all (no line, and the deck refuses what no line rates).
    await stack.admin.replaceCatalog(t.planId, withLines([{ value: "+44", unitPrice: 15_000 }]));
    const second = await post(`/v1/charging-sessions/${id}/updates`, { request: 2, usedUnits: 120, requestedUnits: 60 });
    expect(second.status).toBe(200);
    // 30 s more of that grant at its price (12,000); nothing granted now, and the caller is told why.
    expect(second.body).toMatchObject({ amount: 30_000, grantedUnits: 0, final: true, refusal: { code: "no_rate" } });
    const ended = await post(`/v1/charging-sessions/${id}/terminate`, { request: 3, usedUnits: 120 });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: "closed", usedUnits: 120, amount: 30_000 });
    expect(await balance(t)).toBe(1_000_000 - 30_000);
  });

  it("rates reported usage events by their attributes, and refuses a batch naming a destination with no rate", async () => {
    const u = await stack.seedCatalog({ ...VOICE }, 1_000_000);
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const send = (events: Record<string, unknown>[]) =>
      request(stack.controlPlaneUrl)
        .post("/v1/usage-events")
        .set(as(u))
        .send({ events: events.map((e) => ({ timestamp: at, productId: "voice", ...e })) });
    const bad = await send([
      { id: "e-1", units: 61, attributes: { destination: "+351212345678" } },
      { id: "e-2", units: 61, attributes: { destination: "+999" } },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: "/events/1/attributes/destination" })]);
    expect(await balance(u)).toBe(1_000_000);
    const good = await send([
      { id: "e-1", units: 61, attributes: { destination: "+351212345678" } },
      { id: "e-2", units: 61, attributes: { destination: "+447700900123" } },
    ]);
    expect(good.body).toMatchObject({ accepted: 2, results: [{ amount: 13_200 }, { amount: 15_250 }] });
    expect(await balance(u)).toBe(1_000_000 - 13_200 - 15_250);
  });

  it("through the gateway: a header names the attribute; none, or one with no line, is 422 and never reaches the upstream", async () => {
    const g = await stack.seedCatalog({ ...VOICE }, 1_000_000);
    const call = (model?: string) => {
      const r = request(stack.gatewayUrl).post("/v1/complete").set("x-api-key", g.key);
      if (model !== undefined) r.set("x-model", model);
      return r.send({});
    };
    expect((await call("small")).status).toBe(200);
    expect((await call("large")).status).toBe(200);
    expect(await balance(g)).toBe(1_000_000 - 100 - 1_000);
    const before = stack.upstream.count();
    for (const model of [undefined, "medium", "large-2"]) {
      const refused = await call(model);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe("no_rate");
    }
    expect(stack.upstream.count()).toBe(before);
    expect(await balance(g)).toBe(1_000_000 - 1_100);
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: g.accountId, rateLine: "large" })) === 1,
      30_000,
      "the usage event of the large model",
    );
    const event = await stack.ctx.models.UsageEvent.findOne({ accountId: g.accountId, rateLine: "large" }).lean();
    expect(event).toMatchObject({ amount: 1_000, attributes: { model: "large" } });
  });

  it("a price per thousand tokens rounds the period's running total, never each call", async () => {
    const k = await stack.seedCatalog({ ...VOICE }, 1_000_000);
    const tokens = (units: number, key: string) =>
      request(stack.controlPlaneUrl).post("/v1/charges").set(as(k)).set("idempotency-key", key).send({ productId: "tokens", units });
    expect((await tokens(700, "t-1")).body.amount).toBe(1_400);
    expect((await tokens(801, "t-2")).body.amount).toBe(1_602);
    expect((await tokens(1, "t-3")).body.amount).toBe(2);
    expect(await balance(k)).toBe(1_000_000 - 3_004);
  });

  it("refuses a rate deck that cannot be rated, and keeps the plan as it was", async () => {
    const plan = (price: Record<string, unknown>) =>
      request(stack.controlPlaneUrl)
        .post("/v1/plans")
        .set("authorization", `Bearer ${ADMIN_TOKEN}`)
        .send({ name: "deck", currency: "USD", products: [{ id: "voice", path: "/v", price }], unmatched: { action: "refuse" } });
    const base = { unitPrice: 1, dimension: { attribute: "destination", lines: [{ value: "+1", unitPrice: 2 }] } };
    expect((await plan(base)).status).toBe(201);
    const bad = [
      {
        ...base,
        dimension: {
          attribute: "destination",
          lines: [
            { value: "+1", unitPrice: 2 },
            { value: "+1", unitPrice: 3 },
          ],
        },
      },
      { ...base, dimension: { attribute: "destination", lines: [{ value: "+1 2", unitPrice: 2 }] } },
      { ...base, dimension: { attribute: "destination", lines: [] } },
      { ...base, dimension: { attribute: "$where", lines: [{ value: "+1", unitPrice: 2 }] } },
      { ...base, dimension: { attribute: "destination", lines: [{ value: "+1" }] } },
      { ...base, dimension: { attribute: "destination", lines: [{ value: "+1", unitPrice: 2, tiers: [{ upTo: null, unitPrice: 1 }] }] } },
      { ...base, increments: { first: 60, next: 0 } },
      { ...base, ratePer: 0 },
      { ...base, ratePer: 1.5 },
    ];
    for (const price of bad) {
      const r = await plan(price);
      expect(r.status, JSON.stringify(price)).toBe(400);
      expect(r.body.code).toBe("validation_failed");
    }
  });
});

describe("rate lines on the invoice", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a hybrid account's sessions land on its invoice on a line per destination, with the seconds used", async () => {
    const plan = await stack.admin.createPlan({ name: "voice", currency: "USD", ...VOICE });
    const account = await stack.admin.createAccount({ name: "switch", planId: plan.id, billingMode: "hybrid", creditLimit: 1_000_000 });
    const { key } = await stack.admin.createApiKey(account.id, { name: "switch" });
    const sw = stack.consumer(key);
    const talk = async (n: number, destination: string, pieces: number[]) => {
      let session = await sw.openChargingSession(
        { productId: "voice", requestedUnits: 30, attributes: { destination } },
        { idempotencyKey: `c${n}` },
      );
      let used = 0;
      for (const [i, piece] of pieces.entries()) {
        used += piece;
        session = await sw.updateChargingSession(session.id, { request: i + 1, usedUnits: used, requestedUnits: 30 });
      }
      return sw.terminateChargingSession(session.id, { request: pieces.length + 1, usedUnits: used });
    };
    const calls = await Promise.all([
      talk(1, "+351911111111", [30, 30, 10]),
      talk(2, "+351211111111", [5]),
      talk(3, "+351922222222", [30, 1]),
    ]);
    // 70 s → 72 billed; 31 s → 60 billed: 132 s at 30,000 a minute. 5 s → 60 s at 12,000 a minute.
    expect(calls.map((c) => c.amount)).toEqual([36_000, 12_000, 30_000]);
    await eventually(
      async () =>
        (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id, rateLine: { $exists: true }, amount: { $gt: 0 } })) >= 4,
      30_000,
      "the usage events",
    );
    const events = await stack.ctx.models.UsageEvent.find({ accountId: account.id }).lean();
    expect(events.reduce((sum, e) => sum + (e.units ?? 0), 0)).toBe(106);
    const { invoice } = await stack.admin.closeBillingPeriod(account.id, `${new Date().toISOString().slice(0, 7)}-01`);
    expect(invoice?.subtotal).toBe(78_000);
    expect(invoice?.lines).toEqual([
      expect.objectContaining({ description: "voice, rate +351", unit: "unit", quantity: 5, amount: 12_000 }),
      expect.objectContaining({ description: "voice, rate +3519", unit: "unit", quantity: 101, amount: 66_000 }),
    ]);
  });
});
