#!/usr/bin/env bash
# Starts the whole product with a demo: a small upstream API, the control plane, the metered gateway in
# front of the upstream, card payments (stripe-mock behind the demo's checkout page), and a seeded plan,
# account, funded wallet and API key. Prints what to type next.
# Ctrl-C stops the demo's processes (Redis and FerretDB keep running; `npm run services:down` stops FerretDB).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

UPSTREAM_PORT="${UPSTREAM_PORT:-4000}"
CONTROL_PLANE_PORT="${CONTROL_PLANE_PORT:-3000}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
CHECKOUT_PORT="${CHECKOUT_PORT:-4100}"
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
for port in "$UPSTREAM_PORT" "$CONTROL_PLANE_PORT" "$GATEWAY_PORT" "$CHECKOUT_PORT" "$STRIPE_MOCK_PORT" "$((STRIPE_MOCK_PORT + 1))"; do
  if tcp_open "127.0.0.1:$port"; then
    log "port $port is taken; set UPSTREAM_PORT, CONTROL_PLANE_PORT, GATEWAY_PORT, CHECKOUT_PORT or STRIPE_MOCK_PORT (and the one after it)"
    exit 1
  fi
done

services_env="$(bash scripts/services.sh up)" # an assignment fails with the script (eval "$(…)" would not)
eval "$services_env"
ensure_build

export MONGODB_DB="${MONGODB_DB:-tollgate_demo}"
export TOLLGATE_PREFIX="${TOLLGATE_PREFIX:-tgdemo:}"
export TOLLGATE_ADMIN_TOKENS="${TOLLGATE_ADMIN_TOKENS:-demo-admin-$(node -p 'require("crypto").randomBytes(18).toString("base64url")')}"
ADMIN_TOKEN="${TOLLGATE_ADMIN_TOKENS%%,*}"
mkdir -p "$RUN_DIR"

pids=()
cleanup() {
  trap - EXIT INT TERM
  if [ "${#pids[@]}" -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  log "demo stopped"
}
trap cleanup EXIT INT TERM

wait_http() {
  for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return; sleep 0.1; done
  log "$1 did not answer; logs are in $RUN_DIR/"; exit 1
}

PORT="$UPSTREAM_PORT" node load/dist/upstream.js >"$RUN_DIR/upstream.log" 2>&1 &
pids+=($!)
# Card payments: stripe-mock answers Stripe's API; the demo's checkout (load/src/demo-checkout.ts) stands in front
# of it for what a Stripe test account does beyond the API: the hosted payment page, and the signed webhooks.
"$STRIPE_MOCK_BIN" -http-addr "127.0.0.1:$STRIPE_MOCK_PORT" -https-addr "127.0.0.1:$((STRIPE_MOCK_PORT + 1))" >"$RUN_DIR/stripe-mock.log" 2>&1 &
pids+=($!)
export STRIPE_SECRET_KEY="sk_test_demo"
STRIPE_WEBHOOK_SECRET="whsec_demo_$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
export STRIPE_WEBHOOK_SECRET
export STRIPE_API_BASE="http://127.0.0.1:$CHECKOUT_PORT"
PORT="$CHECKOUT_PORT" STRIPE_MOCK_URL="http://127.0.0.1:$STRIPE_MOCK_PORT" CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" \
  node load/dist/demo-checkout.js >"$RUN_DIR/demo-checkout.log" 2>&1 &
pids+=($!)
PORT="$CONTROL_PLANE_PORT" node packages/control-plane/dist/main.js >"$RUN_DIR/control-plane.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$CONTROL_PLANE_PORT/healthz"
PORT="$GATEWAY_PORT" UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT" node packages/gateway-plugin/dist/main.js >"$RUN_DIR/gateway.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$GATEWAY_PORT/_tollgate/healthz"
for _ in $(seq 100); do tcp_open "127.0.0.1:$STRIPE_MOCK_PORT" && break; sleep 0.1; done
tcp_open "127.0.0.1:$STRIPE_MOCK_PORT" || { log "stripe-mock did not start; its log is $RUN_DIR/stripe-mock.log"; exit 1; }

seeded="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_PRICE=1000 SEED_CALLS=5 node load/dist/seed.js)"
eval "$seeded"
# A second customer with a busy API (two products) and a budget for hours of it: its portal and the console's
# charts move while the demo runs.
busy_catalog='{"products":[{"id":"search","path":"/search","price":{"unitPrice":2000}},{"id":"weather","path":"/weather","price":{"unitPrice":500}}],"unmatched":{"action":"price","price":{"unitPrice":100}},"quotas":[{"id":"searches","metric":"calls","productId":"search","period":"day","limit":20000,"enforcement":"soft"}]}'
busy="$(CONTROL_PLANE_URL="http://127.0.0.1:$CONTROL_PLANE_PORT" SEED_CATALOG="$busy_catalog" SEED_BALANCE=500000000 \
  SEED_PLAN="Busy plan" SEED_ACCOUNT="Busy customer" SEED_OUTPUT_PREFIX=BUSY_ node load/dist/seed.js)"
