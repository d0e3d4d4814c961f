// Reads what `wrk --latency` printed for one slice of the cost phase (load/run.sh) and writes the slice's
// figures as load/cost.js writes them for k6: requests, the share answered 200, p50 and p99 in ms, and req/s.
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2]!, "utf8");
const ms = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? Number.NaN);
const latency = (percent: string) => {
  const m = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
  if (m === null) throw new Error(`wrk printed no ${percent}% latency:\n${text}`);
  return ms(m[1]!, m[2]!);
};
const total = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)/m.exec(text);
if (total === null) throw new Error(`wrk printed no request count:\n${text}`);
const requests = Number(total[1]);
const refused = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
const failed = errors === null ? 0 : errors.slice(1).reduce((n, x) => n + Number(x), 0);
process.stdout.write(
  JSON.stringify({
    requests,
    ok_rate: requests === 0 ? 0 : (requests - refused) / requests,
    p50_ms: latency("50"),
    p99_ms: latency("99"),
    dropped: failed,
    rps: requests / (ms(total[2]!, total[3]!) / 1000),
  }),
);
