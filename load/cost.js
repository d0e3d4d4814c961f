// k6, one slice of the cost benchmark: GET TARGET_URL at a fixed arrival rate (RATE calls a second for
// SECONDS), so that the CPU the processes spend (read around the slice by load/run.sh) is divided by a known
// number of calls. Writes the slice's figures to SUMMARY_FILE. A benchmark, not a test.
import http from "k6/http";
import { check } from "k6";

const RATE = Number(__ENV.RATE);
const SECONDS = Number(__ENV.SECONDS || 10);
const params = __ENV.API_KEY ? { headers: { Authorization: `Bearer ${__ENV.API_KEY}` } } : {};

export const options = {
  scenarios: {
    fixed: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: `${SECONDS}s`,
      preAllocatedVUs: 64,
      maxVUs: 256,
    },
  },
  discardResponseBodies: true,
  summaryTrendStats: ["avg", "p(50)", "p(99)", "max"],
};

export default function () {
  const res = http.get(__ENV.TARGET_URL, params);
  check(res, { "status 200": (r) => r.status === 200 });
}

export function handleSummary(data) {
  const d = data.metrics.http_req_duration.values;
  const dropped = data.metrics.dropped_iterations ? data.metrics.dropped_iterations.values.count : 0;
  const result = {
    requests: data.metrics.http_reqs.values.count,
    ok_rate: data.metrics.checks.values.rate,
    p50_ms: d["p(50)"],
    p99_ms: d["p(99)"],
    dropped,
  };
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(result) };
}
