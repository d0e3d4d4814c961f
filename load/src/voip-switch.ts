// A simulated VOIP switch against the real control plane: CALLS calls at once, each a charging session to a
// destination, rated by the plan's rate deck (per-minute prices by longest destination prefix, billed 60/6),
// that asks for GRANT seconds at a time, "talks" through them and reports every update, and hangs up at its
// own length or when no more seconds are granted (the call is cut exactly there). The account is hybrid: its
// prepaid wallet and its credit limit together cover only part of what the calls want. Afterwards the books
// are checked: no overspend; every cut call used exactly what it was granted; each destination was charged
// its rate for the billed seconds of its calls; the sessions, the wallet, the usage events, the ledger and
// the period's invoice agree to the micro.
// Run it with `npm run example:voip-switch` (load/voip.sh starts the control plane and removes the data afterwards).
import { TollgateAdminClient, TollgateClient, type ChargingSession } from "@tollgate/sdk";

const baseUrl = process.env.CONTROL_PLANE_URL ?? "http://127.0.0.1:3000";
const token = process.env.TOLLGATE_ADMIN_TOKENS?.split(",")[0];
if (!token) throw new Error("TOLLGATE_ADMIN_TOKENS is not set");
const CALLS = Number(process.env.CALLS ?? 500);
const GRANT = Number(process.env.GRANT ?? 20); // seconds asked for at a time
/** Micros a minute by destination prefix (longest wins); none divides by 60, so the rounding is exercised. */
const DECK: Record<string, number> = { "+1": 7_000, "+351": 10_000, "+3519": 25_000, "+44": 15_000 };
const NUMBERS = ["+12025550143", "+351213456789", "+351912345678", "+447700900123"];
const INCREMENTS = { first: 60, next: 6 };
const WALLET = Number(process.env.WALLET ?? 3_000_000); // USD 3 prepaid, and as much credit: about 2/3 of what the calls want
const CREDIT = Number(process.env.CREDIT ?? 3_000_000);

const admin = new TollgateAdminClient({ baseUrl, token });
const plan = await admin.createPlan({
  name: "Voice",
  currency: "USD",
  products: [
    {
      id: "voice",
      method: "POST",
      path: "/v1/voice",
      price: {
        metric: "units",
        unitsHeader: "x-seconds",
        unitPrice: 60_000,
        maximum: 1_000_000_000,
        ratePer: 60,
        increments: INCREMENTS,
        dimension: {
          attribute: "destination",
          match: "prefix",
          otherwise: "refuse",
          lines: Object.entries(DECK).map(([value, unitPrice]) => ({ value, unitPrice })),
        },
      },
    },
  ],
  unmatched: { action: "refuse" },
});
const account = await admin.createAccount({ name: "VOIP switch", planId: plan.id, billingMode: "hybrid", creditLimit: CREDIT });
await admin.creditWallet(account.wallets[0]!.id, { amount: WALLET, reason: "prepaid voice" }, { idempotencyKey: "voip-seed" });
const { key } = await admin.createApiKey(account.id, { name: "switch" });
const sw = new TollgateClient({ baseUrl, token: key, maxRetries: 5 });

interface CallResult {
  line: string;
  wanted: number;
  used: number;
  granted: number;
  cut: boolean;
  refused: boolean;
  amount: number;
}

/** The deck's line for a number: its longest prefix. */
const lineOf = (number: string) =>
  Object.keys(DECK)
    .filter((prefix) => number.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0]!;

/** A call's seconds as billed: the first increment, then whole next increments. */
const billed = (seconds: number) =>
  seconds <= 0
    ? 0
    : seconds <= INCREMENTS.first
      ? INCREMENTS.first
      : INCREMENTS.first + Math.ceil((seconds - INCREMENTS.first) / INCREMENTS.next) * INCREMENTS.next;

