/** Money is integer micros: 1 currency unit = 1,000,000. */
export type Micros = number;

export type BillingMode = "prepaid" | "postpaid" | "hybrid";

export interface WalletBalance {
  walletId: string;
  currency: string;
  /** The balance now (negative when credit is in use). */
  available: Micros;
  /** Held by calls in flight, released when they settle. */
  reserved: Micros;
  /** How far below zero the balance may go. */
  creditLimit: Micros;
  /** available + creditLimit. */
  spendable: Micros;
  /** Active grants (part of available), in consumption order. */
  grants: { grantId: string; kind: string; remaining: Micros; expiresAt: string }[];
}

export interface Grant {
  id: string;
  walletId: string;
  currency: string;
  kind: "promotional" | "paid";
  amount: Micros;
  remaining: Micros;
  priority: number;
  expiresAt: string;
  status: "active" | "expired";
  reason?: string;
  createdAt: string;
}

export interface Invoice {
  id: string;
  kind: "invoice" | "receipt" | "credit_note";
  number?: string;
  accountId: string;
  currency: string;
  subject: string;
  status: "draft" | "finalized" | "paid" | "void";
  /** `kind` on period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats. */
  lines: {
    kind?: "usage" | "fee" | "seats" | "proration";
    description: string;
    productId?: string;
    quantity: number;
    unitPrice: Micros;
    amount: Micros;
  }[];
  subtotal: Micros;
  rounding: Micros;
  /** Rounded half up to the currency's minor unit. */
  total: Micros;
  correctsInvoiceId?: string;
  /** Period invoices: the billing period, and the instant before which its usage is billed here. */
  periodFrom?: string;
  periodTo?: string;
  cutoff?: string;
  /** Micros received so far. */
  amountPaid: Micros;
  finalizedAt?: string;
  paidAt?: string;
  voidedAt?: string;
}

export interface Statement {
  accountId: string;
  period: string;
  from: string;
  to: string;
  wallets: { walletId: string; currency: string; opening: Micros; movements: Record<string, Micros>; closing: Micros; entries: number }[];
}

export interface Balance {
  accountId: string;
  billingMode: BillingMode;
  balances: WalletBalance[];
}

export interface UsageEvent {
  id: string;
  keyId: string;
  planId: string;
  productId: string;
  method: string;
  path: string;
  /** The priced units: 1 per call, or bytes, milliseconds, units the upstream reported. */
  units: number;
  /** Micros charged for this call. */
  amount: Micros;
  /** @deprecated the old name of amount */
  price: Micros;
  currency: string;
  /** Two-phase charges: the response status and duration. */
  status?: number;
  durationMs?: number;
  refunded: boolean;
  /** Soft quotas this call carried past their limit. */
  quotasExceeded: string[];
  /** What the usage was (a destination, a model), as it was charged. */
  attributes?: Attributes;
  /** The rate line that priced it, for a product rated by a dimension (`+3519`). */
  rateLine?: string;
  timestamp: string;
}

/** What a charge's usage was: up to 16 names (letters, digits, _ and -) with values of up to 128 characters. */
export type Attributes = Record<string, string>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export type Metric = "calls" | "request_bytes" | "response_bytes" | "duration_ms" | "units";

