// Sums up the cost phase of load/run.sh, per regime (steady rate, saturation) and side: the median over rounds
// of CPU µs per call (the proxy process and its Redis server), p50 and p99, req/s, what metering adds over the
// bare proxy, and how close each side comes to the limit probe (one minimal EVALSHA per call). Writes
// load/results/cost.json and prints one table, with issue 31's targets beside the figures.
import { readFileSync, writeFileSync } from "node:fs";

const ALL_SIDES = ["bare", "probe_tcp", "probe_unix", "exact", "native", "bundled", "response", "leased", "probe_lease"] as const;
const ALL_REGIMES = ["steady", "saturated"] as const;
type Side = (typeof ALL_SIDES)[number];
type Regime = (typeof ALL_REGIMES)[number];

interface Slice {
  regime: Regime;
  side: Side;
  round: number;
  seconds: number;
  requests: number;
  ok_rate: number;
  p50_ms: number;
  p99_ms: number;
  dropped: number;
  proxy_cpu_us: number;
  redis_cpu_us: number;
}

/** Issue 31's targets: what metering may add a call (µs), and the least throughput against bare at saturation. */
const TARGETS = {
  steady: { exact: 40, leased: 10 },
  saturated: { exact: 15, leased: 5 },
  throughput: { exact: 0.9, leased: 0.98 },
} as const;
/** Issue 31's: the exact side adds at most this much more than the limit probe over TCP. */
const EXACT_OVER_PROBE = 1.1;
/** Issue 29's: a call a bundle pays adds at most this much more than the flat exact call. */
const BUNDLED_OVER_EXACT = 1.1;

