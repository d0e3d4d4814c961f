#!/usr/bin/env bash
# The direct-charge benchmark (load/charges.js): the control plane alone (its ingester on, as in production),
# one funded account, POST /v1/charges at RATE a second (300) for SECONDS_RUN (20), each with its own
# Idempotency-Key (every 10th a repeat), after a warm-up of WARMUP_SECONDS (5) left out of the figures. Target: p99 under 5 ms. INGESTER: on (in the API's process, the
# default), off, or process (a process of its own). Removes its data afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build

RUN_ID="charges_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:"
TOLLGATE_ADMIN_TOKENS="bench-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
CONTROL_PLANE_PORT=4113
mkdir -p "$RUN_DIR" load/results

pids=()
# Its processes stopped and its data removed, however it ends.
trap 'end_run "${pids[@]}"' EXIT INT TERM

# PROFILE=on: a V8 CPU profile of the control plane into .run/profiles (summed up by load/dist/profile-top.js).
profile=()
if [ "${PROFILE:-off}" = on ]; then mkdir -p "$RUN_DIR/profiles" && profile=(--cpu-prof --cpu-prof-dir="$RUN_DIR/profiles"); fi
# INGESTER=process: the API with its ingester off, and the ingester as a process of its own beside it.
api_ingester="${INGESTER:-on}"
[ "$api_ingester" = process ] && api_ingester=off
PORT=$CONTROL_PLANE_PORT INGESTER="$api_ingester" node "${profile[@]}" packages/control-plane/dist/main.js \
  >"$RUN_DIR/charges-control-plane.log" 2>&1 & pids+=($!)
if [ "${INGESTER:-on}" = process ]; then
  PORT=0 INGESTER=on INGESTER_CONSUMER=charges-ingester nice -n "${WORKER_NICE:-0}" node packages/control-plane/dist/main.js ingester >"$RUN_DIR/charges-ingester.log" 2>&1 & pids+=($!)
fi
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz" 2>/dev/null && break; sleep 0.1; done

seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_PRICE=1 SEED_CALLS=100000000 SEED_PLAN="Charges plan" node load/dist/seed.js)"
eval "$seeded"
# The baseline first (GET /healthz, same process, same rate), then the charges: what a charge adds is read
# against what any request costs on this box in the same run.
for side in ${SIDES:-baseline charges}; do
  "$K6_BIN" run --quiet --no-usage-report ${K6_OUT:+--out "csv=$K6_OUT"} -e CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" -e API_KEY="$API_KEY" \
    -e BASELINE="$([ "$side" = baseline ] && echo 1 || echo 0)" -e RATE="${RATE:-300}" -e SECONDS="${SECONDS_RUN:-20}" \
    -e SUMMARY_FILE="load/results/$side.json" load/charges.js
done
log "summaries written to load/results/baseline.json and load/results/charges.json"
