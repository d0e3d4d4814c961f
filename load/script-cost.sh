#!/usr/bin/env bash
# The Redis half of a call's cost in instructions (load/src/script-cost.ts): a Redis server of this run's own,
# on a Unix socket, under valgrind's callgrind, driven one operation at a time. Figures that do not move with
# the box: compare a script change against its base with the same command. Setting: SCRIPT_COST_CALLS (2000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
apt_install valgrind valgrind
ensure_build
mkdir -p "$RUN_DIR" load/results
dir="$(mktemp -d "$RUN_DIR/script-cost.XXXXXX")"
socket="$dir/redis.sock"
module="$(bash load/native/build.sh)" # the compiled-decision probe, measured as kind charge_native
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out.%p" \
  redis-server --loadmodule "$module" --port 0 --unixsocket "$socket" --save "" --appendonly no >"$dir/redis.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM
for _ in $(seq 600); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { log "redis-server under callgrind did not start: $(tail -5 "$dir/redis.log")"; exit 1; }
REDIS_SOCKET="$socket" REDIS_PID="$server" CALLGRIND_DIR="$dir" node load/dist/script-cost.js
