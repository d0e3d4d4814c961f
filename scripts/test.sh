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
shellcheck scripts/*.sh load/*.sh load/native/*.sh .ci/run

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build
log "on Node $(node -v) ($(command -v node))"
log "type-checking the tests"
"$PNPM" exec tsc -p tsconfig.tests.json
log "lint (ESLint), format (Prettier) and import cycles (madge)"
"$PNPM" run --silent lint

# The tests that matter most on a Redis Cluster (docs/operations.md, "Redis Cluster"), run a second time on one.
# Not the hostile-input table (335 refusals of malformed input, checked before anything is written): what it
# refuses does not depend on where keys live, and the files here drive every script on the Cluster.
CLUSTER_TESTS=(
  test/prepaid-concurrency.test.ts test/ingester-crash.test.ts test/enforcement.test.ts test/graceful-shutdown.test.ts
  test/ledger.test.ts test/charges.test.ts test/sessions.test.ts test/usage-events.test.ts test/rating-dimensions.test.ts
  test/pricing.test.ts test/grants.test.ts test/recharges.test.ts test/auto-recharge.test.ts test/subscriptions.test.ts
  test/redis-cluster.test.ts test/leased-mode.test.ts
  packages/metering/src/store/bundles.test.ts test/bundles.test.ts packages/metering/src/store/lines.test.ts
  packages/metering/src/store/moves.test.ts test/hierarchies.test.ts
)

mkdir -p "$RUN_DIR"
report="$RUN_DIR/vitest-report.json"
cluster_report="$RUN_DIR/vitest-cluster-report.json"
rm -f "$report" "$cluster_report"
status=0
"$PNPM" exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# With arguments (a file, a name filter) only those run, on the single Redis.
if [ "$#" -eq 0 ]; then
  log "the cluster tests again, on the Redis Cluster at $REDIS_CLUSTER_URL"
  REDIS_URL="$REDIS_CLUSTER_URL" "$PNPM" exec vitest run --reporter=default --reporter=json \
    --outputFile.json="$cluster_report" "${CLUSTER_TESTS[@]}" || status=$?
fi
# One plain closing line per run, whatever the runner printed above it.
for run in "$report" "$cluster_report"; do
  [ -f "$run" ] || continue
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const on = process.argv[1].includes("cluster") ? " (on the Redis Cluster)" : "";
    console.log(`tests${on}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
    // The failures again, named, with their first message line: CI shows only the end of what was printed.
    for (const file of r.testResults)
      for (const t of file.assertionResults.filter((a) => a.status === "failed"))
        console.log(`  failed: ${file.name.replace(process.cwd() + "/", "")} > ${t.fullName}\n    ${String(t.failureMessages[0] ?? "").split("\n")[0].slice(0, 300)}`);
    if (r.numFailedTests === 0) for (const file of r.testResults)
      if (file.status === "failed") console.log(`  failed: ${file.name.replace(process.cwd() + "/", "")}: ${String(file.message).split("\n")[0].slice(0, 300)}`);
    if (r.numTotalTests === 0) process.exit(1);' "$run" || status=1
done
[ -f "$report" ] || status=1
exit "$status"
