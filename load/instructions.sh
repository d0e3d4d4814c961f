#!/usr/bin/env bash
# What one call costs in instructions, not seconds: each side's proxy process and a Redis server of this run's
# own (on a Unix socket) run under valgrind's callgrind, and load/src/instructions-drive.ts sends calls one at
# a time (the steady regime: no two overlap) after a warm-up, counting what each process executes per call.
# Instruction counts do not move with what else the box is doing, so a change to the gateway or its scripts
# can be weighed on a busy box: run it on the change and on its base. The kernel's share (socket reads and
# writes) is not counted. Sides (INSTRUCTION_SIDES): bare (http-proxy-middleware alone), probe (the bare proxy
# plus one minimal EVALSHA per call: load/src/probe-proxy.ts), exact (a flat price, one script per call) and
# bundled (the same flat price, each call paid by a bundle of units first), and native (exact's gateway with its
# charging decided by the compiled-decision probe, load/native/, which this run's Redis loads).
# Leased mode is not among them: its reports go every 100 ms, so its cost per call depends on the time between
# calls, which valgrind stretches a hundredfold (measure it with npm run bench). Node runs with
# --single-threaded (no background compiler or GC threads, whose share would vary), and what each process runs
# while idle (its timers) is measured after the calls and taken off. A major garbage collection falls in a
# window of a few hundred calls or not, which moves the gateway's figure by half; over thousands it evens out.
# Settings: INSTRUCTION_SIDES (bare probe exact native bundled), INSTRUCTION_CALLS (3000), INSTRUCTION_WARMUP (2000),
# INSTRUCTION_KEEP (off).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

apt_install valgrind valgrind
services_env="$(bash scripts/services.sh up)"
eval "$services_env"
ensure_build

RUN_ID="instr_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:" INGESTER=off
TOLLGATE_ADMIN_TOKENS="instr-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
UPSTREAM_PORT=4120 CONTROL_PLANE_PORT=4121 SIDE_PORT=4122
mkdir -p "$RUN_DIR" load/results
dir="$(mktemp -d "$RUN_DIR/instructions.XXXXXX")"
socket="$dir/redis.sock"

pids=()
# INSTRUCTION_KEEP=on keeps the callgrind dumps (for callgrind_annotate) and says where.
SHARED_REDIS_URL="$REDIS_URL"
trap 'REDIS_URL="$SHARED_REDIS_URL" end_run "${pids[@]}"; if [ "${INSTRUCTION_KEEP:-off}" = on ]; then log "callgrind dumps kept in $dir"; else rm -rf "$dir"; fi' EXIT INT TERM
# Under valgrind a process starts tens of times slower: wait up to 2 minutes.
wait_slow() {
  for _ in $(seq 1200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return; sleep 0.1; done
  log "$1 did not answer"
  exit 1
}

module="$(bash load/native/build.sh)"
valgrind --tool=callgrind --callgrind-out-file="$dir/redis.%p" \
  redis-server --loadmodule "$module" --port 0 --unixsocket "$socket" --unixsocketperm 700 --save "" --appendonly no >"$dir/redis.log" 2>&1 & pids+=($!)
REDIS_VG_PID=$!
for _ in $(seq 600); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { log "redis-server under callgrind did not start: $(tail -5 "$dir/redis.log")"; exit 1; }
# This run's Redis is its own (end_run's clean-up of the shared one finds nothing of this run there).
export REDIS_URL="unix://$socket"

PORT=$UPSTREAM_PORT node load/dist/upstream.js >"$dir/upstream.log" 2>&1 & pids+=($!)
PORT=$CONTROL_PLANE_PORT node packages/control-plane/dist/main.js >"$dir/control-plane.log" 2>&1 & pids+=($!)
wait_slow "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz"
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_PRICE=1 SEED_CALLS=100000000 SEED_PLAN="Instructions plan" node load/dist/seed.js)"
eval "$seeded"
# The bundled side's account: the same flat price, its calls paid by a bundle of units first.
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_OUTPUT_PREFIX=BUNDLED_ SEED_PRICE=1 SEED_CALLS=100000000 \
  SEED_BUNDLE_UNITS=1000000000 SEED_PLAN="Instructions bundled plan" node load/dist/seed.js)"
