import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { flatPlanSpec } from "./catalog.js";
import { RateLimits } from "./rate-limits.js";

const spec = { ...flatPlanSpec("plan_rl", "USD", 1), rateLimits: [{ id: "burst", scope: "key" as const, limit: 2, windowSeconds: 60 }] };

describe("rate-limit failure policy", () => {
  // A Redis that is not there: every command fails at once.
  const dead = () =>
    new Redis("redis://127.0.0.1:1", { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });

  it("closed: a store failure is reported as unavailable, never as a limit", async () => {
    const redis = dead();
    const limits = new RateLimits(redis, "t_rl:", "closed");
    expect((await limits.consume(spec, "acct", "key")).kind).toBe("unavailable");
    redis.disconnect();
  });

  it("open: each process counts against the same limits in memory until the store is back", async () => {
    const redis = dead();
    const limits = new RateLimits(redis, "t_rl:", "open");
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await limits.consume(spec, "acct", "key")).kind);
    expect(kinds).toEqual(["allowed", "allowed", "limited"]);
    redis.disconnect();
  });
});
