/**
 * The reports benchmark: a month of usage (1,000,000 calls by 1,000 accounts over 30 days) and its top-ups
 * are written the way booking writes them — one rollup intent per account and booking, folded by the real
 * fold — then every report is timed over HTTP against a real control plane. Raw events are not inserted:
 * reports never read them (the test suite checks each report against the raw events on a small set).
 * Prints one line per report (median and worst of RUNS) and writes load/results/reports-<time>.json.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import { Redis } from "ioredis";
import {
  createApp,
  createContext,
  createModels,
  foldRollups,
  recordLedgerIntent,
  recordUsageIntent,
  ROLLUP_COLLECTION,
  type BookedCall,
} from "@tollgate/control-plane";
import { createKeyspace } from "@tollgate/metering/store";

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1_000);
const DAYS = Number(process.env.DAYS ?? 30);
const RUNS = Number(process.env.RUNS ?? 5);
const TARGET_MS = 500;
const DAY = 86_400_000;
const PRODUCTS = ["search", "files", "geocode", "translate", "ocr"];
const PLANS = ["plan_starter000000000", "plan_growth0000000000", "plan_scale00000000000", "plan_enterprise000000"];

const run = `reportsbench_${Date.now()}_${randomBytes(3).toString("hex")}`;
const conn = await mongoose.createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/", { dbName: run }).asPromise();
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const keyspace = createKeyspace(`${run}:`, 64);
const token = `bench-admin-${randomBytes(18).toString("base64url")}`;
const ctx = createContext({ models: await createModels(conn), redis, keyspace, adminTokens: [token] });

// A deterministic generator: the same month every run.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

try {
  const end = Date.UTC(2026, 10, 1); // the month of October 2026, whole days in the reporting zone (UTC)
  const start = end - DAYS * DAY;
  // Skewed activity, as real customers are: account i gets a weight ~ 1/(i+1)^0.8.
  const weights = Array.from({ length: ACCOUNTS }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const accounts = weights.map((w, i) => ({
    id: `acct_bench${String(i).padStart(11, "0")}`,
    plan: PLANS[i % PLANS.length]!,
    keys: Array.from({ length: 1 + (i % 3) }, (_, k) => `key_bench${String(i).padStart(8, "0")}k${k}0`),
    perDay: (w / weightSum) * (EVENTS / DAYS),
  }));

  const raw = (docs: object[]) => docs as unknown as Record<string, unknown>[];
  await ctx.models.Plan.collection.insertMany(
    raw(PLANS.map((id) => ({ _id: id, name: id, currency: "USD", catalog: {}, createdAt: new Date() }))),
  );
  await ctx.models.Wallet.collection.insertMany(
    raw(accounts.map((a) => ({ _id: `wal_${a.id.slice(5)}`, accountId: a.id, currency: "USD", creditLimit: 0, createdAt: new Date() }))),
  );
  for (const a of accounts) {
    await ctx.hot.restoreAccount({
      accountId: a.id,
      status: "active",
      activeKeyIds: a.keys,
      wallets: [{ currency: "USD", balance: Math.round(random() * 50_000_000) - 5_000_000, creditLimit: 10_000_000 }],
    });
  }

  const seeding = Date.now();
  let events = 0;
  let movements = 0;
  for (let d = 0; d < DAYS; d++) {
    const dayStart = start + d * DAY;
    // One booking per account and day (production books every few seconds; the rollups come out the same).
    for (const a of accounts) {
      const n = Math.max(0, Math.round(a.perDay * (0.5 + random())));
      const calls: BookedCall[] = [];
      for (let e = 0; e < n; e++) {
        const product = PRODUCTS[Math.floor(random() * random() * PRODUCTS.length)]!;
        calls.push({
          timestamp: new Date(dayStart + Math.floor(random() * DAY)),
          productId: product,
          keyId: a.keys[Math.floor(random() * a.keys.length)]!,
          planId: a.plan,
          units: 1 + Math.floor(random() * 4),
          amount: 1_000 * (1 + PRODUCTS.indexOf(product)),
        });
      }
      events += n;
      if (n > 0) await recordUsageIntent(ctx, { _id: `led_u${d}_${a.id.slice(5)}`, accountId: a.id, currency: "USD" }, calls);
    }
    // Some 200 top-ups a day, by every method.
    const entries = Array.from({ length: 200 }, (_, i) => {
      const a = accounts[Math.floor(random() * random() * ACCOUNTS)]!;
      const kind = i % 4;
      return {
        _id: `led_m${d}_${i}`,
        walletId: `wal_${a.id.slice(5)}`,
        accountId: a.id,
        currency: "USD",
        type: kind === 3 ? "grant" : "credit",
        amount: 1_000_000 * (1 + Math.floor(random() * 50)),
        idempotencyKey: kind === 1 ? `voucher:vch_${d}_${i}` : `bench-${d}-${i}`,
        requestHash: "bench",
        actor: "bench",
        createdAt: new Date(dayStart + Math.floor(random() * DAY)),
        appliedAt: new Date(),
      };
    });
    await ctx.models.LedgerEntry.collection.insertMany(raw(entries));
    for (const entry of entries) await recordLedgerIntent(ctx, entry);
    movements += entries.length;
    while ((await foldRollups(ctx)) > 0);
    process.stdout.write(`\rseeded day ${d + 1}/${DAYS}: ${events.toLocaleString("en")} calls, ${movements} top-ups`);
  }
  const seedSeconds = (Date.now() - seeding) / 1000;
  const { Rollups } = ctx.models;
  const collections = await Rollups.names(ROLLUP_COLLECTION);
  const counts = await Promise.all(collections.map((name) => Rollups.collection(name).countDocuments({})));
  const rollups = counts.reduce((a, b) => a + b, 0);
  console.log(`\nseeded in ${seedSeconds.toFixed(0)} s: ${rollups} rollups in ${collections.length} collections`);

  const server = createApp(ctx).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const range = `from=${new Date(start).toISOString()}&to=${new Date(end).toISOString()}`;
  const week = `from=${new Date(end - 7 * DAY).toISOString()}&to=${new Date(end).toISOString()}`;
  const oneAccount = accounts[0]!.id;
  const reports: [string, string][] = [
    ["usage, 30 days by day, totals", `/v1/reports/usage?${range}&bucket=day`],
    ["usage, 30 days by day, top 10 accounts", `/v1/reports/usage?${range}&bucket=day&groupBy=account&top=10`],
    ["usage, 30 days by day, top 10 keys", `/v1/reports/usage?${range}&bucket=day&groupBy=key&top=10`],
    ["usage, 30 days by day, per product", `/v1/reports/usage?${range}&bucket=day&groupBy=product`],
    ["usage, 30 days by day, per plan", `/v1/reports/usage?${range}&bucket=day&groupBy=plan`],
    ["usage, 30 days, all 1,000 accounts' totals", `/v1/reports/usage?${range}&bucket=month&groupBy=account&top=1000`],
    ["usage, 7 days by hour, per product", `/v1/reports/usage?${week}&bucket=hour&groupBy=product`],
    ["usage, 30 days by hour, totals", `/v1/reports/usage?${range}&bucket=hour`],
    [
      "usage, 30 days by day in America/New_York, per product",
      `/v1/reports/usage?${range}&bucket=day&groupBy=product&timeZone=America/New_York`,
    ],
    [
      "usage, 30 days by day in America/New_York, top 10 accounts",
      `/v1/reports/usage?${range}&bucket=day&groupBy=account&top=10&timeZone=America/New_York`,
    ],
    ["usage, 7 days by hour, top 10 keys", `/v1/reports/usage?${week}&bucket=hour&groupBy=key&top=10`],
    ["usage, one account, 30 days by hour, per product", `/v1/reports/usage?${range}&bucket=hour&groupBy=product&accountId=${oneAccount}`],
    ["usage CSV, 30 days by day, top 10 accounts", `/v1/reports/usage?${range}&bucket=day&groupBy=account&top=10&format=csv`],
    ["recharges, 30 days by day", `/v1/reports/recharges?${range}&bucket=day`],
    ["recharges CSV, every top-up", `/v1/reports/recharges?${range}&format=csv`],
    ["financial summary, 30 days", `/v1/reports/financial?${range}`],
  ];
  const results: { report: string; medianMs: number; worstMs: number; bytes: number }[] = [];
  for (const [name, path] of reports) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${body}`);
      bytes = body.length;
    }
    times.sort((x, y) => x - y);
    const row = { report: name, medianMs: Math.round(times[Math.floor(times.length / 2)]!), worstMs: Math.round(times.at(-1)!), bytes };
    results.push(row);
    console.log(
      `${row.medianMs <= TARGET_MS ? "ok  " : "SLOW"} ${String(row.medianMs).padStart(6)} ms median, ${String(row.worstMs).padStart(6)} ms worst  ${name} (${bytes.toLocaleString("en")} bytes)`,
    );
  }
  server.close();
  mkdirSync("load/results", { recursive: true });
  const file = `load/results/reports-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(
    file,
    JSON.stringify({ events, accounts: ACCOUNTS, days: DAYS, movements, rollups, seedSeconds, targetMs: TARGET_MS, results }, null, 2),
  );
  console.log(`written ${file}`);
} finally {
  await conn.dropDatabase();
  await conn.close();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${run}:*`, "COUNT", 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
  redis.disconnect();
}
