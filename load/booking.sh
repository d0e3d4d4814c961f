#!/usr/bin/env bash
# The booking benchmark (load/src/booking-bench.ts): one booking run's cost as the usage history grows
# (HISTORY, BATCH, RUNS), in a database of its own, which it removes. Target: flat in the history.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build
node load/dist/booking-bench.js
