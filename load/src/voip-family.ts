// The VOIP family plan (`npm run example:voip`; load/voip.sh starts the control plane and removes the data
// afterwards): hierarchies and bundles together, against the real control plane. A payer funds one wallet; its
// three lines (phones) are on a plan whose voice product is rated per minute by destination (national, mobile,
// international) and which includes a bundle of minutes per line per period. A simulated switch places calls
// for the three lines at once, each call a charging session granted a minute at a time, until each line can
// buy no more: its bundle used, then overage from the payer's wallet, one line stopped by its monthly limit
// (402 line_limit_reached) and the others by the wallet's last money. It then reads every store back and checks
// the invariants. `test/voip-family.test.ts` runs it on a test stack.
import { TollgateAdminClient, TollgateClient, TollgateError, type ChargingSession } from "@tollgate/sdk";

/** Micros a minute by destination prefix (the longest wins). */
export const DECK = { national: ["+351", 10_000], mobile: ["+3519", 30_000], international: ["+44", 150_000] } as const;
type Destination = keyof typeof DECK;
const NUMBERS: Record<Destination, string> = { national: "+351213456789", mobile: "+351912345678", international: "+447700900123" };
/** Minutes included per line per period. */
export const INCLUDED_MINUTES = 20;

/** The three phones: what each dials (in turn), and the most each may spend of the payer's wallet a month. */
const PHONES: { name: string; limit?: number; dials: Destination[] }[] = [
  { name: "Ana's phone", limit: 500_000, dials: ["mobile", "international", "mobile", "national"] },
  { name: "Ben's phone", limit: 5_000_000, dials: ["national", "mobile", "national", "international"] },
  { name: "Carla's phone", dials: ["international", "national", "mobile", "national"] },
];
/** The payer's wallet: USD 3, about 60 minutes past the bundles; Ana's limit stops her first. */
export const WALLET = 3_000_000;
/** A phone gives up after this many calls even if it could still buy minutes (it never should). */
const MAX_CALLS = 200;

export interface FamilyOptions {
  baseUrl: string;
  token: string;
  /**
   * Books ingested usage into the ledger now. A control plane running its jobs books on its own
   * (BOOK_INTERVAL_MS); a test stack, which runs none, passes its booking job.
   */
  book?: () => Promise<unknown>;
}

interface Call {
  line: string;
  destination: Destination;
  wanted: number;
  /** Minutes used (reported). */
  used: number;
  granted: number;
  /** Micros charged, as the session's last answer said. */
  amount: number;
  /** Refused at opening, with this problem code. */
  refused?: string;
  /** Cut mid-call: no more minutes granted, for this reason. */
  cut?: string;
}

export interface LineReport {
  name: string;
  accountId: string;
  limit: number | null;
  calls: number;
  connected: number;
  cut: number;
  refused: Record<string, number>;
  minutesFromBundle: number;
  minutesCharged: number;
  charged: number;
  /** No minute was charged before the bundle's last one was used. */
  bundleFirst: boolean;
  spentThisMonth: number;
  bundle: { units: number; remaining: number; source: string };
}

