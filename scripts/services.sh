#!/usr/bin/env bash
# Makes sure of the services Tollgate needs, idempotently:
#   up    Redis at REDIS_URL (started, or installed from Debian's packages, when local and absent);
#         a 3-master Redis Cluster on loopback ports REDIS_CLUSTER_PORTS (started and formed when absent);
#         MongoDB at MONGODB_URI if set, else FerretDB (built once into the cache) on a loopback port;
#         k6 and stripe-mock (built once into the cache; tests start stripe-mock on ports of their own).
#   down  stops what `up` started from this clone (never a service it found already running).
#   env   prints the export lines for the services' addresses (eval "$(scripts/services.sh env)").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_redis() {
  if redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; then return; fi
  case "$REDIS_URL" in
    redis://127.0.0.1:6379|redis://localhost:6379|redis://127.0.0.1:6379/*) ;;
    *) log "REDIS_URL=$REDIS_URL does not answer, and it is not the local default I can start"; exit 1 ;;
  esac
  apt_install redis-server redis-server
  apt_install redis-cli redis-tools
  mkdir -p "$RUN_DIR"
  log "starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$RUN_DIR" --logfile "$RUN_DIR/redis.log" --pidfile "$RUN_DIR/redis.pid"
  for _ in $(seq 50); do redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG && return; sleep 0.1; done
  log "redis-server did not come up: see $RUN_DIR/redis.log"; exit 1
}

cluster_url() {
  local nodes="" port
  for port in $REDIS_CLUSTER_PORTS; do nodes="$nodes${nodes:+,}127.0.0.1:$port"; done
  echo "redis-cluster://$nodes"
}

