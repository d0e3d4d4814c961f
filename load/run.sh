#!/usr/bin/env bash
# Runs the gateway benchmark: upstream, bare http-proxy-middleware and the metered gateway, then k6 against
# both in one run. The control plane runs too (it seeds the account); its usage ingester is off by default,
# because in production it and MongoDB run on other hosts, and on this 2-core box FerretDB's writes would be
# measured as gateway cost. INGESTER=on measures everything on one box. Afterwards the usage streams are
# counted: exactly one usage event per metered 200.
# Then the cost phase, in two regimes (a steady rate and saturation), the limit probe beside the sides: see
# below. CPU µs per call is the figure that does not move with the box's speed the way req/s does.
# Settings: VUS (32), SLICE_SECONDS (10; two slices per side), BENCH_PATH (/hello), INGESTER (off),
# COST_ROUNDS (3, 0 skips the phase), COST_SECONDS (8), STEADY_RATE, SATURATION_CONNECTIONS (50), COST_REGIMES
# (steady saturated), COST_SIDES (bare probe_tcp probe_unix exact native bundled response leased probe_lease), THROUGHPUT (on), PROFILE (off),
# REDIS_TRANSPORT (tcp), STRACE (off; on: each slice's system calls per process in .run/strace-*.txt, which
# slows the traced process: its CPU figures are then not comparable).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build

RUN_ID="bench_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:"
export INGESTER="${INGESTER:-off}"
TOLLGATE_ADMIN_TOKENS="bench-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
UPSTREAM_PORT=4100 BARE_PORT=4101 GATEWAY_PORT=4102 CONTROL_PLANE_PORT=4103
mkdir -p "$RUN_DIR" load/results

pids=()
# Its processes stopped and its data removed, however it ends.
trap 'REDIS_URL="${TCP_REDIS_URL:-$REDIS_URL}" end_run "${pids[@]}"' EXIT INT TERM

# A Redis server of this run's own, over TCP and on a Unix socket, that nothing else uses: every side talks to it
# (REDIS_TRANSPORT=tcp, the default, or unix: the control plane and the gateways then use REDIS_URL=unix://…, to
# measure what the socket saves), and the limit probe has a side on each. It loads the compiled-decision probe
# (load/native/, built with gcc), which the side `native` sends its charges to.
REDIS_TRANSPORT="${REDIS_TRANSPORT:-tcp}"
RUN_REDIS_PORT=4106
TCP_REDIS_URL="redis://127.0.0.1:$RUN_REDIS_PORT"
RUN_SOCKET="$RUN_DIR/bench-redis-$$.sock"
NATIVE_MODULE="$(bash load/native/build.sh)"
redis-server --port "$RUN_REDIS_PORT" --bind 127.0.0.1 --unixsocket "$RUN_SOCKET" --unixsocketperm 700 --save "" --appendonly no \
  --loadmodule "$NATIVE_MODULE" >"$RUN_DIR/bench-socket-redis.log" 2>&1 & pids+=($!)
SOCKET_REDIS_PID=$!
for _ in $(seq 100); do [ -S "$RUN_SOCKET" ] && break; sleep 0.1; done
[ -S "$RUN_SOCKET" ] || { log "the run's Redis on $RUN_SOCKET did not start: $(tail -3 "$RUN_DIR/bench-socket-redis.log")"; exit 1; }
case "$REDIS_TRANSPORT" in
  tcp) export REDIS_URL="$TCP_REDIS_URL"; rcli() { redis-cli -u "$TCP_REDIS_URL" "$@"; } ;;
  unix) export REDIS_URL="unix://$RUN_SOCKET"; rcli() { redis-cli -s "$RUN_SOCKET" "$@"; } ;;
  *) log "REDIS_TRANSPORT must be tcp or unix, not $REDIS_TRANSPORT"; exit 1 ;;
esac

