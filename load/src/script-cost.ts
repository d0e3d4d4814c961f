// The Redis half of a call's cost, counted in instructions rather than seconds: a Redis server of its own runs
// under valgrind's callgrind (load/script-cost.sh), and this drives it one operation at a time, as a gateway
// at a steady rate does (each call its own script run), for each kind of operation; the counters are zeroed
// after a warm-up and dumped after N operations. An instruction count is the same on a busy box as on an idle
// one, so a change to a script shows as a figure that does not move with the machine (it leaves out the
// kernel's share: the socket reads and writes). Prints, and writes load/results/script-cost.json.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { encodePrice, type Price } from "@tollgate/metering";
import { createKeyspace, HotStore, mintInPartitionOf, RedisChargeStore, type RatedCall } from "@tollgate/metering/store";
import { routeMeterToNative } from "./native-client.js";
import { flatCall } from "./rated-call.js";

const socket = process.env.REDIS_SOCKET!;
const pid = Number(process.env.REDIS_PID);
const outDir = process.env.CALLGRIND_DIR!;
const N = Number(process.env.SCRIPT_COST_CALLS ?? 2000);
const WARMUP = 200;

const redis = new Redis({ path: socket, commandTimeout: 60_000 });
const ks = createKeyspace("sc:", 4);
const hot = new HotStore(redis, ks);
const store = new RedisChargeStore(redis, ks, { receiptsUntilAnswered: true });
// The compiled-decision probe (load/native/, loaded into this server by script-cost.sh): the same batches, from
// a charge store of its own whose coalescer sends them to the module instead of the script.
const nativeRedis = new Redis({ path: socket, commandTimeout: 60_000 });
const nativeStore = new RedisChargeStore(nativeRedis, ks, { receiptsUntilAnswered: true });
routeMeterToNative(nativeRedis);
/** A line of acct_cost (hierarchies), in its partition. */
let draw = 0;
const LINE = mintInPartitionOf(ks, "acct_cost", () => `acct_cost_line_${draw++}`);

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

/** The benchmark's flat call (load/src/rated-call.ts) of acct_cost's key, with what a kind of operation changes. */
const call = (over: Partial<RatedCall>): RatedCall => flatCall({ accountId: "acct_cost", keyId: "key_cost", ...over });

const PROBE_LUA = `
local b = redis.call('HINCRBY', KEYS[1], 'b', 0 - tonumber(ARGV[1]))
if b < 0 then redis.call('HINCRBY', KEYS[1], 'b', ARGV[1]) return -1 end
redis.call('XADD', KEYS[2], '*', 'a', ARGV[2], 'amt', ARGV[1])
return b`;

// By its SHA, as the probe proxy (ioredis defineCommand) and the gateway send their scripts: EVAL with the body
// would have Redis hash the body on every call (about 10k instructions), which no side of the benchmark pays.
const PROBE_SHA = (await redis.script("LOAD", PROBE_LUA)) as string;

/** One operation of each kind, as a gateway sends it. */
const KINDS: Record<string, () => Promise<unknown>> = {
  probe: () => redis.evalsha(PROBE_SHA, 2, "sc:{p}:a", "sc:{p}:usage", 1, "probe"),
  charge_flat: () => store.charge(call({}), 1),
  // The same flat charge decided by the compiled probe, on an account of its own funded alike.
  charge_native: () => nativeStore.charge(call({ accountId: "acct_cost_native" }), 1),
  charge_rated: () => store.charge(call({ price: encodePrice(graduated), counter: "search", productId: "search", track: true }), 3),
  // The flat call paid by a bundle (issued below with units for every call), and by a line's payer.
  charge_bundled: () => store.charge(call({ accountId: "acct_cost_bundled" }), 1),
  charge_line: () => store.charge(call({ accountId: LINE, payerId: "acct_cost", linePeriod: "2026-12" }), 1),
  reserve_settle: async () => {
    const c = call({ price: encodePrice(graduated), counter: "search", productId: "search", track: true });
    await store.reserve(c, 5_000, 60_000);
    await store.settle(c, { units: 3, refund: false, status: 200, durationMs: 5, requestBytes: 0, responseBytes: 100 });
  },
};