export interface PriceInput {
  metric?: Metric;
  /** For metric `units`: the response header in which the upstream reports them. */
  unitsHeader?: string;
  /** A single price per unit, or… */
  unitPrice?: Micros;
  /** …tiers over the period's usage, ascending, the last with `upTo: null`. */
  tiers?: { upTo: number | null; unitPrice: Micros; flatPrice?: Micros }[];
  tierMode?: "graduated" | "volume";
  /** Units are billed in whole packages of this many. */
  packageSize?: number;
  /** Free units per period. */
  freeUnits?: number;
  period?: "day" | "month";
  minimum?: Micros;
  /** Required for prices known only from the response: it is what is reserved. */
  maximum?: Micros;
  /** Peak/off-peak windows in the plan's time zone: `from`/`to` as HH:MM, days 0 = Sunday. */
  timeOfUse?: { days: number[]; from: string; to: string; percent: number }[];
  /** Billing increments of one call or session: `{ first: 60, next: 6 }` bills seconds 60/6. */
  increments?: { first: number; next: number };
  /** Unit prices are per this many units (60: a per-minute price of seconds; 1000: per thousand tokens). */
  ratePer?: number;
  /** Prices by an attribute of the usage: each line with its own tiers and period counter. */
  dimension?: {
    /** The attribute read (`destination`, `region`, `model`). */
    attribute: string;
    /** `prefix` (default): the line with the longest value the attribute starts with; `exact`: equal values. */
    match?: "prefix" | "exact";
    /** For calls through the gateway: the request header holding the attribute. */
    header?: string;
    /** Usage no line matches: the product's own price (`base`), or refused (`refuse`, default: 422 `no_rate`). */
    otherwise?: "base" | "refuse";
    lines: RateLineInput[];
  };
}

/** One line of a rate deck: its value, and what it sets over the product's price. */
export interface RateLineInput {
  value: string;
  unitPrice?: Micros;
  tiers?: { upTo: number | null; unitPrice: Micros; flatPrice?: Micros }[];
  tierMode?: "graduated" | "volume";
  packageSize?: number;
  freeUnits?: number;
  minimum?: Micros;
  maximum?: Micros;
  increments?: { first: number; next: number };
  ratePer?: number;
}

export interface CatalogInput {
  /** One flat price for every call (shorthand for `unmatched: { action: "price", price: { unitPrice } }`). */
  pricePerCall?: Micros;
  timeZone?: string;
  products?: { id: string; method?: string; path: string; price: PriceInput }[];
  unmatched?: { action: "free" } | { action: "refuse" } | { action: "price"; price: PriceInput };
  quotas?: {
    id: string;
    metric: "calls" | "units";
    productId?: string;
    period: "day" | "month";
    limit: number;
    enforcement: "hard" | "soft";
  }[];
  rateLimits?: { id: string; scope: "account" | "key"; limit: number; windowSeconds: number }[];
  refund?: { upstreamError?: boolean; clientAbort?: boolean };
  reservationTtlSeconds?: number;
}

export interface Plan {
  id: string;
  name: string;
  currency: string;
  catalog: Record<string, unknown>;
  anomalyPolicy: AnomalyPolicy;
  recurring?: Recurring;
  createdAt: string;
  updatedAt: string;
}

/** An hour is anomalous above max(minCalls, factor × the account's average hour over the 7 days before). */
export interface AnomalyPolicy {
  factor: number;
  minCalls: number;
  mitigation: "none" | "suspend_key" | "cap_spending";
}

export interface Anomaly {
  id: string;
  accountId: string;
  currency: string;
  hour: string;
  calls: number;
  amount: Micros;
  baselineCalls: number;
  threshold: number;
  policy: AnomalyPolicy;
  keyId: string;
  mitigation: AnomalyPolicy["mitigation"];
  status: "open" | "cleared";
  detectedAt: string;
  clearedAt?: string;
  clearedBy?: string;
  clearReason?: string;
}

export interface Wallet {
  id: string;
  accountId: string;
  currency: string;
  creditLimit: Micros;
  autoRecharge?: AutoRecharge;
  createdAt: string;
}

/** Below `threshold`, top up by `amount` (fixed) or up to `amount` (target), at most `dailyLimit` times a day. */
export interface AutoRecharge {
  threshold: Micros;
  mode: "fixed" | "target";
  amount: Micros;
  dailyLimit: number;
  provider: "stripe";
  paymentMethod: string;
  customer?: string;
}

