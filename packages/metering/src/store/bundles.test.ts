import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectRedis } from "../redis.js";
import { encodePrice, type Price } from "../core/rating.js";
import type { RatedCall } from "../core/charging.js";
import { HotStore } from "./hot-store.js";
import { accountField, createKeyspace, decodeUsageEntry } from "./format.js";
import { RedisChargeStore } from "./charge-store.js";
import type { HotBundle } from "./bundles.js";

// On the single Redis, and again on the Redis Cluster (scripts/test.sh's CLUSTER_TESTS): every key of one
// account's decision shares its hash slot.
const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const onCluster = (process.env.REDIS_URL ?? "").startsWith("redis-cluster://");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_bun_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 8);
const hot = new HotStore(redis, ks);
const store = new RedisChargeStore(redis, ks);

afterAll(async () => {
  // A cluster's keys are spread over its nodes; the run's prefix is its own, and the keys expire or are small.
  if (!onCluster) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;

// 100 micros a unit, a 5,000 maximum for a reservation.
const price: Price = {
  metric: "units",
  tierMode: "graduated",
  tiers: [{ upTo: null, unitPrice: 100, flatPrice: 0 }],
  packageSize: 1,
  freeUnits: 0,
  period: "month",
  minimum: 0,
  maximum: 5_000,
  timeOfUse: [],
};

let n = 0;
function call(accountId: string, over: Partial<RatedCall> = {}): RatedCall {
  return {
    accountId,
    keyId: "key_b",
    planId: "plan_b",
    productId: "search",
    currency: "USD",
    eventId: `ev_${randomBytes(3).toString("hex")}_${n++}`,
    timestampMs: NOW,
    method: "GET",
    path: "/search",
    price: encodePrice(price),
    counter: "search",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: "2023-11",
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: true,
    ...over,
  };
}

async function account(balance: number): Promise<string> {
  const id = `acct_${randomBytes(6).toString("hex")}`;
  await hot.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_b"], currencies: ["USD"] });
  if (balance) await hot.applyEntry(id, `seed_${id}`, "USD", balance);
  return id;
}

async function bundle(accountId: string, units: number, over: Partial<HotBundle> = {}): Promise<string> {
  const b: HotBundle = {
    bundleId: `bun_${randomBytes(6).toString("hex")}`,
    productId: "search",
    units,
    expiresAtMs: NOW + DAY,
    overage: "charge",
    priority: 0,
    issuedAtMs: NOW - DAY,
    ...over,
  };
  expect(await hot.bundles.issue(accountId, b, `uis:${b.bundleId}`)).toBe("applied");
  return b.bundleId;
}

const balance = async (id: string) => (await hot.wallets(id)).get("USD")!.balance;
const left = async (id: string, bundleId: string) => (await hot.bundles.remaining(id)).get(bundleId);

/** The account's usage stream entries, decoded. */
async function events(accountId: string) {
  const entries = await redis.xrange(ks.usageStream(ks.partitionOf(accountId)), "-", "+");
  return entries.map(([, f]) => decodeUsageEntry(f)).filter((e) => e.accountId === accountId);
}

describe("bundles in the charge script", () => {
  it("cover a call's units before money: nothing charged, the usage event names the bundle", async () => {
    const id = await account(10_000);
    const b = await bundle(id, 10);
    const c = call(id);
    expect(await store.charge(c, 3)).toMatchObject({ kind: "charged", amount: 0, balance: 10_000, bundles: [{ bundleId: b, units: 3 }] });
    expect(await left(id, b)).toBe(7);
    const [event] = await events(id);
    expect(event).toMatchObject({ eventId: c.eventId, amount: 0, units: 3, bundles: [{ bundleId: b, units: 3 }] });
    // A repeat of the event id answers the first charge and takes nothing more.
    expect(await store.charge(c, 3)).toMatchObject({ kind: "charged", amount: 0, replayed: true });
    expect(await left(id, b)).toBe(7);
  });

  it("charge the uncovered units of a partly covered call at the plan's price when the bundle's overage is charge", async () => {
    const id = await account(10_000);
    const b = await bundle(id, 2);
    expect(await store.charge(call(id), 5)).toMatchObject({
      kind: "charged",
      amount: 300,
      balance: 9_700,
      bundles: [{ bundleId: b, units: 2 }],
    });
    expect(await left(id, b)).toBe(0);
    // The bundle spent, the next call is money alone; only the units paid in money count for the period's tiers.
    expect(await store.charge(call(id), 1)).toMatchObject({ kind: "charged", amount: 100, balance: 9_600 });
    expect(await redis.get(ks.usageCounter(id, "search", "2023-11"))).toBe("4");
  });

  it("refuse a call its bundles do not cover whole when one refuses overage, naming it and taking nothing", async () => {
    const id = await account(10_000);
    const charged = await bundle(id, 2, { priority: 0 });
    const refusing = await bundle(id, 1, { priority: 1, overage: "refuse" });
    expect(await store.charge(call(id), 4)).toEqual({ kind: "bundle_exhausted", bundleId: refusing, units: 1 });
    expect(await left(id, charged)).toBe(2);
    expect(await left(id, refusing)).toBe(1);
    expect(await balance(id)).toBe(10_000);
    expect(await events(id)).toEqual([]);
    // Three units are covered: taken from both, in order, and nothing charged.
    expect(await store.charge(call(id), 3)).toMatchObject({
      kind: "charged",
      amount: 0,
      bundles: [
        { bundleId: charged, units: 2 },
        { bundleId: refusing, units: 1 },
      ],
    });
    expect(await store.charge(call(id), 1)).toEqual({ kind: "bundle_exhausted", bundleId: refusing, units: 1 });
  });

  it("take nothing from a bundle when the call is refused for its money", async () => {
    const id = await account(0);
    const b = await bundle(id, 2);
    expect(await store.charge(call(id), 5)).toMatchObject({ kind: "insufficient_funds", amount: 300 });
    expect(await left(id, b)).toBe(2);
  });

  it("skip an expired bundle, and a bundle of another product", async () => {
    const id = await account(10_000);
    const expired = await bundle(id, 10, { expiresAtMs: NOW });
    const other = await bundle(id, 10, { productId: "translate" });
    expect(await store.charge(call(id), 2)).toMatchObject({ kind: "charged", amount: 200 });
    expect(await left(id, expired)).toBe(10);
    expect(await left(id, other)).toBe(10);
    // A refusing bundle past its expiry refuses nothing.
    await bundle(id, 0, { expiresAtMs: NOW - 1, overage: "refuse" });
    expect(await store.charge(call(id), 1)).toMatchObject({ kind: "charged", amount: 100 });
  });

  it("take in consumption order: lowest priority number, then soonest expiry, then oldest", async () => {
    const id = await account(10_000);
    // Issued out of order: the script keeps the product's list sorted.
    const late = await bundle(id, 1, { priority: 1, expiresAtMs: NOW + 3 * DAY });
    const newer = await bundle(id, 1, { priority: 1, expiresAtMs: NOW + 2 * DAY, issuedAtMs: NOW - 1 });
    const first = await bundle(id, 1, { priority: 0, expiresAtMs: NOW + 9 * DAY });
    const older = await bundle(id, 1, { priority: 1, expiresAtMs: NOW + 2 * DAY, issuedAtMs: NOW - 2 });
    const charged = await store.charge(call(id), 4);
    expect(charged).toMatchObject({ kind: "charged", amount: 0 });
    expect(charged.kind === "charged" && charged.bundles?.map((t) => t.bundleId)).toEqual([first, older, newer, late]);
    // The restore writes the same list in the same order.
    const list = await redis.hget(ks.account(id), accountField("bundleList", "search"));
    expect(list!.split(";").map((item) => item.split(",")[0])).toEqual([first, older, newer, late]);
  });

  it("give the units back on a void, to the bundles still there, and say so on the void entry", async () => {
    const id = await account(10_000);
    const a = await bundle(id, 2, { priority: 0 });
    const b = await bundle(id, 2, { priority: 1 });
    const c = call(id);
    expect(await store.charge(c, 5)).toMatchObject({ kind: "charged", amount: 100 });
    // b ends (expired or revoked) before the void: its units left with it.
    expect(await hot.bundles.end(id, b, "search", `end:${b}`)).toEqual({ kind: "ended", units: 0, replayed: false });
    expect(await store.voidCharge(c)).toBe("refunded");
    expect(await left(id, a)).toBe(2);
    expect(await left(id, b)).toBeUndefined();
    expect(await balance(id)).toBe(10_000);
    const voidEntry = (await events(id)).find((e) => e.void);
    expect(voidEntry).toMatchObject({ eventId: c.eventId, amount: -100, bundles: [{ bundleId: a, units: 2 }] });
    expect(await store.voidCharge(c)).toBe("already_void");
    expect(await left(id, a)).toBe(2);
  });

  it("never take more units than a bundle holds: 200 concurrent calls against 50 units, refuse overage", async () => {
    const id = await account(1_000_000);
    const b = await bundle(id, 50, { overage: "refuse" });
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => store.charge(call(id), 1)));
    expect(outcomes.filter((o) => o.kind === "charged")).toHaveLength(50);
    expect(outcomes.filter((o) => o.kind === "bundle_exhausted")).toHaveLength(150);
    expect(outcomes.every((o) => o.kind !== "charged" || o.amount === 0)).toBe(true);
    expect(await left(id, b)).toBe(0);
    expect(await balance(id)).toBe(1_000_000);
    const used = (await events(id)).flatMap((e) => e.bundles ?? []).reduce((sum, t) => sum + t.units, 0);
    expect(used).toBe(50);
  });

  it("charge overage exactly under concurrency: 100 calls of 3 units against 50 units", async () => {
    const id = await account(1_000_000);
    const b = await bundle(id, 50);
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => store.charge(call(id), 3)));
    const amount = outcomes.reduce((sum, o) => sum + (o.kind === "charged" ? o.amount : 0), 0);
    // 300 units: 50 from the bundle, 250 at 100 micros.
    expect(amount).toBe(25_000);
    expect(await left(id, b)).toBe(0);
    expect(await balance(id)).toBe(1_000_000 - 25_000);
  });
});