/** The total instructions of the newest callgrind dump. */
function dumpedInstructions(): number {
  // callgrind.out.<pid> is written at exit; each dump adds callgrind.out.<pid>.<n>, numbered from 1.
  const base = `callgrind.out.${pid}.`;
  const newest = readdirSync(outDir)
    .filter((f) => f.startsWith(base))
    .sort((a, b) => Number(a.slice(base.length)) - Number(b.slice(base.length)))
    .pop();
  if (newest === undefined) throw new Error(`callgrind wrote no dump in ${outDir}`);
  const totals = /^summary: (\d+)/m.exec(readFileSync(join(outDir, newest), "utf8"));
  if (totals === null) throw new Error(`no summary in ${newest}`);
  return Number(totals[1]);
}

await redis.eval("redis.call('HSET', KEYS[1], 'b', ARGV[1]) return 1", 1, "sc:{p}:a", Number.MAX_SAFE_INTEGER);
await hot.publishAccount({ accountId: "acct_cost", status: "active", activeKeyIds: ["key_cost"], currencies: ["USD"] });
await hot.applyEntry("acct_cost", "seed", "USD", 1_000_000_000_000);
await hot.publishAccount({ accountId: "acct_cost_bundled", status: "active", activeKeyIds: ["key_cost"], currencies: ["USD"] });
await hot.applyEntry("acct_cost_bundled", "seed", "USD", 1_000_000_000_000);
const bundle = {
  bundleId: "bun_cost",
  productId: "default",
  units: 1_000_000_000,
  expiresAtMs: Date.now() + 86_400_000,
  overage: "charge" as const,
  priority: 0,
  issuedAtMs: Date.now(),
};
await hot.bundles.issue("acct_cost_bundled", bundle, "uis:bun_cost");
await hot.publishAccount({
  accountId: LINE,
  status: "active",
  activeKeyIds: ["key_cost"],
  currencies: [],
  line: { payerId: "acct_cost", limits: { USD: 1_000_000_000_000 } },
});
await hot.publishAccount({ accountId: "acct_cost_native", status: "active", activeKeyIds: ["key_cost"], currencies: ["USD"] });
await hot.applyEntry("acct_cost_native", "seed", "USD", 1_000_000_000_000);

// The probe measures the same decision only if it makes it: one flat charge each way must answer alike and
// leave the same usage event (but for the account's name).
{
  const twin = { eventId: "ev_twin", timestampMs: 1_000 };
  const [lua, native] = [await store.charge(call(twin), 1), await nativeStore.charge(call({ ...twin, accountId: "acct_cost_native" }), 1)];
  const lastEvent = async (accountId: string) => {
    const entries = (await redis.xrevrange(ks.usageStream(ks.partitionOf(accountId)), "+", "-", "COUNT", 50)) as [string, string[]][];
    const fields = entries.map(([, f]) => f).find((f) => f[1] === "ev_twin" && f[3] === accountId);
    return fields?.map((v) => (v === accountId ? "<account>" : v));
  };
  const [luaEvent, nativeEvent] = [await lastEvent("acct_cost"), await lastEvent("acct_cost_native")];
  if (JSON.stringify(lua) !== JSON.stringify(native) || luaEvent === undefined || JSON.stringify(luaEvent) !== JSON.stringify(nativeEvent))
    throw new Error(`the compiled probe decides otherwise than the script: ${JSON.stringify({ lua, native, luaEvent, nativeEvent })}`);
}
const result: Record<string, number> = {};
for (const [kind, op] of Object.entries(KINDS)) {
  for (let i = 0; i < WARMUP; i++) await op();
  execFileSync("callgrind_control", ["-z", String(pid)], { stdio: "ignore" });
  for (let i = 0; i < N; i++) await op();
  execFileSync("callgrind_control", ["-d", String(pid)], { stdio: "ignore" });
  result[kind] = dumpedInstructions() / N;
}
redis.disconnect();
nativeRedis.disconnect();
writeFileSync("load/results/script-cost.json", JSON.stringify({ calls: N, instructions_per_operation: result }, null, 2));
const probe = result.probe!;
process.stdout.write(
  `Redis instructions per operation (callgrind, ${N} operations each, one at a time):\n` +
    Object.entries(result)
      .map(([kind, ir]) => `${kind.padEnd(16)}${Math.round(ir).toLocaleString("en-US").padStart(12)}  ×probe ${(ir / probe).toFixed(2)}`)
      .join("\n") +
    "\n",
);
