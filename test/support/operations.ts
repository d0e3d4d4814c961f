import { jobs, routes } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./env.js";
import { call, type Answer } from "./http.js";
import { eventually, type Stack } from "./stack.js";
import { stripeWebhook } from "./stripe.js";

const USD = 1_000_000;

/**
 * One valid request for every operation of the control plane, in an order that works on a fresh stack (what
 * a call needs is made by a call before it), with the credential a real client would use: an owner user's
 * token for staff, the account's API key for its own routes, a portal or console cookie for the pages'
 * sessions, a signed webhook for the provider. The walk is the basis of the route-table tests (every
 * operation answered as documented; every staff change audited): a route added without a row here fails them.
 */
export interface OperationCall {
  operationId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The actor the audit trail must name for a staff change (the owner's token, or its console session). */
  actor?: string;
}

export interface Walk {
  /** Runs the operations in order, each once; `before` sees each call before it is sent, `onAnswer` with its answer. */
  run(
    onAnswer: (call: OperationCall, answer: Answer) => Promise<void> | void,
    before?: (call: OperationCall) => Promise<void>,
  ): Promise<void>;
}

const month = () => `${new Date().toISOString().slice(0, 7)}`;

/** Everything the walk acts on that no operation of its own makes first: a postpaid account with usage, a subscriber, an anomaly. */
export async function operationWalk(stack: Stack): Promise<Walk> {
  const email = "walk-owner@example.com";
  const password = "a long password for the walk";
  const user = await stack.admin.createUser({ email, name: "Walk owner", role: "owner", password });
  const made = await stack.admin.createUserToken(user.id, { name: "walk" });
  const token = made.secret;
  const ownerActor = `token:${made.token.id}`;

  // Two postpaid accounts with usage, each with a finalized invoice: one to credit and pay, one to void.
  const postpaidPlan = await stack.admin.createPlan({ name: "walk postpaid", currency: "USD", pricePerCall: 10_000 });
  const postpaid: { accountId: string; invoiceId: string }[] = [];
  for (const name of ["to pay", "to void"]) {
    const account = await stack.admin.createAccount({ name, planId: postpaidPlan.id, billingMode: "postpaid", creditLimit: USD });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < 3; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } });
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 3, 30_000, "usage");
    const closed = await call(`${stack.controlPlaneUrl}/v1/accounts/${account.id}/invoices`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ periodStart: `${month()}-01` }),
    });
    postpaid.push({ accountId: account.id, invoiceId: (JSON.parse(closed.body) as { invoice: { id: string } }).invoice.id });
  }
  const team = await stack.admin.createPlan({
    name: "walk team",
    currency: "USD",
    pricePerCall: 1_000,
    recurring: { interval: "month", fee: 10 * USD, seatPrice: USD, graceHours: 72 },
  });
  const subscriber = await stack.admin.createAccount({ name: "walk subscriber", planId: team.id, seats: 1 });
  await stack.admin.creditWallet(subscriber.wallets[0]!.id, { amount: 100 * USD }, { idempotencyKey: "walk-subscriber" });
  // An anomaly as detection writes it (detection itself is tested in test/anomalies.test.ts).
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const anomalyId = `${subscriber.id}|USD|${hour.toISOString()}`;
  await stack.ctx.models.Anomaly.create({
    _id: anomalyId,
    accountId: subscriber.id,
    currency: "USD",
    hour,
    calls: 500,
    amount: 500_000,
    baselineCalls: 10,
    baselineAmount: 10_000,
    threshold: 100,
    policy: { factor: 5, minCalls: 100, mitigation: "none" },
    keyId: "key_walkwalkwalkwalk",
    status: "open",
    mitigation: { action: "none" },
    detectedAt: new Date(),
  });

  // Two credit requests waiting for a second staff member (the bootstrap token asked; the walk's owner decides).
  await stack.admin.setCreditRule({ autoLimit: 1_000 * USD });
  const creditRequests = await Promise.all(
    postpaid.map(
      async (p) => (await stack.admin.setBilling(p.accountId, { billingMode: "postpaid", creditLimit: 2_000 * USD })).creditRequest!.id,
    ),
  );

  const staff = (key?: string) => ({
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    ...(key === undefined ? {} : { "idempotency-key": key }),
  });
  const ids: Record<string, string> = {};
  let codes: string[] = [];
  const consumer = () => ({ authorization: `Bearer ${ids.key}`, "content-type": "application/json" });
  const origin = { origin: stack.controlPlaneUrl };
  const json = (answer: Answer) => JSON.parse(answer.body) as Record<string, unknown>;
  const cookieOf = (answer: Answer) => String(answer.headers["set-cookie"]).split(";")[0]!;
  const expires = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  type Step = [
    operationId: string,
    request: () => Omit<OperationCall, "operationId" | "method" | "path"> & { path: string },
    then?: (answer: Answer) => void | Promise<void>,
  ];
  const s = (path: string, body?: unknown, key?: string) => ({ path, headers: staff(key), ...(body === undefined ? {} : { body }) });
  const steps: Step[] = [
    ["listUsers", () => s("/v1/users")],
    [
      "createUser",
      () => s("/v1/users", { email: "walk-viewer@example.com", name: "Viewer", role: "viewer", password: "a long password too" }),
      (a) => void (ids.userId = json(a).id as string),
    ],
    ["getUser", () => s(`/v1/users/${ids.userId}`)],
    ["updateUser", () => s(`/v1/users/${ids.userId}`, { name: "Renamed viewer" })],
    [
      "createUserToken",
      () => s(`/v1/users/${ids.userId}/tokens`, { name: "automation" }),
      (a) => void (ids.userTokenId = (json(a).token as { id: string }).id),
    ],
    ["listUserTokens", () => s(`/v1/users/${ids.userId}/tokens`)],
    ["revokeUserToken", () => s(`/v1/users/${ids.userId}/tokens/${ids.userTokenId}`)],
    ["listMyTokens", () => s("/v1/tokens")],
    ["createMyToken", () => s("/v1/tokens", { name: "mine" }), (a) => void (ids.myTokenId = (json(a).token as { id: string }).id)],
    ["revokeMyToken", () => s(`/v1/tokens/${ids.myTokenId}`)],
    ["listAudit", () => s("/v1/audit")],
    [
      "createPlan",
      () => s("/v1/plans", { name: "walk plan", currency: "USD", pricePerCall: 1_000 }),
      (a) => void (ids.planId = json(a).id as string),
    ],
    ["listPlans", () => s("/v1/plans")],
    ["getPlan", () => s(`/v1/plans/${ids.planId}`)],
    ["replacePlanCatalog", () => s(`/v1/plans/${ids.planId}/catalog`, { pricePerCall: 2_000 })],
    ["setPlanRecurring", () => s(`/v1/plans/${ids.planId}/recurring`, { interval: "month", fee: USD })],
    ["removePlanRecurring", () => s(`/v1/plans/${ids.planId}/recurring`)],
    ["setPlanIncludedBundles", () => s(`/v1/plans/${ids.planId}/included-bundles`, { bundles: [] })],
    ["setPlanSelfService", () => s(`/v1/plans/${ids.planId}/self-service`, { maxSeats: 5 })],
    ["removePlanSelfService", () => s(`/v1/plans/${ids.planId}/self-service`)],
    ["setAnomalyPolicy", () => s(`/v1/plans/${ids.planId}/anomaly-policy`, { factor: 5, minCalls: 100, mitigation: "none" })],
    [
      "createAccount",
      () => s("/v1/accounts", { name: "walk account", planId: ids.planId }),
      (a) => {
        ids.accountId = json(a).id as string;
        ids.walletId = (json(a).wallets as { id: string }[])[0]!.id;
      },
    ],
    ["searchAccounts", () => s("/v1/accounts")],
    ["getAccount", () => s(`/v1/accounts/${ids.accountId}`)],
    ["suspendAccount", () => s(`/v1/accounts/${ids.accountId}/suspend`, { reason: "walk" })],
    ["resumeAccount", () => s(`/v1/accounts/${ids.accountId}/resume`, { reason: "walk" })],
    [
      "createLine",
      () => s(`/v1/accounts/${ids.accountId}/lines`, { name: "walk line", limit: USD }),
      (a) => void (ids.lineId = json(a).accountId as string),
    ],
    ["listLines", () => s(`/v1/accounts/${ids.accountId}/lines`)],
    ["setLineLimit", () => s(`/v1/accounts/${ids.accountId}/lines/${ids.lineId}`, { limit: 2 * USD })],
    ["getLine", () => s(`/v1/accounts/${ids.lineId}/line`)],
    ["detachLine", () => s(`/v1/accounts/${ids.accountId}/lines/${ids.lineId}`)],
    // Back in: it was minted in the payer's partition.
    ["attachLine", () => s(`/v1/accounts/${ids.accountId}/lines/attach`, { accountId: ids.lineId })],
    ["setBilling", () => s(`/v1/accounts/${ids.accountId}/billing`, { billingMode: "hybrid", creditLimit: 5 * USD })],
    [
      "setBillingDetails",
      () =>
        s(`/v1/accounts/${ids.accountId}/billing-details`, {
          legalName: "Walk Trading Lda",
          address: { line1: "Rua do Passeio 1", city: "Lisboa", postalCode: "1000-001", country: "PT" },
          taxId: "PT123456789",
        }),
    ],
    ["removeBillingDetails", () => s(`/v1/accounts/${ids.accountId}/billing-details`)],
    ["getCreditRule", () => s("/v1/credit-rule")],
    ["getCreditStanding", () => s(`/v1/accounts/${ids.accountId}/credit`)],
    ["listCreditRequests", () => s("/v1/credit-requests?status=pending")],
    ["getCreditRequest", () => s(`/v1/credit-requests/${creditRequests[0]!}`)],
    ["approveCreditRequest", () => s(`/v1/credit-requests/${creditRequests[0]!}/approve`, { reason: "walk" })],
    ["rejectCreditRequest", () => s(`/v1/credit-requests/${creditRequests[1]!}/reject`, { reason: "walk" })],
    // Back to the defaults: every request for credit applies at once.
    ["setCreditRule", () => s("/v1/credit-rule", {})],
    [
      "createWebhookEndpoint",
      () => s("/v1/webhook-endpoints", { url: "http://127.0.0.1:9/walk", events: ["invoice.paid", "account.updated"] }),
      (a) => void (ids.endpointId = json(a).id as string),
    ],
    ["listWebhookEndpoints", () => s("/v1/webhook-endpoints")],
    ["getWebhookEndpoint", () => s(`/v1/webhook-endpoints/${ids.endpointId}`)],
    [
      "updateWebhookEndpoint",
      () => s(`/v1/webhook-endpoints/${ids.endpointId}`, { url: "http://127.0.0.1:9/walk", events: ["invoice.paid"] }),
    ],
    ["listWebhookDeliveries", () => s(`/v1/webhook-endpoints/${ids.endpointId}/deliveries`)],
    ["removeWebhookEndpoint", () => s(`/v1/webhook-endpoints/${ids.endpointId}`)],
    ["createWallet", () => s(`/v1/accounts/${ids.accountId}/wallets`, { currency: "EUR" })],
    [
      "createApiKey",
      () => s(`/v1/accounts/${ids.accountId}/keys`, { name: "walk key" }),
      (a) => {
        ids.key = json(a).key as string;
        ids.keyId = json(a).id as string;
      },
    ],
    ["listApiKeys", () => s(`/v1/accounts/${ids.accountId}/keys`)],
    ["getAccountLimits", () => s(`/v1/accounts/${ids.accountId}/limits`)],
    ["getWallet", () => s(`/v1/wallets/${ids.walletId}`)],
    ["getBalance", () => s(`/v1/accounts/${ids.accountId}/balance`)],
    ["creditWallet", () => s(`/v1/wallets/${ids.walletId}/credits`, { amount: 100 * USD, reason: "walk" }, "walk-credit")],
    ["adjustWallet", () => s(`/v1/wallets/${ids.walletId}/adjustments`, { amount: -1_000, reason: "walk" }, "walk-adjust")],
    [
      "issueGrant",
      () => s(`/v1/wallets/${ids.walletId}/grants`, { kind: "promotional", amount: 10_000, expiresAt: expires() }, "walk-grant"),
    ],
    ["listGrants", () => s(`/v1/accounts/${ids.accountId}/grants`)],
    [
      "issueBundle",
      () => s(`/v1/accounts/${ids.accountId}/bundles`, { productId: "default", units: 100, expiresAt: expires() }, "walk-bundle"),
      (a) => void (ids.bundleId = json(a).id as string),
    ],
    ["listBundles", () => s(`/v1/accounts/${ids.accountId}/bundles`)],
    // Revoked at once: the walk's charges after it are charged in money, as before bundles.
    ["revokeBundle", () => s(`/v1/accounts/${ids.accountId}/bundles/${ids.bundleId}`)],
    [
      "createBundlePack",
      () =>
        s("/v1/bundle-packs", {
          name: "walk pack",
          productId: "default",
          units: 1,
          validity: { days: 30 },
          prices: [{ currency: "USD", amount: 1_000 }],
        }),
      (a) => void (ids.packId = json(a).id as string),
    ],
    ["listBundlePacks", () => s("/v1/bundle-packs")],
    ["listAccountBundlePacks", () => ({ path: `/v1/accounts/${ids.accountId}/bundle-packs`, headers: consumer() })],
    // One unit of the walk's one product: a single charge after it is paid by the pack, as a 201 all the same.
    ["buyBundlePack", () => s(`/v1/accounts/${ids.accountId}/pack-purchases`, { packId: ids.packId }, "walk-pack")],
    ["listPackPurchases", () => s(`/v1/accounts/${ids.accountId}/pack-purchases`)],
    ["reconcileBundles", () => s("/v1/admin/bundle-reconciliation", {})],
    ["archiveBundlePack", () => s(`/v1/bundle-packs/${ids.packId}`)],
    [
      "setAutoRecharge",
      () =>
        s(`/v1/wallets/${ids.walletId}/auto-recharge`, {
          threshold: 1_000,
          mode: "fixed",
          amount: 10 * USD,
          dailyLimit: 1,
          provider: "stripe",
          paymentMethod: "pm_card_visa",
        }),
    ],
    ["clearAutoRecharge", () => s(`/v1/wallets/${ids.walletId}/auto-recharge`)],
    ["createCharge", () => s("/v1/charges", { accountId: ids.accountId, productId: "default", units: 1 }, "walk-charge")],
    [
      "reportUsageEvents",
      () =>
        s("/v1/usage-events", {
          events: [{ id: "walk-1", timestamp: new Date().toISOString(), productId: "default", units: 1, accountId: ids.accountId }],
        }),
    ],
    [
      "openChargingSession",
      () => s("/v1/charging-sessions", { accountId: ids.accountId, productId: "default", requestedUnits: 5 }, "walk-session"),
      (a) => void (ids.sessionId = json(a).id as string),
    ],
    ["getChargingSession", () => s(`/v1/charging-sessions/${ids.sessionId}`)],
    ["updateChargingSession", () => s(`/v1/charging-sessions/${ids.sessionId}/updates`, { request: 1, usedUnits: 1 })],
    ["terminateChargingSession", () => s(`/v1/charging-sessions/${ids.sessionId}/terminate`, { request: 2, usedUnits: 2 })],
    ["listUsage", () => s(`/v1/accounts/${ids.accountId}/usage`)],
    ["listTransactions", () => s(`/v1/accounts/${ids.accountId}/transactions`)],
    ["getStatement", () => s(`/v1/accounts/${ids.accountId}/statements/${month()}`)],
    ["getStatementHtml", () => s(`/v1/accounts/${ids.accountId}/statements/${month()}/html`)],
    ["getStatementPdf", () => s(`/v1/accounts/${ids.accountId}/statements/${month()}/pdf`)],
    ["getMyBalance", () => ({ path: "/v1/me/balance", headers: consumer() })],
    ["listMyUsage", () => ({ path: "/v1/me/usage", headers: consumer() })],
    ["listMyTransactions", () => ({ path: "/v1/me/transactions", headers: consumer() })],
    ["getMySubscription", () => ({ path: "/v1/me/subscription", headers: consumer() })],
    ["getMyUsageReport", () => ({ path: "/v1/me/reports/usage", headers: consumer() })],
    [
      "createVoucherBatch",
      () => s("/v1/voucher-batches", { amount: USD, currency: "USD", count: 2, expiresAt: expires() }),
      (a) => void (codes = json(a).codes as string[]),
    ],
    ["listVoucherBatches", () => s("/v1/voucher-batches")],
    ["redeemVoucher", () => s(`/v1/accounts/${ids.accountId}/vouchers`, { code: codes[0] })],
    ["redeemMyVoucher", () => ({ path: "/v1/me/vouchers", headers: consumer(), body: { code: codes[1] } })],
    [
      "createRecharge",
      () =>
        s(
          `/v1/accounts/${ids.accountId}/recharges`,
          { amount: 5 * USD, provider: "stripe", paymentMethod: "pm_card_visa" },
          "walk-recharge",
        ),
      (a) => {
        ids.rechargeId = json(a).id as string;
        ids.providerRef = json(a).providerRef as string;
      },
    ],
    // Cancelled while pending, then paid all the same (the provider's success still credits it).
    ["cancelRecharge", () => s(`/v1/accounts/${ids.accountId}/recharges/${ids.rechargeId}/cancel`, {})],
    ["paymentWebhook", () => ({ path: "/v1/webhooks/stripe", headers: {} })],
    ["listRecharges", () => s(`/v1/accounts/${ids.accountId}/recharges`)],
    ["listKeptCards", () => s(`/v1/accounts/${ids.accountId}/cards`)],
    ["forgetKeptCard", () => s(`/v1/accounts/${ids.accountId}/cards/${ids.rechargeId}`)],
    ["refundRecharge", () => s(`/v1/recharges/${ids.rechargeId}/refund`, {})],
    ["getSubscription", () => s(`/v1/accounts/${subscriber.id}/subscription`)],
    ["listFees", () => s(`/v1/accounts/${subscriber.id}/fees`)],
    ["quoteSubscriptionChange", () => s(`/v1/accounts/${subscriber.id}/subscription/quote?seats=2`)],
    ["listSelfServicePlans", () => s(`/v1/accounts/${subscriber.id}/subscription/plans`)],
    ["changeSubscription", () => s(`/v1/accounts/${subscriber.id}/subscription`, { seats: 2 }, "walk-seats")],
    ["renewSubscriptions", () => s("/v1/admin/subscriptions/renew", { accountIds: [subscriber.id] })],
    ["setNotificationSettings", () => s(`/v1/accounts/${ids.accountId}/notification-settings`, { emails: ["ops@example.com"] })],
    ["getNotificationSettings", () => s(`/v1/accounts/${ids.accountId}/notification-settings`)],
    ["listNotifications", () => s(`/v1/accounts/${ids.accountId}/notifications`)],
    [
      "requestPrivacyExport",
      () => s(`/v1/accounts/${ids.accountId}/privacy/exports`, {}),
      async (a) => {
        ids.exportId = json(a).id as string;
        await jobs.produceExports(stack.ctx);
      },
    ],
    ["getPrivacy", () => s(`/v1/accounts/${ids.accountId}/privacy`)],
    ["downloadPrivacyExport", () => s(`/v1/accounts/${ids.accountId}/privacy/exports/${ids.exportId}/download`, {})],
    ["getIssuerProfile", () => s("/v1/issuer-profile")],
    ["setIssuerProfile", () => s("/v1/issuer-profile", { legalName: "Walk Issuer Lda", dueDays: 30, footer: "Registered in Lisbon" })],
    // A rate of the past: the walk's documents stay untaxed.
    [
      "createTaxRate",
      () => s("/v1/tax-rates", { country: "PT", name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01", validUntil: "2020-02-01" }),
      (a) => void (ids.taxRateId = json(a).id as string),
    ],
    ["listTaxRates", () => s("/v1/tax-rates")],
    ["getTaxRate", () => s(`/v1/tax-rates/${ids.taxRateId}`)],
    [
      "updateTaxRate",
      () => s(`/v1/tax-rates/${ids.taxRateId}`, { name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01", validUntil: "2020-03-01" }),
    ],
    ["setPlanTax", () => s(`/v1/plans/${ids.planId}/tax`, { inclusive: false })],
    ["closeBillingPeriod", () => s(`/v1/accounts/${postpaid[0]!.accountId}/invoices`, { periodStart: `${month()}-01` })],
    ["listInvoices", () => s(`/v1/accounts/${postpaid[0]!.accountId}/invoices`)],
    ["getInvoice", () => s(`/v1/accounts/${postpaid[0]!.accountId}/invoices/${postpaid[0]!.invoiceId}`)],
    ["getInvoiceHtml", () => s(`/v1/accounts/${postpaid[0]!.accountId}/invoices/${postpaid[0]!.invoiceId}/html`)],
    ["getInvoicePdf", () => s(`/v1/accounts/${postpaid[0]!.accountId}/invoices/${postpaid[0]!.invoiceId}/pdf`)],
    ["issueCreditNote", () => s(`/v1/invoices/${postpaid[0]!.invoiceId}/credit-notes`, { amount: 10_000, reason: "walk" }, "walk-note")],
    [
      "payInvoiceByCard",
      () =>
        s(
          `/v1/accounts/${postpaid[0]!.accountId}/invoices/${postpaid[0]!.invoiceId}/card-payments`,
          { provider: "stripe", returnUrl: "https://billing.example/portal/" },
          "walk-card",
        ),
    ],
    ["payInvoice", () => s(`/v1/invoices/${postpaid[0]!.invoiceId}/pay`, {})],
    ["voidInvoice", () => s(`/v1/invoices/${postpaid[1]!.invoiceId}/void`, {})],
    ["getUsageReport", () => s("/v1/reports/usage")],
    ["getRechargeReport", () => s("/v1/reports/recharges")],
    ["getFinancialReport", () => s("/v1/reports/financial")],
    ["getJournal", () => s(`/v1/reports/journal?from=${new Date().toISOString().slice(0, 10)}`)],
    ["getChartOfAccounts", () => s("/v1/books/chart")],
    ["setChartOfAccounts", () => s("/v1/books/chart", { accounts: { cash: { code: "1010", name: "Bank" } } })],
    ["rebuildRollups", () => s("/v1/admin/rollups/rebuild", {})],
    ["listAnomalies", () => s("/v1/anomalies")],
    ["clearAnomaly", () => s(`/v1/anomalies/${encodeURIComponent(anomalyId)}/clear`, { reason: "walk" })],
    ["reconcile", () => s("/v1/admin/reconciliation", {})],
    ["rebuildRedis", () => s("/v1/admin/rebuild", {})],
    [
      "createPortalSession",
      () => s(`/v1/accounts/${ids.accountId}/portal-sessions`, {}),
      (a) => void (ids.login = (json(a).url as string).split("#login=")[1]!),
    ],
    [
      "signInPortal",
      () => ({ path: "/v1/portal/session", headers: { "content-type": "application/json" }, body: { login: ids.login } }),
      (a) => void (ids.portalCookie = cookieOf(a)),
    ],
    ["getPortalBranding", () => ({ path: "/v1/portal/branding", headers: {} })],
    ["getPortalSession", () => ({ path: "/v1/portal/session", headers: { cookie: ids.portalCookie! } })],
    ["signOutPortal", () => ({ path: "/v1/portal/session", headers: { cookie: ids.portalCookie!, ...origin } })],
    [
      "signInConsole",
      () => ({ path: "/v1/console/session", headers: { "content-type": "application/json" }, body: { email, password } }),
      (a) => void (ids.consoleCookie = cookieOf(a)),
    ],
    ["getConsoleSession", () => ({ path: "/v1/console/session", headers: { cookie: ids.consoleCookie! } })],
    [
      "signOutConsole",
      () => ({ path: "/v1/console/session", headers: { cookie: ids.consoleCookie!, ...origin }, actor: `user:${user.id}` }),
    ],
    ["revokeApiKey", () => s(`/v1/accounts/${ids.accountId}/keys/${ids.keyId}`)],
    // Last: the account's personal data goes for good.
    ["eraseAccount", () => s(`/v1/accounts/${ids.accountId}/privacy/erasure`, { confirm: ids.accountId })],
  ];

  const missing = routes.map((r) => r.operationId).filter((op) => !steps.some(([id]) => id === op));
  if (missing.length > 0) throw new Error(`the operation walk has no step for ${missing.join(", ")} (test/support/operations.ts)`);

  return {
    async run(onAnswer, before) {
      for (const [operationId, request, then] of steps) {
        const route = routes.find((r) => r.operationId === operationId)!;
        const { path, headers, body, actor } = request();
        const step: OperationCall = {
          operationId,
          method: route.method.toUpperCase(),
          path,
          headers,
          ...(body === undefined ? {} : { body }),
          ...(route.roles.length > 0 && headers.authorization === `Bearer ${token}` ? { actor: ownerActor } : actor ? { actor } : {}),
        };
        await before?.(step);
        const answer =
          operationId === "paymentWebhook"
            ? await webhookAnswer(stack, ids.rechargeId!, ids.providerRef!)
            : await call(stack.controlPlaneUrl + path, {
                method: step.method,
                headers,
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
              });
        await onAnswer(step, answer);
        await then?.(answer);
      }
    },
  };
}

/** The provider's signed confirmation of a recharge, as Stripe sends it. */
async function webhookAnswer(stack: Stack, rechargeId: string, providerRef: string): Promise<Answer> {
  // The customer kept the card: the walk then lists and forgets it.
  const object = {
    id: providerRef,
    object: "payment_intent",
    metadata: { rechargeId },
    setup_future_usage: "off_session",
    payment_method: "pm_card_visa",
    customer: "cus_walk",
  };
  const res = await stripeWebhook(stack, "payment_intent.succeeded", object);
  return { status: res.status, headers: res.headers, body: res.text };
}
