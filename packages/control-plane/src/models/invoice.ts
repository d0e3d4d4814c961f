import { Schema } from "mongoose";
import { billingDetailsSchema, issuerDetailsSchema, type BillingDetails, type IssuerDetails } from "./parties.js";

export interface InvoiceLine {
  /** Usage, a subscription's recurring fee or seats, a prorated change, or anything else (a credit note's). */
  kind?: "usage" | "fee" | "seats" | "proration";
  description: string;
  productId?: string;
  /** Usage lines: what the quantity counts (calls, or the product's units); absent on lines from before it was kept. */
  unit?: "call" | "unit";
  /** Usage lines: the units bundles paid (at 0 money), beside the lines of what was charged. */
  covered?: boolean;
  quantity: number;
  /** Micros per unit. */
  unitPrice: number;
  /** Micros: quantity × unitPrice, exactly. */
  amount: number;
  /** The product tax category the line was taxed in (finalized documents with tax). */
  taxCategory?: string;
  /** Micros: the line's own tax, when tax is rounded per line (included in `amount` when prices include tax). */
  tax?: number;
  /**
   * A consolidated invoice's usage of one of the payer's lines (a child account of its hierarchy): that account.
   * Absent: the invoice's own account's.
   */
  accountId?: string;
}

/**
 * A consolidated invoice's section: an account whose usage it bills (the payer's own first, then each of its
 * lines), named as the account was when the invoice was made, and the sum of its invoice lines.
 */
export interface InvoiceSection {
  accountId: string;
  name: string;
  /** Micros: the sum of the section's invoice lines. */
  subtotal: number;
}

/** One rate a document applied: what it taxed at that rate and the tax, both in micros. */
export interface TaxLine {
  /** As the rate was when the document was finalized. */
  name: string;
  country: string;
  region?: string;
  category: string;
  ratePpm: number;
  taxRateId?: string;
  /** Micros, net of tax. */
  taxable: number;
  /** Micros, rounded to the currency's minor unit (per line or per document, as `rounding` says). */
  amount: number;
}

/**
 * A document's tax, fixed when it is finalized (see services/taxes/). `inclusive`: the lines' amounts include
 * it (the subtotal is gross); otherwise it is added to them. Under a reverse charge every line is taxed at 0 %
 * and the customer accounts for the tax.
 */
export interface DocumentTax {
  inclusive: boolean;
  rounding: "line" | "document";
  reverseCharge: boolean;
  lines: TaxLine[];
  /** Micros: the sum of the tax lines' amounts. */
  amount: number;
}

/**
 * An invoice (postpaid and hybrid usage for a billing period), a receipt (a prepaid recharge), or a credit
 * note (a correction of a finalized invoice). Drafts change; finalized documents never do, except to be
 * marked paid or void. Numbers are sequential per issuer, without gaps, assigned at finalization.
 */
export interface Invoice {
  _id: string;
  kind: "invoice" | "receipt" | "credit_note";
  issuer: string;
  accountId: string;
  currency: string;
  /** What it covers: a period (`2026-11`) or a recharge id. */
  subject: string;
  /** One document per account, kind and subject. */
  idempotencyKey: string;
  status: "draft" | "finalized" | "paid" | "void";
  lines: InvoiceLine[];
  /**
   * A payer's period invoice that bills its lines' usage too (a consolidated invoice): its sections in the order
   * they print. Absent when it bills its own account's usage alone.
   */
  sections?: InvoiceSection[];
  /** Micros: the sum of the lines. */
  subtotal: number;
  /**
   * The total due, rounded half up to the currency's minor unit: the subtotal, plus the tax unless prices include
   * it; `rounding` is what the rounding added (total − subtotal − added tax).
   */
  total: number;
  rounding: number;
  /** Finalized documents of a deployment with tax rates: the tax, fixed when finalized. */
  tax?: DocumentTax;
  /** Settled from the account's prepaid balance when finalized (a prepaid period's invoice, tax at use). */
  prepaid?: boolean;
  sequence?: number;
  number?: string;
  correctsInvoiceId?: string;
  reason?: string;
  /** Period invoices: the billing period, and the instant before which its usage is billed here. */
  periodFrom?: Date;
  periodTo?: Date;
  cutoff?: Date;
  /** Invoices: micros received so far (the sum of the ledger's payment entries for it, kept here for display). */
  amountPaid?: number;
  /**
   * Copied when it is finalized, so the document says forever what it said then: who issued it (the issuer
   * profile), who it is to (the account's name and billing details), and, for invoices, when it falls due.
   */
  issuerDetails?: IssuerDetails;
  customerName?: string;
  customerDetails?: BillingDetails;
  dueAt?: Date;
  createdAt: Date;
  finalizedAt?: Date;
  paidAt?: Date;
  voidedAt?: Date;
}

