import { randomBytes } from "node:crypto";
import { connectRedis } from "@tollgate/metering";
import { afterAll, describe, expect, it } from "vitest";
import { StreamConsumer, type StreamEntry } from "./stream-consumer.js";

// The cluster's read path (one read per stream, each to its node): the Redis Cluster scripts/services.sh starts.
const clusterUrl = process.env.REDIS_CLUSTER_URL;
if (clusterUrl === undefined)
  throw new Error("REDIS_CLUSTER_URL is not set: start the services (scripts/services.sh up) and use their env");
const redis = connectRedis(clusterUrl);
const prefix = `tg-sc-${randomBytes(4).toString("hex")}:`;
// Two hash tags, so two slots: each stream read on its own.
const healthy = `${prefix}{p0}:usage`;
const broken = `${prefix}{p1}:usage`;

afterAll(async () => {
  await redis.unlink(healthy);
  await redis.unlink(broken);
  redis.disconnect();
});

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("StreamConsumer on a Redis Cluster", () => {
  it("handles what the other streams delivered when one stream's read fails, instead of leaving it pending", async () => {
    const handled: StreamEntry[] = [];
    const errors: unknown[] = [];
    const consumer = new StreamConsumer({
      redis,
      streams: [healthy, broken],
      group: "g",
      consumer: "c",
      blockMs: 100,
      handle: (entries) => {
        handled.push(...entries);
        return Promise.resolve();
      },
      onError: (error) => errors.push(error),
    });
    await consumer.start();
    try {
      // One stream's reads now fail for good (no group can be made on a string), the other's work.
      await redis.unlink(broken);
      await redis.set(broken, "not a stream");
      await until(() => errors.length > 0, "a failed read");
      const id = await redis.xadd(healthy, "*", "eventId", "e1");
      await until(() => handled.length > 0, "the healthy stream's entry handled");
      expect(handled.map(([entryId]) => entryId)).toEqual([id]);
      // Acknowledged, as any handled entry: nothing left pending for a claim to find.
      const pending = (await redis.xpending(healthy, "g")) as [number, ...unknown[]];
      expect(pending[0]).toBe(0);
    } finally {
      await consumer.stop();
    }
  });
});
