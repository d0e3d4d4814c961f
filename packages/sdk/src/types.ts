/**
 * The SDK's public types: each one named out of `openapi.ts`, which is generated from the control plane's
 * OpenAPI document (packages/sdk/scripts/generate-types.ts). Nothing here is written by hand but the names,
 * so a type cannot drift from what the API accepts and answers: a route or schema change regenerates
 * `openapi.ts`, and the test command fails while it is stale.
 */
import type { components, operations } from "./openapi.js";

type Operation = keyof operations;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : never;
/** The JSON an operation answers on success. */
export type ResponseOf<O extends Operation> =
  Success<operations[O]["responses"]> extends { content: { "application/json": infer J } } ? J : never;
/** The JSON body an operation takes. */
export type BodyOf<O extends Operation> =
  NonNullable<operations[O]["requestBody"]> extends { content: { "application/json": infer J } } ? J : never;
/** The query parameters an operation takes. */
export type QueryOf<O extends Operation> = NonNullable<operations[O]["parameters"]["query"]>;
type Item<List> = List extends { items: (infer I)[] } ? I : never;

/** Money is integer micros: 1 currency unit = 1,000,000. */
export type Micros = number;

/** Every error code the API answers with. */
export type ProblemCode = components["schemas"]["Problem"]["code"];
/**
 * RFC 9457 problem details, as every Tollgate error is answered; `connection_error` is the SDK's own, for a
 * request that got no answer at all.
 */
export type Problem = Omit<components["schemas"]["Problem"], "code"> & {
  code: ProblemCode | "connection_error";
  [extension: string]: unknown;
};

/** A page of a list, newest first. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

// Accounts, wallets and balances.
export type Account = ResponseOf<"getAccount">;
export type BillingMode = Account["billingMode"];
/** Monthly from an anchor day (1–28), weekly from an anchor weekday (1 = Monday), or yearly from an anchor date. */
export type BillingCycle = Account["billingCycle"];
export type Balance = ResponseOf<"getBalance">;
export type WalletBalance = Balance["balances"][number];
export type Wallet = ResponseOf<"getWallet">;
/** Below `threshold`, top up by `amount` (fixed) or up to `amount` (target), at most `dailyLimit` times a day. */
export type AutoRecharge = NonNullable<Wallet["autoRecharge"]>;
export type AutoRechargeInput = BodyOf<"setAutoRecharge">;
/** This period's use of each quota and each key's spending cap, as the gateways count it. */
export type AccountLimits = ResponseOf<"getAccountLimits">;
export type ApiKey = Item<ResponseOf<"listApiKeys">>;
export type Grant = Item<ResponseOf<"listGrants">>;
/** A bundle of units of one product, consumed before money; `remaining` is what it has left now. */
export type Bundle = Item<ResponseOf<"listBundles">>;
/** A line of a hierarchy: an account whose calls its payer's wallet pays for, within its monthly limit. */
export type Line = Item<ResponseOf<"listLines">>;
export type BundleInput = BodyOf<"issueBundle">;
/** A bundle pack on sale: `units` of a product for `validity`, at a price per currency. */
export type BundlePack = Item<ResponseOf<"listBundlePacks">>;
export type BundlePackInput = BodyOf<"createBundlePack">;
/** An account's purchase of a pack (from its wallet, by card, or by a voucher that grants it). */
export type PackPurchase = Item<ResponseOf<"listPackPurchases">>;
export type PackPurchaseInput = BodyOf<"buyBundlePack">;
/** A card top-up: a kept card (`fromRecharge`), a card the provider knows (`paymentMethod`), or its page (`returnUrl`). */
export type RechargeInput = BodyOf<"createRecharge">;
/** What a purchase answers: issued with its bundle, or (card) pending with where to pay. */
export type PackPurchaseResult = ResponseOf<"buyBundlePack">;
/** Each bundle's unit ledger against Redis: those that drift, and (for the accounts named) every bundle. */
export type BundleReconciliationReport = ResponseOf<"reconcileBundles">;
export type LedgerEntry = Item<ResponseOf<"listTransactions">>;
/** A voucher redeemed: its credit entry, and for a code that grants a pack the purchase that credit paid (`packPurchase`). */
export type VoucherRedemption = ResponseOf<"redeemMyVoucher">;
/** A local day's usage (`timeZone` asked for), whole: the sum of every usage entry of that day, on the page or not. */
export type UsageDay = NonNullable<ResponseOf<"listTransactions">["usageDays"]>[number];
/** A page of the ledger; asked with a `timeZone`, each day of its usage entries with the whole day's totals. */
export type TransactionsPage = Page<LedgerEntry> & { usageDays?: UsageDay[] };
export type Statement = ResponseOf<"getStatement">;
export type WalletReconciliation = ResponseOf<"reconcile">["drifts"][number];
export type Recharge = ResponseOf<"createRecharge">;
export type NotificationSettings = ResponseOf<"getNotificationSettings">;
export type NotificationSettingsInput = BodyOf<"setNotificationSettings">;
/** A notification, with the channels it was delivered to, is pending on, or failed on. */
export type Notification = Item<ResponseOf<"listNotifications">>;

