import { ConnectionError, errorFor, TollgateError } from "./errors.js";
import type {
  Account,
  AccountWithCredit,
  CreditRequest,
  CreditRule,
  CreditRuleInput,
  CreditStanding,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  AccountLimits,
  AutoRechargeInput,
  Notification,
  NotificationSettings,
  NotificationSettingsInput,
  Anomaly,
  AnomalyPolicy,
  ApiKey,
  Balance,
  BillingCycle,
  BillingDetails,
  BillingMode,
  IssuerProfile,
  IssuerProfileInput,
  PlanTaxInput,
  TaxRate,
  TaxRateInput,
  TaxRateUpdate,
  KeptCard,
  VoucherBatch,
  Attributes,
  Charge,
  ChargingSession,
  ReportedUsageEvent,
  UsageReportResult,
  CatalogInput,
  Fee,
  RecurringInput,
  IncludedBundleInput,
  Subscription,
  SubscriptionQuote,
  Bundle,
  Line,
  BundlePack,
  BundlePackInput,
  PackPurchase,
  PackPurchaseInput,
  PackPurchaseResult,
  RechargeInput,
  BundleReconciliationReport,
  Grant,
  Invoice,
  LedgerEntry,
  VoucherRedemption,
  TransactionsPage,
  Page,
  FinancialReport,
  JournalExport,
  JournalQuery,
  ChartOfAccounts,
  ChartOfAccountsInput,
  Plan,
  Problem,
  Recharge,
  RechargeReport,
  ReportRangeQuery,
  UsageReport,
  UsageReportQuery,
  Statement,
  UsageEvent,
  Wallet,
  WalletReconciliation,
  AuditRecord,
  Role,
  StaffToken,
  StaffTokenInput,
  StaffUser,
  PortalBranding,
  PrivacyExport,
  PrivacyRequest,
  PrivacyState,
} from "./types.js";

export interface ClientOptions {
  /** The control plane, e.g. `https://billing.example.com`. */
  baseUrl: string;
  /**
   * A consumer API key, or an admin token: both are sent as a Bearer token. Leave it out in the portal and
   * the admin console, where the browser's session cookie (same origin) signs the requests.
   */
  token?: string;
  /** Defaults to the global fetch (Node 18+, browsers). */
  fetch?: typeof fetch;
  /** How long one attempt may take, answer included, in milliseconds (default 30,000). */
  timeoutMs?: number;
  /**
   * How many times a request is tried again (default 2; 0: never): after a `429` or a `503` (the server did
   * nothing), waiting as its `Retry-After` says; after a dropped connection or a timeout, only when a retry
   * cannot act twice (GET, PUT, DELETE, and POSTs with an Idempotency-Key, which the SDK adds itself where the
   * API takes one). Waits grow exponentially with jitter between attempts.
   */
  maxRetries?: number;
}

/**
 * An Idempotency-Key for a request that moves money: a retry with the same key (yours, or the SDK's own
 * retries) returns the first result and books nothing twice. Without one, the SDK makes one per call.
 */