PORT=$UPSTREAM_PORT node load/dist/upstream.js >"$RUN_DIR/bench-upstream.log" 2>&1 & pids+=($!)
PORT=$CONTROL_PLANE_PORT node packages/control-plane/dist/main.js >"$RUN_DIR/bench-control-plane.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz"
# PROFILE=on: the gateway writes a V8 CPU profile when it stops (.run/profiles/), and the bare proxy one of its
# own to hold it against (.run/profiles/bare/); `node load/dist/profile-top.js [file]` sums one up by function
# and by package (default: the gateway's newest).
profile=() bare_profile=()
if [ "${PROFILE:-off}" = on ]; then
  profile=(--cpu-prof --cpu-prof-dir "$RUN_DIR/profiles")
  bare_profile=(--cpu-prof --cpu-prof-dir "$RUN_DIR/profiles/bare")
fi
PORT=$BARE_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" node "${bare_profile[@]}" load/dist/bare-proxy.js >"$RUN_DIR/bench-bare.log" 2>&1 & pids+=($!)
BARE_PID=$!
PORT=$GATEWAY_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" LOG_LEVEL="${GATEWAY_LOG_LEVEL:-info}" node "${profile[@]}" packages/gateway-plugin/dist/main.js >"$RUN_DIR/bench-gateway.log" 2>&1 & pids+=($!)
GATEWAY_PID=$!
# The same gateway with its charging batches decided by the compiled-decision probe (load/src/native-gateway.ts).
NATIVE_PORT=4107
PORT=$NATIVE_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" LOG_LEVEL="${GATEWAY_LOG_LEVEL:-info}" node load/dist/native-gateway.js \
  >"$RUN_DIR/bench-native.log" 2>&1 & pids+=($!)
NATIVE_PID=$!
wait_http "http://127.0.0.1:$BARE_PORT/hello"
wait_http "http://127.0.0.1:$GATEWAY_PORT/_tollgate/healthz"
wait_http "http://127.0.0.1:$NATIVE_PORT/_tollgate/healthz"

# Funded far beyond the run, so that every metered call is a paid one.
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_PRICE=1 SEED_CALLS=100000000 SEED_PLAN="Bench plan" node load/dist/seed.js)"
eval "$seeded"
# A second account priced by response bytes (two-phase: reserve the maximum, settle the actual size).
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_OUTPUT_PREFIX=RESPONSE_ SEED_BALANCE=100000000000 SEED_PLAN="Bench response plan" \
  SEED_CATALOG='{"unmatched":{"action":"price","price":{"metric":"response_bytes","unitPrice":1,"maximum":10000}}}' node load/dist/seed.js)"
eval "$seeded"

# A third on a plan in leased mode: the gateway decides its calls from a block of the balance it holds.
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_OUTPUT_PREFIX=LEASED_ SEED_BALANCE=100000000000 SEED_PLAN="Bench leased plan" \
  SEED_CATALOG='{"pricePerCall":1,"metering":"leased"}' node load/dist/seed.js)"
eval "$seeded"

# A fourth whose calls a bundle of units pays (the flat price, covered before money): what bundles add a call.
seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_OUTPUT_PREFIX=BUNDLED_ SEED_PRICE=1 SEED_CALLS=100000000 \
  SEED_BUNDLE_UNITS=1000000000 SEED_PLAN="Bench bundled plan" node load/dist/seed.js)"
eval "$seeded"

# THROUGHPUT=off skips the throughput phase (then STEADY_RATE must be given): for a profile of one regime.
if [ "${THROUGHPUT:-on}" = on ]; then
  log "k6 $("$K6_BIN" version | head -1)"
  "$K6_BIN" run --quiet --no-usage-report \
    -e BARE_URL="http://127.0.0.1:$BARE_PORT" -e METERED_URL="http://127.0.0.1:$GATEWAY_PORT" -e API_KEY="$API_KEY" -e RESPONSE_API_KEY="$RESPONSE_API_KEY" -e LEASED_API_KEY="$LEASED_API_KEY" \
    -e VUS="${VUS:-32}" -e SLICE_SECONDS="${SLICE_SECONDS:-10}" -e BENCH_PATH="${BENCH_PATH:-/hello}" \
    -e SUMMARY_FILE="load/results/summary.json" load/bench.js
  log "summary written to load/results/summary.json (ingester $INGESTER)"
  if [ "$INGESTER" = off ]; then
    recorded=0
    for stream in $(rcli --scan --pattern "$TOLLGATE_PREFIX{p*}:usage"); do
      recorded=$((recorded + $(rcli xlen "$stream")))
    done
    metered=$(node -p 'const s = require("./load/results/summary.json"); Math.round(s.metered.requests * s.metered.ok_rate + s.response.requests * s.response.ok_rate + s.leased.requests * s.leased.ok_rate)')
    log "usage events recorded: $recorded, metered 200s (flat, by response and leased): $metered"
  fi
