import type { AppContext } from "../../context.js";
import { ProblemError } from "../../http/problem-error.js";
import { newId } from "../../ids.js";
import { isDuplicateKey, type Invoice } from "../../models/index.js";
import type { InvoiceLine } from "../../models/invoice.js";
import { microsPerMinorUnit } from "../../payments/minor-units.js";
import { withLock } from "../claims.js";
import { notify } from "../notifications/emit.js";
import { CALENDAR_MONTH, lastEndedPeriod, periodContaining } from "./cycles.js";

export const ISSUER = "tollgate";
const MAX_LINES = 100;

/** Lines are exact micros; the total due is rounded half up to the currency's minor unit, once. */
function totals(lines: InvoiceLine[], currency: string): Pick<Invoice, "subtotal" | "total" | "rounding"> {
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const per = microsPerMinorUnit(currency);
  const sign = subtotal < 0 ? -1 : 1;
  const total = sign * Math.floor((Math.abs(subtotal) + per / 2) / per) * per;
  return { subtotal, total, rounding: total - subtotal };
}

/** Create a document once per idempotency key (a unique insert); the second caller gets the first. */
async function createOnce(ctx: AppContext, doc: Omit<Invoice, "_id" | "createdAt" | "status" | "subtotal" | "total" | "rounding">): Promise<Invoice> {
  try {
    return (await ctx.models.Invoice.create({ _id: newId("inv"), ...doc, status: "draft", ...totals(doc.lines, doc.currency), createdAt: new Date() })).toObject();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return (await ctx.models.Invoice.findOne({ idempotencyKey: doc.idempotencyKey }).lean())!;
  }
}

/**
 * Close one billing period of a postpaid or hybrid account into one invoice for its usage, lines per
 * product and per price (so tiers show as separate lines), finalized at once. Closing the same period again
 * returns the same invoice. `periodStart` names the period (its first day); the account's cycle gives its end.
 */
export async function closeBillingPeriod(ctx: AppContext, accountId: string, periodStart: string): Promise<Invoice | undefined> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) throw new ProblemError("not_found", `No account ${accountId}.`);
  if (account.billingMode === "prepaid") return undefined;
  const cycle = account.billingCycle ?? CALENDAR_MONTH;
  const period = periodContaining(cycle, new Date(`${periodStart}T00:00:00Z`));
  if (period.key !== periodStart) throw new ProblemError("validation_failed", `The account's periods start on ${period.key}, not ${periodStart}.`);
  const plan = await ctx.models.Plan.findById(account.planId).lean();
  const currency = plan?.currency ?? "USD";
  const { from, to } = period;
  const events = await ctx.models.UsageEvent.find({ accountId, currency, timestamp: { $gte: from, $lt: to }, price: { $gt: 0 } }, { productId: 1, units: 1, price: 1 }).lean();
  if (events.length === 0) return undefined;

  const byRate = new Map<string, InvoiceLine>();
  for (const e of events) {
    const product = e.productId ?? "default";
    const key = `${product}\u0000${e.price}`;
    const line = byRate.get(key) ?? { description: `${product}: calls at ${e.price} micros`, productId: product, quantity: 0, unitPrice: e.price, amount: 0 };
    line.quantity += 1;
    line.amount += e.price;
    byRate.set(key, line);
  }
  let lines = [...byRate.values()].sort((a, b) => (a.productId ?? "").localeCompare(b.productId ?? "") || a.unitPrice - b.unitPrice);
  if (lines.length > MAX_LINES) {
    // Too many distinct prices (response-metered products): one line per product, priced by the unit.
    const perProduct = new Map<string, InvoiceLine>();
    for (const e of events) {
      const product = e.productId ?? "default";
      const line = perProduct.get(product) ?? { description: `${product}: usage`, productId: product, quantity: 0, unitPrice: 0, amount: 0 };
      line.quantity += e.units ?? 1;
      line.amount += e.price;
      perProduct.set(product, line);
    }
    lines = [...perProduct.values()].map((l) => ({ ...l, unitPrice: l.quantity > 0 ? Math.round(l.amount / l.quantity) : 0 }));
  }
  const subject = `${period.key} to ${period.to.toISOString().slice(0, 10)}`;
  const draft = await createOnce(ctx, { kind: "invoice", issuer: ISSUER, accountId, currency, subject, idempotencyKey: `invoice:${accountId}:${period.key}`, lines });
  return finalize(ctx, draft._id);
}

/** A receipt for a prepaid recharge: issued once per recharge, finalized and paid. */
export async function issueReceipt(ctx: AppContext, recharge: { _id: string; accountId: string; currency: string; amount: number; provider: string }): Promise<Invoice> {
  const draft = await createOnce(ctx, {
    kind: "receipt",
    issuer: ISSUER,
    accountId: recharge.accountId,
    currency: recharge.currency,
    subject: recharge._id,
    idempotencyKey: `receipt:${recharge._id}`,
    lines: [{ description: `Prepaid recharge (${recharge.provider})`, quantity: 1, unitPrice: recharge.amount, amount: recharge.amount }],
  });
  const done = await finalize(ctx, draft._id);
  return markPaid(ctx, done._id);
}