describe("bundles in a reservation and its settlement", () => {
  it("hold the maximum when the overage is charged, and take the units from the bundle at settlement", async () => {
    const id = await account(10_000);
    const b = await bundle(id, 10);
    const c = call(id);
    expect(await store.reserve(c, 5_000, 60_000)).toMatchObject({ kind: "reserved", amount: 5_000, balance: 5_000 });
    const settlement = { refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 };
    expect(await store.settle(c, { ...settlement, units: 12 })).toMatchObject({
      kind: "settled",
      amount: 200,
      balance: 9_800,
      bundles: [{ bundleId: b, units: 10 }],
    });
    expect(await left(id, b)).toBe(0);
  });

  it("hold nothing while a bundle refusing overage is live, and refuse when no live bundle has a unit", async () => {
    const id = await account(0);
    const b = await bundle(id, 5, { overage: "refuse" });
    const c = call(id);
    expect(await store.reserve(c, 5_000, 60_000)).toMatchObject({ kind: "reserved", amount: 0, balance: 0 });
    const settlement = { refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 };
    // Seven used, five held by the bundle: the two beyond are not charged (nothing was held).
    expect(await store.settle(c, { ...settlement, units: 7 })).toMatchObject({
      kind: "settled",
      amount: 0,
      bundles: [{ bundleId: b, units: 5 }],
    });
    expect(await left(id, b)).toBe(0);
    expect(await store.reserve(call(id), 5_000, 60_000)).toEqual({ kind: "bundle_exhausted", bundleId: b, units: 1 });
    // A refunded call takes nothing.
    const id2 = await account(0);
    const b2 = await bundle(id2, 5, { overage: "refuse" });
    const c2 = call(id2);
    await store.reserve(c2, 5_000, 60_000);
    expect(await store.settle(c2, { ...settlement, units: 3, refund: true })).toMatchObject({ kind: "settled", amount: 0 });
    expect(await left(id2, b2)).toBe(5);
  });
});