eval "$busy"
# The busy plan also has a monthly fee and a seat price; the busy customer has 3 seats, paid from its balance.
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$CONTROL_PLANE_PORT/v1/plans/$BUSY_PLAN_ID/recurring" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"interval":"month","fee":49000000,"seatPrice":10000000}'
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$CONTROL_PLANE_PORT/v1/accounts/$BUSY_ACCOUNT_ID/subscription" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-seats-$BUSY_ACCOUNT_ID" -d '{"seats":3}'
(
  # ~3 calls a second, mostly searches, until the demo stops.
  while sleep 0.3; do
    path=/search
    if [ $((RANDOM % 4)) -eq 0 ]; then path="/weather?city=Porto"; fi
    curl -s -o /dev/null "http://127.0.0.1:$GATEWAY_PORT$path" -H "Authorization: Bearer $BUSY_API_KEY" || true
  done
) &
pids+=($!)
portal_url="$(curl -fsS -X POST "http://127.0.0.1:$CONTROL_PLANE_PORT/v1/accounts/$BUSY_ACCOUNT_ID/portal-sessions" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"ttlSeconds": 3600}' |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).url))')"

G="http://127.0.0.1:$GATEWAY_PORT"
C="http://127.0.0.1:$CONTROL_PLANE_PORT"
# The console's first owner, made with the bootstrap token; a fresh password each run (kept only as a hash).
OWNER_EMAIL="owner@demo.example"
OWNER_PASSWORD="demo-$(node -p 'require("crypto").randomBytes(12).toString("base64url")')"
# shellcheck disable=SC2016 # JavaScript, not shell
C="$C" ADMIN_TOKEN="$ADMIN_TOKEN" OWNER_EMAIL="$OWNER_EMAIL" OWNER_PASSWORD="$OWNER_PASSWORD" node --input-type=module -e '
  const { C, ADMIN_TOKEN, OWNER_EMAIL, OWNER_PASSWORD } = process.env;
  const api = (method, path, body) =>
    fetch(C + path, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: body && JSON.stringify(body) });
  const made = await api("POST", "/v1/users", { email: OWNER_EMAIL, name: "Demo owner", role: "owner", password: OWNER_PASSWORD });
  if (made.status === 409) {
    // An earlier demo made it: give it the password of this run.
    const { items } = await (await api("GET", "/v1/users")).json();
    const owner = items.find((u) => u.email === OWNER_EMAIL);
    const changed = await api("PUT", `/v1/users/${owner.id}`, { password: OWNER_PASSWORD, status: "active" });
    if (!changed.ok) throw new Error(`demo owner: ${changed.status} ${await changed.text()}`);
  } else if (!made.ok) throw new Error(`demo owner: ${made.status} ${await made.text()}`);
'
cat <<TXT

  Tollgate demo is running.
    upstream API    http://127.0.0.1:$UPSTREAM_PORT   (the provider's API; nothing checks payment here)
    gateway         $G   (metered: every call is charged before it is forwarded)
    control plane   $C   (admin and consumer API; OpenAPI at $C/openapi.json)

  Pages (same origin as the API):
    customer portal $portal_url
                    (the busy customer, signed in by this one-time link: open it within the hour)
    admin console   $C/console/   (sign in as $OWNER_EMAIL, password $OWNER_PASSWORD)
  The busy customer makes ~3 calls a second; usage is booked every 5 s, so the charts move.

  In the portal: "Top up" → "Pay by card" opens the demo's checkout page (stripe-mock behind it: no real card,
  no real money); "Pay" credits the wallet through the signed webhook, exactly once, and keeps the card, so
  "Automatic top-up" can then be turned on. In the console: the busy customer's ledger shows the recharge.

  Seeded: plan $PLAN_ID at 1000 micros (USD 0.001) per call; account $ACCOUNT_ID
          with wallet $WALLET_ID holding $BALANCE micros (5 calls).
  API key (shown once): $API_KEY
  Admin token:          $ADMIN_TOKEN

  Try, in another terminal:

    # A paid call: 200, with the remaining balance in the Tollgate-Balance header (4000, 3000, …)
    curl -i $G/hello -H 'Authorization: Bearer $API_KEY'

    # Spend the rest: four more 200s, then 402 problem+json; a refused call never reaches the upstream
    for i in 1 2 3 4 5 6; do curl -s -o /dev/null -w '%{http_code}\n' $G/weather?city=Porto -H 'Authorization: Bearer $API_KEY'; done

    # The customer's own view: balance and usage (one event per paid call)
    curl -s $C/v1/me/balance -H 'Authorization: Bearer $API_KEY'
    curl -s '$C/v1/me/usage?limit=3' -H 'Authorization: Bearer $API_KEY'

    # Top the wallet up, as an admin; sending the same Idempotency-Key again credits nothing more
    curl -s -X POST $C/v1/wallets/$WALLET_ID/credits -H 'Authorization: Bearer $ADMIN_TOKEN' \\
      -H 'Content-Type: application/json' -H 'Idempotency-Key: topup-1' -d '{"amount": 3000}'

  Logs: $RUN_DIR/{upstream,control-plane,gateway,demo-checkout,stripe-mock}.log   Stop: Ctrl-C
TXT
wait
