import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { Directory } from "../store/directory.js";
import { HotStore } from "../store/hot-store.js";
import { createKeyspace } from "../store/format.js";
import { hashApiKey } from "./api-key.js";
import { Meter } from "./meter.js";
import { flatPlanSpec } from "./catalog.js";
import { RateLimits } from "./rate-limits.js";
import { RedisChargeStore } from "../store/charge-store.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${randomBytes(4).toString("hex")}:`;
const store = new HotStore(redis, createKeyspace(prefix, 4));
const parts = (s: HotStore, r: typeof redis = redis) => ({
  store: new RedisChargeStore(r, s.keyspace),
  rateLimits: new RateLimits(r, prefix),
});
const KEY = "tg_meter_test_key_0123456789abcdef";

async function seed(balance: number) {
  await store.publishPlan(flatPlanSpec("plan_m", "EUR", 400));
  await store.publishAccount({ accountId: "acct_m", status: "active", activeKeyIds: ["key_m"], currencies: ["EUR"] });
  await store.publishApiKey(hashApiKey(KEY), { keyId: "key_m", accountId: "acct_m", planId: "plan_m", status: "active" });
  await store.applyEntry("acct_m", `seed_${balance}`, "EUR", balance);
}

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("Meter", () => {
  it("charges, then refuses with the balance, the price and the currency", async () => {
    await seed(1_000);
    // A directory that never listens: it only ever knows what it looked up itself.
    const meter = new Meter({ ...parts(store), directory: new Directory(store) });
    const call = { apiKey: KEY, method: "GET", path: "/a", requestBytes: undefined };
    expect(await meter.charge(call)).toMatchObject({
      ok: true,
      accountId: "acct_m",
      keyId: "key_m",
      charged: { amount: 400, currency: "EUR", balance: 600, reserved: false },
    });
    expect(await meter.charge(call)).toMatchObject({ ok: true, charged: { balance: 200 } });
    const refused = await meter.charge(call);
    expect(refused).toMatchObject({
      ok: false,
      problem: { status: 402, code: "insufficient_funds", balance: 200, price: 400, currency: "EUR" },
    });
  });

  it("refuses a revoked key even when its cache never heard of the revocation", async () => {
    await store.applyEntry("acct_m", "more", "EUR", 10_000);
    const directory = new Directory(store, { ttlMs: 3_600_000 });
    const meter = new Meter({ ...parts(store), directory });
    const call = { apiKey: KEY, method: "GET", path: "/a", requestBytes: undefined };
    expect((await meter.charge(call)).ok).toBe(true); // cached as active from here on
    await store.publishApiKey(hashApiKey(KEY), { keyId: "key_m", accountId: "acct_m", planId: "plan_m", status: "revoked" });
    expect((await directory.resolve(hashApiKey(KEY)))!.key.status).toBe("active"); // the cache is stale...
    expect(await meter.charge(call)).toMatchObject({ ok: false, problem: { status: 401, code: "unauthorized" } }); // ...the script is not
  });

  it("fails closed when Redis cannot be reached", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const deadStore = new HotStore(dead, createKeyspace(prefix, 4));
    const errors: unknown[] = [];
    const meter = new Meter({ ...parts(deadStore, dead), directory: new Directory(deadStore), onError: (e) => errors.push(e) });
    expect(await meter.charge({ apiKey: KEY, method: "GET", path: "/", requestBytes: undefined })).toMatchObject({
      ok: false,
      problem: { status: 503, code: "metering_unavailable" },
    });
    expect(errors).toHaveLength(1);
    dead.disconnect();
  });

  it("needs a key before anything else", async () => {
    const meter = new Meter({ ...parts(store), directory: new Directory(store) });
    expect(await meter.charge({ apiKey: undefined, method: "GET", path: "/", requestBytes: undefined })).toMatchObject({
      ok: false,
      problem: { status: 401 },
    });
  });
});