export type AutoRechargeInput = Omit<AutoRecharge, "paymentMethod" | "customer"> &
  (
    | { paymentMethod: string; fromRecharge?: never }
    /** The card the customer kept when paying that recharge (`saveCard`). */
    | { fromRecharge: string; paymentMethod?: never }
  );

export interface NotificationSettingsInput {
  emails: string[];
  /** Each gets a signing secret, kept across updates for the same URL. */
  webhooks: string[];
  muted: string[];
  /** Micros. */
  balanceThresholds: Micros[];
  percentOfLastRecharge: number[];
  quotaPercents: number[];
}

export interface NotificationSettings extends Omit<NotificationSettingsInput, "webhooks"> {
  accountId: string;
  webhooks: { id: string; url: string; secret: string }[];
}

/** This period's use of each quota and each key's spending cap, as the gateways count it. */
export interface AccountLimits {
  currency: string;
  /** The plan's: periods are its local days and months. */
  timeZone: string;
  quotas: {
    id: string;
    metric: "calls" | "units";
    productId?: string;
    period: "day" | "month";
    periodKey: string;
    used: number;
    limit: number;
    enforcement: "hard" | "soft";
  }[];
  keys: { keyId: string; name: string; period: "day" | "month"; periodKey: string; spent: Micros; cap: Micros }[];
}

export interface Account {
  id: string;
  name: string;
  planId: string;
  status: string;
  billingMode: BillingMode;
  billingCycle: BillingCycle;
  /** Seats, priced by the plan's seat price. */
  seats: number;
  createdAt: string;
  wallets: Wallet[];
}

/** Monthly from an anchor day (1–28), weekly from an anchor weekday (1 = Monday), or yearly from an anchor date. */
export interface BillingCycle {
  interval: "month" | "week" | "year";
  anchorDay: number;
  anchorMonth?: number;
}

/** A plan's recurring fee and seat price (micros per period), and the grace a prepaid account gets when it cannot pay. */
export interface Recurring {
  interval: "month" | "week" | "year";
  fee: Micros;
  seatPrice: Micros;
  graceHours: number;
}

/** A direct charge: usage that did not pass through the gateway, rated and debited like a call to the product. */
export interface Charge {
  /** The charge's usage event. */
  id: string;
  accountId: string;
  /** The key charged with, or `-` for a charge made by staff. */
  keyId: string;
  planId: string;
  productId: string;
  units: number;
  amount: Micros;
  currency: string;
  /** The wallet's balance right after this charge. */
  balance: Micros;
  quotasExceeded: string[];
}

/** A charging session: units granted ahead, reported as used, granted again, ended (Diameter credit control). */
export interface ChargingSession {
  id: string;
  accountId: string;
  productId: string;
  attributes?: Attributes;
  /** `expired`: no request came before `expiresAt`; its grant was returned, and only reported use was charged. */
  status: "open" | "closed" | "expired";
  /** The number of the request this answers (0: the opening). */
  request: number;
  /** Units that may be used now beyond those reported (0: stop). */
  grantedUnits: number;
  usedUnits: number;
  /** Micros charged for the units reported so far. */
  amount: Micros;
  currency: string;
  /** The grant is less than asked: the wallet covers no more; stop when it is used. */
  final: boolean;
  expiresAt: string;
  balance?: Micros;
  /** Why nothing more was granted. */
  refusal?: { code: string; detail: string };
}

/** One event of usage already delivered, reported afterwards (`reportUsage`). */
export interface ReportedUsageEvent {
  /** Your id for it: a repeat within 35 days is a duplicate. */
  id: string;
  /** When it happened: at most 35 days ago, at most 5 minutes ahead. */
  timestamp: string;
  /** Staff name each event's account; a key reports for its own. */
  accountId?: string;
  productId: string;
  units?: number;
  /** What the usage was: picks the product's rate line. */
  attributes?: Attributes;
}