export interface FamilyResult {
  payerId: string;
  funded: number;
  balanceAfter: number;
  lowestBalanceSeen: number;
  lines: LineReport[];
  checks: [string, boolean][];
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rateOf = (d: Destination) => DECK[d][1];

/** Sets up the family, lets the switch place the calls, and checks the books. */
export async function runFamilyPlan(options: FamilyOptions): Promise<FamilyResult> {
  const { baseUrl, token } = options;
  const admin = new TollgateAdminClient({ baseUrl, token });
  const catalog = {
    currency: "USD",
    products: [
      {
        id: "voice",
        method: "POST" as const,
        path: "/v1/voice",
        price: {
          metric: "units" as const,
          unitsHeader: "x-minutes",
          unitPrice: DECK.international[1],
          maximum: 100_000_000,
          dimension: {
            attribute: "destination",
            match: "prefix" as const,
            otherwise: "refuse" as const,
            lines: Object.values(DECK).map(([value, unitPrice]) => ({ value, unitPrice })),
          },
        },
      },
    ],
    unmatched: { action: "refuse" as const },
  };
  // The payer's own plan rates the same minutes and includes none; the lines' plan includes the bundle (a
  // line's plan has no recurring fee: its included bundles follow its billing cycle, a calendar month).
  const payerPlan = await admin.createPlan({ name: "Family plan (payer)", ...catalog });
  const linePlan = await admin.createPlan({ name: "Family plan (line)", ...catalog });
  await admin.setIncludedBundles(linePlan.id, [
    { productId: "voice", units: INCLUDED_MINUTES, overage: "charge", priority: 1, recurrence: "period", rolloverCap: 0 },
  ]);
  const payer = await admin.createAccount({ name: "The Silvas", planId: payerPlan.id });
  await admin.creditWallet(payer.wallets[0]!.id, { amount: WALLET, reason: "family top-up" }, { idempotencyKey: `family-${payer.id}` });
  const phones = await Promise.all(
    PHONES.map(async (phone) => {
      const line = await admin.createLine(payer.id, {
        name: phone.name,
        planId: linePlan.id,
        ...(phone.limit ? { limit: phone.limit } : {}),
      });
      const { key } = await admin.createApiKey(line.accountId, { name: "switch" });
      return { ...phone, id: line.accountId, client: new TollgateClient({ baseUrl, token: key, maxRetries: 5 }) };
    }),
  );
  // Included at the line's creation: each phone holds its minutes before its first call.
  const issued = await Promise.all(phones.map(async (p) => (await admin.listBundles(p.id)).items));

  // The payer's balance, watched while the switch works (and as each grant and report answers it).
  const seen: number[] = [];
  let switching = true;
  const watcher = (async () => {
    while (switching) {
      seen.push((await admin.getBalance(payer.id)).balances[0]!.available);
      await sleep(10);
    }
  })();

  /** One call: a session granted a minute at a time, reported each minute, ended at its length or when cut. */
  async function call(phone: (typeof phones)[number], n: number): Promise<Call> {
    const destination = phone.dials[n % phone.dials.length]!;
    const wanted = 1 + ((n * 7 + phone.name.length) % 5);
    const base = { line: phone.id, destination, wanted, used: 0, granted: 0, amount: 0 };
    let session: ChargingSession;
    try {
      session = await phone.client.openChargingSession(
        { productId: "voice", requestedUnits: 1, ttlSeconds: 60, attributes: { destination: NUMBERS[destination] } },
        { idempotencyKey: `call-${phone.id}-${n}` },
      );
    } catch (error) {
      if (!(error instanceof TollgateError)) throw error;
      return { ...base, refused: error.code };
    }
    if (session.balance !== undefined) seen.push(session.balance);
    let used = 0;
    let granted = session.grantedUnits;
    for (let request = 1; ; request++) {
      if (wanted <= used + session.grantedUnits) {
        const ended = await phone.client.terminateChargingSession(session.id, { request, usedUnits: wanted });
        return { ...base, used: wanted, granted, amount: ended.amount };
      }
      used += session.grantedUnits; // talked through the whole grant
      session = await phone.client.updateChargingSession(session.id, { request, usedUnits: used, requestedUnits: 1 });
      if (session.balance !== undefined) seen.push(session.balance);
      granted += session.grantedUnits;
      if (session.grantedUnits === 0) {
        // Cut exactly where its grants ended.
        const ended = await phone.client.terminateChargingSession(session.id, { request: request + 1, usedUnits: used });
        return { ...base, used, granted, amount: ended.amount, cut: session.refusal?.code ?? "none" };
      }
    }
  }

  /** A phone calls one number after another until it cannot buy a minute of the cheapest destination. */
  async function dial(phone: (typeof phones)[number]): Promise<Call[]> {
    const calls: Call[] = [];
    for (let n = 0; n < MAX_CALLS; n++) {
      const c = await call(phone, n);
      calls.push(c);
      if (c.refused !== undefined && c.destination === "national") break;
    }
    return calls;
  }

  const perPhone = await Promise.all(phones.map((p) => dial(p)));
  switching = false;
  await watcher;
  const calls = perPhone.flat();
  const charged = calls.reduce((s, c) => s + c.amount, 0);

  // The ledger: the lines' usage booked on the payer's wallet by the ingester and the booking job.
  let booked = -1;
  for (let i = 0; i < 120 && booked !== charged; i++) {
    if (i > 0) await sleep(250);
    await options.book?.();
    booked = 0;
    for await (const e of admin.iterateTransactions(payer.id, { limit: 100 })) if (e.type === "usage") booked -= e.amount;
  }
  const balance = (await admin.getBalance(payer.id)).balances[0]!;
  const listed = (await admin.listLines(payer.id)).items;
  const unitReport = await admin.reconcileBundles(phones.map((p) => p.id));
  const moneyReport = await admin.reconcile([payer.id]);

  const checks: [string, boolean][] = [];
  const check = (what: string, ok: boolean) => checks.push([what, ok]);
  const lines: LineReport[] = [];
  let eventsCharged = 0;
  let ratedRight = true;
  let refusedUncharged = true;
  let bundlesRight = true;
  for (const [i, phone] of phones.entries()) {
    const own = perPhone[i]!;
    let units = 0;
    let fromBundle = 0;
    let amount = 0;
    // When the bundle last paid, and when money was first charged: a phone makes one call at a time.
    let lastBundled = 0;
    let firstCharged = Infinity;
    const byBundle = new Map<string, number>();
    for await (const e of admin.iterateUsage(phone.id, { limit: 100 })) {
      const covered = (e.bundles ?? []).reduce((s, b) => s + b.units, 0);
      for (const b of e.bundles ?? []) byBundle.set(b.bundleId, (byBundle.get(b.bundleId) ?? 0) + b.units);
      units += e.units;
      fromBundle += covered;
      amount += e.amount;
      const at = Date.parse(e.timestamp);
      if (covered > 0) lastBundled = Math.max(lastBundled, at);
      if (e.units > covered) firstCharged = Math.min(firstCharged, at);
      // Each minute the bundle did not pay is charged its destination's rate.
      const destination = (Object.keys(DECK) as Destination[]).find((d) => NUMBERS[d] === e.attributes?.destination);
      if (destination === undefined || e.amount !== (e.units - covered) * rateOf(destination)) ratedRight = false;
    }
    eventsCharged += amount;
    // A refused call took no minute and no money: the line's usage is exactly its connected calls' minutes.
    const connected = own.filter((c) => c.refused === undefined);
    if (units !== connected.reduce((s, c) => s + c.used, 0) || amount !== own.reduce((s, c) => s + c.amount, 0)) refusedUncharged = false;
    const bundles = (await admin.listBundles(phone.id)).items;
    for (const b of bundles) {
      const used = b.units - b.remaining;
      const row = unitReport.bundles?.find((r) => r.bundleId === b.id);
      if (
        used < 0 ||
        used > b.units ||
        used !== (byBundle.get(b.id) ?? 0) ||
        row === undefined ||
        row.ledger !== row.hot ||
        row.drift !== 0
      )
        bundlesRight = false;
    }
    const line = listed.find((l) => l.accountId === phone.id)!;
    const refused: Record<string, number> = {};
    for (const c of own) if (c.refused !== undefined) refused[c.refused] = (refused[c.refused] ?? 0) + 1;
    lines.push({
      name: phone.name,
      accountId: phone.id,
      limit: line.limit,
      calls: own.length,
      connected: connected.length,
      cut: own.filter((c) => c.cut !== undefined).length,
      refused,
      minutesFromBundle: fromBundle,
      minutesCharged: units - fromBundle,
      charged: amount,
      bundleFirst: lastBundled <= firstCharged,
      spentThisMonth: line.spent,
      bundle: { units: bundles[0]?.units ?? 0, remaining: bundles[0]?.remaining ?? 0, source: bundles[0]?.source ?? "none" },
    });
  }

  check(
    `each line was given its plan's ${INCLUDED_MINUTES} minutes at its creation`,
    issued.every((b) => b.length === 1 && b[0]!.source === "plan" && b[0]!.units === INCLUDED_MINUTES),
  );
  check(
    "each line used up its bundle, and paid for minutes only past it",
    lines.every((l) => l.bundle.remaining === 0 && l.minutesFromBundle === INCLUDED_MINUTES && l.bundleFirst),
  );
  check(
    "no line spent above its limit (and its spend this month is what its calls were charged)",
    lines.every((l) => (l.limit === null || l.spentThisMonth <= l.limit) && l.spentThisMonth === l.charged),
  );
  check(
    "a line reached its limit: refused with 402 line_limit_reached",
    lines.some((l) => (l.refused.line_limit_reached ?? 0) > 0),
  );
  check(
    "the lines' charges add up to the payer's wallet debit, to the micro (sessions = usage events = ledger = balance)",
    charged === eventsCharged && charged === booked && WALLET - balance.available === charged,
  );
  check("each minute not paid by a bundle was charged its destination's rate", ratedRight);
  check(
    "each bundle used no more than it was issued, its use is what the usage events say, and its unit ledger equals Redis",
    bundlesRight && unitReport.drifts.length === 0,
  );
  check("every refused call was charged nothing (each line's usage is exactly its connected calls' minutes)", refusedUncharged);
  check(
    "every call cut mid-way used exactly what it was granted",
    calls.filter((c) => c.cut !== undefined).every((c) => c.used === c.granted),
  );
  check(
    "every refusal was line_limit_reached or insufficient_funds",
    calls.every((c) => c.refused === undefined || c.refused === "line_limit_reached" || c.refused === "insufficient_funds"),
  );
  const lowest = Math.min(balance.available, ...seen);
  check("the payer's balance was never below 0, and nothing is still held", lowest >= 0 && balance.reserved === 0);
  check(
    "the wallet's last money was spent: less than a national minute is left, and calls were refused insufficient_funds",
    balance.available < rateOf("national") && calls.some((c) => c.refused === "insufficient_funds"),
  );
  check("reconciliation finds no drift (money and units)", moneyReport.drifts.length === 0 && unitReport.drifts.length === 0);
  return {
    payerId: payer.id,
    funded: WALLET,
    balanceAfter: balance.available,
    lowestBalanceSeen: lowest,
    lines,
    checks,
    ok: checks.every(([, ok]) => ok),
  };
}

const usd = (micros: number) => `USD ${(micros / 1_000_000).toFixed(6)}`;

/** What happened, per line, and each invariant with PASS or FAIL. */
export function formatFamilyReport(r: FamilyResult): string {
  const out = [
    `Family plan: payer ${r.payerId}, wallet funded ${usd(r.funded)}; ${INCLUDED_MINUTES} minutes included per line;`,
    `rates a minute: ${Object.entries(DECK)
      .map(([name, [prefix, rate]]) => `${name} (${prefix}) ${usd(rate)}`)
      .join(", ")}`,
    "",
  ];
  for (const l of r.lines) {
    const refused = Object.entries(l.refused).map(([code, n]) => `${n} ${code}`);
    out.push(
      `${l.name} (${l.accountId}), limit ${l.limit === null ? "none" : usd(l.limit)}:`,
      `  ${l.calls} calls: ${l.connected} connected (${l.cut} cut mid-call), refused: ${refused.join(", ") || "none"}`,
      `  ${l.minutesFromBundle} minutes from its bundle (${l.bundle.remaining} of ${l.bundle.units} left), ${l.minutesCharged} minutes charged: ${usd(l.charged)} from the payer's wallet (spent this month: ${usd(l.spentThisMonth)})`,
    );
  }
  out.push(
    "",
    `Payer's balance after: ${usd(r.balanceAfter)} (lowest seen while calls ran: ${usd(r.lowestBalanceSeen)})`,
    "",
    ...r.checks.map(([what, ok]) => `${ok ? "PASS" : "FAIL"}  ${what}`),
  );
  return `${out.join("\n")}\n`;
}
