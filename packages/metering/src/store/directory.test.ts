import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Directory } from "./directory.js";
import { HotStore } from "./hot-store.js";
import { createKeyspace } from "./format.js";
import { flatPlanSpec } from "../core/catalog.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${randomBytes(4).toString("hex")}:`;
const store = new HotStore(redis, createKeyspace(prefix, 4));
// A second process's view: its own connection and cache, hearing changes only through pub/sub.
const gatewayRedis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const directory = new Directory(new HotStore(gatewayRedis, createKeyspace(prefix, 4)), { ttlMs: 3_600_000 });

async function until(probe: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition never held");
}

describe("Directory", () => {
  beforeAll(async () => {
    await directory.listen(gatewayRedis);
    await store.publishPlan(flatPlanSpec("plan_1", "USD", 100));
    await store.publishApiKey("hash_1", { keyId: "key_1", accountId: "acct_1", planId: "plan_1", status: "active" });
  });
  afterAll(async () => {
    await directory.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    gatewayRedis.disconnect();
  });

  it("resolves a key to its account and plan, and forgets unknown keys quickly", async () => {
    const resolved = await directory.resolve("hash_1");
    expect(resolved?.key).toEqual({ keyId: "key_1", accountId: "acct_1", planId: "plan_1", status: "active" });
    expect(resolved?.plan.spec).toEqual(flatPlanSpec("plan_1", "USD", 100));
    expect(await directory.resolve("hash_unknown")).toBeUndefined();
  });

  it("serves from cache, and drops an entry when the control plane announces a change", async () => {
    await directory.resolve("hash_1");
    const priceOf = async () =>
      ((await directory.resolve("hash_1"))!.plan.unmatched as { price: { tiers: { unitPrice: number }[] } }).price.tiers[0]!.unitPrice;
    // Changed behind the cache's back (no announcement): the cache still answers the old price.
    await redis.hset(`${prefix}plan:plan_1`, "spec", JSON.stringify(flatPlanSpec("plan_1", "USD", 250)));
    expect(await priceOf()).toBe(100);
    // Announced: every process drops it.
    await store.publishPlan(flatPlanSpec("plan_1", "USD", 300));
    await until(async () => (await priceOf()) === 300);
  });

  it("learns of a key created after it was looked up as unknown", async () => {
    expect(await directory.resolve("hash_new")).toBeUndefined();
    await store.publishApiKey("hash_new", { keyId: "key_2", accountId: "acct_1", planId: "plan_1", status: "active" });
    await until(async () => (await directory.resolve("hash_new")) !== undefined);
  });

  it("learns of a revocation", async () => {
    await store.publishApiKey("hash_rev", { keyId: "key_3", accountId: "acct_1", planId: "plan_1", status: "active" });
    expect((await directory.resolve("hash_rev"))!.key.status).toBe("active");
    await store.publishApiKey("hash_rev", { keyId: "key_3", accountId: "acct_1", planId: "plan_1", status: "revoked" });
    await until(async () => (await directory.resolve("hash_rev"))!.key.status === "revoked");
  });
});