// Usage and charging.
export type UsageEvent = Item<ResponseOf<"listUsage">>;
/** What a charge's usage was: up to 16 names (letters, digits, _ and -) with values of up to 128 characters. */
export type Attributes = NonNullable<BodyOf<"createCharge">["attributes"]>;
/** A direct charge: usage that did not pass through the gateway, rated and debited like a call to the product. */
export type Charge = ResponseOf<"createCharge">;
/** A charging session: units granted ahead, reported as used, granted again, ended (Diameter credit control). */
export type ChargingSession = ResponseOf<"getChargingSession">;
/** One event of usage already delivered, reported afterwards (`reportUsage`). */
export type ReportedUsageEvent = BodyOf<"reportUsageEvents">["events"][number];
/** What became of each reported event, in the batch's order. */
export type UsageReportResult = ResponseOf<"reportUsageEvents">;

// Plans, subscriptions and invoices.
export type Plan = ResponseOf<"getPlan">;
export type CatalogInput = BodyOf<"replacePlanCatalog">;
export type PriceInput = NonNullable<CatalogInput["products"]>[number]["price"];
export type Metric = NonNullable<PriceInput["metric"]>;
/** One line of a rate deck: its value, and what it sets over the product's price. */
export type RateLineInput = NonNullable<PriceInput["dimension"]>["lines"][number];
/** An hour is anomalous above max(minCalls, factor × the account's average hour over the 7 days before). */
export type AnomalyPolicy = Plan["anomalyPolicy"];
export type Anomaly = Item<ResponseOf<"listAnomalies">>;
/** A plan's recurring fee and seat price (micros per period), and the grace a prepaid account gets when it cannot pay. */
export type Recurring = NonNullable<Plan["recurring"]>;
/** What a plan's recurring fee is set with: `seatPrice` 0 and `graceHours` 72 when absent. */
export type RecurringInput = BodyOf<"setPlanRecurring">;
/** A bundle a plan includes for each period (or once), with its rollover cap; defaults: charge, priority 0, every period, no rollover. */
export type IncludedBundleInput = BodyOf<"setPlanIncludedBundles">["bundles"][number];
/** A bundle a plan includes, as the plan shows it. */
export type IncludedBundle = Plan["includedBundles"][number];
/**
 * An account's subscription. `past_due`: a fee is due and calls pass until its `graceUntil`; `unpaid`: calls are
 * refused (402 `subscription_unpaid`) until a top-up pays it; `none`: the plan has no recurring fee.
 */
export type Subscription = ResponseOf<"getSubscription">;
/** A period's renewal or a prorated change: `amount` positive is charged, negative credited. */
export type Fee = Item<ResponseOf<"listFees">>;
export type Invoice = ResponseOf<"getInvoice">;
/** Who documents are from: legal name, address, tax id, logo, payment terms, instructions, footer. */
export type IssuerProfile = ResponseOf<"getIssuerProfile">;
export type IssuerProfileInput = BodyOf<"setIssuerProfile">;
/** Who an account's documents are addressed to. */
export type BillingDetails = BodyOf<"setBillingDetails">;
/** A tax rate of a jurisdiction (country, or a region of it) and a product tax category, in parts per million, with validity dates. */
export type TaxRate = ResponseOf<"getTaxRate">;
export type TaxRateInput = BodyOf<"createTaxRate">;
export type TaxRateUpdate = BodyOf<"updateTaxRate">;
/** How a plan's prices meet tax: exclusive or inclusive, and its products' tax categories. */
export type PlanTax = Plan["tax"];
export type PlanTaxInput = BodyOf<"setPlanTax">;
/** A document's tax, fixed when it was finalized. */
export type DocumentTax = NonNullable<Invoice["tax"]>;
/** A card the account kept when paying a top-up. */
export type KeptCard = Item<ResponseOf<"listKeptCards">>;
/** What a change of plan or seats would cost now. */
export type SubscriptionQuote = ResponseOf<"quoteSubscriptionChange">;
/** How the portal presents the provider: its name, logo and accent colour. */
export type PortalBranding = ResponseOf<"getPortalBranding">;
/** A batch of voucher codes: face value, expiry, how many issued and redeemed (never the codes). */
export type VoucherBatch = Item<ResponseOf<"listVoucherBatches">>;

