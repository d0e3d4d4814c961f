import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, createGatewayRedis, createTollgate, GatewayMetrics, whenReady } from "@tollgate/gateway-plugin";
import { call } from "./support/http.js";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis.js";
import { eventually, listen, startStack, TEST_PARTITIONS, type Stack } from "./support/stack.js";

describe("when Redis stops answering", () => {
  let redis: PrivateRedis;
  let stack: Stack;
  const metrics = new GatewayMetrics();
  const storeErrors = async (kind: string) =>
    (await metrics.storeErrors.get()).values.find((v) => v.labels.store === "redis" && v.labels.kind === kind)?.value ?? 0;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startStack({ redisUrl: redis.url, ingester: false, gatewayMetrics: metrics });
  });
  afterAll(async () => {
    redis.thaw();
    await stack?.close();
    await redis?.stop();
  });

  it("refuses calls as unavailable (503), never as rate-limited, forwards nothing, and recovers by itself", async () => {
    const s = await stack.seedCatalog(
      { pricePerCall: 10, rateLimits: [{ id: "burst", scope: "key", limit: 1_000, windowSeconds: 60 }] },
      10_000,
    );
    const get = () => call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    expect((await get()).status).toBe(200);
    expect(await storeErrors("operation")).toBe(0);

    redis.freeze(); // unresponsive: commands time out
    const before = stack.upstream.count();
    const frozen = await get();
    expect(frozen.status).toBe(503);
    expect(JSON.parse(frozen.body).code).toBe("metering_unavailable");
    expect(stack.upstream.count()).toBe(before);
    expect(await storeErrors("operation")).toBeGreaterThanOrEqual(1); // tollgate_store_errors_total{kind="operation"}

    redis.thaw();
    await eventually(async () => (await get()).status === 200, 15_000, "recovery");
    expect(Number((await stack.admin.getBalance(s.accountId)).balances[0]!.available)).toBeLessThanOrEqual(10_000 - 20);

    await redis.stop(); // gone: connections refused
    const reachedBeforeStop = stack.upstream.count();
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body).code).toBe("metering_unavailable");
    expect(stack.upstream.count()).toBe(reachedBeforeStop);
    await eventually(async () => (await storeErrors("connection")) >= 1, 5_000, "the lost connection counted");
    expect((await metrics.registry.metrics()).split("\n")).toContainEqual(
      expect.stringMatching(/^tollgate_store_errors_total\{store="redis",kind="connection"\} [1-9]/),
    );
  });
});

describe("config changes reach every gateway within a second", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("applies a new price on every gateway by invalidation, not by cache expiry", async () => {
    const s = await stack.seedCatalog({ pricePerCall: 100 }, 1_000_000);
    // A second gateway process-equivalent: its own connection, its own cache, trusting it for an hour.
    const redis2 = createGatewayRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await whenReady(redis2);
    const second = createGateway({
      redis: redis2,
      prefix: stack.prefix,
      partitions: TEST_PARTITIONS,
      upstream: stack.upstream.url,
      directory: { ttlMs: 3_600_000 },
    });
    await second.tollgate.ready;
    const secondServer = await listen(second.app);
    const charge = async (url: string) => Number((await call(`${url}/x`, { headers: { "x-api-key": s.key } })).headers["tollgate-charge"]);
    try {
      expect(await charge(stack.gatewayUrl)).toBe(100);
      expect(await charge(secondServer.url)).toBe(100); // now cached for an hour

      const changed = Date.now();
      await stack.admin.replaceCatalog(s.planId, { pricePerCall: 250 });
      await eventually(
        async () => (await charge(stack.gatewayUrl)) === 250 && (await charge(secondServer.url)) === 250,
        5_000,
        "new price everywhere",
      );
      console.log(`[propagation] new price seen by both gateways ${Date.now() - changed} ms after the change was acknowledged`);
    } finally {
      await new Promise((r) => secondServer.server.close(r));
      secondServer.server.closeAllConnections();
      await second.close();
      redis2.disconnect();
    }
  });
});

describe("metering in-process routes, without a proxy", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("charges flat and response-priced routes served by the same Express app", async () => {
    const s = await stack.seedCatalog(
      {
        products: [{ id: "report", method: "GET", path: "/report", price: { metric: "response_bytes", unitPrice: 3, maximum: 100_000 } }],
        pricePerCall: 50,
      },
      200_000,
    );
    const redis = createGatewayRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await whenReady(redis);
    const tollgate = createTollgate({ redis, prefix: stack.prefix, partitions: TEST_PARTITIONS });
    await tollgate.ready;
    const app = express();
    app.use(tollgate);
    app.get("/report", (_req, res) => {
      res.type("text/plain").send("r".repeat(1_234));
    });
    app.get("/hello", (req, res) => {
      res.json({ account: req.headers["tollgate-account-id"] });
    });
    const { server, url } = await listen(app);
    try {
      const hello = await call(`${url}/hello`, { headers: { "x-api-key": s.key } });
      expect(hello.status).toBe(200);
      expect(JSON.parse(hello.body)).toEqual({ account: s.accountId });
      expect(hello.headers["tollgate-charge"]).toBe("50");

      const report = await call(`${url}/report`, { headers: { "x-api-key": s.key } });
      expect(report.body).toHaveLength(1_234);
      await eventually(
        async () => (await stack.admin.getBalance(s.accountId)).balances[0]!.available === 200_000 - 50 - 3 * 1_234,
        10_000,
        "settlement",
      );
      expect((await call(`${url}/report`)).status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      await tollgate.close();
      redis.disconnect();
    }
  });
});