export interface IdempotencyOptions {
  idempotencyKey?: string;
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

type Query = Record<string, string | number | undefined>;

/** A fresh Idempotency-Key for a request that did not bring its own: the same for each of its retries. */
export function newIdempotencyKey(): string {
  // getRandomValues, unlike randomUUID, also exists on pages served over plain http.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return `sdk-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Wait before retry `attempt` (0-based): exponential from 0.5 s, capped at 8 s, with equal jitter. */
function backoff(attempt: number): number {
  const ceiling = Math.min(8_000, 500 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** What a `Retry-After` header (seconds or an HTTP date) or a problem's `retryAfterSeconds` asks, in ms. */
function retryAfter(response: Response, body: unknown): number | undefined {
  const header = response.headers.get("retry-after");
  if (header !== null) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  const fromBody = (body as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof fromBody === "number" ? fromBody * 1_000 : undefined;
}

/** The longest wait a retry accepts: a server asking for more is answered with its error instead. */
const MAX_RETRY_WAIT_MS = 20_000;

/** Every item of a paginated list, a page at a time (the next page is fetched when the last item is taken). */
async function* everyItem<T>(page: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const current = await page(cursor);
    yield* current.items;
    cursor = current.nextCursor;
  } while (cursor !== undefined);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Shared transport: JSON in, JSON out, problem+json turned into typed errors; timeouts and retries. */
class Transport {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 2;
  }

  async request<T>(
    method: string,
    path: string,
    /** `repeatable`: a POST that cannot act twice without an Idempotency-Key (its body carries ids that dedupe). */
    init: { query?: Query; body?: unknown; headers?: Record<string, string>; repeatable?: boolean } = {},
  ): Promise<T> {
    const url = this.url(path, init.query);
    const headers: Record<string, string> = { accept: "application/json", ...this.auth(), ...init.headers };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const body = await this.send(method, url, headers, init.body === undefined ? undefined : JSON.stringify(init.body), init.repeatable);
    const text = new TextDecoder().decode(body);
    return (text.length > 0 ? safeJson(text) : undefined) as T;
  }

  private auth(): Record<string, string> {
    return this.options.token === undefined ? {} : { authorization: `Bearer ${this.options.token}` };
  }

  /** A URL of this API with a query (a CSV download link, a PDF link). */
  url(path: string, query: Query = {}): string {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    return url.toString();
  }

  /** A binary answer (a rendered document). */
  download(path: string): Promise<ArrayBuffer> {
    return this.send("GET", this.url(path), this.auth());
  }

  /** A report as CSV text (the same figures as its JSON). */
  async csv(path: string, query: Query): Promise<string> {
    return new TextDecoder().decode(
      await this.send("GET", this.url(path, { ...query, format: "csv" }), { accept: "text/csv", ...this.auth() }),
    );
  }

  /**
   * One request, tried again as `maxRetries` allows: the answer's bytes, or its problem as a typed error.
   * Each attempt has `timeoutMs`, the answer's body included.
   */
  private async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
    repeatable = false,
  ): Promise<ArrayBuffer> {
    const safeToRepeat = repeatable || method !== "POST" || headers["idempotency-key"] !== undefined;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      let response: Response;
      let bytes: ArrayBuffer;
      try {
        response = await this.fetch(url, { method, headers, signal: controller.signal, ...(body === undefined ? {} : { body }) });
        bytes = await response.arrayBuffer();
      } catch (error) {
        // Nothing reached the server when the connection was refused: any request may be sent again then.
        const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
        if (attempt < this.maxRetries && (safeToRepeat || refused)) {
          await sleep(backoff(attempt));
          continue;
        }
        const what = controller.signal.aborted ? `timed out after ${this.timeoutMs} ms` : "failed";
        throw new ConnectionError(`${method} ${new URL(url).pathname} ${what}${attempt > 0 ? ` (${attempt + 1} attempts)` : ""}`, error);
      } finally {
        clearTimeout(timer);
      }
      if (response.ok) return bytes;
      const problem: unknown = safeJson(new TextDecoder().decode(bytes));
      if ((response.status === 429 || response.status === 503) && attempt < this.maxRetries) {
        const wait = retryAfter(response, problem) ?? backoff(attempt);
        if (wait <= MAX_RETRY_WAIT_MS) {
          await sleep(wait);
          continue;
        }
      }
      throw errorFor(asProblem(problem, response.status));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function asProblem(body: unknown, status: number): Problem {
  if (typeof body === "object" && body !== null && typeof (body as Problem).code === "string") return body as Problem;
  return { type: "about:blank", title: `HTTP ${status}`, status, code: status >= 500 ? "unavailable" : "bad_request" };
}

/** For the holder of an API key: their own account's balance and usage. */
const account = (accountId: string) => `/v1/accounts/${encodeURIComponent(accountId)}`;

/**
 * What both an account's holder (its API key or portal session) and an admin may do to one account: keys,
 * recharges and auto-recharge, invoices and statements, notification settings, quota and cap use.
 */
abstract class AccountClient {
  protected readonly http: Transport;

  constructor(options: ClientOptions) {
    this.http = new Transport(options);
  }

  /** The returned `key` is shown this once; Tollgate keeps only its hash. */
  createApiKey(
    accountId: string,
    options: { name?: string; spendCap?: { amount: number; period: "day" | "month" } } = {},
  ): Promise<ApiKey & { key: string }> {
    return this.http.request("POST", `${account(accountId)}/keys`, { body: options });
  }

  /** The account's API keys (never the keys themselves), oldest first, a page at a time (1,000 unless `limit` says). */
  listApiKeys(accountId: string, options: PageOptions = {}): Promise<Page<ApiKey>> {
    return this.http.request("GET", `${account(accountId)}/keys`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** Every gateway refuses the key from its next call on. */
  revokeApiKey(accountId: string, keyId: string): Promise<ApiKey> {
    return this.http.request("DELETE", `${account(accountId)}/keys/${encodeURIComponent(keyId)}`);
  }

  /** This period's use of each quota of the account's plan and of each key's spending cap. */
  getLimits(accountId: string): Promise<AccountLimits> {
    return this.http.request("GET", `${account(accountId)}/limits`);
  }

  /**
   * Start a paid top-up through a payment provider (e.g. `stripe`); it completes when the provider confirms.
   * With `returnUrl`, the answer's `checkoutUrl` is the provider's page where the customer pays; with `fromRecharge`
   * (a top-up that kept a card: `listKeptCards`), that card is charged at once.
   */
  createRecharge(accountId: string, recharge: RechargeInput, options: IdempotencyOptions = {}): Promise<Recharge> {
    return this.http.request("POST", `${account(accountId)}/recharges`, {
      body: recharge,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** The account's recharges, newest first, a page at a time (100 unless `limit` says). */
  listRecharges(accountId: string, options: PageOptions = {}): Promise<Page<Recharge>> {
    return this.http.request("GET", `${account(accountId)}/recharges`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /**
   * Pay what remains due on a finalized invoice by card: open the answer's `checkoutUrl` (the provider's page),
   * which sends the customer back to `returnUrl`. Once per `idempotencyKey`.
   */
  payInvoiceByCard(
    accountId: string,
    invoiceId: string,
    payment: { provider: "stripe"; returnUrl: string },
    options: IdempotencyOptions = {},
  ): Promise<Recharge> {
    return this.http.request("POST", `${account(accountId)}/invoices/${encodeURIComponent(invoiceId)}/card-payments`, {
      body: payment,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /**
   * Change the account's plan or seats now, prorated (see quoteSubscriptionChange first). Staff change any;
   * the account itself moves between self-service plans within their seat limit (403 otherwise).
   */
  changeSubscription(
    accountId: string,
    change: { planId?: string; seats?: number },
    options: IdempotencyOptions = {},
  ): Promise<{ subscription: Subscription; change: Fee }> {
    return this.http.request("PUT", `${account(accountId)}/subscription`, {
      body: change,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** What a change of plan or seats would cost now, and whether the account may make it itself. */
  quoteSubscriptionChange(accountId: string, change: { planId?: string; seats?: number }): Promise<SubscriptionQuote> {
    return this.http.request("GET", `${account(accountId)}/subscription/quote`, { query: { planId: change.planId, seats: change.seats } });
  }

  /** The plans the account may move to by itself. */
  listSelfServicePlans(accountId: string): Promise<{ items: Plan[] }> {
    return this.http.request("GET", `${account(accountId)}/subscription/plans`);
  }

  /** Cancel a pending top-up: its payment page stops taking payment (a 409 if it was paid meanwhile). */
  cancelRecharge(accountId: string, rechargeId: string): Promise<Recharge> {
    return this.http.request("POST", `${account(accountId)}/recharges/${encodeURIComponent(rechargeId)}/cancel`, { body: {} });
  }

  /** The cards the account kept when paying a top-up (brand, last four, expiry). */
  listKeptCards(accountId: string): Promise<{ items: KeptCard[] }> {
    return this.http.request("GET", `${account(accountId)}/cards`);
  }

  /** Forget a kept card (named by the top-up that kept it); auto-recharge that paid with it is turned off. */
  forgetKeptCard(accountId: string, rechargeId: string): Promise<{ autoRechargeOff: string[] }> {
    return this.http.request("DELETE", `${account(accountId)}/cards/${encodeURIComponent(rechargeId)}`);
  }

  /** Who the account's documents are addressed to (legal name, address, tax id, billing email). */
  setBillingDetails(accountId: string, details: BillingDetails): Promise<Account> {
    return this.http.request("PUT", `${account(accountId)}/billing-details`, { body: details });
  }

  removeBillingDetails(accountId: string): Promise<Account> {
    return this.http.request("DELETE", `${account(accountId)}/billing-details`);
  }

  getWallet(walletId: string): Promise<Wallet> {
    return this.http.request("GET", `/v1/wallets/${encodeURIComponent(walletId)}`);
  }

  /** Top the wallet up automatically below a threshold, with a saved card (`fromRecharge`, or an admin's `paymentMethod`). */
  setAutoRecharge(walletId: string, settings: AutoRechargeInput): Promise<Wallet> {
    return this.http.request("PUT", `/v1/wallets/${encodeURIComponent(walletId)}/auto-recharge`, { body: settings });
  }

  clearAutoRecharge(walletId: string): Promise<Wallet> {
    return this.http.request("DELETE", `/v1/wallets/${encodeURIComponent(walletId)}/auto-recharge`);
  }

  /**
   * The account's grants in consumption order (active first: lowest priority number, soonest expiry, oldest),
   * a page at a time (200 unless `limit` says).
   */
  listGrants(accountId: string, options: PageOptions = {}): Promise<Page<Grant>> {
    return this.http.request("GET", `${account(accountId)}/grants`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /**
   * The account's bundles with what each has left now, active first in consumption order (lowest priority number,
   * soonest expiry, oldest), a page at a time (200 unless `limit` says).
   */
  listBundles(accountId: string, options: PageOptions = {}): Promise<Page<Bundle>> {
    return this.http.request("GET", `${account(accountId)}/bundles`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** The lines `payerId` pays for, each with its monthly limit and what it spent this month (the payer's own credentials, or staff). */
  listLines(payerId: string): Promise<{ items: Line[] }> {
    return this.http.request("GET", `${account(payerId)}/lines`);
  }

  /** Raise, lower or remove (`null`) a line's monthly limit (the payer's own credentials, or staff). */
  setLineLimit(payerId: string, lineId: string, limit: number | null): Promise<Line> {
    return this.http.request("PUT", `${account(payerId)}/lines/${encodeURIComponent(lineId)}`, { body: { limit } });
  }

  /** A line as it sees itself: its payer, its monthly limit, what it spent and what is left (404: not a line). */
  getLine(accountId: string): Promise<Line> {
    return this.http.request("GET", `${account(accountId)}/line`);
  }

  /**
   * Buy a bundle pack, once per idempotency key: from the wallet (the default: the bundle is issued at once, or
   * `402 insufficient_funds` and nothing changes), or by card (`payment: "card"`, `provider`, and a kept card
   * named by `fromRecharge`, a saved `paymentMethod` or a `returnUrl`: the bundle is issued when the payment succeeds).
   */
  buyBundlePack(accountId: string, purchase: PackPurchaseInput, options: IdempotencyOptions = {}): Promise<PackPurchaseResult> {
    return this.http.request("POST", `${account(accountId)}/pack-purchases`, {
      body: purchase,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** The bundle packs the account can buy now (on sale, of its plan's products, priced in its currency), newest first. */
  listAccountBundlePacks(accountId: string, options: PageOptions = {}): Promise<Page<BundlePack>> {
    return this.http.request("GET", `${account(accountId)}/bundle-packs`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** The account's pack purchases, newest first, a page at a time. */
  listPackPurchases(accountId: string, options: PageOptions = {}): Promise<Page<PackPurchase>> {
    return this.http.request("GET", `${account(accountId)}/pack-purchases`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** A month's statement (YYYY-MM). */
  getStatement(accountId: string, period: string): Promise<Statement> {
    return this.http.request("GET", `${account(accountId)}/statements/${encodeURIComponent(period)}`);
  }

  /** The account's invoices, receipts and credit notes, newest first, a page at a time (100 unless `limit` says). */
  listInvoices(accountId: string, options: PageOptions = {}): Promise<Page<Invoice>> {
    return this.http.request("GET", `${account(accountId)}/invoices`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** Every document of the account, newest first, a page at a time. */
  iterateInvoices(accountId: string, options: { limit?: number } = {}): AsyncGenerator<Invoice> {
    return everyItem((cursor) => this.listInvoices(accountId, { ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }

  /** One document, as JSON. */
  getInvoice(accountId: string, invoiceId: string): Promise<Invoice> {
    return this.http.request("GET", `${account(accountId)}/invoices/${encodeURIComponent(invoiceId)}`);
  }

  /** A link to an invoice's PDF (signed by the session cookie in a browser). */
  invoicePdfUrl(accountId: string, invoiceId: string): string {
    return this.http.url(`${account(accountId)}/invoices/${encodeURIComponent(invoiceId)}/pdf`);
  }

  /** A link to a month's statement as a document, `pdf` or `html` (signed by the session cookie in a browser). */
  statementUrl(accountId: string, period: string, format: "pdf" | "html" = "pdf"): string {
    return this.http.url(`${account(accountId)}/statements/${encodeURIComponent(period)}/${format}`);
  }

  /** A link to an invoice's HTML rendering (signed by the session cookie in a browser). */
  invoiceHtmlUrl(accountId: string, invoiceId: string): string {
    return this.http.url(`${account(accountId)}/invoices/${encodeURIComponent(invoiceId)}/html`);
  }

  /** The document rendered to PDF. */
  downloadInvoicePdf(accountId: string, invoiceId: string): Promise<ArrayBuffer> {
    return this.http.download(`${account(accountId)}/invoices/${encodeURIComponent(invoiceId)}/pdf`);
  }

  /**
   * Charge `units` of a product of the plan for usage that did not pass through the gateway (a job, a message,
   * tokens counted afterwards), once per idempotency key (remembered 24 h; the SDK makes one when none is
   * given). Refused as the gateway refuses: InsufficientFundsError, QuotaExceededError, RateLimitError…
   * `accountId`: staff name the account; a key charges its own.
   */
  createCharge(
    charge: { productId: string; units?: number; accountId?: string; attributes?: Attributes },
    options: IdempotencyOptions = {},
  ): Promise<Charge> {
    return this.http.request("POST", "/v1/charges", {
      body: charge,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /**
   * Record up to 1,000 events of usage already delivered, deduplicated by their ids over 35 days: sending a
   * batch again is safe (what was recorded comes back `duplicate`). One bad event refuses the whole batch
   * (ValidationError…); otherwise each event is accepted, a duplicate, or refused with its reason.
   */
  reportUsage(events: ReportedUsageEvent[]): Promise<UsageReportResult> {
    return this.http.request("POST", "/v1/usage-events", { body: { events }, repeatable: true });
  }

  /**
   * Open a charging session: `requestedUnits` (or as many as the wallet covers) granted ahead and held. Throws
   * InsufficientFundsError (with `coveredUnits: 0`) when not one unit is covered. Once per idempotency key.
   */
  openChargingSession(
    session: { productId: string; requestedUnits?: number; ttlSeconds?: number; accountId?: string; attributes?: Attributes },
    options: IdempotencyOptions = {},
  ): Promise<ChargingSession> {
    return this.http.request("POST", "/v1/charging-sessions", {
      body: session,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /**
   * Report all units used so far and ask for more (`request` 1, 2, 3…: sending the same number again repeats
   * the answer, so a retry is safe). `grantedUnits` 0 in the answer: stop.
   */
  updateChargingSession(
    sessionId: string,
    report: { request: number; usedUnits: number; requestedUnits?: number },
  ): Promise<ChargingSession> {
    return this.http.request("POST", `/v1/charging-sessions/${encodeURIComponent(sessionId)}/updates`, { body: report, repeatable: true });
  }

  /** End a session with all the units it used; the rest of its grant returns. */
  terminateChargingSession(sessionId: string, report: { request: number; usedUnits: number }): Promise<ChargingSession> {
    return this.http.request("POST", `/v1/charging-sessions/${encodeURIComponent(sessionId)}/terminate`, {
      body: report,
      repeatable: true,
    });
  }

  getChargingSession(sessionId: string): Promise<ChargingSession> {
    return this.http.request("GET", `/v1/charging-sessions/${encodeURIComponent(sessionId)}`);
  }

  /** Plan, seats, what a period costs, the current period and next renewal, and any fee due. */
  getSubscription(accountId: string): Promise<Subscription> {
    return this.http.request("GET", `${account(accountId)}/subscription`);
  }

  /** The account's fees (renewals and prorated changes), newest first. */
  listFees(accountId: string, options: PageOptions = {}): Promise<Page<Fee>> {
    return this.http.request("GET", `${account(accountId)}/fees`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  iterateFees(accountId: string, options: { limit?: number } = {}): AsyncGenerator<Fee> {
    return everyItem((cursor) => this.listFees(accountId, { ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }

  getNotificationSettings(accountId: string): Promise<NotificationSettings> {
    return this.http.request("GET", `${account(accountId)}/notification-settings`);
  }

  /** The account's notifications with where each was delivered and what failed, newest first, a page at a time (100 unless `limit` says). */
  listNotifications(accountId: string, options: PageOptions = {}): Promise<Page<Notification>> {
    return this.http.request("GET", `${account(accountId)}/notifications`, { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** Replace who hears about the account, and about what. */
  setNotificationSettings(accountId: string, settings: Partial<NotificationSettingsInput>): Promise<NotificationSettings> {
    return this.http.request("PUT", `${account(accountId)}/notification-settings`, { body: settings });
  }
}

export class TollgateClient extends AccountClient {
  /** Sign this browser in to the portal with a portal link's secret or an API key (an HttpOnly cookie follows). */
  signIn(credential: { login: string } | { apiKey: string }): Promise<{ accountId: string; expiresAt: string }> {
    return this.http.request("POST", "/v1/portal/session", { body: credential });
  }

  /** The account this client acts for (the portal session's, or the API key's); `manageKeys`: opened by a portal link. */
  getSession(): Promise<{ accountId: string; manageKeys: boolean }> {
    return this.http.request("GET", "/v1/portal/session");
  }

  signOut(): Promise<void> {
    return this.http.request("DELETE", "/v1/portal/session");
  }

  /** How the portal presents the provider (name, logo, accent colour), before and after sign-in. */
  getPortalBranding(): Promise<PortalBranding> {
    return this.http.request("GET", "/v1/portal/branding");
  }

  /** The account's available balance per wallet, in real time. */
  getBalance(): Promise<Balance> {
    return this.http.request("GET", "/v1/me/balance");
  }

  /** One page of usage events, newest first. */
  listUsage(options: PageOptions = {}): Promise<Page<UsageEvent>> {
    return this.http.request("GET", "/v1/me/usage", { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** Every usage event, newest first, fetched a page at a time: `for await (const event of client.iterateUsage())`. */
  iterateUsage(options: { limit?: number } = {}): AsyncGenerator<UsageEvent> {
    return everyItem((cursor) => this.listUsage({ ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }

  /** The account's own usage, bucketed and grouped (by product, key or plan). */
  getUsageReport(query: UsageReportQuery = {}): Promise<UsageReport> {
    return this.http.request("GET", "/v1/me/reports/usage", { query: { ...query } });
  }

  /** The same as CSV. */
  getUsageReportCsv(query: UsageReportQuery = {}): Promise<string> {
    return this.http.csv("/v1/me/reports/usage", { ...query });
  }

  /** Redeem a prepaid voucher code into the account's wallet in the voucher's currency. */
  redeemVoucher(code: string): Promise<VoucherRedemption> {
    return this.http.request("POST", "/v1/me/vouchers", { body: { code } });
  }

  /** The account's ledger: credits and booked usage, newest first; with `timeZone`, each usage day's whole totals too. */
  listTransactions(options: PageOptions & { timeZone?: string } = {}): Promise<TransactionsPage> {
    return this.http.request("GET", "/v1/me/transactions", {
      query: { limit: options.limit, cursor: options.cursor, timeZone: options.timeZone },
    });
  }

  /** Every ledger entry, newest first, a page at a time. */
  iterateTransactions(options: { limit?: number } = {}): AsyncGenerator<LedgerEntry> {
    return everyItem((cursor) => this.listTransactions({ ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }
}

/** For admins: the catalog, accounts, keys and wallets, and any account's balance and usage. */
export class TollgateAdminClient extends AccountClient {
  /**
   * Sign this browser in to the admin console with a staff user's email and password, or with a token (a
   * bootstrap admin token or a user's API token): the server keeps the session as an HttpOnly cookie.
   */
  signIn(credential: string | { email: string; password: string }): Promise<{ actor: string; expiresAt: string }> {
    return this.http.request("POST", "/v1/console/session", { body: typeof credential === "string" ? { token: credential } : credential });
  }

  /** Who is signed in (or calling with a token), and the role they act with. */
  getSession(): Promise<{ actor: string; role: Role; userId?: string; name?: string; email?: string }> {
    return this.http.request("GET", "/v1/console/session");
  }

  /** Staff users (owners only). */
  createUser(user: { email: string; name: string; role: Role; password: string }): Promise<StaffUser> {
    return this.http.request("POST", "/v1/users", { body: user });
  }

  /** Staff users, oldest first, a page at a time (1,000 unless `limit` says). */
  listUsers(options: PageOptions = {}): Promise<Page<StaffUser>> {
    return this.http.request("GET", "/v1/users", { query: { limit: options.limit, cursor: options.cursor } });
  }

  getUser(userId: string): Promise<StaffUser> {
    return this.http.request("GET", `/v1/users/${encodeURIComponent(userId)}`);
  }

  updateUser(
    userId: string,
    change: { name?: string; role?: Role; status?: "active" | "disabled"; password?: string },
  ): Promise<StaffUser> {
    return this.http.request("PUT", `/v1/users/${encodeURIComponent(userId)}`, { body: change });
  }

  /** A user's tokens, oldest first, a page at a time (1,000 unless `limit` says). */
  listUserTokens(userId: string, options: PageOptions = {}): Promise<Page<StaffToken>> {
    return this.http.request("GET", `/v1/users/${encodeURIComponent(userId)}/tokens`, {
      query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** A token for a user (owners only); its secret is in this answer only. */
  createUserToken(userId: string, token: StaffTokenInput): Promise<{ token: StaffToken; secret: string }> {
    return this.http.request("POST", `/v1/users/${encodeURIComponent(userId)}/tokens`, { body: { ...token } });
  }

  revokeUserToken(userId: string, tokenId: string): Promise<StaffToken> {
    return this.http.request("DELETE", `/v1/users/${encodeURIComponent(userId)}/tokens/${encodeURIComponent(tokenId)}`);
  }

  /** The signed-in user's own tokens, oldest first, a page at a time (1,000 unless `limit` says). */
  listMyTokens(options: PageOptions = {}): Promise<Page<StaffToken>> {
    return this.http.request("GET", "/v1/tokens", { query: { limit: options.limit, cursor: options.cursor } });
  }

  createMyToken(token: StaffTokenInput): Promise<{ token: StaffToken; secret: string }> {
    return this.http.request("POST", "/v1/tokens", { body: { ...token } });
  }

  revokeMyToken(tokenId: string): Promise<StaffToken> {
    return this.http.request("DELETE", `/v1/tokens/${encodeURIComponent(tokenId)}`);
  }

  /** The audit trail, newest first. */
  listAudit(
    query: { actor?: string; target?: string; action?: string; from?: string; to?: string; limit?: number; cursor?: string } = {},
  ): Promise<Page<AuditRecord>> {
    return this.http.request("GET", "/v1/audit", { query: { ...query } });
  }

  /** Every audit record matching the filters, newest first, a page at a time. */
  iterateAudit(
    query: { actor?: string; target?: string; action?: string; from?: string; to?: string; limit?: number } = {},
  ): AsyncGenerator<AuditRecord> {
    return everyItem((cursor) => this.listAudit({ ...query, ...(cursor === undefined ? {} : { cursor }) }));
  }

  signOut(): Promise<void> {
    return this.http.request("DELETE", "/v1/console/session");
  }

  /** Accounts newest first: `query` matches a name (any case) or the start of an id. */
  searchAccounts(
    query: { query?: string; status?: "active" | "suspended" | "closed"; limit?: number; cursor?: string } = {},
  ): Promise<Page<Account>> {
    return this.http.request("GET", "/v1/accounts", { query: { ...query } });
  }

  /** Every account matching the search, newest first, a page at a time. */
  iterateAccounts(query: { query?: string; status?: "active" | "suspended" | "closed"; limit?: number } = {}): AsyncGenerator<Account> {
    return everyItem((cursor) => this.searchAccounts({ ...query, ...(cursor === undefined ? {} : { cursor }) }));
  }

  suspendAccount(accountId: string, reason: string): Promise<Account> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/suspend`, { body: { reason } });
  }

  resumeAccount(accountId: string, reason: string): Promise<Account> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/resume`, { body: { reason } });
  }

  /** Plans, newest first, a page at a time (200 unless `limit` says). */
  listPlans(options: PageOptions = {}): Promise<Page<Plan>> {
    return this.http.request("GET", "/v1/plans", { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** A link to a report's CSV download (signed by the session cookie in a browser). */
  reportCsvUrl(report: "usage" | "recharges" | "financial" | "journal", query: Record<string, string | number | undefined>): string {
    return this.http.url(`/v1/reports/${report}`, { ...query, format: "csv" });
  }

  /** Usage over every account (or `accountId`'s), bucketed and grouped, from the rollups. */
  getUsageReport(query: UsageReportQuery & { accountId?: string } = {}): Promise<UsageReport> {
    return this.http.request("GET", "/v1/reports/usage", { query: { ...query } });
  }

  getUsageReportCsv(query: UsageReportQuery & { accountId?: string } = {}): Promise<string> {
    return this.http.csv("/v1/reports/usage", { ...query });
  }

  /** Every top-up with method and status; totals and averages per method and bucket; frequency per account. */
  getRechargeReport(query: ReportRangeQuery & { accountId?: string } = {}): Promise<RechargeReport> {
    return this.http.request("GET", "/v1/reports/recharges", { query: { ...query } });
  }

  /** One table of the recharge report as CSV. */
  getRechargeReportCsv(
    query: ReportRangeQuery & { accountId?: string; table?: "topUps" | "totals" | "buckets" | "accounts" } = {},
  ): Promise<string> {
    return this.http.csv("/v1/reports/recharges", { ...query });
  }

  /** Revenue, recharges, refunds, grants over the range; liability and what is owed now. */
  getFinancialReport(query: Omit<ReportRangeQuery, "bucket"> = {}): Promise<FinancialReport> {
    return this.http.request("GET", "/v1/reports/financial", { query: { ...query } });
  }

  getFinancialReportCsv(query: Omit<ReportRangeQuery, "bucket"> = {}): Promise<string> {
    return this.http.csv("/v1/reports/financial", { ...query });
  }

  /** The books' journal in double entry, one per reporting day (`from` to `to`, YYYY-MM-DD) and currency. */
  getJournal(query: JournalQuery): Promise<JournalExport> {
    return this.http.request("GET", "/v1/reports/journal", { query: { ...query } });
  }

  /** The journal as a general journal's CSV (Date, Journal, Account code, Account name, Debit, Credit…). */
  getJournalCsv(query: JournalQuery): Promise<string> {
    return this.http.csv("/v1/reports/journal", { ...query });
  }

  /** The chart of accounts the journal posts to (the defaults until it is set). */
  getChartOfAccounts(): Promise<ChartOfAccounts> {
    return this.http.request("GET", "/v1/books/chart");
  }

  /** Replace the chart of accounts (roles left out take their defaults); audited. */
  setChartOfAccounts(chart: ChartOfAccountsInput): Promise<ChartOfAccounts> {
    return this.http.request("PUT", "/v1/books/chart", { body: chart });
  }

  /** Usage anomalies, newest first, a page at a time (1,000 unless `limit` says). */
  listAnomalies(query: { status?: "open" | "cleared"; accountId?: string } & PageOptions = {}): Promise<Page<Anomaly>> {
    return this.http.request("GET", "/v1/anomalies", { query: { ...query } });
  }

  /** Close an anomaly after review, undoing its mitigation. */
  clearAnomaly(anomalyId: string, reason: string): Promise<Anomaly> {
    return this.http.request("POST", `/v1/anomalies/${encodeURIComponent(anomalyId)}/clear`, { body: { reason } });
  }

  setAnomalyPolicy(planId: string, policy: AnomalyPolicy): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/anomaly-policy`, { body: policy });
  }

  createPlan(plan: { name: string; currency: string; recurring?: RecurringInput } & CatalogInput): Promise<Plan> {
    return this.http.request("POST", "/v1/plans", { body: plan });
  }

  /** Set a plan's recurring fee and seat price; new amounts apply from each account's next renewal. */
  setRecurring(planId: string, recurring: RecurringInput): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/recurring`, { body: recurring });
  }

  removeRecurring(planId: string): Promise<Plan> {
    return this.http.request("DELETE", `/v1/plans/${encodeURIComponent(planId)}/recurring`);
  }

  /** Set the bundles a plan includes for each period (an empty list: none); they apply from each account's next period. */
  setIncludedBundles(planId: string, bundles: IncludedBundleInput[]): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/included-bundles`, { body: { bundles } });
  }

  /** Run the renewal job now (every account, or those given): idempotent. */
  renewSubscriptions(accountIds?: string[]): Promise<{ accounts: number }> {
    return this.http.request("POST", "/v1/admin/subscriptions/renew", { body: accountIds ? { accountIds } : {} });
  }

  /** Replace a plan's catalog; gateways apply it within a second. */
  replaceCatalog(planId: string, catalog: CatalogInput): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/catalog`, { body: catalog });
  }

  getPlan(planId: string): Promise<Plan> {
    return this.http.request("GET", `/v1/plans/${encodeURIComponent(planId)}`);
  }

  createAccount(account: {
    name: string;
    planId: string;
    seats?: number;
    billingMode?: BillingMode;
    creditLimit?: number;
    billingCycle?: BillingCycle;
  }): Promise<AccountWithCredit> {
    return this.http.request("POST", "/v1/accounts", { body: account });
  }

  /**
   * Ask for a billing mode and credit limit, held to the deployment's credit rule: applied at once, refused
   * (a CreditCheckFailedError whose `problem.unmet` lists what the rule lacks), or waiting for a second staff
   * member (`creditRequest` in the answer, the account unchanged until it is approved).
   */
  setBilling(
    accountId: string,
    billing: { billingMode: BillingMode; creditLimit?: number; billingCycle?: BillingCycle },
  ): Promise<AccountWithCredit> {
    return this.http.request("PUT", `/v1/accounts/${encodeURIComponent(accountId)}/billing`, { body: billing });
  }

  /** One wallet per currency; prices are never converted between them. */
  createWallet(accountId: string, wallet: { currency: string; creditLimit?: number }): Promise<Wallet> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/wallets`, { body: wallet });
  }

  /** Let customers move to and from a plan themselves, with at most `maxSeats` seats. */
  setPlanSelfService(planId: string, setting: { maxSeats: number }): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/self-service`, { body: setting });
  }

  removePlanSelfService(planId: string): Promise<Plan> {
    return this.http.request("DELETE", `/v1/plans/${encodeURIComponent(planId)}/self-service`);
  }

  /** Who documents are from (`configured` is false until it is set). */
  getIssuerProfile(): Promise<IssuerProfile> {
    return this.http.request("GET", "/v1/issuer-profile");
  }

  /** Replace the issuer profile: documents finalized from now on print it. */
  setIssuerProfile(profile: IssuerProfileInput): Promise<IssuerProfile> {
    return this.http.request("PUT", "/v1/issuer-profile", { body: profile });
  }

  /** Tax rates, newest first (of one `country` when given), a page at a time (200 unless `limit` says). */
  listTaxRates(options: PageOptions & { country?: string } = {}): Promise<Page<TaxRate>> {
    return this.http.request("GET", "/v1/tax-rates", { query: { limit: options.limit, cursor: options.cursor, country: options.country } });
  }

  getTaxRate(taxRateId: string): Promise<TaxRate> {
    return this.http.request("GET", `/v1/tax-rates/${encodeURIComponent(taxRateId)}`);
  }

  /** Add a rate; one overlapping another of its jurisdiction and category is refused (409). */
  createTaxRate(rate: TaxRateInput): Promise<TaxRate> {
    return this.http.request("POST", "/v1/tax-rates", { body: rate });
  }

  /** Change a rate's name, figure or validity; issued documents keep the rate they printed. */
  updateTaxRate(taxRateId: string, rate: TaxRateUpdate): Promise<TaxRate> {
    return this.http.request("PUT", `/v1/tax-rates/${encodeURIComponent(taxRateId)}`, { body: rate });
  }

  /** How a plan's prices meet tax (exclusive or inclusive) and its products' tax categories. */
  setPlanTax(planId: string, tax: PlanTaxInput): Promise<Plan> {
    return this.http.request("PUT", `/v1/plans/${encodeURIComponent(planId)}/tax`, { body: tax });
  }

  getAccount(accountId: string): Promise<Account> {
    return this.http.request("GET", `/v1/accounts/${encodeURIComponent(accountId)}`);
  }

  /** Credit once per idempotency key; retrying with the same key returns the first entry. */
  creditWallet(walletId: string, credit: { amount: number; reason?: string }, options: IdempotencyOptions = {}): Promise<LedgerEntry> {
    return this.http.request("POST", `/v1/wallets/${encodeURIComponent(walletId)}/credits`, {
      body: credit,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** A signed correction with a reason, booked once per idempotency key. */
  adjustWallet(walletId: string, adjustment: { amount: number; reason: string }, options: IdempotencyOptions = {}): Promise<LedgerEntry> {
    return this.http.request("POST", `/v1/wallets/${encodeURIComponent(walletId)}/adjustments`, {
      body: adjustment,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  getBalance(accountId: string): Promise<Balance> {
    return this.http.request("GET", `/v1/accounts/${encodeURIComponent(accountId)}/balance`);
  }

  listUsage(accountId: string, options: PageOptions = {}): Promise<Page<UsageEvent>> {
    return this.http.request("GET", `/v1/accounts/${encodeURIComponent(accountId)}/usage`, {
      query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** An account's ledger, newest first; with `timeZone`, each usage day's whole totals too. */
  listTransactions(accountId: string, options: PageOptions & { timeZone?: string } = {}): Promise<TransactionsPage> {
    return this.http.request("GET", `/v1/accounts/${encodeURIComponent(accountId)}/transactions`, {
      query: { limit: options.limit, cursor: options.cursor, timeZone: options.timeZone },
    });
  }

  /** Every usage event of an account, newest first, a page at a time. */
  iterateUsage(accountId: string, options: { limit?: number } = {}): AsyncGenerator<UsageEvent> {
    return everyItem((cursor) => this.listUsage(accountId, { ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }

  /** Every ledger entry of an account, newest first, a page at a time. */
  iterateTransactions(accountId: string, options: { limit?: number } = {}): AsyncGenerator<LedgerEntry> {
    return everyItem((cursor) => this.listTransactions(accountId, { ...options, ...(cursor === undefined ? {} : { cursor }) }));
  }

  /** Put a bundle pack on sale (a price per currency, in micros). */
  createBundlePack(pack: BundlePackInput): Promise<BundlePack> {
    return this.http.request("POST", "/v1/bundle-packs", { body: pack });
  }

  /** Bundle packs, newest first, a page at a time; `status` picks those on sale or archived. */
  listBundlePacks(query: { status?: "active" | "archived" } & PageOptions = {}): Promise<Page<BundlePack>> {
    return this.http.request("GET", "/v1/bundle-packs", { query: { ...query } });
  }

  /** Take a pack off sale (what was bought of it stays). */
  archiveBundlePack(packId: string): Promise<BundlePack> {
    return this.http.request("DELETE", `/v1/bundle-packs/${encodeURIComponent(packId)}`);
  }

  /** Check each bundle's unit ledger (plus what the usage streams hold) against Redis; with `accountIds`, every bundle's figures too. */
  reconcileBundles(accountIds?: string[]): Promise<BundleReconciliationReport> {
    return this.http.request("POST", "/v1/admin/bundle-reconciliation", { body: accountIds ? { accountIds } : {} });
  }

  /** Check ledger = Redis + open reservations + usage not yet booked; the wallets that drift. */
  reconcile(accountIds?: string[]): Promise<{ checked: number; drifts: WalletReconciliation[] }> {
    return this.http.request("POST", "/v1/admin/reconciliation", { body: accountIds ? { accountIds } : {} });
  }

  issueGrant(
    walletId: string,
    grant: { kind: "promotional" | "paid"; amount: number; priority?: number; expiresAt: string; reason?: string },
    options: IdempotencyOptions = {},
  ): Promise<Grant> {
    return this.http.request("POST", `/v1/wallets/${encodeURIComponent(walletId)}/grants`, {
      body: grant,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /**
   * Grant a bundle of units of one product of the account's plan, consumed before money until it expires;
   * `overage` says whether the units its bundles do not cover are charged (default) or refused.
   */
  issueBundle(
    accountId: string,
    bundle: { productId: string; units: number; priority?: number; expiresAt: string; overage?: "charge" | "refuse"; reason?: string },
    options: IdempotencyOptions = {},
  ): Promise<Bundle> {
    return this.http.request("POST", `${account(accountId)}/bundles`, {
      body: bundle,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** Revoke a bundle: no call takes from it any more, and what it had left leaves through its unit ledger. */
  revokeBundle(accountId: string, bundleId: string): Promise<Bundle> {
    return this.http.request("DELETE", `${account(accountId)}/bundles/${encodeURIComponent(bundleId)}`);
  }

  /**
   * A new line of `payerId` (hierarchies): an account with no wallet whose calls spend from the payer's wallet,
   * within `limit` micros a calendar month (none when absent), on `planId` (the payer's when absent).
   */
  createLine(payerId: string, line: { name: string; planId?: string; limit?: number }): Promise<Line> {
    return this.http.request("POST", `${account(payerId)}/lines`, { body: line });
  }

  /** Make an existing account a line of `payerId`, from its next call (one of another partition is moved to the payer's first). */
  attachLine(payerId: string, line: { accountId: string; limit?: number }): Promise<Line> {
    return this.http.request("POST", `${account(payerId)}/lines/attach`, { body: line });
  }

  /** Take a line out of its hierarchy: from its next call it pays from a wallet of its own. */
  detachLine(payerId: string, lineId: string): Promise<Account> {
    return this.http.request("DELETE", `${account(payerId)}/lines/${encodeURIComponent(lineId)}`);
  }

  /** Close a postpaid or hybrid account's billing period (named by its first day) into one invoice. */
  closeBillingPeriod(accountId: string, periodStart: string): Promise<{ invoice: Invoice | null }> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/invoices`, { body: { periodStart } });
  }

  /**
   * Record a payment of an invoice: the wallet gets it back as credit. Without `amount`, what remains due is
   * paid; a partial `amount` needs an idempotency key, so that a retry records it once.
   */
  payInvoice(invoiceId: string, payment: { amount?: number } = {}, options: IdempotencyOptions = {}): Promise<Invoice> {
    return this.http.request("POST", `/v1/invoices/${encodeURIComponent(invoiceId)}/pay`, {
      body: payment,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** Void a finalized, unpaid document (it keeps its number); a partly paid one is credited instead. */
  voidInvoice(invoiceId: string): Promise<Invoice> {
    return this.http.request("POST", `/v1/invoices/${encodeURIComponent(invoiceId)}/void`, { body: {} });
  }

  issueCreditNote(invoiceId: string, note: { amount: number; reason: string }, options: IdempotencyOptions = {}): Promise<Invoice> {
    return this.http.request("POST", `/v1/invoices/${encodeURIComponent(invoiceId)}/credit-notes`, {
      body: note,
      headers: { "idempotency-key": options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  /** Generate prepaid voucher codes, each worth `amount` or granting the pack `packId`; they are in this answer only. */
  createVoucherBatch(
    batch: { currency: string; count: number; expiresAt: string } & ({ amount: number } | { packId: string }),
  ): Promise<{ batchId: string; amount: number; currency: string; packId?: string; expiresAt: string; codes: string[] }> {
    return this.http.request("POST", "/v1/voucher-batches", { body: batch });
  }

  /** Voucher batches, newest first, a page at a time: value, expiry, codes issued and redeemed (never the codes). */
  listVoucherBatches(options: PageOptions = {}): Promise<Page<VoucherBatch>> {
    return this.http.request("GET", "/v1/voucher-batches", { query: { limit: options.limit, cursor: options.cursor } });
  }

  /** Refund a succeeded recharge through its provider; its credit is reversed in the ledger, once. */
  refundRecharge(rechargeId: string): Promise<Recharge> {
    return this.http.request("POST", `/v1/recharges/${encodeURIComponent(rechargeId)}/refund`, { body: {} });
  }

  /** A customer-portal link for one account, good for one sign-in before `expiresAt` (10 minutes unless `ttlSeconds` says). */
  createPortalSession(accountId: string, options: { ttlSeconds?: number } = {}): Promise<{ url: string; expiresAt: string }> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/portal-sessions`, { body: options });
  }

  redeemVoucher(accountId: string, code: string): Promise<VoucherRedemption> {
    return this.http.request("POST", `/v1/accounts/${encodeURIComponent(accountId)}/vouchers`, { body: { code } });
  }

  /** After Redis lost its data: restore every missing account from the ledger. */
  rebuild(): Promise<{ restored: number }> {
    return this.http.request("POST", "/v1/admin/rebuild", { body: {} });
  }

  /** The account's privacy requests: whether its personal data is erased, and its exports, newest first. */
  getPrivacy(accountId: string): Promise<PrivacyState> {
    return this.http.request("GET", `${account(accountId)}/privacy`);
  }

  /** Ask for an export of everything kept about the account: `pending` until the privacy job has produced it. */
  requestPrivacyExport(accountId: string): Promise<PrivacyRequest> {
    return this.http.request("POST", `${account(accountId)}/privacy/exports`, { body: {} });
  }

  /** A ready export's document, handed over once (it is deleted as it is): a second download is a ConflictError. */
  downloadPrivacyExport(accountId: string, exportId: string): Promise<PrivacyExport> {
    return this.http.request("POST", `${account(accountId)}/privacy/exports/${encodeURIComponent(exportId)}/download`, { body: {} });
  }

  /** Erase the account's personal data for good (owners only): safe to repeat, it finishes what a crash left. */
  eraseAccount(accountId: string): Promise<PrivacyRequest> {
    return this.http.request("POST", `${account(accountId)}/privacy/erasure`, { body: { confirm: accountId } });
  }

  /** The deployment's credit rule (the defaults until saved). */
  getCreditRule(): Promise<CreditRule> {
    return this.http.request("GET", "/v1/credit-rule");
  }

  setCreditRule(rule: CreditRuleInput): Promise<CreditRule> {
    return this.http.request("PUT", "/v1/credit-rule", { body: rule });
  }

  /** What the account shows the credit rule, each check, and whether it qualifies. */
  getCreditStanding(accountId: string): Promise<CreditStanding> {
    return this.http.request("GET", `${account(accountId)}/credit`);
  }

  /** Credit requests newest first: `status: "pending"` for those waiting for a second staff member. */
  listCreditRequests(query: { status?: CreditRequest["status"]; accountId?: string } & PageOptions = {}): Promise<Page<CreditRequest>> {
    return this.http.request("GET", "/v1/credit-requests", { query: { ...query } });
  }

  getCreditRequest(creditRequestId: string): Promise<CreditRequest> {
    return this.http.request("GET", `/v1/credit-requests/${encodeURIComponent(creditRequestId)}`);
  }

  /** Approve as a second staff member (never the requester): the billing asked for applies at once. */
  approveCreditRequest(creditRequestId: string, reason?: string): Promise<CreditRequest> {
    return this.http.request("POST", `/v1/credit-requests/${encodeURIComponent(creditRequestId)}/approve`, {
      body: reason ? { reason } : {},
    });
  }

  rejectCreditRequest(creditRequestId: string, reason?: string): Promise<CreditRequest> {
    return this.http.request("POST", `/v1/credit-requests/${encodeURIComponent(creditRequestId)}/reject`, {
      body: reason ? { reason } : {},
    });
  }

  /** Register a deployment-level webhook endpoint; the answer carries its signing secret. */
  createWebhookEndpoint(endpoint: WebhookEndpointInput): Promise<WebhookEndpoint> {
    return this.http.request("POST", "/v1/webhook-endpoints", { body: endpoint });
  }

  listWebhookEndpoints(): Promise<{ items: WebhookEndpoint[] }> {
    return this.http.request("GET", "/v1/webhook-endpoints");
  }

  getWebhookEndpoint(endpointId: string): Promise<WebhookEndpoint> {
    return this.http.request("GET", `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`);
  }

  updateWebhookEndpoint(endpointId: string, endpoint: WebhookEndpointInput): Promise<WebhookEndpoint> {
    return this.http.request("PUT", `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`, { body: endpoint });
  }

  removeWebhookEndpoint(endpointId: string): Promise<WebhookEndpoint> {
    return this.http.request("DELETE", `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`);
  }

  /** An endpoint's delivery log, newest first. */
  listWebhookDeliveries(endpointId: string, options: PageOptions = {}): Promise<Page<WebhookDelivery>> {
    return this.http.request("GET", `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries`, {
      query: { limit: options.limit, cursor: options.cursor },
    });
  }
}

export { TollgateError };
