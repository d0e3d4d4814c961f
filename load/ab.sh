#!/usr/bin/env bash
# A paired comparison of two builds of the gateway: this checkout's and another commit's (AB_BASE, default
# HEAD, so that uncommitted work is measured against what it changes). Both gateways run at once, in front of
# one upstream, and each round drives both at the same fixed arrival rate at the same time, so that whatever
# else the box does falls on both alike; the bare proxy runs alone each round, for scale. The figure is each
# process's CPU time (user + system, /proc/<pid>/stat) per call served, and the median over the rounds (the
# first one, a warm-up, left out) of this build's over the base's: load/results/ab.json. On a box whose
# figures move by 10 % from one run to the next, a change of a few percent shows only this way.
# Settings: AB_BASE (HEAD), AB_PLAN (leased | flat | response; default leased), RATE (700 calls/s per side),
# ROUNDS (6), SECONDS_PER_ROUND (10). The base is built in a git worktree under .run with this checkout's
# node_modules (a base whose dependencies differ is not comparable this way).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)"
eval "$services_env"
ensure_build

AB_BASE="${AB_BASE:-HEAD}" AB_PLAN="${AB_PLAN:-leased}" RATE="${RATE:-700}" ROUNDS="${ROUNDS:-6}" SECS="${SECONDS_PER_ROUND:-10}"
case "$AB_PLAN" in
  leased) catalog='{"pricePerCall":1,"metering":"leased"}' ;;
  flat) catalog='{"pricePerCall":1}' ;;
  response) catalog='{"unmatched":{"action":"price","price":{"metric":"response_bytes","unitPrice":1,"maximum":10000}}}' ;;
  *) log "AB_PLAN must be leased, flat or response, not $AB_PLAN"; exit 1 ;;
esac
RUN_ID="ab_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:" INGESTER=off
TOLLGATE_ADMIN_TOKENS="ab-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
UPSTREAM_PORT=4110 BARE_PORT=4111 BASE_PORT=4112 THIS_PORT=4113 CONTROL_PLANE_PORT=4114
BASE_TREE="$RUN_DIR/ab-base"
mkdir -p "$RUN_DIR" load/results

pids=()
cleanup() {
  end_run "${pids[@]}"
  git worktree remove --force "$BASE_TREE" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

base_commit="$(git rev-parse --verify "$AB_BASE^{commit}")" || { log "AB_BASE $AB_BASE is not a commit"; exit 1; }
git worktree remove --force "$BASE_TREE" 2>/dev/null || true
git worktree add --detach "$BASE_TREE" "$base_commit" >/dev/null
ln -s "$ROOT/node_modules" "$BASE_TREE/node_modules"
ln -s "$ROOT/packages/gateway-plugin/node_modules" "$BASE_TREE/packages/gateway-plugin/node_modules"
log "building the base gateway ($(git log -1 --format='%h %s' "$base_commit" | cut -c1-72))"
(cd "$BASE_TREE" && "$ROOT/node_modules/.bin/tsc" -p packages/gateway-plugin/tsconfig.json)

PORT=$UPSTREAM_PORT node load/dist/upstream.js >"$RUN_DIR/ab-upstream.log" 2>&1 & pids+=($!)
PORT=$CONTROL_PLANE_PORT node packages/control-plane/dist/main.js >"$RUN_DIR/ab-control-plane.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz"
upstream="http://127.0.0.1:$UPSTREAM_PORT"
PORT=$BARE_PORT UPSTREAM_URL="$upstream" node load/dist/bare-proxy.js >"$RUN_DIR/ab-bare.log" 2>&1 & pids+=($!)
BARE_PID=$!
PORT=$BASE_PORT UPSTREAM_URL="$upstream" node "$BASE_TREE/packages/gateway-plugin/dist/main.js" >"$RUN_DIR/ab-gateway-base.log" 2>&1 & pids+=($!)
BASE_PID=$!
PORT=$THIS_PORT UPSTREAM_URL="$upstream" node packages/gateway-plugin/dist/main.js >"$RUN_DIR/ab-gateway-this.log" 2>&1 & pids+=($!)
THIS_PID=$!
wait_http "http://127.0.0.1:$BARE_PORT/hello"
wait_http "http://127.0.0.1:$BASE_PORT/_tollgate/healthz"
wait_http "http://127.0.0.1:$THIS_PORT/_tollgate/healthz"
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_BALANCE=100000000000 SEED_PLAN="A/B plan" SEED_CATALOG="$catalog" node load/dist/seed.js)"
eval "$seeded"

# One side's slice: CPU ticks of its process and the calls it served, as a JSON line.
slice() { # name url key pid round
  local before after
  before=$(awk '{ print $14 + $15 }' "/proc/$4/stat")
  "$K6_BIN" run --quiet --no-usage-report -e TARGET_URL="$2" -e API_KEY="$3" -e RATE="$RATE" -e SECONDS="$SECS" \
    -e SUMMARY_FILE="$RUN_DIR/ab-$1.json" load/cost.js >/dev/null
  after=$(awk '{ print $14 + $15 }' "/proc/$4/stat")
  SIDE="$1" ROUND="$5" TICKS=$((after - before)) HZ="$(getconf CLK_TCK)" node -e 'const s = require(process.argv[1]); const e = process.env;
    console.log(JSON.stringify({ side: e.SIDE, round: Number(e.ROUND), calls: s.requests, ok_rate: s.ok_rate, p99_ms: s.p99_ms,
      cpu_us_per_call: (Number(e.TICKS) / Number(e.HZ)) * 1e6 / s.requests }))' "$RUN_DIR/ab-$1.json"
}
log "A/B: $AB_PLAN plan, $RATE calls/s per side, $ROUNDS rounds of ${SECS}s; base $(git rev-parse --short "$base_commit")"
rounds="load/results/ab-rounds.jsonl"
: >"$rounds"
for round in $(seq "$ROUNDS"); do
  slice bare "http://127.0.0.1:$BARE_PORT/hello" "" "$BARE_PID" "$round" >>"$rounds"
  slice base "http://127.0.0.1:$BASE_PORT/hello" "$API_KEY" "$BASE_PID" "$round" >"$RUN_DIR/ab-base.line" &
  base_job=$!
  slice this "http://127.0.0.1:$THIS_PORT/hello" "$API_KEY" "$THIS_PID" "$round" >"$RUN_DIR/ab-this.line" &
  this_job=$!
  wait "$base_job" "$this_job"
  cat "$RUN_DIR/ab-base.line" "$RUN_DIR/ab-this.line" >>"$rounds"
done
AB_PLAN="$AB_PLAN" AB_BASE="$(git rev-parse --short "$base_commit")" RATE="$RATE" node load/dist/ab-summary.js
