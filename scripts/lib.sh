# shellcheck shell=bash
# Shared settings for the project's scripts. Sourced, never run.
# shellcheck disable=SC2034 # the variables below are read by the scripts that source this file
# Built tools live outside the clone so that a fresh clone (CI) reuses them.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOLLGATE_CACHE="${TOLLGATE_CACHE:-$HOME/.cache/tollgate}"
TOOLS_BIN="$TOLLGATE_CACHE/bin"
RUN_DIR="$ROOT/.run"
DATA_DIR="$ROOT/.data"

PNPM_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"
FERRETDB_VERSION="v1.24.2"
K6_VERSION="v1.8.1"
STRIPE_MOCK_VERSION="v0.203.0"

FERRETDB_ADDR="${FERRETDB_ADDR:-127.0.0.1:27027}"
# A 3-master Redis Cluster on loopback (scripts/services.sh), for the tests that run on a cluster too.
REDIS_CLUSTER_PORTS="${REDIS_CLUSTER_PORTS:-30001 30002 30003}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export K6_BIN="$TOOLS_BIN/k6-$K6_VERSION"
export STRIPE_MOCK_BIN="$TOOLS_BIN/stripe-mock-$STRIPE_MOCK_VERSION"
# "-idx": built with the _id index patch (scripts/services.sh, build_ferretdb).
FERRETDB_BIN="$TOOLS_BIN/ferretdb-$FERRETDB_VERSION-idx"

log() { printf '\033[1m[tollgate]\033[0m %s\n' "$*" >&2; }

# Node 24 (the active LTS line) runs the build, the tests, the demo and the benchmarks. A machine whose Node
# is older (Node 20 reached end of life on 2026-04-30) gets this pinned Node 24 from the npm registry's
# node-linux-<arch> binary package, checked against the integrity below, in the cache. TOLLGATE_NODE=system
# keeps the machine's Node whatever its version (for trying Node 22, the other supported line).
NODE_VERSION="24.21.0"
ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "${TOLLGATE_NODE:-}" = system ] || [ "$major" -ge 24 ]; then return 0; fi
  local arch integrity
  case "$(uname -m)" in
    x86_64)
      arch=x64
      integrity="sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q=="
      ;;
    aarch64)
      arch=arm64
      integrity="sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g=="
      ;;
    *) log "no pinned Node $NODE_VERSION for $(uname -m); install Node 24 and retry"; exit 1 ;;
  esac
  local dir="$TOLLGATE_CACHE/node-v$NODE_VERSION-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    log "installing Node $NODE_VERSION (node-linux-$arch from the npm registry) into $dir"
    local tmp
    mkdir -p "$TOLLGATE_CACHE"
    tmp="$(mktemp -d "$TOLLGATE_CACHE/.node-download.XXXXXX")" # on the cache's filesystem: the last mv is a rename
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null) \
      || { log "could not download node-linux-$arch@$NODE_VERSION from the npm registry"; rm -rf "$tmp"; exit 1; }
    local tarball="$tmp/node-linux-$arch-$NODE_VERSION.tgz" actual
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [ "$actual" != "$integrity" ]; then
      log "node-linux-$arch@$NODE_VERSION does not match its pinned integrity ($actual)"
      rm -rf "$tmp"
      exit 1
    fi
    mkdir -p "$dir/bin"
    if ! tar -xzf "$tarball" -C "$tmp" package/bin/node; then
      log "could not unpack Node $NODE_VERSION from $tarball"
      rm -rf "$tmp"
      exit 1
    fi
    # Moved into place last, so an interrupted install is never taken for a finished one.
    mv "$tmp/package/bin/node" "$dir/bin/node"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  [ "$(node -v)" = "v$NODE_VERSION" ] || { log "Node $NODE_VERSION is in $dir but not the node on the PATH"; exit 1; }
}

# tcp_open HOST:PORT — true when something accepts connections there.
tcp_open() {
  local host="${1%:*}" port="${1##*:}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# pnpm pinned by package.json's packageManager, installed with npm into the cache when missing.
ensure_pnpm() {
  ensure_node
  local dir="$TOLLGATE_CACHE/pnpm-$PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $PNPM_VERSION into $dir"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "pnpm@$PNPM_VERSION" >&2
  fi
  PNPM="$dir/node_modules/.bin/pnpm"
}

# Install workspace dependencies unless node_modules already matches the lockfile.
ensure_deps() {
  ensure_pnpm
  local stamp="$ROOT/node_modules/.tollgate-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/pnpm-lock.yaml" "$stamp"; then
    log "installing dependencies (pnpm install --frozen-lockfile)"
    (cd "$ROOT" && "$PNPM" install --frozen-lockfile --reporter=silent) >&2
    cp "$ROOT/pnpm-lock.yaml" "$stamp"
  fi
}

# as_root CMD…: run a command as root, directly when we are root, else through sudo (never a bare
# `$sudo VAR=value cmd`, which bash reads as a command named VAR=value when $sudo is empty).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    log "need root to run: $*  (not root, and no sudo)"
    return 1
  fi
}

# apt_install COMMAND PACKAGE: make sure COMMAND is on the PATH, installing PACKAGE from Debian's packages
# when it is not. Fails loudly, naming the package, when the install does not give us the command.
APT_UPDATED=""
apt_install() {
  local command="$1" package="$2"
  command -v "$command" >/dev/null && return 0
  log "installing $package ($command) from Debian's packages"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq >&2 || { log "apt-get update failed: cannot install $package"; exit 1; }
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >&2 \
    || { log "could not install Debian package $package (needed for $command)"; exit 1; }
  command -v "$command" >/dev/null || { log "installed $package, but $command is still not on the PATH"; exit 1; }
}

ensure_build() {
  ensure_deps
  log "building (tsc -b, then the portal and console with Vite)"
  (cd "$ROOT" && "$PNPM" exec tsc -b && "$PNPM" --filter @tollgate/console run build) >&2
}

# The load scripts' helpers. wait_http: wait up to 10 s for a URL to answer, or fail naming it.
wait_http() {
  for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return; sleep 0.1; done
  log "$1 did not answer"
  exit 1
}

# end_run PID…: a load script's exit (its EXIT trap). Stops the processes given, then removes this run's data
# and only it: its database (MONGODB_DB) and its Redis keys (TOLLGATE_PREFIX); never anything shared.
end_run() {
  trap - EXIT INT TERM
  if [ "$#" -gt 0 ]; then kill "$@" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  (cd "$ROOT/test" && node -e '
    const mongoose = require("mongoose");
    mongoose.createConnection(process.env.MONGODB_URI, { dbName: process.env.MONGODB_DB }).asPromise()
      .then(async (c) => { await c.dropDatabase(); await c.close(); });') || true
  redis-cli -u "$REDIS_URL" --scan --pattern "$TOLLGATE_PREFIX*" | xargs -r redis-cli -u "$REDIS_URL" unlink >/dev/null || true
}
