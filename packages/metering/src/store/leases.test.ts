import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { encodePrice, perCall } from "../core/rating.js";
import type { RatedCall } from "../core/charging.js";
import { HotStore } from "./hot-store.js";
import { createKeyspace, decodeUsageEntry } from "./format.js";
import { RedisLeases } from "./leases.js";
import { RedisChargeStore } from "./charge-store.js";
import { LEASE_LUA, LeaseCode } from "./scripts.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_lease_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 4);
const hot = new HotStore(redis, ks);
const errors: unknown[] = [];

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const PRICE = 100;
let n = 0;
function call(accountId: string): RatedCall {
  return {
    accountId,
    keyId: "key_l",
    planId: "plan_l",
    productId: "default",
    currency: "USD",
    eventId: `lev_${n++}`,
    timestampMs: 1_700_000_000_000,
    method: "GET",
    path: "/x",
    price: encodePrice(perCall(PRICE)),
    counter: "default",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: "2026-11",
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: false,
  };
}
async function account(id: string, balance: number): Promise<void> {
  await hot.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_l"], currencies: ["USD"] });
  await hot.applyEntry(id, `seed_${id}`, "USD", balance);
}
const wallet = async (id: string) => (await hot.wallets(id)).get("USD");
const recorded = async (id: string) =>
  (await redis.xrange(ks.usageStream(ks.partitionOf(id)), "-", "+")).map(([, f]) => decodeUsageEntry(f)).filter((e) => e.accountId === id);

