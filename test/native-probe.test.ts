// The benchmark's compiled-decision probe (load/native/tgnative.c) measures what Tollgate's flat charge would
// cost compiled only if it decides what the script decides. Here both run on one Redis server of this file's
// own (the probe is a module, which the shared server does not load): the same calls, one through METER_LUA and
// one through the module, on twin accounts, must get the same replies and leave the same usage events.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePrice, perCall, type Price } from "@tollgate/metering";
import { createKeyspace, HotStore, RedisChargeStore, type RatedCall } from "@tollgate/metering/store";
import { routeMeterToNative } from "../load/src/native-client.js";
import { flatCall } from "../load/src/rated-call.js";

const dir = mkdtempSync(join(tmpdir(), "tg-native-"));
const socket = join(dir, "redis.sock");
let server: ChildProcess;
let lua: Redis;
let native: Redis;
const ks = createKeyspace("np:", 4);
let hot: HotStore;
let luaStore: RedisChargeStore;
let nativeStore: RedisChargeStore;

/** Resolves once a client to the server's socket is ready (ioredis retries until the server listens). */
async function connected(): Promise<Redis> {
  const client = new Redis({ path: socket, retryStrategy: () => 50, maxRetriesPerRequest: null });
  // Until the server listens, each attempt fails (ENOENT) and is retried; a command's own error still rejects it.
  client.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once("ready", resolve);
    server.once("exit", (code) => reject(new Error(`redis-server exited (${code}) before it listened`)));
  });
  return client;
}

beforeAll(async () => {
  const module = execFileSync("bash", ["load/native/build.sh"], { encoding: "utf8" }).trim();
  server = spawn("redis-server", ["--port", "0", "--unixsocket", socket, "--save", "", "--appendonly", "no", "--loadmodule", module], {
    stdio: "ignore",
  });
  lua = await connected();
  native = await connected();
  hot = new HotStore(lua, ks);
  luaStore = new RedisChargeStore(lua, ks);
  nativeStore = new RedisChargeStore(native, ks);
  routeMeterToNative(native);
});

