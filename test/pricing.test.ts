import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Answer } from "./support/http.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/** Every pricing model end to end: through the gateway, to the upstream, into the usage events. */
describe("pricing models through the gateway", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const get = (s: Seeded, path: string, headers: Record<string, string> = {}) =>
    call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": s.key, ...headers } });
  const charge = (a: Answer) => Number(a.headers["tollgate-charge"]);
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
  const events = async (s: Seeded, n: number) => {
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) >= n, 30_000, "usage");
    return stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).sort({ timestamp: 1, _id: 1 }).lean();
  };

  it("routes to products by method and path, first match wins; unmatched routes follow the plan's rule", async () => {
    const products = [
      { id: "user", method: "GET", path: "/v1/users/:id", price: { unitPrice: 10 } },
      { id: "files", path: "/v1/files/*", price: { unitPrice: 20 } },
      { id: "shadowed", method: "GET", path: "/v1/users/:id", price: { unitPrice: 99 } },
    ];
    const priced = await stack.seedCatalog({ products, unmatched: { action: "price", price: { unitPrice: 5 } } }, 1_000);
    expect(charge(await get(priced, "/v1/users/7"))).toBe(10);
    expect(charge(await get(priced, "/v1/files/a/b"))).toBe(20);
    expect(charge(await get(priced, "/elsewhere"))).toBe(5);

    const free = await stack.seedCatalog({ products, unmatched: { action: "free" } }, 1_000);
    const freeAnswer = await get(free, "/elsewhere");
    expect(freeAnswer.status).toBe(200);
    expect(freeAnswer.headers["tollgate-charge"]).toBeUndefined();
    expect(await available(free)).toBe(1_000);

    const strict = await stack.seedCatalog({ products, unmatched: { action: "refuse" } }, 1_000);
    const before = stack.upstream.count();
    const refused = await get(strict, "/elsewhere");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).code).toBe("not_in_plan");
    expect(stack.upstream.count()).toBe(before);
    expect(charge(await get(strict, "/v1/users/1"))).toBe(10);
  });

  it("graduated tiers over the period's calls, with a flat fee on entering a tier", async () => {
    const s = await stack.seedCatalog(
      {
        unmatched: {
          action: "price",
          price: {
            tiers: [
              { upTo: 3, unitPrice: 100 },
              { upTo: null, unitPrice: 10, flatPrice: 1_000 },
            ],
          },
        },
      },
      100_000,
    );
    const charges = [];
    for (let i = 0; i < 6; i++) charges.push(charge(await get(s, "/x")));
    expect(charges).toEqual([100, 100, 100, 1_010, 10, 10]);
    expect(await available(s)).toBe(100_000 - 1_330);
  });

  it("volume tiers: each call at the rate of the tier the period's total reaches", async () => {
    const s = await stack.seedCatalog(
      {
        unmatched: {
          action: "price",
          price: {
            tierMode: "volume",
            tiers: [
              { upTo: 2, unitPrice: 100 },
              { upTo: null, unitPrice: 40 },
            ],
          },
        },
      },
      100_000,
    );
    const charges = [];
    for (let i = 0; i < 4; i++) charges.push(charge(await get(s, "/x")));
    expect(charges).toEqual([100, 100, 40, 40]);
  });

  it("calls inside a free allowance pass and cost nothing, then the price starts (no minimum)", async () => {
    const s = await stack.seedCatalog({ unmatched: { action: "price", price: { unitPrice: 7, freeUnits: 3 } } }, 100);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await get(s, "/free"));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map(charge)).toEqual([0, 0, 0, 7, 7]);
    expect(await available(s)).toBe(100 - 14);
    expect((await events(s, 5)).map((e) => e.amount)).toEqual([0, 0, 0, 7, 7]);
  });

  it("a free allowance, then packages of request bytes (Content-Length), with a minimum per call", async () => {
    const price = { metric: "request_bytes", unitPrice: 50, packageSize: 1_000, freeUnits: 500, minimum: 1 };
    const s = await stack.seedCatalog({ unmatched: { action: "price", price } }, 100_000);
    const post = (bytes: number) =>
      call(`${stack.gatewayUrl}/upload`, {
        method: "POST",
        body: "x".repeat(bytes),
        headers: { "x-api-key": s.key, "content-length": String(bytes) },
      });
    expect(charge(await post(400))).toBe(1); // free, but the minimum applies
    expect(charge(await post(100))).toBe(1); // the allowance is exactly used up
    expect(charge(await post(1))).toBe(50); // opens the first package
    expect(charge(await post(999))).toBe(1); // fills it (minimum)
    expect(charge(await post(1_001))).toBe(100); // two more packages
    // A body of unknown length cannot be priced by size: refused before forwarding.
    const before = stack.upstream.count();
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${stack.gatewayUrl}/upload`,
        { method: "POST", headers: { "x-api-key": s.key, "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("abc");
      req.end();
    });
    expect(chunked).toBe(411);
    expect(stack.upstream.count()).toBe(before);
  });

  it("time of use: a peak window multiplies the price in the plan's time zone, rounded half up", async () => {
    const allWeek = [0, 1, 2, 3, 4, 5, 6];
    const peak = await stack.seedCatalog(
      {
        timeZone: "Asia/Tokyo",
        unmatched: { action: "price", price: { unitPrice: 5, timeOfUse: [{ days: allWeek, from: "00:00", to: "24:00", percent: 150 }] } },
      },
      1_000,
    );
    expect(charge(await get(peak, "/x"))).toBe(8); // 7.5 → 8
    const never = await stack.seedCatalog(
      { unmatched: { action: "price", price: { unitPrice: 5, timeOfUse: [{ days: [0], from: "00:00", to: "00:01", percent: 1_000 }] } } },
      1_000,
    );
    const now = new Date();
    const sundayFirstMinute = now.getUTCDay() === 0 && now.getUTCHours() === 0 && now.getUTCMinutes() === 0;
    if (!sundayFirstMinute) expect(charge(await get(never, "/x"))).toBe(5);
  });

  it("response bytes: reserves the maximum, settles the actual size, returns the rest", async () => {
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 2, maximum: 20_000 } } },
      50_000,
    );
    const answer = await get(s, "/bytes/2500");
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(2_500);
    expect(Number(answer.headers["tollgate-reserved"])).toBe(20_000);
    expect(Number(answer.headers["tollgate-balance"])).toBe(30_000);
    await eventually(async () => (await available(s)) === 50_000 - 5_000, 10_000, "settlement");
    const [event] = await events(s, 1);
    expect(event).toMatchObject({ units: 2_500, amount: 5_000, status: 200, responseBytes: 2_500 });
  });

  it("units reported by the upstream in a header, and duration", async () => {
    const units = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "units", unitsHeader: "X-Units", unitPrice: 300, maximum: 10_000 } } },
      50_000,
    );
    await get(units, "/units/7");
    await eventually(async () => (await available(units)) === 50_000 - 2_100, 10_000, "units settlement");

    const timed = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "duration_ms", unitPrice: 10, maximum: 100_000 } } },
      200_000,
    );
    await get(timed, "/sleep/60");
    const [event] = await events(timed, 1);
    expect(event!.units).toBeGreaterThanOrEqual(60);
    expect(event!.amount).toBe(event!.units! * 10);
    expect(await available(timed)).toBe(200_000 - event!.amount);
  });

  it("refunds per the plan's policy when the upstream fails or the caller goes away", async () => {
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { unitPrice: 700 } }, refund: { upstreamError: true, clientAbort: true } },
      10_000,
    );
    const failed = await get(s, "/fail");
    expect(failed.status).toBe(503);
    await eventually(async () => (await available(s)) === 10_000, 10_000, "refund after upstream failure");

    await new Promise<void>((resolve) => {
      const req = httpRequest(`${stack.gatewayUrl}/sleep/3000`, { headers: { "x-api-key": s.key } });
      req.on("error", () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 2,
      15_000,
      "abort settled",
    );
    expect(await available(s)).toBe(10_000);
    const recorded = await events(s, 2);
    expect(recorded.map((e) => [e.refunded, e.amount])).toEqual([
      [true, 0],
      [true, 0],
    ]);

    const ok = await get(s, "/x");
    expect(ok.status).toBe(200);
    await eventually(async () => (await available(s)) === 9_300, 10_000, "a successful call is charged");
  });

  it("without a refund policy, an upstream failure is charged like any answer", async () => {
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 1_000, minimum: 25 } } },
      10_000,
    );
    expect((await get(s, "/fail")).status).toBe(503);
    await eventually(async () => (await available(s)) === 10_000 - 25, 10_000, "minimum charged");
  });
});