eval "$seeded"

lines="load/results/instructions.jsonl"
: >"$lines"
upstream="http://127.0.0.1:$UPSTREAM_PORT"
# side_under_valgrind NAME SCRIPT [ENV…]: start the side's process under callgrind, in the background.
start_side() {
  local name="$1" script="$2"
  shift 2
  env PORT=$SIDE_PORT UPSTREAM_URL="$upstream" "$@" valgrind --tool=callgrind --callgrind-out-file="$dir/$name.%p" \
    node --single-threaded "$script" >"$dir/$name.log" 2>&1 &
  SIDE_PID=$!
  pids+=("$SIDE_PID")
}
stop_side() { kill "$SIDE_PID"; wait "$SIDE_PID" 2>/dev/null || true; }
drive() { node load/dist/instructions-drive.js "$1" "http://127.0.0.1:$SIDE_PORT/hello" "$2" "$SIDE_PID" "$REDIS_VG_PID" "$dir" >>"$lines"; }

# shellcheck disable=SC2206 # a word list, split on purpose
sides=(${INSTRUCTION_SIDES:-bare probe exact native bundled})
for side in "${sides[@]}"; do
  log "$side under callgrind"
  case "$side" in
    bare) start_side bare load/dist/bare-proxy.js ;;
    probe) start_side probe load/dist/probe-proxy.js REDIS_SOCKET="$socket" PROBE_PREFIX="$TOLLGATE_PREFIX" ;;
    exact | bundled) start_side gateway packages/gateway-plugin/dist/main.js ;;
    native) start_side native load/dist/native-gateway.js ;;
    *) log "INSTRUCTION_SIDES: no side $side (bare, probe, exact, native, bundled)"; exit 1 ;;
  esac
  if [ "$side" = exact ] || [ "$side" = bundled ] || [ "$side" = native ]; then
    wait_slow "http://127.0.0.1:$SIDE_PORT/_tollgate/healthz"
    key="$API_KEY"
    [ "$side" = bundled ] && key="$BUNDLED_API_KEY"
    drive "$side" "$key"
  else
    wait_slow "http://127.0.0.1:$SIDE_PORT/hello"
    drive "$side" ""
  fi
  stop_side
done
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
const rows = require("fs").readFileSync("load/results/instructions.jsonl", "utf8").trim().split("\n").map(JSON.parse);
const bare = rows.find((r) => r.side === "bare");
const f = (n) => Math.round(n).toLocaleString("en-US").padStart(12);
console.log(`\nInstructions per call, one call at a time (callgrind, ${rows[0].calls} calls a side)`);
console.log(`${"side".padEnd(8)}${["proxy", "redis", "total", "adds"].map((h) => h.padStart(12)).join("")}`);
for (const r of rows) {
  const total = r.proxy_instructions + r.redis_instructions;
  const adds = bare === undefined ? Number.NaN : total - bare.proxy_instructions - bare.redis_instructions;
  console.log(`${r.side.padEnd(8)}${f(r.proxy_instructions)}${f(r.redis_instructions)}${f(total)}${r.side === "bare" ? "".padStart(12) : f(adds)}`);
}
const adds = (side) => { const r = rows.find((x) => x.side === side); return r && bare ? r.proxy_instructions + r.redis_instructions - bare.proxy_instructions - bare.redis_instructions : undefined; };
if (adds("exact") && adds("native")) console.log(`native (the decision compiled) adds ${(adds("native") / adds("exact")).toFixed(3)}× what exact adds; the probe ${(adds("probe") / adds("exact")).toFixed(3)}×`);
if (adds("exact") && adds("bundled")) console.log(`bundled adds ${(adds("bundled") / adds("exact")).toFixed(3)}× what exact adds (issue 29: ≤ 1.10)`);
require("fs").writeFileSync("load/results/instructions.json", JSON.stringify(rows, null, 2));'
