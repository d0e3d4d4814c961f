// k6 benchmark: the same upstream through bare http-proxy-middleware and through the metered gateway,
// in one run, alternating (bare, flat-metered, response-metered, …) so that drift in the machine's load hits
// every side. "metered" is a flat price per call (one script); "response" is priced by response bytes
// (reserve the maximum, settle when the response ends: two scripts); "leased" is a flat price on a plan in
// leased mode (decided from a block of the balance the gateway holds). Prints throughput, p50/p99 latency
// per side and each ratio against bare. A benchmark, not a test.
import http from "k6/http";
import { check } from "k6";

const BARE_URL = __ENV.BARE_URL;
const METERED_URL = __ENV.METERED_URL;
const API_KEY = __ENV.API_KEY;
const RESPONSE_API_KEY = __ENV.RESPONSE_API_KEY;
const LEASED_API_KEY = __ENV.LEASED_API_KEY;
const VUS = Number(__ENV.VUS || 32);
const SLICE = Number(__ENV.SLICE_SECONDS || 10);
const PATH = __ENV.BENCH_PATH || "/hello";
const ROUNDS = 2;
const KINDS = ["bare", "metered", "response", "leased"];

const scenarios = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, kind] of KINDS.entries()) {
    scenarios[`${kind}_${round}`] = {
      executor: "constant-vus",
      exec: kind,
      vus: VUS,
      duration: `${SLICE}s`,
      startTime: `${(round * KINDS.length + i) * (SLICE + 1)}s`,
      gracefulStop: "1s",
      tags: { kind },
    };
  }
}

export const options = {
  scenarios,
  discardResponseBodies: true,
  summaryTrendStats: ["avg", "p(50)", "p(90)", "p(99)", "max"],
  // Thresholds that always pass: they only make k6 keep the per-side sub-metrics for the summary.
  thresholds: Object.fromEntries(
    KINDS.flatMap((k) => [
      [`http_reqs{kind:${k}}`, ["count>=0"]],
      [`http_req_duration{kind:${k}}`, ["max>=0"]],
      [`checks{kind:${k}}`, ["rate>=0"]],
    ]),
  ),
};

const meteredParams = { headers: { Authorization: `Bearer ${API_KEY}` } };
const responseParams = { headers: { Authorization: `Bearer ${RESPONSE_API_KEY}` } };
const leasedParams = { headers: { Authorization: `Bearer ${LEASED_API_KEY}` } };

export function bare() {
  const res = http.get(`${BARE_URL}${PATH}`);
  check(res, { "status 200": (r) => r.status === 200 });
}

export function metered() {
  const res = http.get(`${METERED_URL}${PATH}`, meteredParams);
  check(res, { "status 200": (r) => r.status === 200 });
}

export function response() {
  const res = http.get(`${METERED_URL}${PATH}`, responseParams);
  check(res, { "status 200": (r) => r.status === 200 });
}

export function leased() {
  const res = http.get(`${METERED_URL}${PATH}`, leasedParams);
  check(res, { "status 200": (r) => r.status === 200 });
}

export function handleSummary(data) {
  const seconds = ROUNDS * SLICE;
  const side = (kind) => {
    const reqs = data.metrics[`http_reqs{kind:${kind}}`].values.count;
    const d = data.metrics[`http_req_duration{kind:${kind}}`].values;
    const ok = data.metrics[`checks{kind:${kind}}`].values.rate;
    return { requests: reqs, rps: reqs / seconds, p50_ms: d["p(50)"], p99_ms: d["p(99)"], ok_rate: ok };
  };
  const bareSide = side("bare");
  const meteredSide = side("metered");
  const responseSide = side("response");
  const leasedSide = side("leased");
  const ratios = (s) => ({ rps: s.rps / bareSide.rps, p50: s.p50_ms / bareSide.p50_ms, p99: s.p99_ms / bareSide.p99_ms });
  const result = {
    vus: VUS,
    seconds_per_side: seconds,
    path: PATH,
    bare: bareSide,
    metered: meteredSide,
    response: responseSide,
    ratio_rps: meteredSide.rps / bareSide.rps,
    ratio_p50: meteredSide.p50_ms / bareSide.p50_ms,
    ratio_p99: meteredSide.p99_ms / bareSide.p99_ms,
    response_ratios: ratios(responseSide),
    leased: leasedSide,
    leased_ratios: ratios(leasedSide),
  };
  const f = (n, d = 1) => n.toFixed(d).padStart(9);
  const row = (name, s) =>
    `${name.padEnd(9)}${f(s.rps)}${f(s.p50_ms, 2)}${f(s.p99_ms, 2)}${f(s.ok_rate * 100, 1)}%${String(s.requests).padStart(10)}`;
  const text = [
    "",
    `Tollgate gateway benchmark: ${VUS} VUs, ${seconds}s per side, GET ${PATH}`,
    `${"side".padEnd(9)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"200s".padStart(10)}${"requests".padStart(10)}`,
    row("bare", bareSide),
    row("metered", meteredSide),
    row("response", responseSide),
    row("leased", leasedSide),
    `ratio metered/bare (flat price, one script): throughput ${result.ratio_rps.toFixed(3)}, p50 ${result.ratio_p50.toFixed(3)}, p99 ${result.ratio_p99.toFixed(3)}`,
    `ratio response/bare (priced by response bytes, reserve + settle): throughput ${result.response_ratios.rps.toFixed(3)}, p50 ${result.response_ratios.p50.toFixed(3)}, p99 ${result.response_ratios.p99.toFixed(3)}`,
    `ratio leased/bare (flat price, leased mode): throughput ${result.leased_ratios.rps.toFixed(3)}, p50 ${result.leased_ratios.p50.toFixed(3)}, p99 ${result.leased_ratios.p99.toFixed(3)}`,
    "",
  ].join("\n");
  return { stdout: text, [__ENV.SUMMARY_FILE || "load/results/summary.json"]: JSON.stringify(result, null, 2) };
}
