/**
 * The booking benchmark: what one booking run costs as the usage history grows. For each history size in
 * HISTORY (0, 20,000 and 100,000 events by default), the history is written and booked the way production
 * does it (the ingester's writes, then booking runs until nothing is left), then BATCH fresh events (1,500:
 * five seconds of 300 calls a second) are written and booked by one run, timed, RUNS times. A booking that
 * reads or updates the usage events costs more with each event ever recorded (on FerretDB every query but a
 * find by `_id`, and every update, reads the whole collection); the target is a run whose cost does not grow
 * with the history. Prints one line per size, writes load/results/booking-<time>.json, removes its data.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import mongoose from "mongoose";
import { Redis } from "ioredis";
import { createContext, createModels, jobs, storeUsageEvents } from "@tollgate/control-plane";
import { createKeyspace } from "@tollgate/metering/store";

const HISTORY = (process.env.HISTORY ?? "0,20000,100000").split(",").map(Number);
const BATCH = Number(process.env.BATCH ?? 1_500);
const RUNS = Number(process.env.RUNS ?? 3);
const ACCOUNTS = 8;

const run = `bookingbench_${Date.now()}_${randomBytes(3).toString("hex")}`;
const conn = await mongoose.createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/", { dbName: run }).asPromise();
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const ctx = createContext({ models: await createModels(conn), redis, keyspace: createKeyspace(`${run}:`, 64), adminTokens: [] });

let sequence = 0;
const events = (n: number) =>
  Array.from({ length: n }, () => {
    const i = sequence++;
    const accountId = `acct_bench${String(i % ACCOUNTS).padStart(11, "0")}`;
    const now = new Date();
    return {
      _id: `evt_bench${String(i).padStart(12, "0")}`,
      accountId,
      keyId: `key_bench${String(i % ACCOUNTS).padStart(11, "0")}`,
      planId: "plan_bench00000000000",
      currency: "USD",
      amount: 1_000,
      method: "GET",
      path: "/v1/search",
      productId: "search",
      units: 1,
      timestamp: now,
      ingestedAt: now,
    };
  });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await ctx.models.Wallet.collection.insertMany(
    Array.from({ length: ACCOUNTS }, (_, a) => ({
      _id: `wal_bench${String(a).padStart(11, "0")}`,
      accountId: `acct_bench${String(a).padStart(11, "0")}`,
      currency: "USD",
      creditLimit: 0,
      createdAt: new Date(),
    })) as never[],
  );
  const results: { history: number; batch: number; ingestMs: number[]; bookMs: number[] }[] = [];
  for (const size of HISTORY) {
    // Grow the history to `size` booked events, as production leaves it.
    for (let written = sequence; written < size; written += 5_000) {
      await storeUsageEvents(ctx.models, events(Math.min(5_000, size - written)));
      while ((await jobs.bookUsage(ctx)) > 0);
    }
    const ingestMs: number[] = [];
    const bookMs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const batch = events(BATCH);
      let started = performance.now();
      for (let i = 0; i < batch.length; i += 50) await storeUsageEvents(ctx.models, batch.slice(i, i + 50)); // 50 ms of 1,000/s
      ingestMs.push(performance.now() - started);
      started = performance.now();
      const booked = await jobs.bookUsage(ctx);
      bookMs.push(performance.now() - started);
      if (booked !== BATCH) throw new Error(`booked ${booked} of ${BATCH}`);
    }
    results.push({ history: size, batch: BATCH, ingestMs, bookMs });
    console.log(
      `history of ${String(size).padStart(7)} events: booking ${BATCH} new events took ${median(bookMs).toFixed(0)} ms ` +
        `(median of ${RUNS}; ${bookMs.map((t) => t.toFixed(0)).join(", ")}), writing them ${median(ingestMs).toFixed(0)} ms`,
    );
  }
  mkdirSync("load/results", { recursive: true });
  const file = `load/results/booking-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ batch: BATCH, runs: RUNS, results }, null, 2));
  console.log(`written to ${file}`);
} finally {
  await conn.dropDatabase();
  await conn.close();
  redis.disconnect();
}
