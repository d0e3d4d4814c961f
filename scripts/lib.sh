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
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export K6_BIN="$TOOLS_BIN/k6-$K6_VERSION"
export STRIPE_MOCK_BIN="$TOOLS_BIN/stripe-mock-$STRIPE_MOCK_VERSION"
# "-idx": built with the _id index patch (scripts/services.sh, build_ferretdb).
FERRETDB_BIN="$TOOLS_BIN/ferretdb-$FERRETDB_VERSION-idx"

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
