// Sums up load/ab.sh: per side, the median CPU µs per call over the rounds after the first (a warm-up), and the
// median over those rounds of this build's figure over the base's, taken round by round (the two ran at once).
// Writes load/results/ab.json.
import { readFileSync, writeFileSync } from "node:fs";

interface Slice {
  side: "bare" | "base" | "this";
  round: number;
  calls: number;
  ok_rate: number;
  p99_ms: number;
  cpu_us_per_call: number;
}

const slices = readFileSync("load/results/ab-rounds.jsonl", "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Slice);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const rounds = [...new Set(slices.map((s) => s.round))].sort((a, b) => a - b);
const counted = rounds.length > 1 ? rounds.slice(1) : rounds;
const of = (side: Slice["side"], round: number) => slices.find((s) => s.side === side && s.round === round)!;
const cpu = (side: Slice["side"]) => median(counted.map((r) => of(side, r).cpu_us_per_call));
const ratios = counted.map((r) => of("this", r).cpu_us_per_call / of("base", r).cpu_us_per_call);
const result = {
  plan: process.env.AB_PLAN,
  base: process.env.AB_BASE,
  rate: Number(process.env.RATE),
  rounds: counted.length,
  cpu_us_per_call: { bare: cpu("bare"), base: cpu("base"), this: cpu("this") },
  this_over_base: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  ok_rate: Math.min(...slices.map((s) => s.ok_rate)),
};
writeFileSync("load/results/ab.json", JSON.stringify(result, null, 2));

const f = (n: number) => n.toFixed(1).padStart(8);
console.log(
  [
    "",
    `A/B, ${result.plan} plan, ${result.rate} calls/s per side, median of ${result.rounds} rounds: CPU µs per call`,
    `  bare ${f(result.cpu_us_per_call.bare)}   base (${result.base}) ${f(result.cpu_us_per_call.base)}   this ${f(result.cpu_us_per_call.this)}`,
    `  this / base, round by round: median ${result.this_over_base.median.toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(", ")})`,
    `  every answer a 200: ${result.ok_rate === 1 ? "yes" : `no (${(result.ok_rate * 100).toFixed(2)} %)`}`,
  ].join("\n"),
);
