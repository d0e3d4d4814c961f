#!/usr/bin/env bash
# The VOIP examples, on the control plane with its ingester and jobs; each exits non-zero if the books do not
# agree, and its data is removed afterwards.
#   family (`npm run example:voip`, load/src/voip-family.ts): a payer's wallet and three lines with included
#     minutes, calls rated by destination until a line's limit and the wallet's last money; prints each invariant.
#   switch (`npm run example:voip-switch`, load/src/voip-switch.ts): CALLS (500) concurrent calls through
#     charging sessions on a hybrid wallet that covers about a third of them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
case "${1:-family}" in
  family) EXAMPLE=voip-family-main ;;
  switch) EXAMPLE=voip-switch ;;
  *) log "usage: load/voip.sh [family|switch]"; exit 2 ;;
esac
cd "$ROOT"

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build

RUN_ID="voip_$(date +%s)_$$"
export MONGODB_DB="$RUN_ID" TOLLGATE_PREFIX="$RUN_ID:" BOOK_INTERVAL_MS=1000
TOLLGATE_ADMIN_TOKENS="voip-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export TOLLGATE_ADMIN_TOKENS
CONTROL_PLANE_PORT=4123
mkdir -p "$RUN_DIR"

pids=()
# Its processes stopped and its data removed, however it ends.
trap 'end_run "${pids[@]}"' EXIT INT TERM

PORT=$CONTROL_PLANE_PORT node packages/control-plane/dist/main.js >"$RUN_DIR/voip-control-plane.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz" 2>/dev/null && break; sleep 0.1; done
CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" node "load/dist/$EXAMPLE.js"
