import type { ChildProcess } from "node:child_process";
import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import {
  eventually,
  startGatewayProcess,
  usageIngested,
  startReaperProcess,
  startStack,
  type GatewayProcess,
  type Stack,
} from "./support/stack.js";

const PRICE = 2_500;

describe("leased mode: gateways decide calls from blocks of the balance they hold", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await stack?.close();
  });
  const wallet = async (accountId: string) => {
    const hash = await stack.redis.hgetall(stack.keyspace.account(accountId));
    return { balance: Number(hash["b:USD"]), reserved: Number(hash["h:USD"] ?? 0) };
  };
  const events = (accountId: string) => stack.ctx.models.UsageEvent.find({ accountId }).lean();

  it("three gateways together never spend more than the wallet holds, and every call they forward is recorded once", async () => {
    const s = await stack.seedCatalog({ pricePerCall: PRICE, metering: "leased" }, PRICE * 200);
    const gateways: GatewayProcess[] = await Promise.all([1, 2, 3].map(() => startGatewayProcess(stack)));
    children.push(...gateways.map((g) => g.child));
    const agent = new Agent({ keepAlive: true, maxSockets: 250 });
    const before = stack.upstream.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => call(`${gateways[i % 3]!.url}/v1/thing/${i}`, { agent, headers: { "x-api-key": s.key } })),
    );
    agent.destroy();
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeLessThanOrEqual(200);
    // Money a lease holds in one gateway can leave another one short for a moment, never more than the
    // blocks they hold: most calls the wallet pays for get through.
    expect(ok.length).toBeGreaterThan(150);
    expect(answers.every((a) => a.status === 200 || a.status === 402)).toBe(true);
    expect(stack.upstream.requests.length - before).toBe(ok.length);

    // Stopped gracefully: each reports its calls and gives back what its lease holds.
    for (const g of gateways) g.child.kill("SIGTERM");
    expect(await Promise.all(gateways.map((g) => g.exited))).toEqual([0, 0, 0]);
    expect(await wallet(s.accountId)).toEqual({ balance: PRICE * (200 - ok.length), reserved: 0 });
    await eventually(async () => (await events(s.accountId)).length >= ok.length, 30_000, "usage ingestion");
    const recorded = await events(s.accountId);
    expect(recorded.map((e) => e._id).sort()).toEqual(ok.map((a) => a.headers["tollgate-event-id"]).sort());
    expect(recorded.every((e) => e.amount === PRICE)).toBe(true);
    // Booked, the ledger agrees with Redis to the micro: leases moved money only through usage events.
    await usageIngested(stack, ok.length, s.accountId);
    await jobs.bookUsage(stack.ctx);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("a gateway killed with SIGKILL costs at most the calls it had not reported, and the reaper returns the rest of its lease", async () => {
    const initial = PRICE * 1_000;
    const s = await stack.seedCatalog({ pricePerCall: PRICE, metering: "leased", reservationTtlSeconds: 1 }, initial);
    const gateway = await startGatewayProcess(stack);
    children.push(gateway.child);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        ...(await Promise.all(Array.from({ length: 20 }, () => call(`${gateway.url}/hello`, { headers: { "x-api-key": s.key } })))),
      );
    }
    gateway.child.kill("SIGKILL");
    await gateway.exited;
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBe(100);
    // While it held a lease, the wallet showed it as reserved; the reaper (in the ingester process) returns it.
    const plane = startReaperProcess(stack, "lease-reaper");
    children.push(plane.child);
    await eventually(async () => (await wallet(s.accountId)).reserved === 0, 20_000, "the lease reaped");
    // Stopped, it finishes the jobs under way (a booking of what it ingested among them) before it exits.
    await plane.started;
    plane.child.kill("SIGTERM");
    expect(await plane.exited).toBe(0);
    // The wallet paid for exactly the calls reported; those not reported (at most one report interval's, never
    // more than one lease: 100 calls) were not charged.
    const streamed = await wallet(s.accountId);
    const charged = (initial - streamed.balance) / PRICE;
    expect(Number.isInteger(charged)).toBe(true);
    expect(charged).toBeLessThanOrEqual(ok);
    expect(ok - charged).toBeLessThanOrEqual(100);
    await eventually(async () => (await events(s.accountId)).filter((e) => e.amount > 0).length >= charged, 30_000, "usage ingestion");
    const recorded = (await events(s.accountId)).filter((e) => e.amount > 0);
    expect(recorded).toHaveLength(charged);
    expect(recorded.reduce((sum, e) => sum + e.amount, 0)).toBe(initial - streamed.balance);
    await usageIngested(stack, recorded.length, s.accountId);
    await jobs.bookUsage(stack.ctx);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });
  it("a gateway in leased mode killed with SIGKILL while its lease holds bundle units: the reaper gives them back, the calls it never reported cost nothing, and the unit ledger equals Redis", async () => {
    const catalog = {
      products: [{ id: "minutes", method: "GET" as const, path: "/minutes", price: { unitPrice: PRICE } }],
      unmatched: { action: "price" as const, price: { unitPrice: PRICE } },
      metering: "leased" as const,
      reservationTtlSeconds: 1,
    };
    const s = await stack.seedCatalog(catalog, PRICE * 1_000);
    const bundle = await stack.admin.issueBundle(
      s.accountId,
      { productId: "minutes", units: 500, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      { idempotencyKey: "leased-units" },
    );
    const gateway = await startGatewayProcess(stack);
    children.push(gateway.child);
    const held = async () => Number((await stack.redis.hget(stack.keyspace.account(s.accountId), `bh:${bundle.id}`)) ?? 0);
    // The first call of the bundled product is decided exactly while the lease asks for units; then its lease holds them.
    expect((await call(`${gateway.url}/minutes`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await eventually(async () => (await held()) > 0, 20_000, "the lease holds units");
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => call(`${gateway.url}${i % 2 ? "/minutes" : "/other"}`, { headers: { "x-api-key": s.key } })),
    );
    gateway.child.kill("SIGKILL");
    await gateway.exited;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await held()).toBeGreaterThan(0);
    // The reaper (in the control plane's process) gives the lease's money and units back.
    const plane = startReaperProcess(stack, "lease-units-reaper");
    children.push(plane.child);
    await eventually(async () => (await wallet(s.accountId)).reserved === 0 && (await held()) === 0, 20_000, "the lease reaped");
    await plane.started;
    plane.child.kill("SIGTERM");
    expect(await plane.exited).toBe(0);
    // What the bundle lost is exactly what reported calls took: 41 forwarded, those never reported cost nothing.
    const remaining = (await stack.admin.listBundles(s.accountId)).items[0]!.remaining;
    const used = 500 - remaining;
    expect(used).toBeLessThanOrEqual(41);
    await eventually(
      async () => (await stack.ctx.models.UnitEntry.countDocuments({ bundleId: bundle.id, type: "usage" })) === used,
      30_000,
      "unit usage booked",
    );
    const units = await stack.ctx.models.UnitEntry.find({ bundleId: bundle.id }).lean();
    expect(units.reduce((sum, e) => sum + e.units, 0)).toBe(remaining);
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });
});
