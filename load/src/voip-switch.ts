// A simulated VOIP switch against the real control plane: CALLS calls at once, each a charging session that
// asks for GRANT seconds at a time, "talks" through them and reports every update, and hangs up at its own
// length or when no more seconds are granted (the call is cut exactly there). The wallet covers only part
// of what the calls want. Afterwards the books are checked: no overspend; every cut call used exactly what it
// was granted; the sessions, the wallet, the usage events and the ledger agree to the micro.
// Run it with `npm run example:voip` (load/voip.sh starts the control plane and removes the data afterwards).
import { TollgateAdminClient, TollgateClient, type ChargingSession } from "@tollgate/sdk";

const baseUrl = process.env.CONTROL_PLANE_URL ?? "http://127.0.0.1:3000";
const token = process.env.TOLLGATE_ADMIN_TOKENS?.split(",")[0];
if (!token) throw new Error("TOLLGATE_ADMIN_TOKENS is not set");
const CALLS = Number(process.env.CALLS ?? 500);
const GRANT = Number(process.env.GRANT ?? 20); // seconds asked for at a time
const PRICE = 1_000; // micros a second: USD 0.06 a minute
const WALLET = Number(process.env.WALLET ?? 10_000_000); // USD 10: 10,000 seconds, for calls that want ~32,500

const admin = new TollgateAdminClient({ baseUrl, token });
const plan = await admin.createPlan({
  name: "Voice",
  currency: "USD",
  products: [
    {
      id: "seconds",
      method: "POST",
      path: "/v1/voice",
      price: { metric: "units", unitsHeader: "x-seconds", unitPrice: PRICE, maximum: 1_000_000_000 },
    },
  ],
  unmatched: { action: "refuse" },
});
const account = await admin.createAccount({ name: "VOIP switch", planId: plan.id });
await admin.creditWallet(account.wallets[0]!.id, { amount: WALLET, reason: "prepaid voice" }, { idempotencyKey: "voip-seed" });
const { key } = await admin.createApiKey(account.id, { name: "switch" });
const sw = new TollgateClient({ baseUrl, token: key, maxRetries: 5 });

interface CallResult {
  wanted: number;
  used: number;
  granted: number;
  cut: boolean;
  refused: boolean;
  amount: number;
}

/** One call: a length it wants (10 to 120 s), then sessions updates until it ends or is cut. */
async function call(n: number): Promise<CallResult> {
  const wanted = 10 + ((n * 7919) % 111);
  let session: ChargingSession;
  try {
    session = await sw.openChargingSession(
      { productId: "seconds", requestedUnits: GRANT, ttlSeconds: 60 },
      { idempotencyKey: `call-${n}` },
    );
  } catch {
    return { wanted, used: 0, granted: 0, cut: true, refused: true, amount: 0 };
  }
  let used = 0;
  let granted = session.grantedUnits;
  let request = 0;
  for (;;) {
    const room = used + session.grantedUnits;
    if (wanted <= room) {
      const ended = await sw.terminateChargingSession(session.id, { request: request + 1, usedUnits: wanted });
      return { wanted, used: wanted, granted, cut: false, refused: false, amount: ended.amount };
    }
    used = room; // talked through the whole grant
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    request += 1;
    session = await sw.updateChargingSession(session.id, { request, usedUnits: used, requestedUnits: GRANT });
    granted += session.grantedUnits;
    if (session.grantedUnits === 0) {
      // Nothing more: the call is cut now, having used exactly what it was granted.
      const ended = await sw.terminateChargingSession(session.id, { request: request + 1, usedUnits: used });
      return { wanted, used, granted, cut: true, refused: false, amount: ended.amount };
    }
  }
}

const started = Date.now();
const results = await Promise.all(Array.from({ length: CALLS }, (_, n) => call(n)));
const seconds = (Date.now() - started) / 1000;
const balance = (await admin.getBalance(account.id)).balances[0]!;
const used = results.reduce((s, r) => s + r.used, 0);
const charged = results.reduce((s, r) => s + r.amount, 0);
const cut = results.filter((r) => r.cut && !r.refused);
const refused = results.filter((r) => r.refused);
const checks: [string, boolean][] = [
  ["no overspend: the balance is not below 0", balance.available >= 0],
  ["nothing is still held", balance.reserved === 0],
  ["the wallet lost exactly what the sessions charged", WALLET - balance.available === charged],
  ["each second was charged its price", charged === used * PRICE],
  ["every cut call used exactly what it was granted", cut.every((r) => r.used === r.granted)],
  ["every call that was not cut used what it wanted", results.filter((r) => !r.cut).every((r) => r.used === r.wanted)],
];
// The usage events and the ledger: booked by the control plane's ingester (give it a moment).
let booked = -1;
let events = -1;
for (let i = 0; i < 60; i++) {
  const tx = await admin.listTransactions(account.id, { limit: 100 });
  booked = tx.items.filter((e) => e.type === "usage").reduce((s, e) => s - e.amount, 0);
  const usage = await admin.listUsage(account.id, { limit: 1 });
  events = usage.items.length;
  if (booked === charged) break;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
checks.push(["the ledger's usage entries add up to what the sessions charged", booked === charged]);
const reconciled = await admin.reconcile([account.id]);
checks.push(["reconciliation finds no drift", reconciled.drifts.length === 0]);

const summary = {
  calls: CALLS,
  seconds_wanted: results.reduce((s, r) => s + r.wanted, 0),
  seconds_used: used,
  charged_micros: charged,
  wallet_micros: WALLET,
  balance_after: balance.available,
  completed: results.filter((r) => !r.cut).length,
  cut: cut.length,
  refused_at_opening: refused.length,
  wall_seconds: seconds,
  checks: Object.fromEntries(checks),
  usage_events_seen: events > 0,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
if (checks.some(([, ok]) => !ok)) {
  process.stderr.write(
    `FAILED: ${checks
      .filter(([, ok]) => !ok)
      .map(([what]) => what)
      .join("; ")}\n`,
  );
  process.exit(1);
}
