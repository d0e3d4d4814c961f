import { z } from "zod";
import { LEDGER_ENTRY_TYPES } from "../models/ledger-entry.js";
import { ANOMALY_DEFAULTS, planTaxOf } from "../models/plan.js";
import type { Account, ApiKey, Grant, Invoice, LedgerEntry, Plan, Recharge, UsageEvent, Wallet } from "../models/index.js";
import type { Bundle } from "../models/index.js";
import { includedBundleView } from "./included-bundles.js";
import { DEFAULT_BUNDLE_PERCENTS, NOTIFICATION_KINDS, type NotificationSettings } from "../models/notification.js";
import type { WalletReconciliation } from "../services/ledger/reconcile.js";
import type { KeptCard } from "../services/recharges/cards.js";
import type { VoucherBatch } from "../services/vouchers/list-batches.js";
import type { BillingDetails, IssuerDetails, PostalAddress } from "../models/index.js";
import { billingDetails, issuerProfile, postalAddress } from "./party-schemas.js";
import { documentTaxView, planTaxView } from "./tax-views.js";

/** What the API answers, one schema and one serializer per resource (the schemas feed /openapi.json). */
export const planView = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  catalog: z.record(z.string(), z.unknown()).describe("products and prices (integer micros), quotas, rate limits, refund policy"),
  anomalyPolicy: z
    .object({ factor: z.number(), minCalls: z.number().int(), mitigation: z.enum(["none", "suspend_key", "cap_spending"]) })
    .describe("how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none)"),
  recurring: z
    .object({
      interval: z.enum(["month", "week", "year"]),
      fee: z.number().int(),
      seatPrice: z.number().int(),
      graceHours: z.number().int(),
    })
    .optional()
    .describe("a recurring fee per period and a price per seat, charged beside usage"),
  selfService: z
    .object({ maxSeats: z.number().int() })
    .optional()
    .describe("customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats"),
  tax: planTaxView.describe("how its prices meet tax (defaults when never set: exclusive, every product `standard`)"),
  includedBundles: z
    .array(includedBundleView)
    .describe("bundles each account on the plan is given for each period (or once), consumed before money"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const toPlanView = (p: Plan): z.infer<typeof planView> => ({
  id: p._id,
  name: p.name,
  currency: p.currency,
  catalog: p.catalog,
  anomalyPolicy: { ...ANOMALY_DEFAULTS, ...(p.anomalyPolicy ?? {}) },
  ...(p.recurring ? { recurring: p.recurring } : {}),
  ...(p.selfService ? { selfService: { maxSeats: p.selfService.maxSeats } } : {}),
  tax: planTaxOf(p),
  includedBundles: p.includedBundles ?? [],
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const cardDetailsView = z.object({
  brand: z.string().describe("visa, mastercard, amex…"),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});

export const walletView = z.object({
  id: z.string(),
  accountId: z.string(),
  currency: z.string(),
  creditLimit: z.number().int(),
  autoRecharge: z
    .object({
      threshold: z.number().int(),
      mode: z.enum(["fixed", "target"]),
      amount: z.number().int(),
      dailyLimit: z.number().int(),
      provider: z.string(),
      paymentMethod: z.string(),
      customer: z.string().optional(),
      card: cardDetailsView.optional().describe("the card it pays with, when kept at a top-up"),
    })
    .optional(),
  createdAt: z.string(),
});
export const toWalletView = (w: Wallet): z.infer<typeof walletView> => ({
  id: w._id,
  accountId: w.accountId,
  currency: w.currency,
  creditLimit: w.creditLimit ?? 0,
  ...(w.autoRecharge ? { autoRecharge: { ...w.autoRecharge } } : {}),
  createdAt: w.createdAt.toISOString(),
});

export const accountView = z.object({
  id: z.string(),
  name: z.string(),
  planId: z.string(),
  status: z.string(),
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]),
  billingCycle: z.object({
    interval: z.enum(["month", "week", "year"]),
    anchorDay: z.number().int(),
    anchorMonth: z.number().int().optional(),
  }),
  seats: z.number().int().describe("seats, priced by the plan's seat price"),
  billingDetails: billingDetails.optional().describe("who its documents are addressed to (absent: its name only)"),
  payerId: z.string().optional().describe("a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit)"),
  createdAt: z.string(),
  wallets: z.array(walletView),
});
export const toAccountView = (a: Account, wallets: Wallet[]): z.infer<typeof accountView> => ({
  id: a._id,
  name: a.name,
  planId: a.planId,
  status: a.status,
  billingMode: a.billingMode ?? "prepaid",
  billingCycle: a.billingCycle ?? { interval: "month", anchorDay: 1 },
  seats: a.seats ?? 1,
  ...(a.billingDetails ? { billingDetails: toBillingDetailsView(a.billingDetails) } : {}),
  ...(a.payerId !== undefined && { payerId: a.payerId }),
  createdAt: a.createdAt.toISOString(),
  wallets: wallets.map(toWalletView),
});

const toAddressView = (a: PostalAddress): z.infer<typeof postalAddress> => ({
  line1: a.line1,
  ...(a.line2 ? { line2: a.line2 } : {}),
  city: a.city,
  ...(a.postalCode ? { postalCode: a.postalCode } : {}),
  ...(a.region ? { region: a.region } : {}),
  country: a.country,
});

export const toBillingDetailsView = (d: BillingDetails): z.infer<typeof billingDetails> => ({
  legalName: d.legalName,
  address: toAddressView(d.address),
  ...(d.taxId ? { taxId: d.taxId } : {}),
  ...(d.email ? { email: d.email } : {}),
});

/** The issuer profile as the API shows it: what documents print, whether anybody set it, and when. */
export const issuerProfileView = issuerProfile.extend({
  configured: z.boolean().describe("false until the profile is set: documents print the defaults shown"),
  updatedAt: z.string().optional(),
});
export const toIssuerProfileView = (p: IssuerDetails, updatedAt?: Date): z.infer<typeof issuerProfileView> => ({
  ...toIssuerDetailsView(p),
  configured: updatedAt !== undefined,
  ...(updatedAt ? { updatedAt: updatedAt.toISOString() } : {}),
});
const toIssuerDetailsView = (p: IssuerDetails): z.infer<typeof issuerProfile> => ({
  ...(Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as IssuerDetails),
  ...(p.address ? { address: toAddressView(p.address) } : {}),
});

export const apiKeyView = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  prefix: z.string().describe("the first characters of the key, to recognise it by"),
  status: z.enum(["active", "revoked", "suspended"]).describe("suspended: by a usage anomaly, until an admin clears it"),
  spendCap: z.object({ amount: z.number().int(), period: z.enum(["day", "month"]) }).optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export const toApiKeyView = (k: ApiKey): z.infer<typeof apiKeyView> => ({
  id: k._id,
  accountId: k.accountId,
  name: k.name,
  prefix: k.prefix,
  status: k.status,
  ...(k.spendCap ? { spendCap: { amount: k.spendCap.amount, period: k.spendCap.period } } : {}),
  createdAt: k.createdAt.toISOString(),
  ...(k.revokedAt ? { revokedAt: k.revokedAt.toISOString() } : {}),
});

export const ledgerEntryView = z.object({
  id: z.string(),
  walletId: z.string(),
  accountId: z.string(),
  type: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string().optional(),
  usageCount: z.number().int().optional().describe("usage entries: how many calls the entry books"),
  balanceAfter: z.number().int().optional().describe("credits: the wallet's available balance right after this entry"),
  createdAt: z.string(),
});
export const toLedgerEntryView = (e: LedgerEntry): z.infer<typeof ledgerEntryView> => ({
  id: e._id,
  walletId: e.walletId,
  accountId: e.accountId,
  type: e.type,
  amount: e.amount,
  currency: e.currency,
  ...(e.reason === undefined ? {} : { reason: e.reason }),
  ...(e.usageCount === undefined ? {} : { usageCount: e.usageCount }),
  ...(e.balanceAfter === undefined ? {} : { balanceAfter: e.balanceAfter }),
  createdAt: e.createdAt.toISOString(),
});

const usageEventView = z.object({
  id: z.string(),
  keyId: z.string(),
  planId: z.string(),
  productId: z.string(),
  method: z.string(),
  path: z.string(),
  units: z.number().int().describe("the priced units: 1 per call, or bytes, milliseconds, reported units"),
  amount: z
    .number()
    .int()
    .describe(
      "micros this call costs: its price; 0 for a refunded call, whenever it was refunded (what was taken and given back is refundedAmount)",
    ),
  price: z.number().int().describe("deprecated: the old name of amount"),
  currency: z.string(),
  status: z.number().int().optional().describe("the response status (two-phase charges)"),
  durationMs: z.number().int().optional(),
  refunded: z.boolean().describe("returned to the caller: an upstream failure or abort, a reservation reaped, or a charge voided (503)"),
  refundedAmount: z
    .number()
    .int()
    .describe(
      "micros taken for this call and given back: a voided charge's price (booked first, its refund is a usage ledger entry of its own), 0 when nothing was taken (a reservation released or reaped) or not refunded",
    ),
  quotasExceeded: z.array(z.string()).describe("soft quotas this call carried past their limit"),
  attributes: z.record(z.string(), z.string()).optional().describe("what the usage was, as it was charged"),
  rateLine: z
    .string()
    .optional()
    .describe("the rate line that priced it (a destination prefix, a model), for a product rated by a dimension"),
  actor: z
    .string()
    .optional()
    .describe("who charged it, for a charge made with a staff credential (`user:…`, `token:…`, `admin:…`; its keyId is `-`)"),
  bundles: z
    .array(z.object({ bundleId: z.string(), units: z.number().int() }))
    .optional()
    .describe("the bundles that paid its units, in consumption order, and how many each; the rest (if any) was charged in money"),
  timestamp: z.string(),
});
export const toUsageEventView = (u: UsageEvent): z.infer<typeof usageEventView> => ({
  id: u._id,
  keyId: u.keyId,
  planId: u.planId,
  productId: u.productId ?? "default",
  method: u.method,
  path: u.path,
  units: u.units ?? 1,
  ...charged(u),
  currency: u.currency,
  ...(u.status === undefined ? {} : { status: u.status }),
  ...(u.durationMs === undefined ? {} : { durationMs: u.durationMs }),
  refunded: u.refunded ?? false,
  // An event refunded before refundedAmount was kept: voided after it was stored, its amount is what was taken.
  refundedAmount: u.refunded === true ? (u.refundedAmount ?? u.amount) : 0,
  quotasExceeded: u.quotasExceeded ?? [],
  ...(u.attributes === undefined ? {} : { attributes: u.attributes }),
  ...(u.rateLine === undefined ? {} : { rateLine: u.rateLine }),
  ...(u.actor === undefined ? {} : { actor: u.actor }),
  ...(u.bundles === undefined || u.bundles.length === 0
    ? {}
    : { bundles: u.bundles.map((b) => ({ bundleId: b.bundleId, units: b.units })) }),
  timestamp: u.timestamp.toISOString(),
});

export const balanceView = z.object({
  accountId: z.string(),
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]),
  balances: z.array(
    z.object({
      walletId: z.string(),
      currency: z.string(),
      available: z.number().int().describe("the wallet's balance now, in micros (negative when credit is in use)"),
      reserved: z.number().int().describe("held by calls in flight (two-phase prices), released when they settle"),
      creditLimit: z.number().int().describe("how far below zero the balance may go"),
      spendable: z.number().int().describe("available + creditLimit: what the next calls may spend"),
      grants: z
        .array(z.object({ grantId: z.string(), kind: z.string(), remaining: z.number().int(), expiresAt: z.string() }))
        .describe("active grants (part of available), in consumption order; remaining as of the usage booked so far"),
    }),
  ),
});

