#!/usr/bin/env bash
# The ingest soak benchmark (docs/benchmarks.md): the usage ingester against the metered gateway's peak, on
# this box, into the MongoDB-wire server (FerretDB unless MONGODB_URI is set).
#   1. burst: the gateway at its peak (k6, VUS users back to back) for BURST_SECONDS with no ingester: the
#      peak event rate, and a backlog of that many events on the streams (Redis memory read before and after);
#   2. capacity: an ingester started alone drains that backlog: events a second it can write;
#   3. soak: the gateway at its peak for SOAK_SECONDS with the ingester on, sampled every SAMPLE_SECONDS
#      (stream backlog, events ingested, Redis used_memory), then the time the backlog takes to drain.
# Calls spread over ACCOUNTS accounts (their partitions' streams fill as in production). Writes
# load/results/soak.json. Settings: VUS (32), BURST_SECONDS (30), SOAK_SECONDS (180), SAMPLE_SECONDS (5),
# ACCOUNTS (8), METERING (exact; `leased`: the accounts' plans in leased mode). Removes its data afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build

RUN_ID="soak_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:" JOBS=off
TOLLGATE_ADMIN_TOKENS="bench-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
UPSTREAM_PORT=4120 GATEWAY_PORT=4122 CONTROL_PLANE_PORT=4123 INGESTER_METRICS_PORT=4124
VUS="${VUS:-32}"
mkdir -p "$RUN_DIR" load/results

pids=()
# Its processes stopped and its data removed, however it ends.
trap 'end_run "${pids[@]}"' EXIT INT TERM

k6_load() { # DURATION SUMMARY_FILE
  "$K6_BIN" run --quiet --no-usage-report -e TARGET_URL="http://127.0.0.1:$GATEWAY_PORT/hello" -e API_KEYS="$API_KEYS" \
    -e VUS="$VUS" -e DURATION="$1" -e SUMMARY_FILE="$2" load/soak.js >/dev/null
}

PORT=$UPSTREAM_PORT node load/dist/upstream.js >"$RUN_DIR/soak-upstream.log" 2>&1 & pids+=($!)
PORT=$CONTROL_PLANE_PORT INGESTER=off node packages/control-plane/dist/main.js >"$RUN_DIR/soak-control-plane.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz"
PORT=$GATEWAY_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" LOG_LEVEL=warn node packages/gateway-plugin/dist/main.js \
  >"$RUN_DIR/soak-gateway.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$GATEWAY_PORT/_tollgate/healthz"

API_KEYS="" API_KEY=""
plan=(SEED_PRICE=1 SEED_CALLS=100000000)
if [ "${METERING:-exact}" = leased ]; then plan=(SEED_CATALOG='{"pricePerCall":1,"metering":"leased"}' SEED_BALANCE=100000000); fi
for n in $(seq "${ACCOUNTS:-8}"); do
  seeded="$(env "${plan[@]}" CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_PLAN="Soak plan $n" \
    SEED_ACCOUNT="Soak customer $n" node load/dist/seed.js)"
  eval "$seeded"
  API_KEYS="$API_KEYS${API_KEYS:+,}$API_KEY"
done

log "1. burst: ${BURST_SECONDS:-30}s at the gateway's peak ($VUS users), no ingester"
before="$(node load/dist/soak.js memory)"
k6_load "${BURST_SECONDS:-30}" load/results/soak-burst.json
with_backlog="$(node load/dist/soak.js memory)"

log "2. capacity: an ingester alone drains the backlog"
PORT=0 METRICS_PORT=$INGESTER_METRICS_PORT INGESTER_CONSUMER=soak node packages/control-plane/dist/main.js ingester \
  >"$RUN_DIR/soak-ingester.log" 2>&1 & pids+=($!)
WAIT_FOR_START=1 node load/dist/soak.js drain >load/results/soak-capacity.json
drained="$(node load/dist/soak.js memory)"
node -e 'const [b, w, d] = process.argv.slice(1).map((s) => JSON.parse(s));
  console.log(JSON.stringify({ before: b.usedMemory, backlog: w.usedMemory, drained: d.usedMemory, events: w.backlog }))' \
  "$before" "$with_backlog" "$drained" >load/results/soak-memory.json

log "3. soak: ${SOAK_SECONDS:-180}s at the gateway's peak with the ingester on"
: >load/results/soak-samples.jsonl
METRICS_URL="http://127.0.0.1:$INGESTER_METRICS_PORT/metrics" SAMPLE_MS="$(( ${SAMPLE_SECONDS:-5} * 1000 ))" \
  node load/dist/soak.js sample load/results/soak-samples.jsonl & sampler=$!
k6_load "${SOAK_SECONDS:-180}" load/results/soak-load.json
node load/dist/soak.js drain >load/results/soak-tail.json
sleep "${SAMPLE_SECONDS:-5}"
kill -TERM "$sampler"
wait "$sampler" || true
node load/dist/soak.js summary
log "written to load/results/soak.json"
