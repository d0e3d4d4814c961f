#!/usr/bin/env bash
# Runs every test on the real services: makes sure of Redis, FerretDB (or MONGODB_URI) and k6, installs
# dependencies, builds and type-checks, then runs the unit and end-to-end tests. Extra arguments go to vitest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

# The scripts that install everything are code too: a defect there shows only on a new machine.
apt_install shellcheck shellcheck
# The pages are tested in Debian's Chromium, driven by playwright-core (never a browser download).
apt_install chromium chromium
log "shellcheck over the project's scripts"
shellcheck scripts/*.sh load/*.sh .ci/run

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build
log "on Node $(node -v) ($(command -v node))"
log "type-checking the tests"
"$PNPM" exec tsc -p tsconfig.tests.json
log "lint (ESLint), format (Prettier) and import cycles (madge)"
"$PNPM" run --silent lint

mkdir -p "$RUN_DIR"
report="$RUN_DIR/vitest-report.json"
rm -f "$report"
status=0
"$PNPM" exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line, whatever the runner printed above it.
if [ -f "$report" ]; then
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
    if (r.numTotalTests === 0) process.exit(1);' "$report" || status=1
fi
exit "$status"
