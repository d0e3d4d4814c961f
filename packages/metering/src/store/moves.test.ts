import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectRedis } from "../redis.js";
import { encodePrice, perCall } from "../core/rating.js";
import type { RatedCall } from "../core/charging.js";
import { HotStore } from "./hot-store.js";
import { createKeyspace, decodeUsageEntry, fnv1a32, inPartition } from "./format.js";
import { RedisChargeStore } from "./charge-store.js";
import { RedisLeases } from "./leases.js";

// Moving an account's hot state to another partition (moves.ts): the fence on the hash it leaves, and a process
// that has not heard of the move. On the single Redis and on the Redis Cluster.
const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const onCluster = (process.env.REDIS_URL ?? "").startsWith("redis-cluster://");
const prefix = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_mov_${randomBytes(4).toString("hex")}:`;
const P = 8;
const ks = createKeyspace(prefix, P);
const hot = new HotStore(redis, ks);
const store = new RedisChargeStore(redis, ks);

afterAll(async () => {
  if (!onCluster) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

let n = 0;
function call(accountId: string): RatedCall {
  return {
    accountId,
    keyId: "key_m",
    planId: "plan_m",
    productId: "default",
    currency: "USD",
    eventId: `mev_${randomBytes(3).toString("hex")}_${n++}`,
    timestampMs: Date.now(),
    method: "GET",
    path: "/x",
    price: encodePrice(perCall(100)),
    counter: "default",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: "2026-12",
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: false,
  };
}

async function account(balance: number): Promise<{ id: string; from: number; to: number }> {
  const id = `acct_${randomBytes(6).toString("hex")}`;
  await hot.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_m"], currencies: ["USD"] });
  await hot.applyEntry(id, `seed_${id}`, "USD", balance);
  const from = ks.partitionOf(id);
  return { id, from, to: (from + 3) % P };
}

/** What the control plane does once the old hash is sealed: the account rebuilt where it goes, and recorded there. */
async function arrive(id: string, to: number, balance: number): Promise<void> {
  const from = ks.partitionOf(id);
  ks.setPartition(id, to);
  await hot.restoreAccount({
    accountId: id,
    status: "active",
    activeKeyIds: ["key_m"],
    wallets: [{ currency: "USD", balance, creditLimit: 0 }],
  });
  await hot.moves.record(id, to);
  await hot.moves.step(id, from, "bury", to);
}

const entries = async (id: string, partition: number) =>
  (await redis.xrange(ks.usageStream(partition), "-", "+")).map(([, f]) => decodeUsageEntry(f)).filter((e) => e.accountId === id);
const oldHash = (id: string, partition: number) => redis.hgetall(inPartition(ks.account(id), partition));

describe("moving an account to another partition", () => {
  it("while moving, refuse new charges (to be retried) and let open reservations end; sealed, refuse every write; undone, as before", async () => {
    const { id, from, to } = await account(1_000);
    const open = call(id);
    expect(await store.reserve(open, 300, 60_000)).toMatchObject({ kind: "reserved" });
    expect(await hot.moves.step(id, from, "fence", to)).toBe(true);
    expect(await store.charge(call(id), 1)).toEqual({ kind: "payer_changed" });
    expect(await store.reserve(call(id), 100, 60_000)).toEqual({ kind: "payer_changed" });
    expect(await hot.moves.openReservations(id)).toBe(1);
    // What is open ends where it is; a change published meanwhile keeps the fence (its status waits in `ms`).
    expect(
      await store.settle(open, { units: 1, refund: false, status: 200, durationMs: 1, requestBytes: 0, responseBytes: 0 }),
    ).toMatchObject({
      kind: "settled",
      amount: 100,
    });
    expect(await hot.moves.openReservations(id)).toBe(0);
    await hot.publishAccount({ accountId: id, status: "suspended", activeKeyIds: ["key_m"], currencies: ["USD"] });
    expect(await oldHash(id, from)).toMatchObject({ status: "moving", ms: "suspended", mv: String(to) });

    expect(await hot.moves.step(id, from, "seal", to)).toBe(true);
    const before = await oldHash(id, from);
    expect(await hot.applyEntry(id, `credit_${id}`, "USD", 500)).toEqual({ kind: "unknown_account" });
    await hot.publishAccount({ accountId: id, status: "active", activeKeyIds: ["key_m", "key_2"], currencies: ["USD"] });
    await hot.publishApiKey("hash_m2", { keyId: "key_3", accountId: id, planId: "plan_m", status: "active" });
    expect(await store.voidCharge(call(id)).catch((e: Error) => e.message)).toMatch(/moved/);
    expect(
      await hot.bundles.issue(
        id,
        {
          bundleId: "b1",
          productId: "default",
          units: 5,
          expiresAtMs: Date.now() + 60_000,
          overage: "charge",
          priority: 0,
          issuedAtMs: Date.now(),
        },
        "iss_b1",
      ),
    ).toBe("unknown_account");
    expect(await oldHash(id, from)).toEqual(before);

    // Sealed, it is not fenced again; a move that died here is taken over (back to `moving`).
    expect(await hot.moves.step(id, from, "fence", to)).toBe(false);
    expect(await hot.moves.step(id, from, "reopen", to)).toBe(true);
    expect((await oldHash(id, from)).status).toBe("moving");

    // Given up (its usage could not be ingested in time, say): as it was, with what was published meanwhile.
    expect(await hot.moves.step(id, from, "undo", to)).toBe(true);
    expect(await oldHash(id, from)).toMatchObject({ status: "suspended", "b:USD": "900" });
    expect((await oldHash(id, from)).mv).toBeUndefined();
  });

  it("answer a process that has not heard of the move from the tombstone, and where the account is now once it looks again", async () => {
    const { id, from, to } = await account(1_000);
    await hot.moves.step(id, from, "fence", to);
    await hot.moves.step(id, from, "seal", to);
    await arrive(id, to, 1_000);
    expect(await oldHash(id, from)).toEqual({ status: "moved", mv: String(to) });

    // A second process, its view as before the move.
    const stale = createKeyspace(prefix, P);
    expect(stale.partitionOf(id)).toBe(fnv1a32(id) % P);
    const staleStore = new RedisChargeStore(redis, stale);
    const first = call(id);
    expect(await staleStore.charge(first, 1)).toEqual({ kind: "payer_changed" });
    expect(stale.partitionOf(id)).toBe(to);
    expect(await staleStore.charge(call(id), 1)).toMatchObject({ kind: "charged", balance: 900 });
    expect(await entries(id, from)).toEqual([]);
    expect(await entries(id, to)).toHaveLength(1);
    // A credit and a key published by another stale process land where the account is now.
    const staleHot = new HotStore(redis, createKeyspace(prefix, P));
    expect(await staleHot.applyEntry(id, `credit_${id}`, "USD", 50)).toMatchObject({ kind: "applied", balance: 950 });
    const staleKeys = new HotStore(redis, createKeyspace(prefix, P));
    await staleKeys.publishApiKey("hash_m4", { keyId: "key_4", accountId: id, planId: "plan_m", status: "active" });
    expect(await redis.hget(ks.account(id), "k:key_4")).toBe("1");
    expect(await oldHash(id, from)).toEqual({ status: "moved", mv: String(to) });
    // A process starting now loads where every moved account lives.
    const fresh = new HotStore(redis, createKeyspace(prefix, P));
    await fresh.moves.load();
    expect(fresh.keyspace.partitionOf(id)).toBe(to);
  });

  it("return a lapsed reservation of a moved account to where it lives now, from a reaper that has not heard of the move", async () => {
    const { id, from, to } = await account(1_000);
    await hot.moves.step(id, from, "fence", to);
    await hot.moves.step(id, from, "seal", to);
    await arrive(id, to, 1_000);
    // Reserved where the account is now (by a gateway that heard), and its gateway died.
    expect(await store.reserve(call(id), 300, 60_000)).toMatchObject({ kind: "reserved", balance: 700 });
    // The jobs' process started before the move and has heard nothing since: its reaper reads the new partition's
    // index, and the reservation's wallet is in that partition's slot, whatever this process thinks.
    const stale = new RedisChargeStore(redis, createKeyspace(prefix, P));
    expect(await stale.reap(to, Date.now() + 120_000)).toBe(1);
    expect((await hot.wallets(id)).get("USD")).toMatchObject({ balance: 1_000, reserved: 0 });
    expect(await oldHash(id, from)).toEqual({ status: "moved", mv: String(to) });
  });

  it("record nothing of a lease's report at the tombstone: its calls are reported where the account is now", async () => {
    const { id, from, to } = await account(10_000);
    const view = createKeyspace(prefix, P);
    const errors: unknown[] = [];
    const leases = new RedisLeases(redis, view, (e) => errors.push(e), { maxCalls: 5, reportMs: 60_000 });
    for (let i = 0; i < 2; i++) expect(await leases.spend(call(id), 100, 60_000)).toMatchObject({ kind: "charged" });
    // Sealed with the lease still open (the control plane would have waited for it to end): the report is refused.
    await hot.moves.step(id, from, "fence", to);
    await hot.moves.step(id, from, "seal", to);
    const sealed = await oldHash(id, from);
    await leases.close();
    expect(errors).toHaveLength(1);
    expect(await entries(id, from)).toEqual([]);
    expect(await oldHash(id, from)).toEqual(sealed);
    // Rebuilt where it goes from the book of record (the lease's grant is not in it: 10,000), the calls follow.
    await arrive(id, to, 10_000);
    await leases.close();
    await leases.close();
    expect((await entries(id, to)).map((e) => e.amount)).toEqual([100, 100]);
    expect((await hot.wallets(id)).get("USD")).toMatchObject({ balance: 9_800, reserved: 0 });
  });
});
