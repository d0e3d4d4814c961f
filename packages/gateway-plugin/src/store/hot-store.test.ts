import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HotStore } from "./hot-store.js";
import { createKeyspace } from "./keyspace.js";
import type { ChargeRequest } from "./types.js";

// Against the real Redis, under a prefix of this run's own.
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 4);
const store = new HotStore(redis, ks, { chargeReceiptTtlSeconds: 60 });

let n = 0;
const charge = (accountId: string, over: Partial<ChargeRequest> = {}): ChargeRequest => ({
  accountId,
  keyId: "key_1",
  planId: "plan_1",
  currency: "USD",
  price: 300,
  eventId: `ev_${n++}`,
  timestampMs: 1_700_000_000_000,
  method: "GET",
  path: "/x",
  ...over,
});

async function account(id: string, balance: number, status: "active" | "suspended" = "active") {
  await store.publishAccount({ accountId: id, status, activeKeyIds: ["key_1"], currencies: ["USD"] });
  if (balance > 0) await store.credit(id, `seed_${id}`, "USD", balance);
}

describe("HotStore scripts", () => {
  beforeAll(async () => {
    await account("acct_rich", 1_000);
    await account("acct_frozen", 1_000, "suspended");
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("charges down to the last whole call, then refuses without touching the balance", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.charge(charge("acct_rich")));
    expect(results).toEqual([
      { kind: "charged", balance: 700, replayed: false },
      { kind: "charged", balance: 400, replayed: false },
      { kind: "charged", balance: 100, replayed: false },
      { kind: "insufficient_funds", balance: 100 },
    ]);
    expect((await store.wallets("acct_rich")).get("USD")?.balance).toBe(100);
    expect(await redis.xlen(ks.usageStream(ks.partitionOf("acct_rich")))).toBe(3);
  });

  it("answers a repeated event id from its receipt, without charging or recording twice", async () => {
    await account("acct_retry", 1_000);
    const stream = ks.usageStream(ks.partitionOf("acct_retry"));
    const before = await redis.xlen(stream);
    const once = charge("acct_retry", { eventId: "ev_same" });
    expect(await store.charge(once)).toEqual({ kind: "charged", balance: 700, replayed: false });
    expect(await store.charge(once)).toEqual({ kind: "charged", balance: 700, replayed: true });
    expect((await store.wallets("acct_retry")).get("USD")?.balance).toBe(700);
    expect(await redis.xlen(stream)).toBe(before + 1);
  });

  it("records the usage event with every field the ingester needs", async () => {
    await account("acct_fields", 1_000);
    await store.charge(charge("acct_fields", { eventId: "ev_fields", path: "/v1/things/7", method: "POST", price: 250 }));
    const entries = await redis.xrange(ks.usageStream(ks.partitionOf("acct_fields")), "-", "+");
    const fields = Object.fromEntries(
      entries
        .map(([, f]) => f)
        .find((f) => f.includes("ev_fields"))!
        .reduce<[string, string][]>((pairs, v, i, all) => (i % 2 === 0 ? [...pairs, [v, all[i + 1]!]] : pairs), []),
    );
    expect(fields).toEqual({
      id: "ev_fields",
      a: "acct_fields",
      k: "key_1",
      p: "plan_1",
      c: "USD",
      amt: "250",
      ts: "1700000000000",
      m: "POST",
      path: "/v1/things/7",
    });
  });

  it("refuses unknown and suspended accounts, revoked keys and missing wallets", async () => {
    expect(await store.charge(charge("acct_nobody"))).toEqual({ kind: "unknown_account" });
    expect(await store.charge(charge("acct_frozen"))).toEqual({ kind: "account_inactive", status: "suspended" });
    expect(await store.charge(charge("acct_rich", { keyId: "key_other" }))).toEqual({ kind: "key_inactive" });
    expect(await store.charge(charge("acct_rich", { currency: "EUR" }))).toEqual({ kind: "no_wallet" });
    expect((await store.wallets("acct_frozen")).get("USD")?.balance).toBe(1_000);
  });

  it("applies a credit once per entry id, and only to a published account", async () => {
    await account("acct_credit", 0);
    expect(await store.credit("acct_credit", "led_1", "USD", 500)).toEqual({ kind: "applied", balance: 500, replayed: false });
    expect(await store.credit("acct_credit", "led_1", "USD", 500)).toEqual({ kind: "applied", balance: 500, replayed: true });
    expect(await store.credit("acct_credit", "led_2", "USD", 1)).toEqual({ kind: "applied", balance: 501, replayed: false });
    expect(await store.credit("acct_unpublished", "led_3", "USD", 1)).toEqual({ kind: "unknown_account" });
    expect(await redis.exists(ks.account("acct_unpublished"))).toBe(0);
  });

  it("republishing an account keeps its balance and drops keys no longer active", async () => {
    await account("acct_repub", 900);
    await store.publishAccount({ accountId: "acct_repub", status: "active", activeKeyIds: ["key_2"], currencies: ["USD", "EUR"] });
    expect(await redis.hgetall(ks.account("acct_repub"))).toEqual({
      status: "active",
      "k:key_2": "1",
      "b:USD": "900",
      "b:EUR": "0",
      "cl:USD": "0",
      "cl:EUR": "0",
    });
  });
});
