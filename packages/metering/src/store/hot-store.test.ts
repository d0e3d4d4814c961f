import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { HotStore } from "./hot-store.js";
import { createKeyspace } from "./format.js";

// Against the real Redis, under a prefix of this run's own.
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 4);
const store = new HotStore(redis, ks);

async function account(id: string, balance: number) {
  await store.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_1"], currencies: ["USD"] });
  if (balance > 0) await store.applyEntry(id, `seed_${id}`, "USD", balance);
}

describe("HotStore", () => {
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("applies a credit once per entry id, and only to a published account", async () => {
    await account("acct_credit", 0);
    expect(await store.applyEntry("acct_credit", "led_1", "USD", 500)).toEqual({ kind: "applied", balance: 500, replayed: false });
    expect(await store.applyEntry("acct_credit", "led_1", "USD", 500)).toEqual({ kind: "applied", balance: 500, replayed: true });
    expect(await store.applyEntry("acct_credit", "led_2", "USD", 1)).toEqual({ kind: "applied", balance: 501, replayed: false });
    expect(await store.applyEntry("acct_unpublished", "led_3", "USD", 1)).toEqual({ kind: "unknown_account" });
    expect(await redis.exists(ks.account("acct_unpublished"))).toBe(0);
  });

  it("applies a debit only if covered when asked: refused, it moves nothing and leaves no receipt", async () => {
    await account("acct_cover", 300);
    expect(await store.applyEntry("acct_cover", "fee_1", "USD", -301, { onlyIfCovered: true })).toEqual({
      kind: "not_covered",
      balance: 300,
      creditLimit: 0,
    });
    expect(await redis.exists(ks.entryReceipt("acct_cover", "fee_1"))).toBe(0);
    expect(await store.applyEntry("acct_cover", "fee_1", "USD", -300, { onlyIfCovered: true })).toEqual({
      kind: "applied",
      balance: 0,
      replayed: false,
    });
    // Once applied, a replay is the receipt's, whatever the balance is now.
    expect(await store.applyEntry("acct_cover", "fee_1", "USD", -300, { onlyIfCovered: true })).toEqual({
      kind: "applied",
      balance: 0,
      replayed: true,
    });
    await store.publishAccount({
      accountId: "acct_cover",
      status: "active",
      activeKeyIds: ["key_1"],
      currencies: ["USD"],
      creditLimits: { USD: 50 },
    });
    expect(await store.applyEntry("acct_cover", "fee_2", "USD", -50, { onlyIfCovered: true })).toMatchObject({ balance: -50 });
    expect(await store.applyEntry("acct_cover", "fee_3", "USD", -1, { onlyIfCovered: true })).toEqual({
      kind: "not_covered",
      balance: -50,
      creditLimit: 50,
    });
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

  it("publishes, republishes and restores an account with thousands of active keys (more than Lua unpacks at once)", async () => {
    const many = Array.from({ length: 6_000 }, (_, i) => `key_${i}`);
    const keyFields = async (id: string) => Object.keys(await redis.hgetall(ks.account(id))).filter((f) => f.startsWith("k:")).length;
    await store.publishAccount({ accountId: "acct_many", status: "active", activeKeyIds: many, currencies: ["USD"] });
    expect(await keyFields("acct_many")).toBe(6_000);
    await store.publishAccount({ accountId: "acct_many", status: "active", activeKeyIds: [], currencies: ["USD"] });
    expect(await keyFields("acct_many")).toBe(0);
    const restored = { accountId: "acct_many_restored", status: "active" as const, activeKeyIds: many };
    expect(await store.restoreAccount({ ...restored, wallets: [{ currency: "USD", balance: 5, creditLimit: 0 }] })).toBe(true);
    expect(await keyFields("acct_many_restored")).toBe(6_000);
  });
});
