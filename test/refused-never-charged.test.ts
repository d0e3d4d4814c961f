import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/**
 * Redis stalls mid-burst (SIGSTOP): the gateway refuses the calls whose charge it cannot confirm (503), but
 * their scripts are already on the wire and run when Redis resumes. None of them may stay charged: for each
 * way of charging (one flat script, a rated script with counters, a reservation), the money taken equals the
 * price of the calls the upstream received, and the usage events that charge anything are exactly those calls.
 */
describe("a call refused with 503 is never charged, however the timing falls", () => {
  let redis: PrivateRedis;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startStack({ redisUrl: redis.url });
  });
  afterAll(async () => {
    redis?.thaw();
    await stack?.close();
    await redis?.stop();
  });

  it("with Redis frozen during a burst: money taken = price × calls served; charged events = served calls", async () => {
    const START = 1_000_000;
    const accounts: Record<string, Seeded> = {
      flat: await stack.seedAccount({ pricePerCall: 100, balance: START }),
      rated: await stack.seedCatalog(
        {
          products: [{ id: "x", path: "/x", price: { unitPrice: 100 } }],
          unmatched: { action: "refuse" },
          quotas: [{ id: "daily", metric: "calls", period: "day", limit: 1_000_000, enforcement: "soft" }],
        },
        START,
      ),
      reserved: await stack.seedCatalog(
        { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 5_000 } } },
        START,
      ),
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const statuses: Record<string, number[]> = { flat: [], rated: [], reserved: [] };
    let running = true;
    const loop = async (name: string, s: Seeded) => {
      while (running) {
        const answer = await call(`${stack.gatewayUrl}/x`, { agent, headers: { "x-api-key": s.key } });
        statuses[name]!.push(answer.status);
      }
    };
    const loops = Object.entries(accounts).flatMap(([name, s]) => Array.from({ length: 3 }, () => loop(name, s)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    redis.freeze();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    redis.thaw();
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(loops);
    agent.destroy();

    await eventually(() => stack.gateway.tollgate.pendingVoids() === 0, 30_000, "voids delivered");
    const streamsEmpty = async () =>
      (await Promise.all(stack.keyspace.usageStreams().map((k) => stack.redis.xlen(k)))).every((n) => n === 0);
    await eventually(streamsEmpty, 30_000, "usage ingested");

    for (const [name, s] of Object.entries(accounts)) {
      const refused = statuses[name]!.filter((status) => status === 503).length;
      expect(refused, `${name}: some calls were refused while Redis was frozen`).toBeGreaterThan(0);
      const served = stack.upstream.requests
        .filter((r) => r.headers["tollgate-account-id"] === s.accountId)
        .map((r) => String(r.headers["tollgate-event-id"]));
      expect(served.length).toBe(statuses[name]!.filter((status) => status === 200).length);
      const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).lean();
      const charging = events.filter((e) => e.amount > 0 && e.refunded !== true);
      expect(new Set(charging.map((e) => e._id)), name).toEqual(new Set(served));
      const balance = (await stack.admin.getBalance(s.accountId)).balances[0]!;
      expect(balance.reserved, name).toBe(0);
      const taken = START - balance.available;
      expect(taken, name).toBe(charging.reduce((total, e) => total + e.amount, 0));
      if (name !== "reserved") expect(taken, name).toBe(100 * served.length);
    }
    // The flat and rated charges that ran after their call was refused were undone, and say so.
    for (const name of ["flat", "rated"]) {
      const undone = await stack.ctx.models.UsageEvent.countDocuments({
        accountId: accounts[name]!.accountId,
        refunded: true,
        status: 503,
      });
      expect(undone, `${name}: refused calls whose charge ran late`).toBeGreaterThan(0);
    }
    await jobs.bookUsage(stack.ctx);
    const report = await jobs.reconcile(stack.ctx, { accountIds: Object.values(accounts).map((s) => s.accountId) });
    expect(report.drifts).toEqual([]);
  });
});
