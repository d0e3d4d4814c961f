import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyspace } from "@tollgate/gateway-plugin/store";
import { createModels, type Models } from "../models/index.js";
import { Ingester } from "./ingester.js";

// Real Redis and the real MongoDB-compatible server, under a name and prefix of this run's own.
const tag = randomBytes(4).toString("hex");
const keyspace = createKeyspace(`t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${tag}:`, 2);
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
let conn: mongoose.Connection;
let models: Models;

const event = (id: string, accountId = "acct_i") =>
  ["id", id, "a", accountId, "k", "key_i", "p", "plan_i", "c", "USD", "amt", "250", "ts", "1700000000000", "m", "GET", "path", "/x"];

async function until(probe: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("condition never held");
}

beforeAll(async () => {
  conn = await mongoose.createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/", { dbName: `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${tag}` }).asPromise();
  models = await createModels(conn);
});
afterAll(async () => {
  const keys = await redis.keys(`${keyspace.prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await conn.dropDatabase();
  await conn.close();
});

describe("Ingester", () => {
  it("treats an event already in MongoDB as ingested: acknowledges and deletes it, inserts nothing twice", async () => {
    const stream = keyspace.usageStream(keyspace.partitionOf("acct_i"));
    // What a crash after the insert but before the XACK leaves behind: the event in both places.
    await models.UsageEvent.create({
      _id: "ev_twice", accountId: "acct_i", keyId: "key_i", planId: "plan_i", currency: "USD", price: 250,
      method: "GET", path: "/x", timestamp: new Date(1_700_000_000_000), ingestedAt: new Date(),
    });
    await redis.xadd(stream, "*", ...event("ev_twice"));
    await redis.xadd(stream, "*", ...event("ev_new"));

    const ingester = new Ingester({ redis, keyspace, models, consumer: "unit", blockMs: 50 });
    await ingester.start();
    try {
      await until(async () => (await redis.xlen(stream)) === 0);
    } finally {
      await ingester.stop();
    }
    expect((await models.UsageEvent.find({ accountId: "acct_i" }).sort({ _id: 1 }).lean()).map((e) => e._id)).toEqual(["ev_new", "ev_twice"]);
    const stored = await models.UsageEvent.findById("ev_new").lean();
    expect(stored).toMatchObject({ keyId: "key_i", planId: "plan_i", currency: "USD", price: 250, method: "GET", path: "/x", timestamp: new Date(1_700_000_000_000) });
    const [pending] = (await redis.xpending(stream, "ingest")) as [number];
    expect(pending).toBe(0);
  });
});