export const usagePageView = z.object({ items: z.array(usageEventView), nextCursor: z.string().optional() });

export const keptCardView = z.object({
  rechargeId: z.string().describe("the top-up that kept it: auto-recharge's `fromRecharge`"),
  provider: z.string(),
  card: cardDetailsView.optional(),
  keptAt: z.string(),
  usedByAutoRecharge: z.boolean().describe("a wallet of the account pays its auto-recharges with it"),
});
export const toKeptCardView = (c: KeptCard): z.infer<typeof keptCardView> => ({
  rechargeId: c.rechargeId,
  provider: c.provider,
  ...(c.card ? { card: c.card } : {}),
  keptAt: c.keptAt.toISOString(),
  usedByAutoRecharge: c.usedByAutoRecharge,
});

export const rechargeView = z.object({
  id: z.string(),
  accountId: z.string(),
  walletId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  provider: z.string(),
  providerRef: z.string().optional(),
  invoiceId: z.string().optional().describe("a card payment of this invoice, not a top-up"),
  packPurchaseId: z.string().optional().describe("a card payment of this bundle pack purchase, not a top-up"),
  status: z.enum(["pending", "succeeded", "failed", "refunded"]),
  automatic: z.boolean(),
  failureReason: z.string().optional(),
  checkoutUrl: z.string().optional().describe("pending top-ups paid on the provider's page: where the customer pays"),
  expiresAt: z.string().optional().describe("pending top-ups paid on the provider's page: when the page stops taking payment"),
  cardSaved: z.boolean().describe("the customer kept this payment's card for auto-recharge (`fromRecharge`)"),
  card: cardDetailsView.optional().describe("the kept card, as the provider describes it"),
  creditEntryId: z
    .string()
    .optional()
    .describe("the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const toRechargeView = (r: Recharge): z.infer<typeof rechargeView> => ({
  id: r._id,
  accountId: r.accountId,
  walletId: r.walletId,
  amount: r.amount,
  currency: r.currency,
  provider: r.provider,
  ...(r.providerRef ? { providerRef: r.providerRef } : {}),
  ...(r.invoiceId ? { invoiceId: r.invoiceId } : {}),
  ...(r.packPurchaseId ? { packPurchaseId: r.packPurchaseId } : {}),
  status: r.status,
  automatic: r.automatic,
  ...(r.failureReason ? { failureReason: r.failureReason } : {}),
  ...(r.status === "pending" && r.checkoutUrl ? { checkoutUrl: r.checkoutUrl } : {}),
  ...(r.status === "pending" && r.expiresAt ? { expiresAt: r.expiresAt.toISOString() } : {}),
  cardSaved: r.savedCard !== undefined,
  ...(r.savedCard?.card ? { card: r.savedCard.card } : {}),
  ...(r.creditEntryId ? { creditEntryId: r.creditEntryId } : {}),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A month of one account's ledger, per wallet. */
export const statementView = z.object({
  accountId: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  wallets: z.array(
    z.object({
      walletId: z.string(),
      currency: z.string(),
      opening: z.number().int(),
      movements: z
        .record(z.string(), z.number().int())
        .describe(`sum of the period's ledger entries by type: ${LEDGER_ENTRY_TYPES.join(", ")}`),
      counts: z.record(z.string(), z.number().int()).describe("how many ledger entries of each type the period holds"),
      closing: z.number().int(),
      entries: z.number().int(),
    }),
  ),
  lines: z
    .array(
      z.object({
        accountId: z.string(),
        name: z.string(),
        currency: z.string(),
        calls: z
          .number()
          .int()
          .describe("the line's calls of the month (by their time) this account's wallet paid, refunded ones left out"),
        amount: z.number().int().describe("micros charged for them"),
      }),
    )
    .optional()
    .describe("a payer's statement: its lines' calls its wallets paid this month, per line (their money is in `usage`, once booked)"),
  paidByPayer: z
    .array(
      z.object({
        payerId: z.string(),
        currency: z.string(),
        calls: z.number().int().describe("this account's calls of the month (by their time) while it was a line of that payer"),
        amount: z.number().int().describe("micros charged for them to the payer's wallet"),
      }),
    )
    .optional()
    .describe("a line's statement: its own calls of the month that its payer paid (no money of its own moved for them)"),
});

export const transactionsPage = z.object({
  items: z.array(ledgerEntryView),
  nextCursor: z.string().optional(),
  usageDays: z
    .array(
      z.object({
        date: z.string().describe("YYYY-MM-DD in the timeZone asked for"),
        currency: z.string(),
        amount: z.number().int().describe("the sum of the day's usage entries, on this page or not"),
        entries: z.number().int(),
        calls: z.number().int(),
      }),
    )
    .optional()
    .describe("with ?timeZone: each day of the page's usage entries, newest first, with the whole day's totals"),
});

export const invoiceView = z.object({
  id: z.string(),
  kind: z.enum(["invoice", "receipt", "credit_note"]),
  number: z.string().optional(),
  accountId: z.string(),
  currency: z.string(),
  subject: z.string(),
  status: z.enum(["draft", "finalized", "paid", "void"]),
  lines: z.array(
    z.object({
      kind: z
        .enum(["usage", "fee", "seats", "proration"])
        .optional()
        .describe("period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats"),
      description: z.string(),
      productId: z.string().optional(),
      unit: z.enum(["call", "unit"]).optional().describe("usage lines: what the quantity counts"),
      covered: z.boolean().optional().describe("usage lines: the units bundles paid, at 0 (the charged usage is on other lines)"),
      quantity: z.number(),
      unitPrice: z.number().int(),
      amount: z.number().int(),
      taxCategory: z.string().optional().describe("documents with tax: the line's product tax category"),
      tax: z.number().int().optional().describe("tax rounded per line: the line's tax, in micros"),
      accountId: z
        .string()
        .optional()
        .describe("consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's"),
    }),
  ),
  sections: z
    .array(
      z.object({
        accountId: z.string(),
        name: z.string().describe("the account's name when the invoice was made"),
        subtotal: z.number().int().describe("micros: the sum of the section's lines"),
      }),
    )
    .optional()
    .describe(
      "consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print",
    ),
  subtotal: z.number().int().describe("micros, exact: the lines' sum (tax included when `tax.inclusive`)"),
  rounding: z.number().int(),
  tax: documentTaxView.optional().describe("the tax, fixed when the document was finalized (absent: no tax applied)"),
  prepaid: z.boolean().optional().describe("a prepaid period's invoice (tax at use), settled from the prepaid balance"),
  total: z.number().int().describe("micros: subtotal plus any tax added, rounded half up to the currency's minor unit"),
  correctsInvoiceId: z.string().optional(),
  periodFrom: z.string().optional().describe("period invoices: the billing period's start"),
  periodTo: z.string().optional().describe("period invoices: the billing period's end"),
  cutoff: z
    .string()
    .optional()
    .describe(
      "period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice",
    ),
  amountPaid: z.number().int().describe("micros received for this invoice (ledger payment entries)"),
  issuer: issuerProfile
    .omit({ logo: true })
    .optional()
    .describe("finalized documents: who issued it, as the issuer profile was when it was finalized"),
  customer: z
    .object({ name: z.string(), billingDetails: billingDetails.optional() })
    .optional()
    .describe("finalized documents: who it is to, as the account was when it was finalized"),
  dueAt: z.string().optional().describe("finalized invoices: when payment is due (the issuer's payment terms)"),
  finalizedAt: z.string().optional(),
  paidAt: z.string().optional(),
  voidedAt: z.string().optional(),
});
export const toInvoiceView = (i: Invoice): z.infer<typeof invoiceView> => ({
  id: i._id,
  kind: i.kind,
  ...(i.number ? { number: i.number } : {}),
  accountId: i.accountId,
  currency: i.currency,
  subject: i.subject,
  status: i.status,
  lines: i.lines.map((l) => ({
    ...(l.kind ? { kind: l.kind } : {}),
    description: l.description,
    ...(l.productId ? { productId: l.productId } : {}),
    ...(l.unit ? { unit: l.unit } : {}),
    ...(l.covered ? { covered: true } : {}),
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    amount: l.amount,
    ...(l.taxCategory ? { taxCategory: l.taxCategory } : {}),
    ...(l.tax !== undefined ? { tax: l.tax } : {}),
    ...(l.accountId ? { accountId: l.accountId } : {}),
  })),
  ...(i.sections ? { sections: i.sections.map((s) => ({ accountId: s.accountId, name: s.name, subtotal: s.subtotal })) } : {}),
  subtotal: i.subtotal,
  rounding: i.rounding,
  ...(i.tax ? { tax: i.tax } : {}),
  ...(i.prepaid ? { prepaid: true } : {}),
  total: i.total,
  ...(i.correctsInvoiceId ? { correctsInvoiceId: i.correctsInvoiceId } : {}),
  ...(i.periodFrom ? { periodFrom: i.periodFrom.toISOString() } : {}),
  ...(i.periodTo ? { periodTo: i.periodTo.toISOString() } : {}),
  ...(i.cutoff ? { cutoff: i.cutoff.toISOString() } : {}),
  amountPaid: i.kind === "receipt" ? i.total : (i.amountPaid ?? 0),
  ...(i.issuerDetails ? { issuer: (({ logo: _logo, ...rest }) => toIssuerDetailsView(rest))(i.issuerDetails) } : {}),
  ...(i.customerName
    ? { customer: { name: i.customerName, ...(i.customerDetails ? { billingDetails: toBillingDetailsView(i.customerDetails) } : {}) } }
    : {}),
  ...(i.dueAt ? { dueAt: i.dueAt.toISOString() } : {}),
  ...(i.finalizedAt ? { finalizedAt: i.finalizedAt.toISOString() } : {}),
  ...(i.paidAt ? { paidAt: i.paidAt.toISOString() } : {}),
  ...(i.voidedAt ? { voidedAt: i.voidedAt.toISOString() } : {}),
});

export const notificationSettingsView = z.object({
  accountId: z.string(),
  emails: z.array(z.string()),
  webhooks: z.array(
    z.object({ id: z.string(), url: z.string(), secret: z.string().describe("Standard Webhooks signing secret (whsec_…)") }),
  ),
  muted: z.array(z.enum(NOTIFICATION_KINDS)),
  balanceThresholds: z.array(z.number().int()),
  percentOfLastRecharge: z.array(z.number().int()),
  quotaPercents: z.array(z.number().int()),
  bundlePercents: z.array(z.number().int()).describe("A bundle's units left, in percent of those issued, at which the account is told"),
});
export const toNotificationSettingsView = (s: NotificationSettings): z.infer<typeof notificationSettingsView> => ({
  accountId: s._id,
  emails: s.emails,
  webhooks: s.webhooks,
  muted: s.muted,
  balanceThresholds: s.balanceThresholds,
  percentOfLastRecharge: s.percentOfLastRecharge,
  quotaPercents: s.quotaPercents,
  bundlePercents: s.bundlePercents ?? [...DEFAULT_BUNDLE_PERCENTS],
});

export const grantView = z.object({
  id: z.string(),
  walletId: z.string(),
  currency: z.string(),
  kind: z.enum(["promotional", "paid"]),
  amount: z.number().int(),
  remaining: z.number().int(),
  priority: z.number().int(),
  expiresAt: z.string(),
  status: z.enum(["active", "expired"]),
  reason: z.string().optional(),
  createdAt: z.string(),
});
export const toGrantView = (g: Grant): z.infer<typeof grantView> => ({
  id: g._id,
  walletId: g.walletId,
  currency: g.currency,
  kind: g.kind,
  amount: g.amount,
  remaining: g.remaining,
  priority: g.priority,
  expiresAt: g.expiresAt.toISOString(),
  status: g.status,
  ...(g.reason ? { reason: g.reason } : {}),
  createdAt: g.createdAt.toISOString(),
});

export const bundleView = z.object({
  id: z.string(),
  accountId: z.string(),
  productId: z.string(),
  units: z.number().int().describe("units issued"),
  remaining: z.number().int().describe("units left now (what the gateways take from); 0 once it has ended"),
  priority: z.number().int(),
  expiresAt: z.string(),
  overage: z
    .enum(["charge", "refuse"])
    .describe("what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)"),
  status: z.enum(["active", "expired", "revoked"]),
  source: z
    .enum(["grant", "pack", "plan", "rollover"])
    .describe(
      "granted by staff, bought as a pack, included in the plan for a period, or a plan bundle's units rolled over into the next period",
    ),
  planId: z.string().optional().describe("plan and rollover bundles: the plan that included it"),
  periodKey: z.string().optional().describe("plan bundles: the period it is valid for, by its first day (`once`: the first period only)"),
  rolloverCap: z.number().int().optional().describe("plan bundles: at most this many of its units left when it expires roll over"),
  rolledFrom: z.string().optional().describe("rollover bundles: the plan bundle whose units they are"),
  reason: z.string().optional(),
  createdAt: z.string(),
  endedAt: z.string().optional(),
});
export const toBundleView = (b: Bundle): z.infer<typeof bundleView> => ({
  id: b._id,
  accountId: b.accountId,
  productId: b.productId,
  units: b.units,
  remaining: b.remaining,
  priority: b.priority,
  expiresAt: b.expiresAt.toISOString(),
  overage: b.overage,
  status: b.status,
  source: b.source,
  ...(b.planId ? { planId: b.planId } : {}),
  ...(b.periodKey ? { periodKey: b.periodKey } : {}),
  ...(b.rolloverCap ? { rolloverCap: b.rolloverCap } : {}),
  ...(b.rolledFrom ? { rolledFrom: b.rolledFrom } : {}),
  ...(b.reason ? { reason: b.reason } : {}),
  createdAt: b.createdAt.toISOString(),
  ...(b.endedAt ? { endedAt: b.endedAt.toISOString() } : {}),
});

const walletReconciliationView = z.object({
  accountId: z.string(),
  walletId: z.string(),
  currency: z.string(),
  ledger: z.number().int().describe("sum of the wallet's ledger entries"),
  pendingCredits: z.number().int().describe("ledger entries not yet applied to Redis"),
  unbookedUsage: z.number().int().describe("usage ingested, not yet booked into the ledger"),
  streamedUsage: z.number().int().describe("usage still in the Redis streams, not yet ingested"),
  hotBalance: z.number().int(),
  reserved: z.number().int().describe("held by open reservations"),
  drift: z.number().int(),
  unsettledUsage: z.number().int().describe("deprecated: the old name of unbookedUsage"),
  held: z.number().int().describe("deprecated: the old name of reserved"),
});
export const reconciliationView = z.object({ checked: z.number().int(), drifts: z.array(walletReconciliationView) });
export const toReconciliationView = (r: WalletReconciliation): z.infer<typeof walletReconciliationView> => ({
  ...r,
  unsettledUsage: r.unbookedUsage,
  held: r.reserved,
});

/** A voucher batch: what each of its codes is worth, until when, and how many were redeemed (never the codes). */
export const voucherBatchView = z.object({
  batchId: z.string(),
  amount: z.number().int().describe("each code's face value, in micros"),
  currency: z.string(),
  packId: z.string().optional().describe("the bundle pack each code grants, if they grant one"),
  expiresAt: z.string(),
  createdAt: z.string(),
  count: z.number().int().describe("codes issued"),
  redeemed: z.number().int().describe("codes redeemed so far"),
});
export const toVoucherBatchView = (b: VoucherBatch): z.infer<typeof voucherBatchView> => ({
  batchId: b._id,
  amount: b.amount,
  currency: b.currency,
  ...(b.packId ? { packId: b.packId } : {}),
  expiresAt: b.expiresAt.toISOString(),
  createdAt: b.createdAt.toISOString(),
  count: b.count,
  redeemed: b.redeemed,
});

/** A usage event's price as the API states it: 0 once refunded (`refundedAmount` says what was given back). */
function charged(u: { refunded?: boolean | undefined; amount: number }): { amount: number; price: number } {
  const amount = u.refunded === true ? 0 : u.amount;
  return { amount, price: amount };
}
