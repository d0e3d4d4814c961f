// k6: direct charges (POST /v1/charges) at a fixed arrival rate, each with its own Idempotency-Key, against
// the control plane; every 10th request repeats an earlier key (a retry), which must answer the first charge.
// Prints p50/p99 and writes SUMMARY_FILE. A benchmark, not a test: the target is p99 under 5 ms at moderate load.
// BASELINE=1 sends GET /healthz instead, at the same rate to the same process: what any request costs on
// this box (Express, the event loop, k6 on the same cores), against which the charge's own cost is read.
import http from "k6/http";
import { check } from "k6";
import exec from "k6/execution";

const RATE = Number(__ENV.RATE || 300);
const SECONDS = Number(__ENV.SECONDS || 20);
// A warm-up at the same rate first, left out of the figures: the first calls of a process compile the
// charge path and fill its caches (keys, plans), which no steady state pays again.
const WARMUP = Number(__ENV.WARMUP_SECONDS ?? 5);
const BASELINE = __ENV.BASELINE === "1";
const URL = `${__ENV.CONTROL_PLANE_URL}${BASELINE ? "/healthz" : "/v1/charges"}`;
const body = JSON.stringify({ productId: "default", units: 1 });

export const options = {
  scenarios: {
    ...(WARMUP > 0 && {
      warmup: { executor: "constant-arrival-rate", rate: RATE, timeUnit: "1s", duration: `${WARMUP}s`, preAllocatedVUs: 32, maxVUs: 128 },
    }),
    charges: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: `${SECONDS}s`,
      startTime: `${WARMUP}s`,
      preAllocatedVUs: 32,
      maxVUs: 128,
    },
  },
  // Only the measured scenario's figures (a threshold that always holds makes k6 keep the sub-metrics).
  thresholds: {
    "http_req_duration{scenario:charges}": ["max>=0"],
    "http_reqs{scenario:charges}": ["count>=0"],
    "checks{scenario:charges}": ["rate>=0"],
    "dropped_iterations{scenario:charges}": ["count>=0"],
  },
  discardResponseBodies: true,
  summaryTrendStats: ["avg", "p(50)", "p(90)", "p(99)", "max"],
};

export default function () {
  if (BASELINE) {
    check(http.get(URL), { "status 200": (r) => r.status === 200 });
    return;
  }
  const n = exec.scenario.iterationInTest;
  const key = `k6-${exec.scenario.name}-${n % 10 === 9 ? n - 5 : n}`;
  const res = http.post(URL, body, {
    headers: { authorization: `Bearer ${__ENV.API_KEY}`, "content-type": "application/json", "idempotency-key": key },
  });
  check(res, { "status 201": (r) => r.status === 201 });
}

export function handleSummary(data) {
  const measured = (name) => data.metrics[`${name}{scenario:charges}`];
  const d = measured("http_req_duration").values;
  const result = {
    target: BASELINE ? "GET /healthz" : "POST /v1/charges",
    rate: RATE,
    seconds: SECONDS,
    requests: measured("http_reqs").values.count,
    ok_rate: measured("checks").values.rate,
    p50_ms: d["p(50)"],
    p90_ms: d["p(90)"],
    p99_ms: d["p(99)"],
    max_ms: d.max,
    dropped: measured("dropped_iterations") ? measured("dropped_iterations").values.count : 0,
  };
  const text =
    `\n${BASELINE ? "Baseline (GET /healthz)" : "Direct charges"} at ${RATE}/s for ${SECONDS}s: ${result.requests} requests, ${(result.ok_rate * 100).toFixed(2)}% 201, ` +
    `p50 ${result.p50_ms.toFixed(2)} ms, p90 ${result.p90_ms.toFixed(2)} ms, p99 ${result.p99_ms.toFixed(2)} ms, max ${result.max_ms.toFixed(1)} ms, dropped ${result.dropped}\n`;
  return { stdout: text, [__ENV.SUMMARY_FILE]: JSON.stringify(result, null, 2) };
}
