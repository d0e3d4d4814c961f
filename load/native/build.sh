#!/usr/bin/env bash
# Builds the compiled-decision probe (tgnative.c, a Redis module) into .run/native/tgnative.so, with its header
# generated from the TypeScript names it must agree with (load/src/native-fields.ts). Prints the module's path.
# Needs gcc (on the machine) and the project built (load/dist).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$ROOT"
command -v gcc >/dev/null || { log "gcc is needed to build the compiled-decision probe (load/native/), and it is not on this machine"; exit 1; }
out="$RUN_DIR/native"
mkdir -p "$out"
node load/dist/native-fields.js >"$out/fields.h"
gcc -O2 -std=c11 -Wall -Wextra -Werror -fPIC -shared -I"$out" -o "$out/tgnative.so" load/native/tgnative.c
echo "$out/tgnative.so"