describe("a bundle's issue and end", () => {
  it("reach Redis once each: a repeat answers the first, and the end keeps what was left", async () => {
    const id = await account(0);
    const b: HotBundle = {
      bundleId: `bun_${randomBytes(6).toString("hex")}`,
      productId: "search",
      units: 9,
      expiresAtMs: NOW + DAY,
      overage: "charge",
      priority: 0,
      issuedAtMs: NOW,
    };
    expect(await hot.bundles.issue(id, b, `uis:${b.bundleId}`)).toBe("applied");
    expect(await hot.bundles.issue(id, b, `uis:${b.bundleId}`)).toBe("already_applied");
    await store.charge(call(id), 4);
    expect(await hot.bundles.products(id)).toEqual(["search"]);
    expect(await hot.bundles.end(id, b.bundleId, "search", `end:${b.bundleId}`)).toEqual({ kind: "ended", units: 5, replayed: false });
    expect(await hot.bundles.end(id, b.bundleId, "search", `end:${b.bundleId}`)).toEqual({ kind: "ended", units: 5, replayed: true });
    expect(await hot.bundles.products(id)).toEqual([]);
    expect(await hot.bundles.remaining(id)).toEqual(new Map());
    // Issued again after its end (a lost receipt's retry): its receipt stops it.
    expect(await hot.bundles.issue(id, b, `uis:${b.bundleId}`)).toBe("already_applied");
    expect(await hot.bundles.issue("acct_nowhere", b, `uis:x${b.bundleId}`)).toBe("unknown_account");
  });

  it("restore an account's bundles in consumption order with their units", async () => {
    const id = `acct_${randomBytes(6).toString("hex")}`;
    const bundles: HotBundle[] = [
      { bundleId: "bun_b", productId: "search", units: 3, expiresAtMs: NOW + 2 * DAY, overage: "charge", priority: 1, issuedAtMs: NOW },
      { bundleId: "bun_a", productId: "search", units: 4, expiresAtMs: NOW + DAY, overage: "refuse", priority: 1, issuedAtMs: NOW },
    ];
    expect(await hot.restoreAccount({ accountId: id, status: "active", activeKeyIds: ["key_b"], wallets: [], bundles })).toBe(true);
    expect(await redis.hget(ks.account(id), accountField("bundleList", "search"))).toBe(
      `bun_a,${NOW + DAY},r,1,${NOW};bun_b,${NOW + 2 * DAY},c,1,${NOW}`,
    );
    expect(await hot.bundles.remaining(id)).toEqual(
      new Map([
        ["bun_a", 4],
        ["bun_b", 3],
      ]),
    );
  });
});
