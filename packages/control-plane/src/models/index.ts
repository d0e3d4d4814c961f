import type { Connection, Model } from "mongoose";
import { accountSchema, type Account } from "./account.js";
import { apiKeySchema, type ApiKey } from "./api-key.js";
import { auditRecordSchema, type AuditRecord } from "./audit-record.js";
import { ledgerEntrySchema, type LedgerEntry } from "./ledger-entry.js";
import { planSchema, type Plan } from "./plan.js";
import { feeSchema, type Fee } from "./fee.js";
import { firstAnswerSchema, type FirstAnswer } from "./first-answer.js";
import { usageEventSchema, type UsageEvent } from "./usage-event.js";
import { issuerProfileSchema, type IssuerProfile } from "./parties.js";
import { taxRateSchema, type TaxRate } from "./tax-rate.js";
import { chartOfAccountsSchema, type ChartOfAccounts } from "./chart.js";
import {
  bookingMarkSchema,
  unbookedUsageSchema,
  callAssignmentSchema,
  type BookingCall,
  type BookingMark,
  type UnbookedUsage,
  type CallAssignment,
} from "./booking.js";
import { walletSchema, type Wallet } from "./wallet.js";
import { voucherSchema, type Voucher } from "./voucher.js";
import { rechargeSchema, type Recharge } from "./recharge.js";
import { grantSchema, type Grant } from "./grant.js";
import { bundleSchema, unitEntrySchema, type Bundle, type UnitEntry } from "./bundle.js";
import { bundlePackSchema, packPurchaseSchema, type BundlePack, type PackPurchase } from "./bundle-pack.js";
import { lockSchema, type Lock } from "./lock.js";
import { anomalySchema, type Anomaly } from "./anomaly.js";
import { portalLoginUseSchema, portalSessionSchema, type PortalLoginUse, type PortalSession } from "./portal-session.js";
import {
  ROLES,
  staffEmailSchema,
  staffTokenSchema,
  staffUserSchema,
  type Role,
  type StaffEmail,
  type StaffToken,
  type StaffUser,
} from "./staff.js";
import {
  createRollupStore,
  rolledUpEntrySchema,
  rollupIntentSchema,
  type RolledUpEntry,
  type Rollup,
  type RollupIntent,
  type RollupStore,
} from "./rollup.js";
import {
  invoiceAssignmentSchema,
  invoiceCounterSchema,
  invoiceNumberSchema,
  invoiceSchema,
  type Invoice,
  type InvoiceAssignment,
  type InvoiceCounter,
  type InvoiceNumber,
} from "./invoice.js";
import {
  notificationDeliverySchema,
  notificationSchema,
  notificationSettingsSchema,
  thresholdStateSchema,
  type Notification,
  type NotificationDelivery,
  type NotificationSettings,
  type ThresholdState,
} from "./notification.js";
import {
  creditDecisionSchema,
  creditRequestSchema,
  creditRuleSchema,
  type CreditDecision,
  type CreditRequest,
  type CreditRule,
} from "./credit.js";
import {
  webhookAttemptSchema,
  webhookEndpointSchema,
  webhookEventSchema,
  webhookMessageSchema,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookMessage,
} from "./webhook.js";
import { Schema } from "mongoose";
import {
  privacyExportPartSchema,
  privacyRequestSchema,
  retiredUsageSchema,
  type PrivacyExportPart,
  type PrivacyRequest,
  type RetiredUsage,
} from "./privacy.js";

/** How many auto-recharges a wallet started on a day: `_id` is `<walletId>:<YYYY-MM-DD>`. */
export interface AutoRechargeDay {
  _id: string;
  count: number;
}
const autoRechargeDaySchema = new Schema<AutoRechargeDay>(
  { _id: { type: String, required: true }, count: { type: Number, required: true } },
  { versionKey: false },
);

