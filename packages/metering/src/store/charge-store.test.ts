import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { encodePrice, perCall, rateUnits, type Price } from "../core/rating.js";
import { HotStore } from "./hot-store.js";
import { createKeyspace, decodeUsageEntry } from "./format.js";
import type { RatedCall } from "../core/charging.js";
import { RedisChargeStore } from "./charge-store.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_unit_${randomBytes(4).toString("hex")}:`;
const ks = createKeyspace(prefix, 4);
const hot = new HotStore(redis, ks);
const rated = new RedisChargeStore(redis, ks);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const graduated: Price = {
  metric: "units",
  tierMode: "graduated",
  tiers: [
    { upTo: 10, unitPrice: 100, flatPrice: 0 },
    { upTo: null, unitPrice: 10, flatPrice: 0 },
  ],
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
    keyId: "key_r",
    planId: "plan_r",
    productId: "search",
    currency: "USD",
    eventId: `ev_${n++}`,
    timestampMs: 1_700_000_000_000,
    method: "GET",
    path: "/search",
    price: encodePrice(graduated),
    counter: "search",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: "2026-11",
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: true,
    ...over,
  };
}
async function account(id: string, balance: number, status: "active" | "suspended" = "active") {
  await hot.publishAccount({ accountId: id, status, activeKeyIds: ["key_r"], currencies: ["USD"] });
  if (balance) await hot.applyEntry(id, `seed_${id}`, "USD", balance);
}
const available = async (id: string) => (await hot.wallets(id)).get("USD")?.balance;

