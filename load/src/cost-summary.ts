// Sums up the cost phase of load/run.sh: per side, the median over rounds of CPU µs per call (the proxy process
// and the Redis server), p50 and p99, and what metering adds over the bare proxy. Writes load/results/cost.json.
import { readFileSync, writeFileSync } from "node:fs";

interface Slice {
  side: "bare" | "metered" | "response" | "leased";
  round: number;
  requests: number;
  ok_rate: number;
  p50_ms: number;
  p99_ms: number;
  dropped: number;
  proxy_cpu_us: number;
  redis_cpu_us: number;
}

const slices = readFileSync("load/results/cost-slices.jsonl", "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Slice);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const SIDES = ["bare", "metered", "response", "leased"] as const;
function costOf(side: Slice["side"]) {
  const mine = slices.filter((s) => s.side === side);
  const proxy = median(mine.map((s) => s.proxy_cpu_us / s.requests));
  const redis = median(mine.map((s) => s.redis_cpu_us / s.requests));
  return {
    proxy_cpu_us_per_call: proxy,
    redis_cpu_us_per_call: redis,
    total_cpu_us_per_call: proxy + redis,
    p50_ms: median(mine.map((s) => s.p50_ms)),
    p99_ms: median(mine.map((s) => s.p99_ms)),
    ok_rate: Math.min(...mine.map((s) => s.ok_rate)),
    dropped: mine.reduce((n, s) => n + s.dropped, 0),
  };
}
const sides = { bare: costOf("bare"), metered: costOf("metered"), response: costOf("response"), leased: costOf("leased") };

const added = (side: "metered" | "response" | "leased") => sides[side].total_cpu_us_per_call - sides.bare.total_cpu_us_per_call;
const result = {
  rate: Number(process.env.COST_RATE),
  rounds: slices.length / SIDES.length,
  sides,
  metering_cpu_us_per_call: { metered: added("metered"), response: added("response"), leased: added("leased") },
  p99_added_ms: {
    metered: sides.metered.p99_ms - sides.bare.p99_ms,
    response: sides.response.p99_ms - sides.bare.p99_ms,
    leased: sides.leased.p99_ms - sides.bare.p99_ms,
  },
};
writeFileSync("load/results/cost.json", JSON.stringify(result, null, 2));

const f = (n: number, d = 1) => n.toFixed(d).padStart(10);
const lines = [
  "",
  `Cost at ${result.rate} calls/s (median of ${result.rounds} rounds): CPU µs per call`,
  `${"side".padEnd(10)}${["proxy", "redis", "total", "p50 ms", "p99 ms", "200s"].map((h) => h.padStart(10)).join("")}`,
  ...SIDES.map((name) => {
    const s = sides[name];
    return `${name.padEnd(10)}${f(s.proxy_cpu_us_per_call)}${f(s.redis_cpu_us_per_call)}${f(s.total_cpu_us_per_call)}${f(s.p50_ms, 2)}${f(s.p99_ms, 2)}${f(s.ok_rate * 100)}%`;
  }),
  `metering adds ${added("metered").toFixed(1)} µs a call (flat price), ${added("response").toFixed(1)} µs (by response), ` +
    `${added("leased").toFixed(1)} µs (leased); p99 +${result.p99_added_ms.metered.toFixed(2)} ms / ` +
    `+${result.p99_added_ms.response.toFixed(2)} ms / +${result.p99_added_ms.leased.toFixed(2)} ms`,
];
process.stdout.write(`${lines.join("\n")}\n`);
