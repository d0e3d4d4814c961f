import type { ChildProcess } from "node:child_process";
import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/http.js";
import { eventually, startGatewayProcess, startReaperProcess, startStack, type Seeded, type Stack } from "./support/stack.js";

describe("two-phase charging, quotas, caps and rate limits", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await stack?.close();
  });

  const get = (s: Seeded, path: string, agent?: Agent) =>
    call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": s.key }, ...(agent ? { agent } : {}) });
  const wallet = async (s: Seeded) => stack.redis.hgetall(stack.keyspace.account(s.accountId));

  it("many concurrent metered calls on a small balance: no overspend, every reservation settled exactly", async () => {
    // Each call reserves 1,000 and uses 300: at most 10 can be in flight on 10,000.
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 1_000 } } },
      10_000,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    const answers = await Promise.all(Array.from({ length: 300 }, () => get(s, "/bytes/300", agent)));
    agent.destroy();
    const ok = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 402).length;
    expect(ok + refused).toBe(300);
    expect(ok).toBeGreaterThanOrEqual(10);
    for (const a of answers.filter((x) => x.status === 200)) expect(Number(a.headers["tollgate-balance"])).toBeGreaterThanOrEqual(0);

    await eventually(async () => (await wallet(s))["h:USD"] === "0", 10_000, "every reservation settled");
    expect(Number((await wallet(s))["b:USD"])).toBe(10_000 - 300 * ok);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === ok, 30_000, "usage");
    const priced = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).lean();
    expect(priced.every((e) => e.amount === 300 && e.units === 300)).toBe(true);
  });

  it("returns the reservation of a gateway killed mid-call, once its TTL has passed", async () => {
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 4_000 } }, reservationTtlSeconds: 1 },
      10_000,
    );
    const { child: gateway, url } = await startGatewayProcess(stack);
    children.push(gateway);
    const pending = call(`${url}/hang`, { headers: { "x-api-key": s.key } }).catch(() => undefined);
    await eventually(async () => (await wallet(s))["h:USD"] === "4000", 10_000, "reservation taken");
    gateway.kill("SIGKILL");
    await pending;
    expect(Number((await wallet(s))["b:USD"])).toBe(6_000);

    // The control plane's reaper (the ingester process runs it) returns it after the TTL.
    const plane = startReaperProcess(stack, "reaper-test");
    children.push(plane.child);
    await eventually(async () => (await wallet(s))["b:USD"] === "10000", 20_000, "reservation reaped");
    expect((await wallet(s))["h:USD"]).toBe("0");
    const reaped = await stack.redis.zcard(stack.keyspace.reservations(stack.keyspace.partitionOf(s.accountId)));
    expect(reaped).toBe(0);
    plane.child.kill("SIGTERM");
  });

  it("hard quotas refuse with 429 naming the quota; soft quotas allow and record the crossing", async () => {
    const s = await stack.seedCatalog(
      {
        products: [{ id: "search", path: "/search", price: { unitPrice: 10 } }],
        pricePerCall: 1,
        quotas: [
          { id: "search-daily", metric: "calls", productId: "search", period: "day", limit: 3, enforcement: "hard" },
          { id: "all-monthly", metric: "calls", period: "month", limit: 4, enforcement: "soft" },
        ],
      },
      10_000,
    );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(s, "/search")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await get(s, "/search");
    expect(JSON.parse(refused.body)).toMatchObject({ code: "quota_exceeded", quota: "search-daily", used: 3 });
    // Other products are not under the daily quota; the monthly soft one is crossed by the 5th counted call.
    expect((await get(s, "/other")).status).toBe(200);
    expect((await get(s, "/other")).status).toBe(200);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 5, 30_000, "usage");
    const crossed = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId, quotasExceeded: "all-monthly" }).lean();
    expect(crossed).toHaveLength(1);
    expect(Number((await wallet(s))["b:USD"])).toBe(10_000 - 3 * 10 - 2 * 1);
  });

  it("per-key spending caps: one account, several keys with their own budgets", async () => {
    const s = await stack.seedCatalog({ pricePerCall: 400 }, 100_000, { spendCap: { amount: 1_000, period: "month" } });
    const other = await stack.admin.createApiKey(s.accountId, { name: "uncapped" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(s, "/x")).status);
    expect(statuses).toEqual([200, 200, 402, 402]);
    expect(JSON.parse((await get(s, "/x")).body)).toMatchObject({ code: "spend_cap_reached", spent: 800, cap: 1_000 });
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": other.key } })).status).toBe(200);
    expect(Number((await wallet(s))["b:USD"])).toBe(100_000 - 3 * 400);
  });

  it("rate limits: 429 with Retry-After and the IETF RateLimit headers, per account and per key", async () => {
    const s = await stack.seedCatalog(
      {
        pricePerCall: 1,
        rateLimits: [
          { id: "burst", scope: "key", limit: 3, windowSeconds: 60 },
          { id: "steady", scope: "account", limit: 100, windowSeconds: 3600 },
        ],
      },
      10_000,
    );
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get(s, "/x"));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers["ratelimit-policy"]).toBe('"burst";q=3;w=60, "steady";q=100;w=3600');
    expect(answers[0]!.headers.ratelimit).toMatch(/^"burst";r=2;t=\d+$/);
    const limited = answers[3]!;
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers.ratelimit).toMatch(/^"burst";r=0;t=\d+$/);
    expect(JSON.parse(limited.body)).toMatchObject({ code: "rate_limited", limit: "burst" });
    expect(Number((await wallet(s))["b:USD"])).toBe(10_000 - 3);
    // A second key of the same account has its own per-key budget.
    const second = await stack.admin.createApiKey(s.accountId);
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": second.key } })).status).toBe(200);
  });
});
