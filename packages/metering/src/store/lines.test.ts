import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectRedis } from "../redis.js";
import { encodePrice, type Price } from "../core/rating.js";
import type { RatedCall } from "../core/charging.js";
import { HotStore } from "./hot-store.js";
import { createKeyspace, decodeUsageEntry, mintInPartitionOf } from "./format.js";
import { RedisChargeStore } from "./charge-store.js";

// Lines of a hierarchy: an account whose payer's wallet pays for its calls, within its own limit per period.
// On the single Redis, and again on the Redis Cluster (scripts/test.sh's CLUSTER_TESTS): a line's id is minted in
// its payer's partition, so one script decides with both hashes.
const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const onCluster = (process.env.REDIS_URL ?? "").startsWith("redis-cluster://");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_lin_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 8);
const hot = new HotStore(redis, ks);
const store = new RedisChargeStore(redis, ks);

afterAll(async () => {
  if (!onCluster) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const NOW = 1_700_000_000_000;
const PERIOD = "2023-11";

// 100 micros a unit.
const price: Price = {
  metric: "units",
  tierMode: "graduated",
  tiers: [{ upTo: null, unitPrice: 100, flatPrice: 0 }],
  packageSize: 1,
  freeUnits: 0,
  period: "month",
  minimum: 0,
  timeOfUse: [],
};

let n = 0;
function call(accountId: string, payerId: string | undefined, over: Partial<RatedCall> = {}): RatedCall {
  return {
    accountId,
    keyId: "key_l",
    planId: "plan_l",
    productId: "voice",
    currency: "USD",
    eventId: `ev_${randomBytes(3).toString("hex")}_${n++}`,
    timestampMs: NOW,
    method: "POST",
    path: "/voice",
    price: encodePrice(price),
    counter: "voice",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: PERIOD,
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: false,
    ...(payerId !== undefined && { payerId }),
    ...over,
  };
}

const newId = (kind: string) => `${kind}_${randomBytes(6).toString("hex")}`;

async function payer(balance: number): Promise<string> {
  const id = newId("acct");
  await hot.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_l"], currencies: ["USD"] });
  if (balance) await hot.applyEntry(id, `seed_${id}`, "USD", balance);
  return id;
}

/** A line of `payerId`: no wallet of its own, in its payer's partition, with `limit` micros per period (or none). */
async function line(payerId: string, limit?: number): Promise<string> {
  const id = mintInPartitionOf(ks, payerId, () => newId("acct"));
  await hot.publishAccount({
    accountId: id,
    status: "active",
    activeKeyIds: ["key_l"],
    currencies: [],
    line: { payerId, limits: limit === undefined ? {} : { USD: limit } },
  });
  return id;
}

const wallet = async (id: string) => (await hot.wallets(id)).get("USD") ?? { balance: 0, reserved: 0, creditLimit: 0 };
const spent = async (id: string) => hot.counter(ks.lineSpend(id, PERIOD));

async function events(accountId: string) {
  const entries = await redis.xrange(ks.usageStream(ks.partitionOf(accountId)), "-", "+");
  return entries.map(([, f]) => decodeUsageEntry(f)).filter((e) => e.accountId === accountId);
}

describe("lines of a hierarchy in the charge scripts", () => {
  it("are minted in their payer's partition", async () => {
    const p = await payer(0);
    for (let i = 0; i < 20; i++) expect(ks.partitionOf(mintInPartitionOf(ks, p, () => newId("acct")))).toBe(ks.partitionOf(p));
  });

  it("charge a line's call to its payer's wallet, count it against the line, and name the payer on its usage event", async () => {
    const p = await payer(1_000);
    const l = await line(p, 500);
    const c = call(l, p);
    expect(await store.charge(c, 2)).toMatchObject({ kind: "charged", amount: 200, balance: 800 });
    expect((await wallet(p)).balance).toBe(800);
    expect(await hot.wallets(l)).toEqual(new Map());
    expect(await spent(l)).toBe(200);
    const [event] = await events(l);
    expect(event).toMatchObject({ eventId: c.eventId, accountId: l, payerId: p, amount: 200 });
    // The payer's reconciliation counts it; the line's own (it has no wallet) does not.
    expect((await hot.streamedUsage(p, "wallet")).map((e) => e.eventId)).toContain(c.eventId);
    expect((await hot.streamedUsage(l, "wallet")).map((e) => e.eventId)).not.toContain(c.eventId);
  });

  it("refuse a call past the line's limit, naming what it spent, and move nothing", async () => {
    const p = await payer(10_000);
    const l = await line(p, 300);
    expect(await store.charge(call(l, p), 3)).toMatchObject({ kind: "charged", amount: 300 });
    expect(await store.charge(call(l, p), 1)).toEqual({ kind: "line_limit_reached", spent: 300, limit: 300 });
    expect((await wallet(p)).balance).toBe(9_700);
    expect(await spent(l)).toBe(300);
    expect(await events(l)).toHaveLength(1);
    // A line with no limit spends what its payer has.
    const free = await line(p);
    expect(await store.charge(call(free, p), 90), "no limit").toMatchObject({ kind: "charged", balance: 700 });
    expect(await store.charge(call(free, p), 8)).toMatchObject({ kind: "insufficient_funds", balance: 700, amount: 800 });
  });

  it("refuse a line's call when its payer is not active, or when the caller names another payer than its hash", async () => {
    const p = await payer(10_000);
    const l = await line(p, 10_000);
    expect(await store.charge(call(l, undefined), 1)).toEqual({ kind: "payer_changed" });
    // (Another payer in the same partition: on a Cluster, one of another slot could not even be named.)
    const other = mintInPartitionOf(ks, p, () => newId("acct"));
    expect(await store.charge(call(l, other), 1)).toEqual({ kind: "payer_changed" });
    await hot.publishAccount({ accountId: p, status: "suspended", activeKeyIds: ["key_l"], currencies: ["USD"] });
    expect(await store.charge(call(l, p), 1)).toEqual({ kind: "account_inactive", status: "suspended" });
    expect((await wallet(p)).balance).toBe(10_000);
    expect(await spent(l)).toBe(0);
    // Out of the hierarchy, its calls need a wallet of its own.
    await hot.publishAccount({ accountId: l, status: "active", activeKeyIds: ["key_l"], currencies: [] });
    expect(await store.charge(call(l, undefined), 1)).toEqual({ kind: "no_wallet" });
  });

  it("let no line pass its limit and all lines together never pass the payer's money, under concurrency", async () => {
    // 3 lines of 400 each at a payer holding 1,000: 20 calls of 100 each per line at once. Exactly 10 pass.
    const p = await payer(1_000);
    const lines = await Promise.all([line(p, 400), line(p, 400), line(p, 400)]);
    const outcomes = await Promise.all(lines.flatMap((l) => Array.from({ length: 20 }, () => store.charge(call(l, p), 1))));
    expect(outcomes.filter((o) => o.kind === "charged")).toHaveLength(10);
    expect(
      outcomes.filter((o) => o.kind !== "charged").every((o) => o.kind === "insufficient_funds" || o.kind === "line_limit_reached"),
    ).toBe(true);
    expect((await wallet(p)).balance).toBe(0);
    const spends = await Promise.all(lines.map(spent));
    expect(spends.every((s) => s <= 400)).toBe(true);
    expect(spends.reduce((a, b) => a + b, 0)).toBe(1_000);
    for (const [i, l] of lines.entries()) expect((await events(l)).reduce((sum, e) => sum + e.amount, 0)).toBe(spends[i]);

    // Money to spare: each line stops at its own limit, exactly.
    const rich = await payer(100_000);
    const capped = await Promise.all([line(rich, 300), line(rich, 500)]);
    await Promise.all(capped.flatMap((l) => Array.from({ length: 15 }, () => store.charge(call(l, rich), 1))));
    expect(await Promise.all(capped.map(spent))).toEqual([300, 500]);
    expect((await wallet(rich)).balance).toBe(99_200);
  });

  it("hold a line's reservation in its payer's wallet, and settle, void and reap it there", async () => {
    const p = await payer(2_000);
    const l = await line(p, 1_000);
    const settled = call(l, p, { track: true });
    expect(await store.reserve(settled, 500, 60_000)).toMatchObject({ kind: "reserved", balance: 1_500, amount: 500 });
    expect(await wallet(p)).toMatchObject({ balance: 1_500, reserved: 500 });
    expect(await spent(l)).toBe(500);
    // Another reservation would take the line past its limit with what the first holds.
    expect(await store.reserve(call(l, p), 600, 60_000)).toEqual({ kind: "line_limit_reached", spent: 500, limit: 1_000 });
    expect(
      await store.settle(settled, { units: 2, refund: false, status: 200, durationMs: 5, requestBytes: 0, responseBytes: 0 }),
    ).toMatchObject({
      kind: "settled",
      amount: 200,
      balance: 1_800,
    });
    expect(await wallet(p)).toMatchObject({ balance: 1_800, reserved: 0 });
    expect(await spent(l)).toBe(200);
    expect((await events(l)).find((e) => e.eventId === settled.eventId)).toMatchObject({ payerId: p, amount: 200 });

    // A settlement that names another payer than the reservation moves nothing; the reaper returns it to its own.
    const moved = call(l, p);
    expect(await store.reserve(moved, 500, 1)).toMatchObject({ kind: "reserved", balance: 1_300 });
    const other = mintInPartitionOf(ks, p, () => newId("acct"));
    expect(
      await store.settle(
        { ...moved, payerId: other },
        { units: 1, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 },
      ),
    ).toEqual({
      kind: "gone",
    });
    expect(await store.reapOne(l, moved.eventId, Date.now() + 60_000)).toEqual({ kind: "returned" });
    expect(await wallet(p)).toMatchObject({ balance: 1_800, reserved: 0 });
    expect(await spent(l)).toBe(200);
    expect((await events(l)).find((e) => e.eventId === moved.eventId)).toMatchObject({ payerId: p, amount: 0, refunded: true });

    // A void of a reservation gives the money back to the payer and takes it off the line.
    const voided = call(l, p);
    expect(await store.reserve(voided, 500, 60_000)).toMatchObject({ kind: "reserved" });
    expect(await store.voidReservation(voided)).toBe("refunded");
    expect(await wallet(p)).toMatchObject({ balance: 1_800, reserved: 0 });
    expect(await spent(l)).toBe(200);
  });

  it("give a voided charge back to the payer and off the line, with the payer on the void entry", async () => {
    const p = await payer(1_000);
    const l = await line(p, 1_000);
    const c = call(l, p);
    expect(await store.charge(c, 3)).toMatchObject({ kind: "charged", amount: 300 });
    expect(await store.voidCharge(c)).toBe("refunded");
    expect((await wallet(p)).balance).toBe(1_000);
    expect(await spent(l)).toBe(0);
    expect((await events(l)).find((e) => e.void)).toMatchObject({ eventId: c.eventId, amount: -300, payerId: p });
  });
});