/** One call: a destination, a length it wants (10 to 120 s), then session updates until it ends or is cut. */
async function call(n: number): Promise<CallResult> {
  const wanted = 10 + ((n * 7919) % 111);
  const destination = NUMBERS[n % NUMBERS.length]!;
  const line = lineOf(destination);
  let session: ChargingSession;
  try {
    session = await sw.openChargingSession(
      { productId: "voice", requestedUnits: GRANT, ttlSeconds: 60, attributes: { destination } },
      { idempotencyKey: `call-${n}` },
    );
  } catch {
    return { line, wanted, used: 0, granted: 0, cut: true, refused: true, amount: 0 };
  }
  let used = 0;
  let granted = session.grantedUnits;
  let request = 0;
  for (;;) {
    const room = used + session.grantedUnits;
    if (wanted <= room) {
      const ended = await sw.terminateChargingSession(session.id, { request: request + 1, usedUnits: wanted });
      return { line, wanted, used: wanted, granted, cut: false, refused: false, amount: ended.amount };
    }
    used = room; // talked through the whole grant
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    request += 1;
    session = await sw.updateChargingSession(session.id, { request, usedUnits: used, requestedUnits: GRANT });
    granted += session.grantedUnits;
    if (session.grantedUnits === 0) {
      // Nothing more: the call is cut now, having used exactly what it was granted.
      const ended = await sw.terminateChargingSession(session.id, { request: request + 1, usedUnits: used });
      return { line, wanted, used, granted, cut: true, refused: false, amount: ended.amount };
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
// Per destination line: the billed seconds of its calls, and what its rate makes of them (the line's running
// total is rounded once, so the calls add up to exactly this, however their reports interleaved).
const lines = Object.keys(DECK).map((prefix) => {
  const calls = results.filter((r) => r.line === prefix);
  const seconds = calls.reduce((s, r) => s + billed(r.used), 0);
  return {
    prefix,
    used: calls.reduce((s, r) => s + r.used, 0),
    charged: calls.reduce((s, r) => s + r.amount, 0),
    expected: Math.ceil((seconds * DECK[prefix]!) / 60),
  };
});
const checks: [string, boolean][] = [
  ["no overspend: the balance is not below minus the credit limit", balance.available >= -CREDIT],
  ["nothing is still held", balance.reserved === 0],
  ["the wallet lost exactly what the sessions charged", WALLET - balance.available === charged],
  ["each destination was charged its rate for its calls' billed seconds (60/6)", lines.every((l) => l.charged === l.expected)],
  ["every cut call used exactly what it was granted", cut.every((r) => r.used === r.granted)],
  ["every call that was not cut used what it wanted", results.filter((r) => !r.cut).every((r) => r.used === r.wanted)],
];
// The usage events and the ledger: booked by the control plane's ingester (give it a moment).
let booked = -1;
for (let i = 0; i < 60; i++) {
  booked = 0;
  for await (const entry of admin.iterateTransactions(account.id, { limit: 100 })) if (entry.type === "usage") booked -= entry.amount;
  if (booked === charged) break;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
checks.push(["the ledger's usage entries add up to what the sessions charged", booked === charged]);
let events = 0;
let eventsCharged = 0;
let eventsUnits = 0;
for await (const e of admin.iterateUsage(account.id, { limit: 100 })) {
  events += 1;
  eventsCharged += e.amount;
  eventsUnits += e.units;
}
checks.push([
  "the usage events add up to what the sessions charged, and their units to the seconds used",
  eventsCharged === charged && eventsUnits === used,
]);
const reconciled = await admin.reconcile([account.id]);
checks.push(["reconciliation finds no drift", reconciled.drifts.length === 0]);

// The period's invoice, closed now: one usage line per destination line, its units the seconds used.
const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
const closing = Date.now();
const { invoice } = await admin.closeBillingPeriod(account.id, periodStart);
const closeSeconds = (Date.now() - closing) / 1000;
// A charged line's description is the product and its rate line (a covered or late line says more after them).
const invoiceLine = (prefix: string) => invoice?.lines.find((l) => l.description === `voice, rate ${prefix}`);
checks.push(["the invoice bills exactly what the sessions charged", invoice?.subtotal === charged]);
checks.push([
  "the invoice has a line per destination, with its seconds and its charge",
  lines.every(
    (l) =>
      (l.used === 0 && invoiceLine(l.prefix) === undefined) ||
      (invoiceLine(l.prefix)?.quantity === l.used && invoiceLine(l.prefix)?.amount === l.charged),
  ),
]);

const summary = {
  calls: CALLS,
  seconds_wanted: results.reduce((s, r) => s + r.wanted, 0),
  seconds_used: used,
  charged_micros: charged,
  wallet_micros: WALLET,
  credit_limit_micros: CREDIT,
  by_destination: lines,
  invoice: invoice && {
    number: invoice.number,
    subtotal: invoice.subtotal,
    total: invoice.total,
    lines: invoice.lines.map((l) => `${l.description}: ${l.quantity} × ${l.unitPrice} = ${l.amount}`),
  },
  usage_events: events,
  invoice_close_seconds: closeSeconds,
  balance_after: balance.available,
  completed: results.filter((r) => !r.cut).length,
  cut: cut.length,
  refused_at_opening: refused.length,
  wall_seconds: seconds,
  checks: Object.fromEntries(checks),
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