/** What became of each reported event, in the batch's order. */
export interface UsageReportResult {
  results: {
    id: string;
    status: "accepted" | "duplicate" | "refused";
    eventId: string;
    amount?: Micros;
    currency?: string;
    balance?: Micros;
    /** Refused: the problem code (`insufficient_funds`, `quota_exceeded`, `metering_unavailable`: send it again). */
    code?: string;
    detail?: string;
  }[];
  accepted: number;
  duplicates: number;
  refused: number;
}

/** What a plan's recurring fee is set with: `seatPrice` 0 and `graceHours` 72 when absent. */
export type RecurringInput = Omit<Recurring, "seatPrice" | "graceHours"> & { seatPrice?: Micros; graceHours?: number };

/**
 * An account's subscription. `past_due`: a fee is due and calls pass until its `graceUntil`; `unpaid`: calls are
 * refused (402 `subscription_unpaid`) until a top-up pays it; `none`: the plan has no recurring fee.
 */
export interface Subscription {
  accountId: string;
  planId: string;
  planName: string;
  status: "none" | "active" | "past_due" | "unpaid";
  currency: string;
  interval?: "month" | "week" | "year";
  seats: number;
  fee: Micros;
  seatPrice: Micros;
  /** What a period costs now: fee + seats × seat price. */
  amount: Micros;
  currentPeriod?: { from: string; to: string };
  renewsAt?: string;
  due: { feeId: string; amount: Micros; graceUntil: string }[];
}

/** A period's renewal or a prorated change: `amount` positive is charged, negative credited. */
export interface Fee {
  id: string;
  accountId: string;
  kind: "renewal" | "change";
  status: "due" | "paid";
  currency: string;
  amount: Micros;
  planId: string;
  periodFrom: string;
  periodTo: string;
  fee: Micros;
  seatPrice: Micros;
  seats: number;
  /** amount = trunc((toAmount − fromAmount) × remainingSeconds ÷ periodSeconds), or the old period's remainder credited. */
  change?: {
    fromPlanId: string;
    toPlanId: string;
    fromSeats: number;
    toSeats: number;
    fromAmount: Micros;
    toAmount: Micros;
    at: string;
    remainingSeconds: number;
    periodSeconds: number;
  };
  ledgerEntryId?: string;
  graceUntil?: string;
  invoiceId?: string;
  createdAt: string;
  paidAt?: string;
}

export interface ApiKey {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  /** `suspended`: by a usage anomaly, until an admin clears it. */
  status: "active" | "revoked" | "suspended";
  spendCap?: { amount: Micros; period: "day" | "month" };
  createdAt: string;
  revokedAt?: string;
}

export interface LedgerEntry {
  id: string;
  walletId: string;
  accountId: string;
  type: string;
  amount: Micros;
  currency: string;
  reason?: string;
  /** Usage entries: how many calls the entry books. */
  usageCount?: number;
  /** Credits: the wallet's balance right after this entry. */
  balanceAfter?: Micros;
  createdAt: string;
}

export interface WalletReconciliation {
  accountId: string;
  walletId: string;
  currency: string;
  ledger: Micros;
  pendingCredits: Micros;
  /** Usage ingested, not yet booked into the ledger. */
  unbookedUsage: Micros;
  streamedUsage: Micros;
  hotBalance: Micros;
  /** Held by open reservations. */
  reserved: Micros;
  drift: Micros;
  /** @deprecated the old name of unbookedUsage */
  unsettledUsage: Micros;
  /** @deprecated the old name of reserved */
  held: Micros;
}

/** RFC 9457 problem details, as every Tollgate error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  [extension: string]: unknown;
}

export type ReportBucket = "hour" | "day" | "month";
export type UsageGroupBy = "none" | "account" | "product" | "key" | "plan";
export type TopUpMethod = "admin" | "voucher" | "payment_provider" | "auto_recharge";

/** The range and calendar of a report. `from`/`to` are ISO 8601 instants; by default the last 30 days. */
export interface ReportRangeQuery {
  from?: string;
  to?: string;
  /** IANA zone the buckets are cut in (default: the server's REPORT_TIME_ZONE). */
  timeZone?: string;
  bucket?: ReportBucket;
  currency?: string;
}