afterAll(async () => {
  lua?.disconnect();
  native?.disconnect();
  if (server && server.exitCode === null) await new Promise((resolve) => (server.once("exit", resolve), server.kill()));
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** The benchmark's flat call at 3 micros, of key_n, at one instant (the twins' usage events must be equal). */
const call = (accountId: string, over: Partial<RatedCall> = {}): RatedCall =>
  flatCall({ accountId, keyId: "key_n", planId: "plan_n", price: encodePrice(perCall(3)), timestampMs: 1_700_000_000_000, ...over });

/** Twin accounts, funded alike: `<name>_lua` and `<name>_native`. */
async function twins(name: string, balance: number, threshold?: number) {
  for (const side of ["lua", "native"]) {
    const accountId = `${name}_${side}`;
    await hot.publishAccount({
      accountId,
      status: "active",
      activeKeyIds: ["key_n"],
      currencies: ["USD"],
      ...(threshold !== undefined && { autoRechargeThresholds: { USD: threshold } }),
    });
    await hot.applyEntry(accountId, `seed_${accountId}`, "USD", balance);
  }
}

/** The usage events of `accountId` on its partition's stream, with the account's id replaced (the twins differ there). */
async function eventsOf(accountId: string): Promise<string[][]> {
  const entries = (await lua.xrange(ks.usageStream(ks.partitionOf(accountId)), "-", "+")) as [string, string[]][];
  return entries
    .map(([, fields]) => fields)
    .filter((f) => f[3] === accountId)
    .map((f) => f.map((v) => (v === accountId ? "<account>" : v)));
}

/** One call each way, with the same event id: both outcomes. */
async function both(name: string, over: Partial<RatedCall> = {}, units = 1) {
  const eventId = over.eventId ?? `tev_${n++}`;
  const fromLua = await luaStore.charge(call(`${name}_lua`, { ...over, eventId }), units);
  const fromNative = await nativeStore.charge(call(`${name}_native`, { ...over, eventId }), units);
  return { fromLua, fromNative };
}

describe("the compiled-decision probe decides a flat charge as METER_LUA does", () => {
  it("charges, applies a percent, replays a repeated event id and refuses what runs out", async () => {
    await twins("acct_a", 20);
    const outcomes = [
      await both("acct_a", {}, 2),
      await both("acct_a", { percent: 50 }, 3),
      await both("acct_a", { eventId: "ev_repeated" }),
      await both("acct_a", { eventId: "ev_repeated" }),
      await both("acct_a", {}, 100),
    ];
    for (const { fromLua, fromNative } of outcomes) expect(fromNative).toEqual(fromLua);
    expect(outcomes.map((o) => o.fromLua.kind)).toEqual(["charged", "charged", "charged", "charged", "insufficient_funds"]);
    expect(outcomes[3]!.fromLua).toMatchObject({ replayed: true });
    expect(await eventsOf("acct_a_native")).toEqual(await eventsOf("acct_a_lua"));
    expect((await eventsOf("acct_a_lua")).length).toBe(3);
    expect((await hot.wallets("acct_a_native")).get("USD")).toEqual((await hot.wallets("acct_a_lua")).get("USD"));
  });

  it("refuses alike: an unknown account, an inactive key, a suspended account, a voided event, another request under one key", async () => {
    await twins("acct_b", 1_000);
    const voided = `tev_${n++}`;
    await lua.set(ks.chargeReceipt("acct_b_lua", voided), "void");
    await lua.set(ks.chargeReceipt("acct_b_native", voided), "void");
    const outcomes = [
      await both("acct_nobody"),
      await both("acct_b", { keyId: "key_other" }),
      await both("acct_b", { eventId: voided }),
      await both("acct_b", { eventId: "ev_digest", requestDigest: "first" }),
      await both("acct_b", { eventId: "ev_digest", requestDigest: "second" }),
    ];
    for (const side of ["lua", "native"])
      await hot.publishAccount({ accountId: `acct_b_${side}`, status: "suspended", activeKeyIds: ["key_n"], currencies: ["USD"] });
    outcomes.push(await both("acct_b"));
    for (const { fromLua, fromNative } of outcomes) expect(fromNative).toEqual(fromLua);
    expect(outcomes.map((o) => o.fromLua.kind)).toEqual([
      "unknown_account",
      "key_inactive",
      "voided",
      "charged",
      "request_mismatch",
      "account_inactive",
    ]);
  });

  it("holds a key's spend cap and counts the tracked call's usage alike, and signals a crossed threshold alike", async () => {
    await twins("acct_c", 100, 90);
    const capped = { track: true, keyCap: { limit: 13, period: "2026-12" } };
    const outcomes = [await both("acct_c", capped, 2), await both("acct_c", capped, 2), await both("acct_c", capped, 2)];
    for (const { fromLua, fromNative } of outcomes) expect(fromNative).toEqual(fromLua);
    expect(outcomes.map((o) => o.fromLua.kind)).toEqual(["charged", "charged", "spend_cap_reached"]);
    const counters = (accountId: string) => [ks.usageCounter(accountId, "default", "2026-12"), ks.keySpend(accountId, "key_n", "2026-12")];
    const [luaCounts, nativeCounts] = [await lua.mget(...counters("acct_c_lua")), await lua.mget(...counters("acct_c_native"))];
    expect(nativeCounts).toEqual(luaCounts);
    expect(luaCounts).toEqual(["4", "12"]);
    const signals = async (accountId: string) =>
      ((await lua.xrange(ks.signalStream(ks.partitionOf(accountId)), "-", "+")) as [string, string[]][])
        .map(([, f]) => f)
        .filter((f) => f.includes(accountId))
        .map((f) => f.map((v) => (v === accountId ? "<account>" : v)));
    expect(await signals("acct_c_native")).toEqual(await signals("acct_c_lua"));
    expect((await signals("acct_c_lua")).length).toBe(1);
  });

  it("answers what it does not compile (a rated price) with an error of that operation, never a charge", async () => {
    await twins("acct_d", 1_000);
    const rated: Price = {
      metric: "units",
      tierMode: "volume",
      tiers: [{ upTo: null, unitPrice: 5, flatPrice: 0 }],
      packageSize: 1,
      freeUnits: 0,
      period: "month",
      minimum: 0,
      timeOfUse: [],
    };
    await expect(nativeStore.charge(call("acct_d_native", { price: encodePrice(rated), track: true }), 1)).rejects.toThrow(
      /not compiled in the probe/,
    );
    expect((await hot.wallets("acct_d_native")).get("USD")?.balance).toBe(1_000);
  });
});
