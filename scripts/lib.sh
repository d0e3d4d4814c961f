# Shared settings for the project's scripts. Sourced, never run.
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
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export K6_BIN="$TOOLS_BIN/k6-$K6_VERSION"
export STRIPE_MOCK_BIN="$TOOLS_BIN/stripe-mock-$STRIPE_MOCK_VERSION"
FERRETDB_BIN="$TOOLS_BIN/ferretdb-$FERRETDB_VERSION"

log() { printf '\033[1m[tollgate]\033[0m %s\n' "$*" >&2; }

# tcp_open HOST:PORT — true when something accepts connections there.
tcp_open() {
  local host="${1%:*}" port="${1##*:}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# pnpm pinned by package.json's packageManager, installed with npm into the cache when missing.
ensure_pnpm() {
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

ensure_build() {
  ensure_deps
  log "building (tsc -b)"
  (cd "$ROOT" && "$PNPM" exec tsc -b) >&2
}