export type { Invoice, InvoiceAssignment, InvoiceCounter, IssuerProfile };
export type { Bundle, UnitEntry };
export type { BundlePack, PackPurchase };
export { UNIT_ENTRY_ID } from "./bundle.js";
export type { PrivacyExportPart, PrivacyRequest, RetiredUsage };
export type { BillingDetails, IssuerDetails, PostalAddress } from "./parties.js";
export { GL_ROLES, type ChartOfAccounts, type GlAccount, type GlRole } from "./chart.js";
export { ROLES };
export type { CreditDecision, CreditRequest, CreditRule, WebhookAttempt, WebhookEndpoint, WebhookEvent, WebhookMessage };
export type {
  Account,
  ApiKey,
  AuditRecord,
  Fee,
  FirstAnswer,
  Grant,
  LedgerEntry,
  Notification,
  NotificationDelivery,
  NotificationSettings,
  Plan,
  Recharge,
  Anomaly,
  BookingCall,
  BookingMark,
  PortalLoginUse,
  PortalSession,
  RolledUpEntry,
  Role,
  Rollup,
  StaffEmail,
  TaxRate,
  StaffToken,
  StaffUser,
  RollupIntent,
  ThresholdState,
  UnbookedUsage,
  CallAssignment,
  UsageEvent,
  Voucher,
  Wallet,
};
export { asBooked, backlogOf, bookingCallOf, packCalls, unpackCalls } from "./booking.js";

/**
 * The stores, and how each is written exactly once. In DESIGN.md's words: "mutual exclusion is by unique
 * inserts only (claims, leased locks, unique ledger keys), and derived values are recomputable". One scheme per
 * collection:
 * - `usage_events`: inserted once by the gateway's event id (the ingester), then read only. Booking and
 *   invoicing never write them; they keep their own insert-only assignments beside them, keyed by the event id:
 *   `usage_claims` (the ledger entry that books a call) and `invoice_assignments` (the invoice that bills it).
 *   A void marks its event `refunded`, by `_id`, after the ledger entry that refunds it (that entry's unique key
 *   decides; the mark says what it decided, and redoing it changes nothing).
 * - `ledger_entries`: a unique idempotency key per wallet, written through `services/ledger/record.ts` alone.
 * - Documents with a life (invoices, fees, recharges, grants, vouchers): created once by a unique key or id;
 *   a change of status is a mark made after the unique insert that decided it (a ledger entry, an invoice
 *   number, a lock), or under a leased lock (`locks`, itself a unique insert) where two changes could race.
 * - `invoice_numbers`, `portal_login_uses`, `notifications`, `rollup_intents`, `first_answers`: the unique
 *   insert is the decision.
 * - `credit_decisions` (one per credit request), `webhook_events` (one per fact), `webhook_messages` (one per
 *   event and endpoint): the unique insert is the decision too; a mark made after it says what it decided.
 */
export interface Models {
  Plan: Model<Plan>;
  Account: Model<Account>;
  ApiKey: Model<ApiKey>;
  Wallet: Model<Wallet>;
  LedgerEntry: Model<LedgerEntry>;
  UsageEvent: Model<UsageEvent>;
  /** Ingested usage not yet booked (small); the assignment booking each call once; bookings under way. */
  UnbookedUsage: Model<UnbookedUsage>;
  CallAssignment: Model<CallAssignment>;
  BookingMark: Model<BookingMark>;
  AuditRecord: Model<AuditRecord>;
  Voucher: Model<Voucher>;
  Recharge: Model<Recharge>;
  AutoRechargeDay: Model<AutoRechargeDay>;
  Grant: Model<Grant>;
  /** Bundles of units, and their unit ledger (insert-only: one entry per movement, by a derived unique id). */
  Bundle: Model<Bundle>;
  UnitEntry: Model<UnitEntry>;
  /** Bundle packs for sale, and each account's purchases of them (one per Idempotency-Key). */
  BundlePack: Model<BundlePack>;
  PackPurchase: Model<PackPurchase>;
  NotificationSettings: Model<NotificationSettings>;
  Notification: Model<Notification>;
  NotificationDelivery: Model<NotificationDelivery>;
  ThresholdState: Model<ThresholdState>;
  Lock: Model<Lock>;
  Invoice: Model<Invoice>;
  InvoiceCounter: Model<InvoiceCounter>;
  InvoiceNumber: Model<InvoiceNumber>;
  /** The invoice billing each call once (insert-only, beside the usage events). */
  InvoiceAssignment: Model<InvoiceAssignment>;
  /** Who documents are from, one per issuer. */
  IssuerProfile: Model<IssuerProfile>;
  /** Tax rates per jurisdiction and product tax category, with validity dates. */
  TaxRate: Model<TaxRate>;
  /** The deployment's chart of accounts: the GL accounts the journal posts to (one document). */
  ChartOfAccounts: Model<ChartOfAccounts>;
  RollupIntent: Model<RollupIntent>;
  /** The rollups, in collections per period and kind (not one model: see models/rollup.ts). */
  Rollups: RollupStore;
  RolledUpEntry: Model<RolledUpEntry>;
  Anomaly: Model<Anomaly>;
  PortalSession: Model<PortalSession>;
  PortalLoginUse: Model<PortalLoginUse>;
  StaffUser: Model<StaffUser>;
  StaffEmail: Model<StaffEmail>;
  StaffToken: Model<StaffToken>;
  Fee: Model<Fee>;
  FirstAnswer: Model<FirstAnswer>;
  /** The deployment's credit rule; credit requests waiting for a second staff member, and their decisions (insert-only). */
  CreditRule: Model<CreditRule>;
  CreditRequest: Model<CreditRequest>;
  CreditDecision: Model<CreditDecision>;
  /** Deployment-level webhooks: endpoints, the outbox of events (one per fact), a message per endpoint, every attempt. */
  WebhookEndpoint: Model<WebhookEndpoint>;
  WebhookEvent: Model<WebhookEvent>;
  WebhookMessage: Model<WebhookMessage>;
  WebhookAttempt: Model<WebhookAttempt>;
  /** Data subjects' exports and erasures, an export's document while it waits to be downloaded, retired usage. */
  PrivacyRequest: Model<PrivacyRequest>;
  PrivacyExportPart: Model<PrivacyExportPart>;
  RetiredUsage: Model<RetiredUsage>;
}

