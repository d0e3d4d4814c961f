import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/http.js";
import { eventually, startGatewayProcess, startStack, type GatewayProcess, type Stack } from "./support/stack.js";

const PRICE = 2_500; // micros per call
const FUNDED_CALLS = 200;
const CALLS = 1_000;

describe("prepaid enforcement under concurrency", () => {
  let stack: Stack;
  const gateways: GatewayProcess[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const g of gateways) g.child.kill("SIGKILL");
    await stack?.close();
  });

  it("forwards exactly the calls the wallet pays for, and records each once", async () => {
    await spendRace(() => stack.gatewayUrl);
  });

  it("the same through three gateway processes at once, each coalescing its charges under the load", async () => {
    gateways.push(...(await Promise.all([1, 2, 3].map(() => startGatewayProcess(stack, { METRICS_PORT: "0" })))));
    await spendRace((i) => gateways[i % 3]!.url);
    // Each process sent its charges in fewer script runs than calls: they were coalesced.
    for (const g of gateways) {
      const text = await (await fetch(g.metricsUrl!)).text();
      const runs = Number(/^tollgate_gateway_meter_batch_size_count (\d+)/m.exec(text)?.[1]);
      const charges = Number(/^tollgate_gateway_meter_batch_size_sum (\d+)/m.exec(text)?.[1]);
      expect(charges).toBeGreaterThan(CALLS / 3 - 50);
      expect(runs).toBeLessThan(charges);
    }
  });

  /** 1,000 calls at once (call i through `gatewayUrl(i)`) on a wallet that pays for 200 of them. */
  async function spendRace(gatewayUrl: (i: number) => string): Promise<void> {
    const seeded = await stack.seedAccount({ pricePerCall: PRICE, balance: PRICE * FUNDED_CALLS });
    const agent = new Agent({ keepAlive: true, maxSockets: 250 });
    const upstreamBefore = stack.upstream.requests.length;
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, i) => call(`${gatewayUrl(i)}/v1/thing/${i}`, { agent, headers: { "x-api-key": seeded.key } })),
    );
    agent.destroy();

    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 402);
    expect(ok).toHaveLength(FUNDED_CALLS);
    expect(refused).toHaveLength(CALLS - FUNDED_CALLS);
    expect(stack.upstream.requests.length - upstreamBefore).toBe(FUNDED_CALLS);

    // Every refusal is problem+json naming the balance, the price and the currency.
    for (const answer of refused) {
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      const problem = JSON.parse(answer.body);
      expect(problem).toMatchObject({ status: 402, code: "insufficient_funds", amount: PRICE, price: PRICE, currency: "USD" });
      expect(problem.balance).toBeLessThan(PRICE);
    }
    // The balances the gateway reported are each distinct: 200 successive debits, none lost to a race.
    const reported = ok.map((a) => Number(a.headers["tollgate-balance"])).sort((x, y) => x - y);
    expect(reported).toEqual(Array.from({ length: FUNDED_CALLS }, (_, i) => i * PRICE));

    const balance = await stack.consumer(seeded.key).getBalance();
    expect(balance.balances).toEqual([
      { walletId: seeded.walletId, currency: "USD", available: 0, reserved: 0, creditLimit: 0, spendable: 0, grants: [] },
    ]);

    const { UsageEvent } = stack.ctx.models;
    await eventually(
      async () => (await UsageEvent.countDocuments({ accountId: seeded.accountId })) >= FUNDED_CALLS,
      30_000,
      "usage ingestion",
    );
    const events = await UsageEvent.find({ accountId: seeded.accountId }).lean();
    expect(events).toHaveLength(FUNDED_CALLS);
    expect(new Set(events.map((e) => e._id)).size).toBe(FUNDED_CALLS);
    // Each usage event is a forwarded call: the ids the upstream was told are exactly the ids recorded.
    const forwardedIds = stack.upstream.requests
      .slice(upstreamBefore)
      .map((r) => r.headers["tollgate-event-id"])
      .sort();
    expect(events.map((e) => e._id).sort()).toEqual(forwardedIds);
    expect(events.reduce((sum, e) => sum + e.amount, 0)).toBe(PRICE * FUNDED_CALLS);
  }
});
