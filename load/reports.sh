#!/usr/bin/env bash
# The reports benchmark (load/src/reports-bench.ts): seeds a month of rollups (EVENTS calls by ACCOUNTS
# accounts over DAYS days, 1,000,000 / 1,000 / 30 by default) in a database of its own, times every report
# over HTTP (RUNS times each), and removes its data. Target: under 500 ms each on the 2-core box.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build
node load/dist/reports-bench.js