export const invoiceSchema = new Schema<Invoice>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    issuer: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    currency: { type: String, required: true },
    subject: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true },
    status: { type: String, required: true },
    lines: {
      type: [
        {
          _id: false,
          kind: String,
          description: String,
          productId: String,
          unit: String,
          covered: Boolean,
          quantity: Number,
          unitPrice: Number,
          amount: Number,
          taxCategory: String,
          tax: Number,
          accountId: String,
        },
      ],
      required: true,
    },
    sections: {
      type: [{ _id: false, accountId: String, name: String, subtotal: Number }],
      default: undefined,
    },
    subtotal: { type: Number, required: true },
    total: { type: Number, required: true },
    rounding: { type: Number, required: true },
    tax: {
      type: {
        _id: false,
        inclusive: Boolean,
        rounding: String,
        reverseCharge: Boolean,
        lines: [
          {
            _id: false,
            name: String,
            country: String,
            region: String,
            category: String,
            ratePpm: Number,
            taxRateId: String,
            taxable: Number,
            amount: Number,
          },
        ],
        amount: Number,
      },
      required: false,
    },
    prepaid: { type: Boolean },
    sequence: { type: Number },
    number: { type: String },
    correctsInvoiceId: { type: String },
    reason: { type: String },
    periodFrom: { type: Date },
    periodTo: { type: Date },
    cutoff: { type: Date },
    amountPaid: { type: Number },
    issuerDetails: { type: issuerDetailsSchema },
    customerName: { type: String },
    customerDetails: { type: billingDetailsSchema },
    dueAt: { type: Date },
    createdAt: { type: Date, required: true },
    finalizedAt: { type: Date },
    paidAt: { type: Date },
    voidedAt: { type: Date },
  },
  { versionKey: false, strict: "throw" },
);
invoiceSchema.index({ issuer: 1, sequence: 1 });
// An account's documents, a page at a time, newest first (the list's cursor is (createdAt, _id)).
invoiceSchema.index({ accountId: 1, createdAt: -1, _id: -1 });

/** A number given: `_id` is `<issuer>:<sequence>`, so a number can be taken once (a unique insert). */
export interface InvoiceNumber {
  _id: string;
  issuer: string;
  sequence: number;
  invoiceId: string;
}

export const invoiceNumberSchema = new Schema<InvoiceNumber>(
  {
    _id: { type: String, required: true },
    issuer: { type: String, required: true },
    sequence: { type: Number, required: true },
    invoiceId: { type: String, required: true, index: true },
  },
  { versionKey: false, strict: "throw" },
);

/** The next number to give, per issuer. */
export interface InvoiceCounter {
  _id: string;
  next: number;
}

export const invoiceCounterSchema = new Schema<InvoiceCounter>(
  { _id: { type: String, required: true }, next: { type: Number, required: true } },
  { versionKey: false, strict: "throw" },
);

/**
 * The invoice that bills a call: `_id` is the usage event's id, so a call is billed once (a unique insert).
 * Invoicing never writes on the usage events (see models/usage-event.ts); it reads these beside them.
 */
export interface InvoiceAssignment {
  /** The usage event's id. */
  _id: string;
  invoiceId: string;
  accountId: string;
  /** The call's time, so a close reads only the assignments of the window it bills. */
  timestamp: Date;
}

export const invoiceAssignmentSchema = new Schema<InvoiceAssignment>(
  {
    _id: { type: String, required: true },
    invoiceId: { type: String, required: true, index: true },
    accountId: { type: String, required: true },
    timestamp: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
invoiceAssignmentSchema.index({ accountId: 1, timestamp: 1 });