fi

# The cost phase, in the two regimes a gateway runs in: at a steady rate (STEADY_RATE, by default 25 % of the
# bare proxy's peak just measured, k6 at a fixed arrival rate), where each call is its own round trip, and at
# saturation (wrk, one thread, SATURATION_CONNECTIONS connections, as fast as each side goes). Each side in
# turn, COST_ROUNDS interleaved rounds of COST_SECONDS, with the CPU time its proxy process and its Redis server
# spent in the slice (/proc/<pid>/stat) divided by the calls it served. The limit probe (load/src/probe-proxy.ts:
# the bare proxy plus one minimal EVALSHA per call) runs as two sides of its own, over TCP to the same Redis and
# over a Unix socket to a Redis server of this run's.
COST_ROUNDS="${COST_ROUNDS:-3}"
if [ "$COST_ROUNDS" -gt 0 ]; then
  apt_install wrk wrk
  [ "${STRACE:-off}" = on ] && apt_install strace strace
  COST_SECONDS="${COST_SECONDS:-8}"
  if [ "${THROUGHPUT:-on}" != on ] && [ -z "${STEADY_RATE:-}" ]; then log "THROUGHPUT=off needs STEADY_RATE"; exit 1; fi
  STEADY_RATE="${STEADY_RATE:-$(node -p 'Math.round(require("./load/results/summary.json").bare.rps * 0.25)')}"
  SATURATION_CONNECTIONS="${SATURATION_CONNECTIONS:-50}"
  # One Redis server serves every side (over TCP or its socket): its CPU is each side's Redis figure.
  REDIS_PID=$SOCKET_REDIS_PID GATEWAY_REDIS_PID=$SOCKET_REDIS_PID
  PROBE_TCP_PORT=4104 PROBE_UNIX_PORT=4105
  PORT=$PROBE_TCP_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" REDIS_URL="$TCP_REDIS_URL" PROBE_PREFIX="$TOLLGATE_PREFIX" \
    node load/dist/probe-proxy.js >"$RUN_DIR/bench-probe-tcp.log" 2>&1 & pids+=($!)
  PROBE_TCP_PID=$!
  PORT=$PROBE_UNIX_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" REDIS_SOCKET="$RUN_SOCKET" PROBE_PREFIX="$TOLLGATE_PREFIX" \
    node load/dist/probe-proxy.js >"$RUN_DIR/bench-probe-unix.log" 2>&1 & pids+=($!)
  PROBE_UNIX_PID=$!
  # The leased-mode floor (load/src/lease-probe.ts): the least any in-memory decision adds in this proxy.
  PROBE_LEASE_PORT=4108
  PORT=$PROBE_LEASE_PORT UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" REDIS_URL="$TCP_REDIS_URL" PROBE_PREFIX="$TOLLGATE_PREFIX" \
    node load/dist/lease-probe.js >"$RUN_DIR/bench-probe-lease.log" 2>&1 & pids+=($!)
  PROBE_LEASE_PID=$!
  wait_http "http://127.0.0.1:$PROBE_TCP_PORT${BENCH_PATH:-/hello}"
  wait_http "http://127.0.0.1:$PROBE_UNIX_PORT${BENCH_PATH:-/hello}"
  wait_http "http://127.0.0.1:$PROBE_LEASE_PORT/_tollgate/healthz"
  # utime + stime of a process, in clock ticks.
  ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
  log "cost phase: steady at $STEADY_RATE calls/s (k6), saturated (wrk, $SATURATION_CONNECTIONS connections); $COST_ROUNDS rounds of ${COST_SECONDS}s per side"
  slices="load/results/cost-slices.jsonl"
  : >"$slices"
  # shellcheck disable=SC2206 # word lists, split on purpose
  regimes=(${COST_REGIMES:-steady saturated}) sides=(${COST_SIDES:-bare probe_tcp probe_unix exact native bundled response leased probe_lease})
  for regime in "${regimes[@]}"; do
    for round in $(seq "$COST_ROUNDS"); do
      for side in "${sides[@]}"; do
        redis_pid=$GATEWAY_REDIS_PID key=""
        case "$side" in
          bare) port=$BARE_PORT pid=$BARE_PID ;;
          probe_tcp) port=$PROBE_TCP_PORT pid=$PROBE_TCP_PID redis_pid=$REDIS_PID ;;
          probe_unix) port=$PROBE_UNIX_PORT pid=$PROBE_UNIX_PID redis_pid=$SOCKET_REDIS_PID ;;
          exact) port=$GATEWAY_PORT pid=$GATEWAY_PID key="$API_KEY" ;;
          bundled) port=$GATEWAY_PORT pid=$GATEWAY_PID key="$BUNDLED_API_KEY" ;;
          response) port=$GATEWAY_PORT pid=$GATEWAY_PID key="$RESPONSE_API_KEY" ;;
          leased) port=$GATEWAY_PORT pid=$GATEWAY_PID key="$LEASED_API_KEY" ;;
          native) port=$NATIVE_PORT pid=$NATIVE_PID key="$API_KEY" ;;
          probe_lease) port=$PROBE_LEASE_PORT pid=$PROBE_LEASE_PID key="$LEASED_API_KEY" ;;
        esac
        url="http://127.0.0.1:$port${BENCH_PATH:-/hello}"
        # STRACE=on: the system calls the proxy process makes in the slice, counted (strace -c), per side and regime.
        tracer=""
        if [ "${STRACE:-off}" = on ]; then
          strace -c -f -p "$pid" -o "$RUN_DIR/strace-$regime-$side-$round.txt" 2>/dev/null &
          tracer=$!
          sleep 0.5 # attached before the slice's first call (strace has no ready signal; a late attach only undercounts)
        fi
        proxy_before=$(ticks "$pid") redis_before=$(ticks "$redis_pid")
        if [ "$regime" = steady ]; then
          "$K6_BIN" run --quiet --no-usage-report -e TARGET_URL="$url" -e API_KEY="$key" -e RATE="$STEADY_RATE" \
            -e SECONDS="$COST_SECONDS" -e SUMMARY_FILE="$RUN_DIR/cost-slice.json" load/cost.js >/dev/null
        else
          auth=()
          [ -n "$key" ] && auth=(-H "Authorization: Bearer $key")
          wrk -t1 -c"$SATURATION_CONNECTIONS" -d"${COST_SECONDS}s" --latency "${auth[@]}" "$url" >"$RUN_DIR/cost-wrk.txt"
          node load/dist/wrk-summary.js "$RUN_DIR/cost-wrk.txt" >"$RUN_DIR/cost-slice.json"
        fi
        proxy_after=$(ticks "$pid") redis_after=$(ticks "$redis_pid")
        if [ -n "$tracer" ]; then kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true; fi
        REGIME="$regime" SIDE="$side" ROUND="$round" PROXY=$((proxy_after - proxy_before)) REDIS=$((redis_after - redis_before)) \
          HZ="$(getconf CLK_TCK)" SECONDS_PER_SLICE="$COST_SECONDS" \
          node -e 'const s = require(process.argv[1]); const e = process.env;
            console.log(JSON.stringify({ regime: e.REGIME, side: e.SIDE, round: Number(e.ROUND), seconds: Number(e.SECONDS_PER_SLICE), ...s,
              proxy_cpu_us: (Number(e.PROXY) / Number(e.HZ)) * 1e6, redis_cpu_us: (Number(e.REDIS) / Number(e.HZ)) * 1e6 }))' \
          "$RUN_DIR/cost-slice.json" >>"$slices"
      done
    done
  done
  STEADY_RATE="$STEADY_RATE" SATURATION_CONNECTIONS="$SATURATION_CONNECTIONS" node load/dist/cost-summary.js
  log "cost written to load/results/cost.json"
fi