const slices = readFileSync("load/results/cost-slices.jsonl", "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Slice);
// The regimes and sides this run measured (COST_REGIMES, COST_SIDES), in the table's order; bare is the scale.
const SIDES = ALL_SIDES.filter((side) => slices.some((s) => s.side === side));
const REGIMES = ALL_REGIMES.filter((regime) => slices.some((s) => s.regime === regime));
if (!SIDES.includes("bare")) throw new Error("the cost phase needs the bare side: every figure is read against it");
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function costOf(regime: Regime, side: Side) {
  const mine = slices.filter((s) => s.regime === regime && s.side === side);
  const proxy = median(mine.map((s) => s.proxy_cpu_us / s.requests));
  const redis = median(mine.map((s) => s.redis_cpu_us / s.requests));
  return {
    proxy_cpu_us_per_call: proxy,
    redis_cpu_us_per_call: redis,
    total_cpu_us_per_call: proxy + redis,
    rps: median(mine.map((s) => s.requests / s.seconds)),
    p50_ms: median(mine.map((s) => s.p50_ms)),
    p99_ms: median(mine.map((s) => s.p99_ms)),
    ok_rate: Math.min(...mine.map((s) => s.ok_rate)),
    dropped: mine.reduce((n, s) => n + s.dropped, 0),
  };
}
type Cost = ReturnType<typeof costOf>;

function regimeOf(regime: Regime) {
  const sides = Object.fromEntries(SIDES.map((side) => [side, costOf(regime, side)])) as Record<Side, Cost>;
  const bare = sides.bare;
  const added = Object.fromEntries(SIDES.map((side) => [side, sides[side].total_cpu_us_per_call - bare.total_cpu_us_per_call])) as Record<
    Side,
    number
  >;
  return {
    sides,
    /** CPU µs a call over the bare proxy's. */
    metering_cpu_us_per_call: added,
    /** Each side's req/s against bare's (meaningful at saturation). */
    throughput_ratio: Object.fromEntries(SIDES.map((side) => [side, sides[side].rps / bare.rps])) as Record<Side, number>,
    /** Each side's added cost against the probe's over TCP: 1.00 is the limit, 1.10 is within 10 % of it. */
    // Not a ratio where the probe adds nothing measurable (at saturation it can cost bare's figure or less).
    against_probe: Object.fromEntries(
      SIDES.map((side) => [side, added.probe_tcp > 0 ? added[side] / added.probe_tcp : Number.NaN]),
    ) as Record<Side, number>,
    p99_added_ms: Object.fromEntries(SIDES.map((side) => [side, sides[side].p99_ms - bare.p99_ms])) as Record<Side, number>,
  };
}

const result = {
  steady_rate: Number(process.env.STEADY_RATE),
  saturation_connections: Number(process.env.SATURATION_CONNECTIONS),
  rounds: Math.max(...slices.map((s) => s.round)),
  ...Object.fromEntries(REGIMES.map((regime) => [regime, regimeOf(regime)])),
  targets: TARGETS,
} as { steady_rate: number; saturation_connections: number; rounds: number; targets: typeof TARGETS } & Partial<
  Record<Regime, ReturnType<typeof regimeOf>>
>;
writeFileSync("load/results/cost.json", JSON.stringify(result, null, 2));

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—").padStart(9);
const target = (regime: Regime, side: Side) => {
  if (side === "bundled") {
    const r = result[regime]!;
    const ratio = r.metering_cpu_us_per_call.bundled / r.metering_cpu_us_per_call.exact;
    return `  ${ratio.toFixed(2)}× exact's adds: target ≤${BUNDLED_OVER_EXACT} ${ratio <= BUNDLED_OVER_EXACT ? "met" : "NOT met"}`;
  }
  const r = result[regime]!;
  // The compiled-decision probe (load/native/): its Redis share against the limit probe's, and what its gateway
  // process spends over the probe's proxy (Tollgate's own work per call, the same as exact's).
  if (side === "native") {
    if (!SIDES.includes("probe_tcp")) return "";
    const probe = r.sides.probe_tcp;
    const own = r.sides.native;
    return `  redis ${(own.redis_cpu_us_per_call / probe.redis_cpu_us_per_call).toFixed(2)}× the probe's, proxy +${(own.proxy_cpu_us_per_call - probe.proxy_cpu_us_per_call).toFixed(1)} µs`;
  }
  // The leased-mode floor (load/src/lease-probe.ts): what Tollgate's leased side adds over it is its own code.
  if (side === "probe_lease") {
    if (!SIDES.includes("leased")) return "";
    return `  leased adds ${(r.metering_cpu_us_per_call.leased - r.metering_cpu_us_per_call.probe_lease).toFixed(1)} µs over this floor`;
  }
  if (side !== "exact" && side !== "leased") return "";
  const limit = TARGETS[regime][side];
  const met = r.metering_cpu_us_per_call[side] <= limit;
  const extra =
    regime === "saturated"
      ? `, ${r.throughput_ratio[side] >= TARGETS.throughput[side] ? "met" : "NOT met"} ≥${TARGETS.throughput[side]}× bare`
      : `, p99 ${r.p99_added_ms[side] <= 1 ? "met" : "NOT met"} ≤ bare + 1 ms`;
  const withinProbe =
    side !== "exact" || !SIDES.includes("probe_tcp")
      ? ""
      : Number.isNaN(r.against_probe.exact)
        ? ", ×probe not measurable (the probe adds nothing over bare here)"
        : `, ${r.against_probe.exact <= EXACT_OVER_PROBE ? "met" : "NOT met"} ≤${EXACT_OVER_PROBE}× probe`;
  return `  target ≤${limit} µs ${met ? "met" : "NOT met"}${extra}${withinProbe}`;
};
const lines: string[] = [];
for (const regime of REGIMES) {
  const r = result[regime]!;
  lines.push(
    "",
    regime === "steady"
      ? `Steady rate, ${result.steady_rate} calls/s (k6), median of ${result.rounds} rounds: CPU µs per call`
      : `Saturation (wrk, ${result.saturation_connections} connections), median of ${result.rounds} rounds: CPU µs per call`,
    `${"side".padEnd(11)}${["proxy", "redis", "total", "adds", "×probe", "req/s", "×bare", "p50 ms", "p99 ms", "200s"].map((h) => h.padStart(9)).join("")}`,
  );
  for (const side of SIDES) {
    const s = r.sides[side];
    lines.push(
      `${side.padEnd(11)}${f(s.proxy_cpu_us_per_call)}${f(s.redis_cpu_us_per_call)}${f(s.total_cpu_us_per_call)}` +
        `${side === "bare" ? f(Number.NaN) : f(r.metering_cpu_us_per_call[side])}${side === "bare" ? f(Number.NaN) : f(r.against_probe[side], 2)}` +
        `${f(s.rps, 0)}${f(r.throughput_ratio[side], 2)}${f(s.p50_ms, 2)}${f(s.p99_ms, 2)}${f(s.ok_rate * 100)}%${target(regime, side)}`,
    );
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