describe("Lua rating equals the TypeScript rating", () => {
  it("for random prices, increments, rates per N units, period totals, units done before and time-of-use percents", async () => {
    const tier = fc.record({ unitPrice: fc.integer({ min: 0, max: 1_000_000 }), flatPrice: fc.integer({ min: 0, max: 1_000_000 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<"graduated" | "volume">("graduated", "volume"),
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
        fc.array(tier, { minLength: 5, maxLength: 5 }),
        fc.record({
          packageSize: fc.integer({ min: 1, max: 500 }),
          freeUnits: fc.integer({ min: 0, max: 1_000 }),
          minimum: fc.integer({ min: 0, max: 5_000 }),
          increments: fc.record({ first: fc.integer({ min: 0, max: 120 }), next: fc.integer({ min: 1, max: 60 }) }),
          ratePer: fc.constantFrom(1, 1, 6, 60, 1_000),
        }),
        fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
        fc.tuple(
          fc.integer({ min: 0, max: 100_000 }),
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: 400 }),
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 })),
        ),
        async (mode, edges, tiers, extras, maximum, [before, units, percent, done]) => {
          const sorted = [...edges].sort((a, b) => a - b);
          const price: Price = {
            metric: "units",
            tierMode: mode,
            period: "month",
            timeOfUse: [],
            ...extras,
            ...(maximum === undefined ? {} : { maximum }),
            tiers: [...sorted, null].map((upTo, i) => ({
              upTo,
              unitPrice: tiers[i]!.unitPrice,
              flatPrice: mode === "graduated" ? tiers[i]!.flatPrice : 0,
            })),
          };
          expect(await rated.rate(encodePrice(price), before, units, percent, done)).toEqual(
            rateUnits(price, before, units, percent, done),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the price forms the scripts read", () => {
  it("rate a flat price per call (`=` form) as the TypeScript rating does, for any units, percent and units done before", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 5_000 }),
        async (unit, units, percent, done) => {
          const flat = perCall(unit);
          expect(encodePrice(flat)).toBe(`=${unit}`);
          expect(await rated.rate(encodePrice(flat), 0, units, percent, done)).toEqual(rateUnits(flat, 0, units, percent, done));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keep the full form for a flat price with a minimum or a maximum, and read the comma-separated form of open sessions", async () => {
    const floored: Price = { ...perCall(40), minimum: 100 };
    expect(encodePrice(floored).startsWith("[")).toBe(true);
    expect(await rated.rate(encodePrice(floored), 0, 1, 100, 0)).toEqual(rateUnits(floored, 0, 1, 100, 0));
    const legacy = (JSON.parse(encodePrice(graduated)) as number[]).join(",");
    for (const [before, units] of [
      [0, 8],
      [7, 5],
      [12, 30],
    ] as const)
      expect(await rated.rate(legacy, before, units, 100, 0)).toEqual(rateUnits(graduated, before, units, 100, 0));
  });
});

describe("RedisChargeStore", () => {
  it("charges tiers over the period's usage, counting it", async () => {
    await account("acct_t", 100_000);
    expect(await rated.charge(call("acct_t"), 8)).toMatchObject({ kind: "charged", amount: 800 });
    expect(await rated.charge(call("acct_t"), 5)).toMatchObject({ kind: "charged", amount: 2 * 100 + 3 * 10 });
    expect(await redis.get(ks.usageCounter("acct_t", "search", "2026-11"))).toBe("13");
    // a new period starts from zero
    expect(await rated.charge(call("acct_t", { pricePeriod: "2026-12" }), 1)).toMatchObject({ amount: 100 });
    expect(await available("acct_t")).toBe(100_000 - 800 - 230 - 100);
  });

  it("charges and reserves nothing at all: free units, a grant inside an increment already paid", async () => {
    await account("acct_zero", 1_000);
    const free = encodePrice({ ...graduated, freeUnits: 100, maximum: undefined });
    expect(await rated.charge(call("acct_zero", { price: free }), 5)).toMatchObject({ kind: "charged", amount: 0 });
    const held = call("acct_zero");
    expect(await rated.reserve(held, 0, 60_000)).toMatchObject({ kind: "reserved", amount: 0 });
    const settled = await rated.settle(held, { units: 0, refund: true, status: 200, durationMs: 0, requestBytes: 0, responseBytes: 0 });
    expect(settled).toMatchObject({ kind: "settled", amount: 0 });
    expect(await hot.wallets("acct_zero")).toEqual(new Map([["USD", expect.objectContaining({ balance: 1_000, reserved: 0 })]]));
  });

  it("reserves the maximum, settles the actual price and returns the rest", async () => {
    await account("acct_2p", 10_000);
    const c = call("acct_2p");
    expect(await rated.reserve(c, 5_000, 60_000)).toEqual({ kind: "reserved", balance: 5_000, amount: 5_000 });
    expect(await redis.hget(ks.account("acct_2p"), "h:USD")).toBe("5000");
    const settled = await rated.settle(c, { units: 12, refund: false, status: 200, durationMs: 12, requestBytes: 0, responseBytes: 99 });
    expect(settled).toEqual({ kind: "settled", balance: 10_000 - 1_020, amount: 1_020, quotasExceeded: [] });
    expect(await redis.hget(ks.account("acct_2p"), "h:USD")).toBe("0");
    // settling twice changes nothing
    expect(await rated.settle(c, { units: 12, refund: false, status: 200, durationMs: 12, requestBytes: 0, responseBytes: 99 })).toEqual({
      kind: "gone",
    });
    expect(await available("acct_2p")).toBe(8_980);
  });

  it("caps the settled price at what was reserved, and refunds in full when told to", async () => {
    await account("acct_cap", 10_000);
    const big = call("acct_cap");
    await rated.reserve(big, 5_000, 60_000);
    expect(
      await rated.settle(big, { units: 100_000, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 }),
    ).toMatchObject({ amount: 5_000 });
    const failed = call("acct_cap");
    await rated.reserve(failed, 5_000, 60_000);
    expect(
      await rated.settle(failed, { units: 3, refund: true, status: 502, durationMs: 1, requestBytes: 0, responseBytes: 0 }),
    ).toMatchObject({ amount: 0, balance: 5_000 });
    expect(await redis.get(ks.usageCounter("acct_cap", "search", "2026-11"))).toBe("100000");
  });

  it("never settles more than was held, even when the rated price is higher", async () => {
    await account("acct_held", 10_000);
    const c = call("acct_held");
    await rated.reserve(c, 500, 60_000); // less than the 1,020 these 12 units rate at
    expect(
      await rated.settle(c, { units: 12, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 }),
    ).toMatchObject({ amount: 500, balance: 9_500 });
  });

  it("refuses to reserve more than the balance", async () => {
    await account("acct_poor", 4_999);
    expect(await rated.reserve(call("acct_poor"), 5_000, 60_000)).toEqual({ kind: "insufficient_funds", balance: 4_999, amount: 5_000 });
    expect(await available("acct_poor")).toBe(4_999);
  });

  it("reaps expired reservations and only those, recording a zero-priced event", async () => {
    await account("acct_reap", 20_000);
    const p = ks.partitionOf("acct_reap");
    const stale = call("acct_reap");
    const fresh = call("acct_reap");
    await rated.reserve(stale, 5_000, -1);
    await rated.reserve(fresh, 5_000, 60_000);
    expect(await available("acct_reap")).toBe(10_000);
    const streamBefore = await redis.xlen(ks.usageStream(p));
    expect(await rated.reap(p)).toBe(1);
    expect(await available("acct_reap")).toBe(15_000);
    expect(await redis.xlen(ks.usageStream(p))).toBe(streamBefore + 1);
    // a late settle of the reaped call finds nothing to settle
    expect(await rated.settle(stale, { units: 1, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 })).toEqual({
      kind: "gone",
    });
    expect(await rated.reap(p)).toBe(0);
  });

  it("enforces hard quotas, notes soft ones, and caps a key's spend", async () => {
    await account("acct_q", 1_000_000);
    const hard = { id: "calls-day", limit: 2, hard: true, perUnit: false, period: "2026-11-22" };
    const soft = { id: "units-month", limit: 10, hard: false, perUnit: true, period: "2026-11" };
    const q = (over: Partial<RatedCall> = {}) => call("acct_q", { quotas: [hard, soft], ...over });
    expect(await rated.charge(q(), 6)).toMatchObject({ kind: "charged", quotasExceeded: [] });
    expect(await rated.charge(q(), 6)).toMatchObject({ kind: "charged", quotasExceeded: ["units-month"] });
    expect(await rated.charge(q(), 1)).toEqual({ kind: "quota_exceeded", quotaId: "calls-day", used: 2 });

    // A key's cap covers its spend on every product: a fresh account, so that nothing was spent yet.
    await account("acct_kc", 1_000_000);
    const capped = (over: Partial<RatedCall> = {}) => call("acct_kc", { keyCap: { limit: 250, period: "2026-11" }, ...over });
    expect(await rated.charge(capped(), 2)).toMatchObject({ kind: "charged", amount: 200 });
    expect(await rated.charge(capped(), 1)).toEqual({ kind: "spend_cap_reached", spent: 200, cap: 250 });
  });
});

describe("RedisChargeStore: a flat price (the same script, nothing counted)", () => {
  const flat = (accountId: string, over: Partial<RatedCall> = {}) =>
    call(accountId, { price: encodePrice(perCall(300)), track: false, ...over });

  it("charges down to the last whole call, then refuses without touching the balance, and counts nothing", async () => {
    await account("acct_rich", 1_000);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rated.charge(flat("acct_rich"), 1));
    expect(results).toEqual([
      { kind: "charged", balance: 700, amount: 300, quotasExceeded: [] },
      { kind: "charged", balance: 400, amount: 300, quotasExceeded: [] },
      { kind: "charged", balance: 100, amount: 300, quotasExceeded: [] },
      { kind: "insufficient_funds", balance: 100, amount: 300 },
    ]);
    expect(await available("acct_rich")).toBe(100);
    const entries = await redis.xrange(ks.usageStream(ks.partitionOf("acct_rich")), "-", "+");
    expect(entries.map(([, f]) => decodeUsageEntry(f)).filter((e) => e.accountId === "acct_rich")).toHaveLength(3);
    expect(await redis.exists(ks.usageCounter("acct_rich", "search", "2026-11"), ks.keySpend("acct_rich", "key_r", "2026-11"))).toBe(0);
  });

  it("answers a repeated event id from its receipt, without charging or recording twice", async () => {
    await account("acct_retry", 1_000);
    const stream = ks.usageStream(ks.partitionOf("acct_retry"));
    const before = await redis.xlen(stream);
    const once = flat("acct_retry", { eventId: "ev_same" });
    expect(await rated.charge(once, 1)).toEqual({ kind: "charged", balance: 700, amount: 300, quotasExceeded: [] });
    expect(await rated.charge(once, 1)).toEqual({ kind: "charged", balance: 700, amount: 300, quotasExceeded: [], replayed: true });
    expect(await available("acct_retry")).toBe(700);
    expect(await redis.xlen(stream)).toBe(before + 1);
  });

  it("records the usage event with every field the ingester needs, read back by the one decoder", async () => {
    await account("acct_fields", 1_000);
    await rated.charge(
      flat("acct_fields", { eventId: "ev_fields", path: "/v1/things/7", method: "POST", price: encodePrice(perCall(250)) }),
      1,
    );
    const entries = await redis.xrange(ks.usageStream(ks.partitionOf("acct_fields")), "-", "+");
    const entry = entries.map(([, f]) => decodeUsageEntry(f)).find((e) => e.eventId === "ev_fields");
    expect(entry).toEqual({
      eventId: "ev_fields",
      accountId: "acct_fields",
      keyId: "key_r",
      planId: "plan_r",
      productId: "search",
      currency: "USD",
      amount: 250,
      units: 1,
      timestampMs: 1_700_000_000_000,
      method: "POST",
      path: "/v1/things/7",
      refunded: false,
      quotasExceeded: [],
      void: false,
    });
  });

  it("refuses unknown and suspended accounts, revoked keys and missing wallets", async () => {
    await account("acct_frozen", 1_000, "suspended");
    expect(await rated.charge(flat("acct_nobody"), 1)).toEqual({ kind: "unknown_account" });
    expect(await rated.charge(flat("acct_frozen"), 1)).toEqual({ kind: "account_inactive", status: "suspended" });
    expect(await rated.charge(flat("acct_rich", { keyId: "key_other" }), 1)).toEqual({ kind: "key_inactive" });
    expect(await rated.charge(flat("acct_rich", { currency: "EUR" }), 1)).toEqual({ kind: "no_wallet" });
    expect(await available("acct_frozen")).toBe(1_000);
  });

  it("a void gives back what ran, or leaves a tombstone that makes a late charge refuse", async () => {
    await account("acct_void", 1_000);
    const ran = flat("acct_void");
    await rated.charge(ran, 1);
    expect(await rated.voidCharge(ran)).toBe("refunded");
    expect(await rated.voidCharge(ran)).toBe("already_void");
    expect(await available("acct_void")).toBe(1_000);
    const late = flat("acct_void");
    expect(await rated.voidCharge(late)).toBe("tombstoned");
    expect(await rated.charge(late, 1)).toEqual({ kind: "voided" });
    expect(await available("acct_void")).toBe(1_000);
  });
});