/** A credit note against a finalized invoice: a negative document, numbered in the same sequence. */
export async function issueCreditNote(ctx: AppContext, invoiceId: string, amount: number, reason: string, idempotencyKey: string): Promise<Invoice> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) throw new ProblemError("not_found", `No invoice ${invoiceId}.`);
  if (invoice.kind !== "invoice" || invoice.number === undefined) throw new ProblemError("conflict", "Only a finalized invoice can be credited.");
  const credited = await ctx.models.Invoice.find({ correctsInvoiceId: invoiceId, kind: "credit_note", status: { $ne: "void" } }).lean();
  const already = -credited.reduce((sum, c) => sum + c.subtotal, 0);
  if (amount > invoice.subtotal - already) throw new ProblemError("unprocessable", `At most ${invoice.subtotal - already} micros of ${invoice.number} remain to be credited.`);
  const draft = await createOnce(ctx, {
    kind: "credit_note",
    issuer: ISSUER,
    accountId: invoice.accountId,
    currency: invoice.currency,
    subject: invoice.number,
    idempotencyKey: `credit-note:${invoiceId}:${idempotencyKey}`,
    correctsInvoiceId: invoiceId,
    reason,
    lines: [{ description: `Credit on ${invoice.number}: ${reason}`, quantity: 1, unitPrice: -amount, amount: -amount }],
  });
  return finalize(ctx, draft._id);
}

/**
 * Give a draft its number and make it immutable. Numbers are taken one at a time under the issuer's lock,
 * each by inserting `<issuer>:<sequence>` (a number can be taken once), and the counter only moves past a
 * number once it is taken, so there are no gaps and no repeats, even if this dies between any two writes.
 */
export async function finalize(ctx: AppContext, invoiceId: string): Promise<Invoice> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await ctx.models.Invoice.findById(invoiceId).lean();
    if (current === null) throw new ProblemError("not_found", `No invoice ${invoiceId}.`);
    if (current.sequence !== undefined) return current;
    const done = await withLock(ctx, `invoice-numbers:${current.issuer}`, 60_000, () => assignNumber(ctx, current));
    if (done !== undefined) {
      await notify(ctx, done.accountId, "invoice_issued", done._id, { invoiceId: done._id, number: done.number, kindLabel: label(done.kind), subject: done.subject, total: done.total, currency: done.currency });
      return done;
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // another process is numbering: wait our turn
  }
  throw new Error(`could not number invoice ${invoiceId}`);
}

async function assignNumber(ctx: AppContext, invoice: Invoice): Promise<Invoice> {
  const { Invoice: Invoices, InvoiceCounter, InvoiceNumber } = ctx.models;
  await InvoiceCounter.create({ _id: invoice.issuer, next: 1 }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
  const stamp = (sequence: number) =>
    Invoices.updateOne({ _id: invoice._id }, { $set: { sequence, number: `TG-${String(sequence).padStart(6, "0")}`, status: "finalized", finalizedAt: new Date() } });
  const advancePast = (sequence: number) => InvoiceCounter.updateOne({ _id: invoice.issuer, next: sequence }, { $set: { next: sequence + 1 } });
  for (;;) {
    const again = (await Invoices.findById(invoice._id).lean())!;
    if (again.sequence !== undefined) return again;
    // A number taken for this document by a run that died before stamping it: finish that run.
    const mine = await InvoiceNumber.findOne({ invoiceId: invoice._id }).lean();
    if (mine !== null) {
      await stamp(mine.sequence);
      await advancePast(mine.sequence);
      continue;
    }
    const { next } = (await InvoiceCounter.findById(invoice.issuer).lean())!;
    try {
      await InvoiceNumber.create({ _id: `${invoice.issuer}:${next}`, issuer: invoice.issuer, sequence: next, invoiceId: invoice._id });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await advancePast(next); // taken by a document whose run died before moving the counter
      continue;
    }
    await stamp(next);
    await advancePast(next);
  }
}

export async function markPaid(ctx: AppContext, invoiceId: string): Promise<Invoice> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) throw new ProblemError("not_found", `No invoice ${invoiceId}.`);
  if (invoice.status === "paid") return invoice;
  if (invoice.status !== "finalized") throw new ProblemError("conflict", `${invoice.number ?? invoiceId} is ${invoice.status}: only a finalized document can be paid.`);
  return (await ctx.models.Invoice.findOneAndUpdate({ _id: invoiceId }, { $set: { status: "paid", paidAt: new Date() } }, { returnDocument: "after" }).lean())!;
}

export async function markVoid(ctx: AppContext, invoiceId: string): Promise<Invoice> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) throw new ProblemError("not_found", `No invoice ${invoiceId}.`);
  if (invoice.status === "void") return invoice;
  if (invoice.status !== "finalized") throw new ProblemError("conflict", `${invoice.number ?? invoiceId} is ${invoice.status}: only a finalized, unpaid document can be voided.`);
  return (await ctx.models.Invoice.findOneAndUpdate({ _id: invoiceId }, { $set: { status: "void", voidedAt: new Date() } }, { returnDocument: "after" }).lean())!;
}

export function label(kind: Invoice["kind"]): string {
  return kind === "invoice" ? "Invoice" : kind === "receipt" ? "Receipt" : "Credit note";
}

/** The billing-cycle job: close each postpaid and hybrid account's last ended period (idempotent). */
export async function closeEndedPeriods(ctx: AppContext, now = new Date()): Promise<number> {
  let closed = 0;
  for await (const account of ctx.models.Account.find({ billingMode: { $in: ["postpaid", "hybrid"] } }, { _id: 1, billingCycle: 1 }).lean().cursor()) {
    const period = lastEndedPeriod(account.billingCycle ?? CALENDAR_MONTH, now);
    if (await closeBillingPeriod(ctx, account._id, period.key)) closed++;
  }
  return closed;
}
