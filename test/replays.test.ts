import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call, type Answer } from "./support/http.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

const USD = 1_000_000;
/** Headers that describe the connection or the moment, not the answer. */
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/** An answer as a client can compare it: status, body, and every header that is part of the answer. */
function answerOf(a: Answer): { status: number; body: unknown; headers: Record<string, unknown> } {
  const headers = Object.fromEntries(Object.entries(a.headers).filter(([name]) => !TRANSPORT.has(name)));
  return { status: a.status, body: JSON.parse(a.body) as unknown, headers };
}

interface Request {
  operationId: string;
  path: () => string;
  body: () => Record<string, unknown>;
  headers: () => Record<string, string>;
}

/**
 * Every idempotent operation, table-driven: a request, then things that change what it acted on (a charge
 * that spends the grant and the balance, another payment of the invoice, a session's later reports), then
 * the same request again. The repeat must be the first answer, exactly: status, body and headers, with
 * `Idempotent-Replayed: true` added. The table must name every route that takes an Idempotency-Key.
 */
describe("a replay is the first answer", () => {
  let stack: Stack;
  let prepaid: Seeded;
  let subscriber: string;
  let invoiceId: string;
  let postpaidAccountId: string;
  let sessionId: string;
  let packId: string;

  const admin = (key: string) => ({ authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", "idempotency-key": key });
  const own = (key: string) => ({ authorization: `Bearer ${prepaid.key}`, "content-type": "application/json", "idempotency-key": key });
  const send = (r: Request) =>
    call(stack.controlPlaneUrl + r.path(), { method: "POST", headers: r.headers(), body: JSON.stringify(r.body()) });
  const put = (r: Request) =>
    call(stack.controlPlaneUrl + r.path(), { method: "PUT", headers: r.headers(), body: JSON.stringify(r.body()) });

  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    prepaid = await stack.seedCatalog(
      {
        products: [
          { id: "tokens", method: "POST", path: "/v1/complete", price: { unitPrice: 1_000 } },
          {
            id: "seconds",
            method: "POST",
            path: "/v1/call",
            price: { metric: "units", unitsHeader: "x-units", unitPrice: 1_000, maximum: 1_000_000 },
          },
        ],
        unmatched: { action: "refuse" },
      },
      10 * USD,
    );
    // A postpaid account with a finalized invoice of 5 cents, to pay and to credit.
    const plan = await stack.admin.createPlan({ name: "postpaid", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "postpaid", planId: plan.id, billingMode: "postpaid", creditLimit: USD });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < 5; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status).toBe(200);
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 5,
      30_000,
      "usage ingested",
    );
    const closed = await call(`${stack.controlPlaneUrl}/v1/accounts/${account.id}/invoices`, {
      method: "POST",
      headers: admin("close"),
      body: JSON.stringify({ periodStart: `${new Date().toISOString().slice(0, 7)}-01` }),
    });
    invoiceId = (JSON.parse(closed.body) as { invoice: { id: string } }).invoice.id;
    postpaidAccountId = account.id;
    // A subscriber whose seats change.
    const team = await stack.admin.createPlan({
      name: "Team",
      currency: "USD",
      pricePerCall: 1_000,
      recurring: { interval: "month", fee: 49 * USD, seatPrice: 10 * USD, graceHours: 72 },
    });
    const sub = await stack.admin.createAccount({ name: "subscriber", planId: team.id, seats: 2 });
    await stack.admin.creditWallet(sub.wallets[0]!.id, { amount: 500 * USD }, { idempotencyKey: "seed-subscriber" });
    subscriber = sub.id;
    packId = (
      await stack.admin.createBundlePack({
        name: "replayed pack",
        productId: "default",
        units: 5,
        validity: { days: 30 },
        prices: [{ currency: "USD", amount: 1_000 }],
      })
    ).id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("for every idempotent operation: status, body and headers, however things changed in between", async () => {
    const month = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const table: Request[] = [
      {
        operationId: "creditWallet",
        path: () => `/v1/wallets/${prepaid.walletId}/credits`,
        body: () => ({ amount: USD, reason: "top-up" }),
        headers: () => admin("r-credit"),
      },
      {
        operationId: "adjustWallet",
        path: () => `/v1/wallets/${prepaid.walletId}/adjustments`,
        body: () => ({ amount: -1_000, reason: "correction" }),
        headers: () => admin("r-adjust"),
      },
      {
        operationId: "issueGrant",
        path: () => `/v1/wallets/${prepaid.walletId}/grants`,
        body: () => ({ kind: "promotional", amount: 50_000, expiresAt: month }),
        headers: () => admin("r-grant"),
      },
      {
        operationId: "createCharge",
        path: () => "/v1/charges",
        body: () => ({ productId: "tokens", units: 3 }),
        headers: () => own("r-charge"),
      },
      {
        operationId: "openChargingSession",
        path: () => "/v1/charging-sessions",
        body: () => ({ productId: "seconds", requestedUnits: 5 }),
        headers: () => own("r-session"),
      },
      {
        operationId: "createRecharge",
        path: () => `/v1/accounts/${prepaid.accountId}/recharges`,
        body: () => ({ amount: 5 * USD, provider: "stripe", paymentMethod: "pm_card_visa" }),
        headers: () => own("r-recharge"),
      },
      {
        operationId: "payInvoice",
        path: () => `/v1/invoices/${invoiceId}/pay`,
        body: () => ({ amount: 10_000 }),
        headers: () => admin("r-pay"),
      },
      {
        operationId: "issueCreditNote",
        path: () => `/v1/invoices/${invoiceId}/credit-notes`,
        body: () => ({ amount: 10_000, reason: "goodwill" }),
        headers: () => admin("r-note"),
      },
      {
        operationId: "payInvoiceByCard",
        path: () => `/v1/accounts/${postpaidAccountId}/invoices/${invoiceId}/card-payments`,
        body: () => ({ provider: "stripe", returnUrl: "https://billing.example/portal/" }),
        headers: () => admin("r-card"),
      },
      {
        operationId: "issueBundle",
        path: () => `/v1/accounts/${prepaid.accountId}/bundles`,
        body: () => ({ productId: "tokens", units: 5, expiresAt: month }),
        headers: () => admin("r-bundle"),
      },
      {
        operationId: "buyBundlePack",
        path: () => `/v1/accounts/${prepaid.accountId}/pack-purchases`,
        body: () => ({ packId }),
        headers: () => own("r-pack"),
      },
    ];
    const subscription: Request = {
      operationId: "changeSubscription",
      path: () => `/v1/accounts/${subscriber}/subscription`,
      body: () => ({ seats: 4 }),
      headers: () => admin("r-seats"),
    };
    // Session requests are numbered instead of keyed: the same number again is the same request.
    const update: Request = {
      operationId: "updateChargingSession",
      path: () => `/v1/charging-sessions/${sessionId}/updates`,
      body: () => ({ request: 1, usedUnits: 2, requestedUnits: 3 }),
      headers: () => own("unused"),
    };
    const terminate: Request = {
      operationId: "terminateChargingSession",
      path: () => `/v1/charging-sessions/${sessionId}/terminate`,
      body: () => ({ request: 2, usedUnits: 4 }),
      headers: () => own("unused"),
    };
    const keyed = routes.filter((r) => r.idempotent).map((r) => r.operationId);
    expect([...table, subscription].map((r) => r.operationId).sort()).toEqual([...keyed].sort());

    const firsts = new Map<string, Answer>();
    for (const r of table) firsts.set(r.operationId, await send(r));
    firsts.set(subscription.operationId, await put(subscription));
    sessionId = (JSON.parse(firsts.get("openChargingSession")!.body) as { id: string }).id;
    firsts.set(update.operationId, await send(update));
    for (const [operationId, first] of firsts) expect(first.status, `${operationId}: ${first.body}`).toBeLessThan(300);

    // What the requests acted on moves on: the grant is spent by a charge, the balance too, the invoice is
    // paid again, the session reports again and ends, the subscription changes again.
    expect((await send({ ...table[3]!, body: () => ({ productId: "tokens", units: 7 }), headers: () => own("r-charge-2") })).status).toBe(
      201,
    );
    expect((await send({ ...table[6]!, headers: () => admin("r-pay-2") })).status).toBe(200);
    // A session repeats its latest request (a retry of what went unanswered); one before it is out of order.
    const replays = new Map<string, Answer>();
    replays.set(update.operationId, await send(update));
    firsts.set(terminate.operationId, await send(terminate));
    expect(firsts.get(terminate.operationId)!.status).toBe(200);
    expect((await put({ ...subscription, body: () => ({ seats: 3 }), headers: () => admin("r-seats-2") })).status).toBe(200);

    const differences: string[] = [];
    for (const r of table) replays.set(r.operationId, await send(r));
    replays.set(subscription.operationId, await put(subscription));
    replays.set(terminate.operationId, await send(terminate));
    for (const [operationId, replay] of replays) {
      const first = answerOf(firsts.get(operationId)!);
      const again = answerOf(replay);
      const expected = { ...first, headers: { ...first.headers, "idempotent-replayed": "true" } };
      try {
        expect(again).toEqual(expected);
      } catch {
        differences.push(`${operationId}:\n  first  ${JSON.stringify(expected)}\n  replay ${JSON.stringify(again)}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
