// k6, the soak benchmark's load (load/soak.sh): VUS virtual users calling TARGET_URL back to back for
// DURATION seconds, spreading the calls over the API keys in API_KEYS (comma-separated: several accounts, so
// several partitions' streams fill as in production). Writes its figures to SUMMARY_FILE. A benchmark, not a test.
import http from "k6/http";
import { check } from "k6";

const KEYS = (__ENV.API_KEYS || "").split(",").filter((k) => k !== "");

export const options = {
  scenarios: { peak: { executor: "constant-vus", vus: Number(__ENV.VUS || 32), duration: `${__ENV.DURATION || 30}s` } },
  discardResponseBodies: true,
  summaryTrendStats: ["avg", "p(50)", "p(99)", "max"],
};

export default function () {
  const key = KEYS[(__VU + __ITER) % KEYS.length];
  const res = http.get(__ENV.TARGET_URL, { headers: { Authorization: `Bearer ${key}` } });
  check(res, { "status 200": (r) => r.status === 200 });
}

export function handleSummary(data) {
  const d = data.metrics.http_req_duration.values;
  const result = {
    requests: data.metrics.http_reqs.values.count,
    rps: data.metrics.http_reqs.values.rate,
    ok_rate: data.metrics.checks.values.rate,
    p50_ms: d["p(50)"],
    p99_ms: d["p(99)"],
  };
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(result) };
}