describe("leased mode on Redis", () => {
  it("spends a shrinking block locally, down to the last call, and reports every call once", async () => {
    await account("acct_lease", 20 * PRICE);
    const leases = new RedisLeases(redis, ks, (e) => errors.push(e), { maxCalls: 8, reportMs: 20 });
    const outcomes = [];
    for (let i = 0; i < 25; i++) outcomes.push(await leases.spend(call("acct_lease"), PRICE, 60_000));
    expect(outcomes.slice(0, 20).every((o) => o.kind === "charged" && o.amount === PRICE)).toBe(true);
    expect(outcomes.slice(20).map((o) => o.kind)).toEqual(Array(5).fill("insufficient_funds"));
    // Never more than the wallet held, even for a moment: what leases hold is taken from the balance first.
    await leases.close();
    expect(await wallet("acct_lease")).toMatchObject({ balance: 0, reserved: 0 });
    const events = await recorded("acct_lease");
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(20);
    expect(events.every((e) => e.amount === PRICE && e.units === 1 && e.keyId === "key_l" && e.planId === "plan_l")).toBe(true);
    expect(await redis.get(ks.leased("acct_lease"))).toBe("0");
    expect(errors).toEqual([]);
  });

  it("grants an eighth of what the wallet can spend, at most the block, at least one call", async () => {
    await account("acct_grant", 1_000 * PRICE);
    const leases = new RedisLeases(redis, ks, (e) => errors.push(e), { maxCalls: 50, reportMs: 10_000 });
    await leases.spend(call("acct_grant"), PRICE, 60_000);
    expect(await wallet("acct_grant")).toMatchObject({ balance: 950 * PRICE, reserved: 50 * PRICE });
    await leases.close();
    await account("acct_small", 20 * PRICE);
    const small = new RedisLeases(redis, ks, (e) => errors.push(e), { maxCalls: 50, reportMs: 10_000 });
    await small.spend(call("acct_small"), PRICE, 60_000);
    expect(await wallet("acct_small")).toMatchObject({ balance: 18 * PRICE, reserved: 2 * PRICE });
    await small.close();
    expect(await wallet("acct_small")).toMatchObject({ balance: 19 * PRICE, reserved: 0 });
  });

  it("a report sent twice (its answer lost) moves the money once", async () => {
    await account("acct_twice", 10_000);
    const keys = [
      ks.account("acct_twice"),
      ks.reservation("acct_twice", "Ltwice"),
      ks.reservations(ks.partitionOf("acct_twice")),
      ks.leased("acct_twice"),
      ks.usageStream(ks.partitionOf("acct_twice")),
      ks.signalStream(ks.partitionOf("acct_twice")),
    ];
    const lease = (unit: number, spent: number, calls: (string | number)[][]) =>
      redis.eval(
        LEASE_LUA,
        6,
        ...keys,
        "acct_twice",
        "key_l",
        "USD",
        "Ltwice",
        unit,
        100,
        Date.now() + 60_000,
        3600,
        spent,
        0,
        "",
        0,
        Date.now(),
        calls.length,
        ...calls.flat(),
      ) as Promise<number[]>;
    // 10,000 spendable: 12 calls' worth (an eighth, in whole calls).
    expect(await lease(PRICE, 0, [])).toEqual([LeaseCode.held, 12 * PRICE, 10_000 - 12 * PRICE, 0, ""]);
    const report = [["tw1", "key_l", "plan_l", "default", PRICE, 1, "GET", "/x", ""]];
    expect(await lease(0, PRICE, report)).toEqual([LeaseCode.held, 11 * PRICE, 10_000 - 12 * PRICE, 0, ""]);
    expect(await lease(0, PRICE, report)).toEqual([LeaseCode.held, 11 * PRICE, 10_000 - 12 * PRICE, 0, ""]);
    expect(await wallet("acct_twice")).toMatchObject({ balance: 10_000 - 12 * PRICE, reserved: 11 * PRICE });
    // Given back: the rest returns to the balance; the wallet paid for the one call reported.
    expect(await lease(-1, PRICE, [])).toEqual([LeaseCode.returned, 0, 10_000 - PRICE, 0, ""]);
    expect(await wallet("acct_twice")).toMatchObject({ balance: 10_000 - PRICE, reserved: 0 });
  });

  it("a suspended account's lease is given back at the next report, and its calls refused", async () => {
    await account("acct_susp", 100 * PRICE);
    const leases = new RedisLeases(redis, ks, (e) => errors.push(e), { maxCalls: 10, reportMs: 10_000 });
    expect(await leases.spend(call("acct_susp"), PRICE, 60_000)).toMatchObject({ kind: "charged" });
    await hot.publishAccount({ accountId: "acct_susp", status: "suspended", activeKeyIds: ["key_l"], currencies: ["USD"] });
    await leases.close();
    expect(await wallet("acct_susp")).toMatchObject({ balance: 99 * PRICE, reserved: 0 });
    const again = new RedisLeases(redis, ks, (e) => errors.push(e), { maxCalls: 10, reportMs: 10_000 });
    expect(await again.spend(call("acct_susp"), PRICE, 60_000)).toEqual({ kind: "account_inactive", status: "suspended" });
    await again.close();
  });

  describe("units of bundles", () => {
    const bundle = async (accountId: string, units: number) => {
      const bundleId = `bun_${randomBytes(5).toString("hex")}`;
      const b = {
        bundleId,
        productId: "default",
        units,
        expiresAtMs: Date.now() + 3_600_000,
        overage: "charge" as const,
        priority: 0,
        issuedAtMs: 1,
      };
      expect(await hot.bundles.issue(accountId, b, `uis:${bundleId}`)).toBe("applied");
      return bundleId;
    };
    const field = async (id: string, name: string) => Number((await redis.hget(ks.account(id), name)) ?? 0);

    it("holds a product's bundle units, pays calls they cover in memory at no money, reports each with its bundle, and gives the rest back", async () => {
      await account("acct_units", 10 * PRICE);
      const b = await bundle("acct_units", 800);
      const leases = new RedisLeases(redis, ks, (e) => errors.push(e), { maxUnits: 100, reportMs: 10_000 });
      // No units held yet: decided exactly by the caller, while the lease asks for them.
      expect(leases.spendUnits(call("acct_units"), 1, 60_000)).toBeUndefined();
      await leases.quiesce();
      // An eighth of what the bundles have left, at most what it asks for.
      expect([await field("acct_units", `bu:${b}`), await field("acct_units", `bh:${b}`)]).toEqual([700, 100]);
      expect((await hot.bundles.remaining("acct_units")).get(b)).toBe(800);
      for (let i = 0; i < 10; i++)
        expect(leases.spendUnits(call("acct_units"), 1, 60_000)).toMatchObject({
          kind: "charged",
          amount: 0,
          bundles: [{ bundleId: b, units: 1 }],
        });
      // A call decided exactly takes from what the bundle has left, never from what the lease holds.
      expect(await new RedisChargeStore(redis, ks).charge(call("acct_units"), 1)).toMatchObject({ kind: "charged", amount: 0 });
      expect([await field("acct_units", `bu:${b}`), await field("acct_units", `bh:${b}`)]).toEqual([699, 100]);
      await leases.close();
      expect([await field("acct_units", `bu:${b}`), await field("acct_units", `bh:${b}`)]).toEqual([789, 0]);
      // The ten from the lease, and the one decided exactly.
      const events = (await recorded("acct_units")).filter((e) => e.bundles !== undefined);
      expect(events).toHaveLength(11);
      expect(events.every((e) => e.amount === 0 && e.units === 1 && e.bundles?.[0]?.bundleId === b)).toBe(true);
      expect(await wallet("acct_units")).toMatchObject({ balance: 10 * PRICE, reserved: 0 });
      expect(errors).toEqual([]);
    });

    it("an end waits for the units leases hold: out of the list at once, ended once they are back, with what is left", async () => {
      await account("acct_ending", 0);
      const b = await bundle("acct_ending", 40);
      const leases = new RedisLeases(redis, ks, (e) => errors.push(e), { maxUnits: 4, reportMs: 10_000 });
      expect(await leases.spendUnits(call("acct_ending"), 1, 60_000)).toBeUndefined();
      await leases.quiesce();
      expect(leases.spendUnits(call("acct_ending"), 1, 60_000)).toMatchObject({ amount: 0 });
      expect(await hot.bundles.end("acct_ending", b, "default", `end:${b}`)).toEqual({ kind: "pending" });
      // No call takes from it any more, exactly or from a lease's next grant.
      expect(await new RedisChargeStore(redis, ks).charge(call("acct_ending"), 1)).toMatchObject({ kind: "insufficient_funds" });
      // Until its next run the lease may still spend what it holds (at most a report interval's worth).
      expect(leases.spendUnits(call("acct_ending"), 1, 60_000)).toMatchObject({ amount: 0 });
      // Its next run (here a renewal asking for money it cannot have) reports the two calls and gives the other
      // units back; then the end takes what is left.
      expect(await leases.spend(call("acct_ending"), PRICE, 60_000)).toMatchObject({ kind: "insufficient_funds" });
      expect(await field("acct_ending", `bh:${b}`)).toBe(0);
      expect(await hot.bundles.end("acct_ending", b, "default", `end:${b}`)).toEqual({ kind: "ended", units: 38, replayed: false });
      await leases.close();
      expect(errors).toEqual([]);
    });

    it("a dead gateway's units come back with the reaper, and calls it reports afterwards take theirs from the bundle", async () => {
      await account("acct_dead", 0);
      const b = await bundle("acct_dead", 80);
      const dead = new RedisLeases(redis, ks, (e) => errors.push(e), { maxUnits: 6, reportMs: 10_000 });
      expect(await dead.spendUnits(call("acct_dead"), 1, 1)).toBeUndefined();
      await dead.quiesce();
      expect(await field("acct_dead", `bh:${b}`)).toBe(6);
      // Its lease lapses 1 ms after it was granted: a timer of 2 ms fires after that on any box (a fast one
      // reached the next line within that millisecond, and the lease still paid the call).
      await new Promise((resolve) => setTimeout(resolve, 2));
      expect(await dead.spendUnits(call("acct_dead"), 1, 1)).toBeUndefined(); // its lease lapsed: exact
      await dead.quiesce();
      expect(await new RedisChargeStore(redis, ks).reap(ks.partitionOf("acct_dead"), Date.now() + 60_000)).toBe(1);
      expect([await field("acct_dead", `bu:${b}`), await field("acct_dead", `bh:${b}`)]).toEqual([80, 0]);
      expect((await hot.bundles.remaining("acct_dead")).get(b)).toBe(80);
    });
  });
});