export interface UsageReportQuery extends ReportRangeQuery {
  groupBy?: UsageGroupBy;
  /** Groups kept by amount; the rest are summed as `(other)`. */
  top?: number;
}

export interface UsageFigures {
  calls: number;
  units: number;
  amount: Micros;
}

export interface UsageReport {
  range: { from: string; to: string; timeZone: string; bucket: ReportBucket };
  groupBy: UsageGroupBy;
  accountId?: string;
  totals: (UsageFigures & { currency: string })[];
  groups: (UsageFigures & { currency: string; group: string })[];
  rows: (UsageFigures & { currency: string; bucketStart: string; group: string | null })[];
}

export interface TopUpSummary {
  currency: string;
  method: TopUpMethod;
  count: number;
  total: Micros;
  average: Micros;
}

export interface RechargeReport {
  range: { from: string; to: string; timeZone: string; bucket: ReportBucket };
  accountId?: string;
  topUps: {
    entryId?: string;
    rechargeId?: string;
    accountId: string;
    currency: string;
    method: TopUpMethod;
    amount: Micros;
    status: "succeeded" | "refunded" | "pending" | "failed";
    at: string;
  }[];
  totals: TopUpSummary[];
  buckets: (TopUpSummary & { bucketStart: string })[];
  accounts: { currency: string; accountId: string; count: number; total: Micros }[];
}

export interface FinancialSummary {
  currency: string;
  revenue: { booked: Micros; refunded: Micros; net: Micros };
  recharges: { count: number; total: Micros; byMethod: Record<TopUpMethod, Micros> };
  reversals: Micros;
  adjustments: Micros;
  grants: { issued: Micros; expired: Micros };
  payments: Micros;
  /** Recurring fees and prorated changes charged, less prorated credits. */
  fees: Micros;
  prepaidLiability: { total: Micros; wallets: number };
  outstanding: {
    negativeBalances: Micros;
    wallets: number;
    unpaidInvoices: Micros;
    invoices: number;
    ageing: Record<"0-30" | "31-60" | "61-90" | "90+", Micros>;
  };
}

export interface FinancialReport {
  range: { from: string; to: string; timeZone: string };
  asOf: string;
  currencies: FinancialSummary[];
}

export interface Recharge {
  id: string;
  accountId: string;
  walletId: string;
  amount: Micros;
  currency: string;
  provider: string;
  providerRef?: string;
  status: "pending" | "succeeded" | "failed" | "refunded";
  automatic: boolean;
  failureReason?: string;
  /** The customer kept this payment's card for auto-recharge. */
  cardSaved: boolean;
  /** At creation, without a card or return address: what the page hands to the provider's card form (Stripe's PaymentIntent client secret). */
  clientSecret?: string;
  /** At creation with `returnUrl`: the provider's hosted page where the customer pays. */
  checkoutUrl?: string;
  createdAt: string;
  updatedAt: string;
}

/** A staff role (README, "Staff and roles"). */
export type Role = "owner" | "admin" | "finance" | "support" | "viewer";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: "active" | "disabled";
  createdAt: string;
  updatedAt: string;
}

export interface StaffToken {
  id: string;
  userId: string;
  name: string;
  role: Role;
  expiresAt?: string;
  revokedAt?: string;
  createdAt: string;
}

export interface StaffTokenInput {
  name: string;
  /** The user's role by default; a narrower one is allowed. */
  role?: Role;
  expiresAt?: string;
}

/** One audit record: who (`user:…`, `token:…`, `admin:…`, `key:…`, `portal:…`, `system:…`) did what to what. */
export interface AuditRecord {
  id: string;
  actor: string;
  action: string;
  target: string;
  data: Record<string, unknown>;
  at: string;
}