cluster_ok() {
  local port
  for port in $REDIS_CLUSTER_PORTS; do
    redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

# Three masters, no replicas, nothing on disk (as the standalone Redis here): formed once, reused by later runs
# and fresh clones while they run. A cluster that is not whole (a node missing, slots unassigned) is made anew.
ensure_redis_cluster() {
  cluster_ok && return
  apt_install redis-server redis-server
  apt_install redis-cli redis-tools
  mkdir -p "$RUN_DIR"
  local port nodes=()
  for port in $REDIS_CLUSTER_PORTS; do
    # A node of ours whose clone is gone (no pid file left) is a cluster node on our port: stopped too.
    if redis-cli -p "$port" info cluster 2>/dev/null | grep -q '^cluster_enabled:1'; then
      redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    fi
    stop_owned "redis-cluster-$port"
    rm -f "$RUN_DIR/redis-cluster-$port.conf"
  done
  for port in $REDIS_CLUSTER_PORTS; do
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
      --cluster-enabled yes --cluster-config-file "$RUN_DIR/redis-cluster-$port.conf" --cluster-node-timeout 5000 \
      --dir "$RUN_DIR" --logfile "$RUN_DIR/redis-cluster-$port.log" --pidfile "$RUN_DIR/redis-cluster-$port.pid"
    nodes+=("127.0.0.1:$port")
  done
  for port in $REDIS_CLUSTER_PORTS; do
    for _ in $(seq 50); do redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  done
  log "forming a Redis Cluster of ${nodes[*]}"
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$RUN_DIR/redis-cluster-create.log" 2>&1 \
    || { log "redis-cli --cluster create failed: see $RUN_DIR/redis-cluster-create.log"; exit 1; }
  for _ in $(seq 100); do cluster_ok && return; sleep 0.1; done
  log "the Redis Cluster on ports $REDIS_CLUSTER_PORTS did not reach cluster_state:ok"; exit 1
}

# FerretDB v1's module leaves out the generated build/version/version.txt, so `go install pkg@version`
# builds a binary that panics at start. We build the pinned version from a vendored copy instead,
# with that one file written in: same sources, same pin (scripts/ferretdb/go.mod and go.sum).
# One line is patched (FERRETDB_PATCH in lib.sh): the SQLite backend finds a document by `_id` with the
# expression `->'$._id'`, while its unique `_id` index is on `->"_id"`; SQLite matches index expressions as
# written, so every lookup, update and delete by `_id` scanned the whole collection (updating N documents
# cost N full scans: 2,000 took 24 s). Written as the index is, they use it (2,000 in 1.2 s).
build_ferretdb() {
  [ -x "$FERRETDB_BIN" ] && return
  log "building FerretDB $FERRETDB_VERSION with the _id index patch (once; cached in $TOOLS_BIN)"
  local dir="$TOLLGATE_CACHE/build/ferretdb-$FERRETDB_VERSION"
  local metadata="vendor/github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata/metadata.go"
  rm -rf "$dir" && mkdir -p "$dir" "$TOOLS_BIN"
  cp "$ROOT"/scripts/ferretdb/{go.mod,go.sum,tools.go} "$dir/"
  (cd "$dir" && go mod vendor && echo "$FERRETDB_VERSION" > vendor/github.com/FerretDB/FerretDB/build/version/version.txt) >&2
  sed -i "s|IDColumn = DefaultColumn + \"->'\\\$._id'\"|IDColumn = DefaultColumn + \`->\"_id\"\`|" "$dir/$metadata"
  # shellcheck disable=SC2016 # backquotes of Go source, not a command
  if ! grep -qF 'IDColumn = DefaultColumn + `->"_id"`' "$dir/$metadata"; then
    log "could not patch FerretDB's _id lookups in $metadata (has the pinned version changed?)"
    exit 1
  fi
  (cd "$dir" && go build -mod=vendor -o "$FERRETDB_BIN.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb) >&2
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$dir"
}

# go_install_pinned NAME MODULE@VERSION BIN: a pinned Go tool, built once into the cache.
go_install_pinned() {
  local name="$1" module="$2" bin="$3"
  [ -x "$bin" ] && return
  log "building $name ${module##*@} (once; cached in $TOOLS_BIN)"
  local gobin; gobin="$(mktemp -d)"
  GOBIN="$gobin" go install "$module" >&2
  mkdir -p "$TOOLS_BIN" && mv "$gobin/$name" "$bin" && rm -rf "$gobin"
}

# The FerretDB processes on our address whose data directory is gone (an earlier clone, since deleted): they
# still answer, but cannot create a database.
orphaned_ferretdb() {
  local pid dir
  for pid in $(pgrep -f -- "--listen-addr=$FERRETDB_ADDR" || true); do
    dir="$(ferretdb_data_dir "$pid")"
    if [ -n "$dir" ] && [ ! -d "$dir" ]; then echo "$pid"; fi
  done
}

ferretdb_data_dir() { tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | sed -n 's|^--sqlite-url=file:||p'; }

# The FerretDB processes on our address running another build than ours (one without the _id patch): they
# are restarted on their own data with ours.
outdated_ferretdb() {
  local pid exe
  for pid in $(pgrep -f -- "--listen-addr=$FERRETDB_ADDR" || true); do
    exe="$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)"
    if [ -n "$exe" ] && [ "$exe" != "$(readlink -f "$FERRETDB_BIN")" ] && [ -d "$(ferretdb_data_dir "$pid")" ]; then echo "$pid"; fi
  done
}

ensure_mongodb() {
  if [ -n "${MONGODB_URI:-}" ]; then return; fi
  local orphans; orphans="$(orphaned_ferretdb)"
  if [ -n "$orphans" ]; then
    log "FerretDB on $FERRETDB_ADDR serves a data directory that no longer exists: restarting it here"
    # shellcheck disable=SC2086 # one pid per word
    kill $orphans
    for _ in $(seq 100); do tcp_open "$FERRETDB_ADDR" || break; sleep 0.1; done
  fi
  local data="$DATA_DIR/ferretdb" outdated
  build_ferretdb
  outdated="$(outdated_ferretdb | head -n 1)"
  if [ -n "$outdated" ]; then
    data="$(ferretdb_data_dir "$outdated")"
    data="${data%/}"
    log "FerretDB on $FERRETDB_ADDR is another build than $FERRETDB_BIN: restarting it on its data ($data)"
    kill "$outdated"
    for _ in $(seq 100); do tcp_open "$FERRETDB_ADDR" || break; sleep 0.1; done
  fi
  if tcp_open "$FERRETDB_ADDR"; then return; fi
  mkdir -p "$RUN_DIR" "$data" "$data-state"
  log "starting FerretDB $FERRETDB_VERSION (SQLite backend, data in $data) on $FERRETDB_ADDR"
  nohup "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$data/" \
    --state-dir="$data-state" --listen-addr="$FERRETDB_ADDR" --debug-addr=127.0.0.1:0 \
    --telemetry=disable --log-level=warn >"$RUN_DIR/ferretdb.log" 2>&1 &
  echo $! > "$RUN_DIR/ferretdb.pid"
  for _ in $(seq 100); do tcp_open "$FERRETDB_ADDR" && return; sleep 0.1; done
  log "FerretDB did not come up: see $RUN_DIR/ferretdb.log"; exit 1
}

print_env() {
  echo "export REDIS_URL='$REDIS_URL'"
  echo "export REDIS_CLUSTER_URL='$(cluster_url)'"
  echo "export MONGODB_URI='${MONGODB_URI:-mongodb://$FERRETDB_ADDR/}'"
  echo "export K6_BIN='$K6_BIN'"
  echo "export STRIPE_MOCK_BIN='$STRIPE_MOCK_BIN'"
}

stop_owned() {
  local name="$1" pidfile="$RUN_DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

case "${1:-up}" in
  up)
    ensure_redis
    ensure_redis_cluster
    ensure_mongodb
    go_install_pinned k6 "go.k6.io/k6@$K6_VERSION" "$K6_BIN"
    go_install_pinned stripe-mock "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" "$STRIPE_MOCK_BIN"
    apt_install pdftotext poppler-utils # the tests read the invoices' PDFs back as text
    print_env
    ;;
  down)
    stop_owned ferretdb
    stop_owned redis
    for port in $REDIS_CLUSTER_PORTS; do stop_owned "redis-cluster-$port"; done
    ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