// Reports.
/** The range and calendar of a report. `from`/`to` are ISO 8601 instants; by default the last 30 days. */
export type ReportRangeQuery = Omit<QueryOf<"getRechargeReport">, "accountId" | "format">;
export type UsageReportQuery = Omit<QueryOf<"getMyUsageReport">, "format">;
export type ReportBucket = NonNullable<ReportRangeQuery["bucket"]>;
export type UsageGroupBy = NonNullable<UsageReportQuery["groupBy"]>;
export type UsageReport = ResponseOf<"getUsageReport">;
export type UsageFigures = Pick<UsageReport["totals"][number], "calls" | "units" | "amount">;
export type RechargeReport = ResponseOf<"getRechargeReport">;
export type TopUpSummary = RechargeReport["totals"][number];
export type TopUpMethod = TopUpSummary["method"];
export type FinancialReport = ResponseOf<"getFinancialReport">;
export type JournalExport = ResponseOf<"getJournal">;
export type JournalQuery = Omit<QueryOf<"getJournal">, "format">;
export type ChartOfAccounts = ResponseOf<"getChartOfAccounts">;
export type ChartOfAccountsInput = BodyOf<"setChartOfAccounts">;
export type FinancialSummary = FinancialReport["currencies"][number];

// Staff.
export type StaffUser = ResponseOf<"getUser">;
/** A staff role (docs/api.md, "Staff and roles"). */
export type Role = StaffUser["role"];
export type StaffToken = Item<ResponseOf<"listMyTokens">>;
export type StaffTokenInput = BodyOf<"createMyToken">;
/** One audit record: who (`user:…`, `token:…`, `admin:…`, `key:…`, `portal:…`, `system:…`) did what to what. */
export type AuditRecord = Item<ResponseOf<"listAudit">>;

// Privacy (docs/concepts/privacy.md).
/** An account's erasure and exports. */
export type PrivacyState = ResponseOf<"getPrivacy">;
/** An export or an erasure, and its state. */
export type PrivacyRequest = ResponseOf<"eraseAccount">;
/** Everything kept about an account, as an export hands it over. */
export type PrivacyExport = ResponseOf<"downloadPrivacyExport">;

// Credit checks and the deployment's webhooks (docs/concepts/credit-and-webhooks.md).
/** An account as a billing change answers it: `creditRequest` when the credit asked for waits for a second staff member. */
export type AccountWithCredit = ResponseOf<"setBilling">;
/** The deployment's credit rule: what an account must show before it gets credit. */
export type CreditRule = ResponseOf<"getCreditRule">;
export type CreditRuleInput = BodyOf<"setCreditRule">;
/** A change of billing that waits for a second staff member, and what became of it. */
export type CreditRequest = ResponseOf<"getCreditRequest">;
/** What an account shows the credit rule, and whether it qualifies. */
export type CreditStanding = ResponseOf<"getCreditStanding">;
/** One check of the credit rule (also in a `credit_check_failed` problem's `unmet`). */
export type CreditCheck = CreditStanding["checks"][number];
/** A deployment-level webhook endpoint, with its Standard Webhooks signing secret. */
export type WebhookEndpoint = ResponseOf<"getWebhookEndpoint">;
export type WebhookEndpointInput = BodyOf<"createWebhookEndpoint">;
export type WebhookEventType = WebhookEndpoint["events"][number];
/** One delivery attempt of an event to an endpoint. */
export type WebhookDelivery = Item<ResponseOf<"listWebhookDeliveries">>;