describe("coalesced charging: one script run for the operations of a partition that wait for its previous one", () => {
  const sizes: number[] = [];
  const batched = new RedisChargeStore(redis, ks, { maxBatch: 50, onBatch: (size) => sizes.push(size) });
  const flat = (accountId: string, over: Partial<RatedCall> = {}) =>
    call(accountId, { price: encodePrice(perCall(70)), track: false, ...over });

  it("decides each charge on its own, in the order sent, never spending what the wallet does not hold", async () => {
    await account("acct_burst", 100 * 70);
    sizes.length = 0;
    const calls = Array.from({ length: 130 }, () => flat("acct_burst"));
    const outcomes = await Promise.all(calls.map((c) => batched.charge(c, 1)));
    // The first goes at once, alone; the rest wait for it and go in batches of at most 50.
    expect(sizes).toEqual([1, 50, 50, 29]);
    // Applied in the order sent: the first 100 are charged, each seeing the balance its predecessor left.
    expect(outcomes.slice(0, 100).map((o) => (o.kind === "charged" ? o.balance : o.kind))).toEqual(
      Array.from({ length: 100 }, (_, i) => (99 - i) * 70),
    );
    expect(outcomes.slice(100).every((o) => o.kind === "insufficient_funds")).toBe(true);
    expect(await available("acct_burst")).toBe(0);
    const entries = await redis.xrange(ks.usageStream(ks.partitionOf("acct_burst")), "-", "+");
    const recorded = entries.map(([, fields]) => decodeUsageEntry(fields)).filter((e) => e.accountId === "acct_burst");
    expect(recorded.map((e) => e.eventId)).toEqual(calls.slice(0, 100).map((c) => c.eventId));
  });

  it("deletes a charge's receipt with the partition's next run once its answer has arrived (the gateway's store)", async () => {
    await account("acct_forget", 100_000);
    const gateway = new RedisChargeStore(redis, ks, { receiptsUntilAnswered: true });
    const receipts = (calls: RatedCall[]) => Promise.all(calls.map((c) => redis.exists(ks.chargeReceipt(c.accountId, c.eventId))));
    const first = [flat("acct_forget"), flat("acct_forget"), flat("acct_forget")];
    await Promise.all(first.map((c) => gateway.charge(c, 1)));
    // The first went alone; its receipt left with the second run. The second run's stay until a next one.
    expect(await receipts(first)).toEqual([0, 1, 1]);
    const next = flat("acct_forget");
    await gateway.charge(next, 1);
    expect(await receipts([...first, next])).toEqual([0, 0, 0, 1]);
    // The store that serves direct charges keeps its receipts: a client may repeat its Idempotency-Key.
    const kept = flat("acct_forget");
    await rated.charge(kept, 1);
    await rated.charge(flat("acct_forget"), 1);
    expect(await receipts([kept])).toEqual([1]);
    expect(await available("acct_forget")).toBe(100_000 - 6 * 70);
  });

  it("mixes reservations, settlements and charges in one run, and a failing operation fails alone", async () => {
    await account("acct_mixed", 10_000);
    sizes.length = 0;
    const held = flat("acct_mixed");
    await batched.reserve(held, 4_000, 60_000);
    const broken = flat("acct_mixed", { price: "not,a,price" });
    const [settled, charged, failed, reserved] = await Promise.allSettled([
      batched.settle(held, { units: 1, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 }),
      batched.charge(flat("acct_mixed"), 1),
      batched.charge(broken, 1),
      batched.reserve(flat("acct_mixed"), 2_000, 60_000),
    ]);
    expect(sizes).toEqual([1, 1, 3]);
    expect(settled).toMatchObject({ status: "fulfilled", value: { kind: "settled" } });
    expect(charged).toMatchObject({ status: "fulfilled", value: { kind: "charged" } });
    expect(failed).toMatchObject({
      status: "rejected",
      reason: expect.objectContaining({ message: expect.stringMatching(/meter script/) }),
    });
    expect(reserved).toMatchObject({ status: "fulfilled", value: { kind: "reserved", amount: 2_000 } });
    const settledAmount = settled.status === "fulfilled" && settled.value.kind === "settled" ? settled.value.amount : NaN;
    const chargedAmount = charged.status === "fulfilled" && charged.value.kind === "charged" ? charged.value.amount : NaN;
    expect(await hot.wallets("acct_mixed")).toEqual(
      new Map([["USD", expect.objectContaining({ balance: 10_000 - settledAmount - chargedAmount - 2_000, reserved: 2_000 })]]),
    );
  });
});
