import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyspace } from "@tollgate/metering/store";
import { createModels, type Models } from "../models/index.js";
import { Ingester } from "./ingester.js";

// Real Redis and the real MongoDB-compatible server, under a name and prefix of this run's own.
const tag = randomBytes(4).toString("hex");
const keyspace = createKeyspace(`t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${tag}:`, 2);
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
let conn: mongoose.Connection;
let models: Models;

const event = (id: string, accountId = "acct_i") => [
  "id",
  id,
  "a",
  accountId,
  "k",
  "key_i",
  "p",
  "plan_i",
  "c",
  "USD",
  "amt",
  "250",
  "ts",
  "1700000000000",
  "m",
  "GET",
  "path",
  "/x",
];
/** What a gateway's void appends when it undoes the charge of a call it refused (503). */
const voidOf = (id: string, accountId: string) => [
  ...event(id, accountId).map((v) => (v === "250" ? "-250" : v)),
  "st",
  "503",
  "rf",
  "1",
  "vd",
  "1",
];

async function until(probe: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("condition never held");
}

beforeAll(async () => {
  conn = await mongoose
    .createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/", {
      dbName: `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${tag}`,
    })
    .asPromise();
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
      _id: "ev_twice",
      accountId: "acct_i",
      keyId: "key_i",
      planId: "plan_i",
      currency: "USD",
      amount: 250,
      method: "GET",
      path: "/x",
      timestamp: new Date(1_700_000_000_000),
      ingestedAt: new Date(),
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
    expect((await models.UsageEvent.find({ accountId: "acct_i" }).sort({ _id: 1 }).lean()).map((e) => e._id)).toEqual([
      "ev_new",
      "ev_twice",
    ]);
    const stored = await models.UsageEvent.findById("ev_new").lean();
    expect(stored).toMatchObject({
      keyId: "key_i",
      planId: "plan_i",
      currency: "USD",
      amount: 250,
      method: "GET",
      path: "/x",
      timestamp: new Date(1_700_000_000_000),
    });
    const [pending] = (await redis.xpending(stream, "ingest")) as [number];
    expect(pending).toBe(0);
  });
});

describe("Ingester: voids of refused calls", () => {
  const accountId = "acct_v";
  const stream = keyspace.usageStream(keyspace.partitionOf(accountId));
  let ingester: Ingester;
  beforeAll(async () => {
    await models.Wallet.create({ _id: "wal_v", accountId, currency: "USD", creditLimit: 0, createdAt: new Date() });
    ingester = new Ingester({ redis, keyspace, models, consumer: "unit-void", blockMs: 50 });
    await ingester.start();
  });
  afterAll(async () => {
    await ingester.stop();
  });
  const drained = () => until(async () => (await redis.xlen(stream)) === 0);
  const refunds = () => models.LedgerEntry.find({ accountId, idempotencyKey: /^refund:/ }).lean();

  it("a void of an event already ingested books the refund in the ledger once and marks the event refunded", async () => {
    await redis.xadd(stream, "*", ...event("ev_late_void", accountId));
    await drained();
    await redis.xadd(stream, "*", ...voidOf("ev_late_void", accountId));
    await redis.xadd(stream, "*", ...voidOf("ev_late_void", accountId)); // delivered twice
    await drained();
    expect(await models.UsageEvent.findById("ev_late_void").lean()).toMatchObject({ amount: 250, refunded: true, status: 503 });
    expect((await refunds()).map((e) => [e.type, e.amount, e.walletId])).toEqual([["usage", 250, "wal_v"]]);
  });

  it("a void that arrives before its charge, or with it, leaves the event refunded at amount 0 and the ledger alone", async () => {
    await redis.xadd(stream, "*", ...voidOf("ev_void_first", accountId));
    await drained();
    await redis.xadd(stream, "*", ...event("ev_void_first", accountId));
    await redis
      .pipeline()
      .xadd(stream, "*", ...event("ev_same_batch", accountId))
      .xadd(stream, "*", ...voidOf("ev_same_batch", accountId))
      .exec();
    await drained();
    for (const id of ["ev_void_first", "ev_same_batch"]) {
      expect(await models.UsageEvent.findById(id).lean()).toMatchObject({ amount: 0, refunded: true, status: 503 });
    }
    expect(await refunds()).toHaveLength(1); // only the one above
  });
});

describe("Ingester: what bundles paid", () => {
  it("writes one unit entry per event and bundle (a void's: the units given back), whatever is read twice", async () => {
    const accountId = "acct_b";
    const stream = keyspace.usageStream(keyspace.partitionOf(accountId));
    const paid = [...event("ev_b1", accountId), "pr", "search", "bn", "bun_a:2 bun_b:1"];
    // The same entry twice (a crash before its acknowledgement, read again), then a void giving back bun_a's.
    await redis.xadd(stream, "*", ...paid);
    await redis.xadd(stream, "*", ...paid);
    await redis.xadd(stream, "*", ...event("ev_b2", accountId), "pr", "search", "bn", "bun_a:4");
    await redis.xadd(stream, "*", ...voidOf("ev_b2", accountId), "pr", "search", "bn", "bun_a:4");
    const ingester = new Ingester({ redis, keyspace, models, consumer: "unit-b", blockMs: 50 });
    await ingester.start();
    try {
      await until(async () => (await redis.xlen(stream)) === 0);
    } finally {
      await ingester.stop();
    }
    const entries = await models.UnitEntry.find({ accountId }).sort({ _id: 1 }).lean();
    expect(entries.map((e) => [e._id, e.type, e.units])).toEqual([
      ["ret:ev_b2:bun_a", "refund", 4],
      ["use:ev_b1:bun_a", "usage", -2],
      ["use:ev_b1:bun_b", "usage", -1],
      ["use:ev_b2:bun_a", "usage", -4],
    ]);
    expect((await models.UsageEvent.findById("ev_b1").lean())?.bundles).toEqual([
      { bundleId: "bun_a", units: 2 },
      { bundleId: "bun_b", units: 1 },
    ]);
    // The voided call, ingested with its void, was paid by no bundle in the end.
    expect((await models.UsageEvent.findById("ev_b2").lean())?.bundles).toBeUndefined();
  });
});