/** Models bound to one connection (tests run several databases side by side). Indexes are built here. */
export async function createModels(conn: Connection): Promise<Models> {
  const models: Omit<Models, "Rollups"> = {
    Plan: conn.model<Plan>("Plan", planSchema, "plans"),
    Account: conn.model<Account>("Account", accountSchema, "accounts"),
    ApiKey: conn.model<ApiKey>("ApiKey", apiKeySchema, "api_keys"),
    Wallet: conn.model<Wallet>("Wallet", walletSchema, "wallets"),
    LedgerEntry: conn.model<LedgerEntry>("LedgerEntry", ledgerEntrySchema, "ledger_entries"),
    UsageEvent: conn.model<UsageEvent>("UsageEvent", usageEventSchema, "usage_events"),
    UnbookedUsage: conn.model<UnbookedUsage>("UnbookedUsage", unbookedUsageSchema, "unbooked_usage"),
    CallAssignment: conn.model<CallAssignment>("CallAssignment", callAssignmentSchema, "usage_claims"),
    BookingMark: conn.model<BookingMark>("BookingMark", bookingMarkSchema, "booking_marks"),
    AuditRecord: conn.model<AuditRecord>("AuditRecord", auditRecordSchema, "audit_records"),
    Voucher: conn.model<Voucher>("Voucher", voucherSchema, "vouchers"),
    Recharge: conn.model<Recharge>("Recharge", rechargeSchema, "recharges"),
    AutoRechargeDay: conn.model<AutoRechargeDay>("AutoRechargeDay", autoRechargeDaySchema, "auto_recharge_days"),
    Grant: conn.model<Grant>("Grant", grantSchema, "grants"),
    Bundle: conn.model<Bundle>("Bundle", bundleSchema, "bundles"),
    UnitEntry: conn.model<UnitEntry>("UnitEntry", unitEntrySchema, "unit_entries"),
    BundlePack: conn.model<BundlePack>("BundlePack", bundlePackSchema, "bundle_packs"),
    PackPurchase: conn.model<PackPurchase>("PackPurchase", packPurchaseSchema, "pack_purchases"),
    NotificationSettings: conn.model<NotificationSettings>("NotificationSettings", notificationSettingsSchema, "notification_settings"),
    Notification: conn.model<Notification>("Notification", notificationSchema, "notifications"),
    NotificationDelivery: conn.model<NotificationDelivery>("NotificationDelivery", notificationDeliverySchema, "notification_deliveries"),
    ThresholdState: conn.model<ThresholdState>("ThresholdState", thresholdStateSchema, "threshold_states"),
    Lock: conn.model<Lock>("Lock", lockSchema, "locks"),
    Invoice: conn.model<Invoice>("Invoice", invoiceSchema, "invoices"),
    InvoiceCounter: conn.model<InvoiceCounter>("InvoiceCounter", invoiceCounterSchema, "invoice_counters"),
    InvoiceNumber: conn.model<InvoiceNumber>("InvoiceNumber", invoiceNumberSchema, "invoice_numbers"),
    InvoiceAssignment: conn.model<InvoiceAssignment>("InvoiceAssignment", invoiceAssignmentSchema, "invoice_assignments"),
    IssuerProfile: conn.model<IssuerProfile>("IssuerProfile", issuerProfileSchema, "issuer_profiles"),
    TaxRate: conn.model<TaxRate>("TaxRate", taxRateSchema, "tax_rates"),
    ChartOfAccounts: conn.model<ChartOfAccounts>("ChartOfAccounts", chartOfAccountsSchema, "chart_of_accounts"),
    RollupIntent: conn.model<RollupIntent>("RollupIntent", rollupIntentSchema, "rollup_intents"),
    RolledUpEntry: conn.model<RolledUpEntry>("RolledUpEntry", rolledUpEntrySchema, "rolled_up_entries"),
    Anomaly: conn.model<Anomaly>("Anomaly", anomalySchema, "anomalies"),
    PortalSession: conn.model<PortalSession>("PortalSession", portalSessionSchema, "portal_sessions"),
    PortalLoginUse: conn.model<PortalLoginUse>("PortalLoginUse", portalLoginUseSchema, "portal_login_uses"),
    StaffUser: conn.model<StaffUser>("StaffUser", staffUserSchema, "staff_users"),
    StaffEmail: conn.model<StaffEmail>("StaffEmail", staffEmailSchema, "staff_emails"),
    StaffToken: conn.model<StaffToken>("StaffToken", staffTokenSchema, "staff_tokens"),
    Fee: conn.model<Fee>("Fee", feeSchema, "fees"),
    FirstAnswer: conn.model<FirstAnswer>("FirstAnswer", firstAnswerSchema, "first_answers"),
    PrivacyRequest: conn.model<PrivacyRequest>("PrivacyRequest", privacyRequestSchema, "privacy_requests"),
    PrivacyExportPart: conn.model<PrivacyExportPart>("PrivacyExportPart", privacyExportPartSchema, "privacy_export_parts"),
    RetiredUsage: conn.model<RetiredUsage>("RetiredUsage", retiredUsageSchema, "retired_usage"),
    CreditRule: conn.model<CreditRule>("CreditRule", creditRuleSchema, "credit_rules"),
    CreditRequest: conn.model<CreditRequest>("CreditRequest", creditRequestSchema, "credit_requests"),
    CreditDecision: conn.model<CreditDecision>("CreditDecision", creditDecisionSchema, "credit_decisions"),
    WebhookEndpoint: conn.model<WebhookEndpoint>("WebhookEndpoint", webhookEndpointSchema, "webhook_endpoints"),
    WebhookEvent: conn.model<WebhookEvent>("WebhookEvent", webhookEventSchema, "webhook_events"),
    WebhookMessage: conn.model<WebhookMessage>("WebhookMessage", webhookMessageSchema, "webhook_messages"),
    WebhookAttempt: conn.model<WebhookAttempt>("WebhookAttempt", webhookAttemptSchema, "webhook_attempts"),
  };
  await Promise.all((Object.values(models) as unknown as Model<unknown>[]).map((m) => m.init()));
  return { ...models, Rollups: createRollupStore(conn) };
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Insert documents, each unless one with its `_id` (or unique key) is there already (unordered: the others
 * still go in): true when every one was new. Any other failure is thrown.
 */
export async function insertManyOnce<T extends object>(target: { collection: { insertMany: unknown } }, docs: T[]): Promise<boolean> {
  if (docs.length === 0) return true;
  try {
    await (target.collection as { insertMany(docs: T[], options: { ordered: false }): Promise<unknown> }).insertMany(docs, {
      ordered: false,
    });
    return true;
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (isDuplicateKey(error) || (list.length > 0 && list.every((e) => isDuplicateKey(e)))) return false;
    throw error;
  }
}

/**
 * Run a write that a unique index may refuse (an upsert racing another's insert, a conditional upsert whose
 * document exists): what it answered, or undefined when it was refused for a duplicate key. With insertOnce,
 * insertManyOnce, createOrReplay and the ledger's recordEntry, the one place that reads a duplicate key.
 */
export async function unlessDuplicate<T>(write: () => Promise<T>): Promise<{ value: T } | undefined> {
  try {
    return { value: await write() };
  } catch (error) {
    if (isDuplicateKey(error)) return undefined;
    throw error;
  }
}

/** Insert a document unless one with its `_id` (or unique key) is there already: true when this call inserted it. */
export async function insertOnce<T extends object>(target: { collection: { insertOne: unknown } }, doc: T): Promise<boolean> {
  try {
    // Any collection: a model's (whose driver types know only ObjectId ids) or a plain driver collection.
    await (target.collection as { insertOne(doc: T): Promise<unknown> }).insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
