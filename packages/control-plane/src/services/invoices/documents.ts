import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { ProblemError } from "../../domain/problem-error.js";
import { newId } from "../../ids.js";
import { insertOnce, type Invoice } from "../../models/index.js";
import { createOrReplay } from "../create-or-replay.js";
import type { DocumentTax, InvoiceLine } from "../../models/invoice.js";
import { addedTax } from "../taxes/compute.js";
import { taxOfDraft } from "../taxes/document.js";
import { microsPerMinorUnit } from "../../payments/minor-units.js";
import { whenLocked } from "../locks.js";
import { notify } from "../notifications/emit.js";
import { invoiceEvent } from "../webhooks/record.js";
import { postEntry } from "../ledger/post.js";
import { getIssuerProfile, ISSUER } from "./issuer.js";

/**
 * Lines are exact micros; the total due (the subtotal, plus the tax unless prices include it) is rounded half up
 * to the currency's minor unit, once.
 */
export function totals(lines: InvoiceLine[], currency: string, tax?: DocumentTax): Pick<Invoice, "subtotal" | "total" | "rounding"> {
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const added = addedTax(tax);
  const per = microsPerMinorUnit(currency);
  const gross = subtotal + added;
  const sign = gross < 0 ? -1 : 1;
  const total = sign * Math.floor((Math.abs(gross) + per / 2) / per) * per;
  return { subtotal, total, rounding: total - gross };
}

/** Create a document once per idempotency key (a unique insert); the second caller gets the first. */
export async function createOnce(
  ctx: AppContext,
  doc: Omit<Invoice, "_id" | "createdAt" | "status" | "subtotal" | "total" | "rounding">,
): Promise<Invoice> {
  const created = await createOrReplay({
    create: async () =>
      (
        await ctx.models.Invoice.create({
          _id: newId("inv"),
          ...doc,
          status: "draft",
          ...totals(doc.lines, doc.currency),
          createdAt: new Date(),
        })
      ).toObject(),
    findPrior: () => ctx.models.Invoice.findOne({ idempotencyKey: doc.idempotencyKey }).lean(),
    // The key names the document's subject (a period, a recharge, a credit-note request): the first one stands.
    sameRequest: () => true,
    what: "another document",
  });
  // The key names the document's subject, so a repeat is always the same request: never refused.
  if (!created.ok) throw new Error(`createOnce: ${created.detail ?? created.code}`);
  return created.value.doc;
}

/** A receipt for a prepaid recharge: issued once per recharge, finalized and paid. */
export async function issueReceipt(
  ctx: AppContext,
  recharge: { _id: string; accountId: string; currency: string; amount: number; provider: string },
  /** What was paid for, as the receipt's line says it: a top-up unless said. */
  description = `Prepaid recharge (${recharge.provider})`,
): Promise<Invoice> {
  const draft = await createOnce(ctx, {
    kind: "receipt",
    issuer: ISSUER,
    accountId: recharge.accountId,
    currency: recharge.currency,
    subject: recharge._id,
    idempotencyKey: `receipt:${recharge._id}`,
    lines: [{ description, quantity: 1, unitPrice: recharge.amount, amount: recharge.amount }],
  });
  const done = await finalize(ctx, draft._id);
  // The draft was created just above, and a receipt once finalized can always be paid: a failure here is the
  // numbering lock held past its wait, and the recharge's confirmation fails with it (its webhook comes again).
  if (!done.ok) throw ProblemError.failed(done);
  const paid = await markPaid(ctx, done.value._id);
  if (!paid.ok) throw ProblemError.failed(paid);
  return paid.value;
}

/**
 * A refunded top-up whose receipt was its tax document (tax at top-up) is corrected by a credit note for the
 * whole receipt, once: the tax it declared is given back on a document, as the law asks. It moves no money:
 * the refund's reversal took back what the wallet was credited, and the provider returned the payment.
 */
export async function creditTaxedReceipt(ctx: AppContext, rechargeId: string): Promise<Invoice | undefined> {
  const receipt = await ctx.models.Invoice.findOne({ idempotencyKey: `receipt:${rechargeId}` }).lean();
  if (receipt?.tax === undefined || receipt.number === undefined) return undefined;
  const draft = await createOnce(ctx, {
    kind: "credit_note",
    issuer: receipt.issuer,
    accountId: receipt.accountId,
    currency: receipt.currency,
    subject: receipt.number,
    idempotencyKey: `refund-note:${rechargeId}`,
    correctsInvoiceId: receipt._id,
    reason: `refund of the top-up ${rechargeId}`,
    lines: [{ description: `Refund of ${receipt.number}`, quantity: 1, unitPrice: -receipt.subtotal, amount: -receipt.subtotal }],
  });
  const done = await finalize(ctx, draft._id);
  // The note was created just above: a failure is the numbering lock held past its wait, and the refund is
  // finished by its next delivery (or the admin's retry), which finds the same note.
  if (!done.ok) throw ProblemError.failed(done);
  return done.value;
}

/**
 * A credit note against a finalized invoice: a negative document, numbered in the same sequence. For a
 * postpaid or hybrid invoice it also gives the wallet back what it forgives (an `adjustment`), so the credit
 * the usage took is free again. Repeating the request (same idempotency key) finishes what a crash left.
 */
export async function issueCreditNote(
  ctx: AppContext,
  invoiceId: string,
  amount: number,
  reason: string,
  idempotencyKey: string,
  actor: string,
): Promise<Outcome<{ note: Invoice; replayed: boolean }, "not_found" | "conflict" | "unprocessable" | "idempotency_key_reused">> {
  // One at a time with the invoice's payments and its void (its lock): two credit notes could otherwise each
  // find room for themselves, and credit more than the invoice billed.
  const credited = await whenLocked(ctx, `invoice:${invoiceId}`, 60_000, () =>
    creditLocked(ctx, invoiceId, amount, reason, idempotencyKey, actor),
  );
  return credited.ok ? credited.value : credited;
}

async function creditLocked(
  ctx: AppContext,
  invoiceId: string,
  amount: number,
  reason: string,
  idempotencyKey: string,
  actor: string,
): Promise<Outcome<{ note: Invoice; replayed: boolean }, "not_found" | "conflict" | "unprocessable" | "idempotency_key_reused">> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) return failure("not_found", `No invoice ${invoiceId}.`);
  if (invoice.kind !== "invoice" || invoice.number === undefined) return failure("conflict", "Only a finalized invoice can be credited.");
  const documentKey = `credit-note:${invoiceId}:${idempotencyKey}`;
  const existing = await ctx.models.Invoice.findOne({ idempotencyKey: documentKey }).lean();
  if (existing === null) {
    const credited = await ctx.models.Invoice.find({ correctsInvoiceId: invoiceId, kind: "credit_note", status: { $ne: "void" } }).lean();
    const already = -credited.reduce((total, c) => total + c.subtotal, 0);
    if (amount > invoice.subtotal - already)
      return failure("unprocessable", `At most ${invoice.subtotal - already} micros of ${invoice.number} remain to be credited.`);
  } else if (existing.subtotal !== -amount || existing.reason !== reason) {
    return failure("idempotency_key_reused", "This Idempotency-Key was first used for another amount or reason.");
  }
  const draft =
    existing ??
    (await createOnce(ctx, {
      kind: "credit_note",
      issuer: ISSUER,
      accountId: invoice.accountId,
      currency: invoice.currency,
      subject: invoice.number,
      idempotencyKey: documentKey,
      correctsInvoiceId: invoiceId,
      reason,
      lines: [{ description: `Credit on ${invoice.number}: ${reason}`, quantity: 1, unitPrice: -amount, amount: -amount }],
    }));
  const finalized = await finalize(ctx, draft._id);
  if (!finalized.ok) return finalized;
  const note = finalized.value;
  const wallet = await ctx.models.Wallet.findOne({ accountId: invoice.accountId, currency: invoice.currency }).lean();
  if (wallet !== null) {
    const posted = await postEntry(ctx, {
      walletId: wallet._id,
      type: "adjustment",
      // What the note forgives, exactly: the lines credited and, when prices exclude it, their tax.
      amount: -note.subtotal - addedTax(note.tax),
      reason: `${note.number}: ${reason}`,
      invoiceId,
      idempotencyKey: `credit-note:${note._id}`,
      actor,
    });
    if (!posted.ok) return posted;
  }
  return ok({ note, replayed: existing !== null });
}

/**
 * Give a draft its number and make it immutable. Numbers are taken one at a time under the issuer's lock,
 * each by inserting `<issuer>:<sequence>` (a number can be taken once), and the counter only moves past a
 * number once it is taken, so there are no gaps and no repeats, even if this dies between any two writes.
 */
export async function finalize(ctx: AppContext, invoiceId: string): Promise<Outcome<Invoice, "not_found" | "conflict">> {
  const current = await ctx.models.Invoice.findById(invoiceId).lean();
  if (current === null) return failure("not_found", `No invoice ${invoiceId}.`);
  if (current.sequence !== undefined) {
    // Numbered by a run that may have died before recording its event: recording it again records nothing.
    if (current.status === "finalized") await invoiceEvent(ctx, "invoice.finalized", current);
    return ok(current);
  }
  const numbered = await whenLocked(ctx, `invoice-numbers:${current.issuer}`, 60_000, () => assignNumber(ctx, current));
  if (!numbered.ok) return numbered;
  const done = numbered.value;
  await notify(ctx, done.accountId, "invoice_issued", done._id, {
    invoiceId: done._id,
    number: done.number,
    kindLabel: label(done.kind),
    subject: done.subject,
    total: done.total,
    currency: done.currency,
  });
  await invoiceEvent(ctx, "invoice.finalized", done);
  return ok(done);
}

async function assignNumber(ctx: AppContext, invoice: Invoice): Promise<Invoice> {
  const { Invoice: Invoices, InvoiceCounter, InvoiceNumber } = ctx.models;
  await insertOnce(InvoiceCounter, { _id: invoice.issuer, next: 1 });
  const parties = await partiesOf(ctx, invoice);
  // The tax is fixed here, from the rates in force now and the parties the document prints: never recomputed.
  const at = new Date();
  const taxed = await taxOfDraft(ctx, invoice, parties, at);
  const stamp = (sequence: number) => {
    const finalizedAt = at;
    return Invoices.updateOne(
      { _id: invoice._id },
      {
        $set: {
          ...(taxed.tax ? { lines: taxed.lines, tax: taxed.tax, ...totals(taxed.lines, invoice.currency, taxed.tax) } : {}),
          sequence,
          number: `TG-${String(sequence).padStart(6, "0")}`,
          status: "finalized",
          finalizedAt,
          ...parties,
          // Invoices fall due after the issuer's payment terms; receipts are paid, credit notes owe nothing.
          ...(invoice.kind === "invoice" ? { dueAt: new Date(finalizedAt.getTime() + parties.issuerDetails.dueDays * DAY) } : {}),
        },
      },
    );
  };
  const advancePast = (sequence: number) =>
    InvoiceCounter.updateOne({ _id: invoice.issuer, next: sequence }, { $set: { next: sequence + 1 } });
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
    if (
      !(await insertOnce(InvoiceNumber, {
        _id: `${invoice.issuer}:${next}`,
        issuer: invoice.issuer,
        sequence: next,
        invoiceId: invoice._id,
      }))
    ) {
      await advancePast(next); // taken by a document whose run died before moving the counter
      continue;
    }
    await stamp(next);
    await advancePast(next);
  }
}

export async function markPaid(ctx: AppContext, invoiceId: string): Promise<Outcome<Invoice, "not_found" | "conflict">> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) return failure("not_found", `No invoice ${invoiceId}.`);
  if (invoice.status === "paid") {
    await invoiceEvent(ctx, "invoice.paid", invoice); // once per invoice: a repeat records nothing
    return ok(invoice);
  }
  if (invoice.status !== "finalized")
    return failure("conflict", `${invoice.number ?? invoiceId} is ${invoice.status}: only a finalized document can be paid.`);
  const paid = (await ctx.models.Invoice.findOneAndUpdate(
    { _id: invoiceId },
    { $set: { status: "paid", paidAt: new Date() } },
    { returnDocument: "after" },
  ).lean())!;
  await invoiceEvent(ctx, "invoice.paid", paid);
  return ok(paid);
}

export async function markVoid(ctx: AppContext, invoiceId: string): Promise<Outcome<Invoice, "not_found" | "conflict">> {
  // Under the invoice's lock, as its payments are: a payment under way sees the invoice void, or the void sees it paid.
  const voided = await whenLocked(ctx, `invoice:${invoiceId}`, 60_000, () => voidLocked(ctx, invoiceId));
  return voided.ok ? voided.value : voided;
}

async function voidLocked(ctx: AppContext, invoiceId: string): Promise<Outcome<Invoice, "not_found" | "conflict">> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) return failure("not_found", `No invoice ${invoiceId}.`);
  if (invoice.status === "void") return ok(invoice);
  if (invoice.status !== "finalized")
    return failure("conflict", `${invoice.number ?? invoiceId} is ${invoice.status}: only a finalized, unpaid document can be voided.`);
  if ((invoice.amountPaid ?? 0) > 0) return failure("conflict", `${invoice.number} is partly paid: correct it with a credit note instead.`);
  return ok(
    (await ctx.models.Invoice.findOneAndUpdate(
      { _id: invoiceId },
      { $set: { status: "void", voidedAt: new Date() } },
      { returnDocument: "after" },
    ).lean())!,
  );
}

const DAY = 86_400_000;

/** Who a document is from and to, as it will print them for good: the issuer profile and the account's details now. */
async function partiesOf(
  ctx: AppContext,
  invoice: Invoice,
): Promise<Pick<Invoice, "issuerDetails" | "customerName" | "customerDetails"> & { issuerDetails: NonNullable<Invoice["issuerDetails"]> }> {
  const { profile } = await getIssuerProfile(ctx, invoice.issuer);
  const account = await ctx.models.Account.findById(invoice.accountId, { name: 1, billingDetails: 1 }).lean();
  return {
    issuerDetails: profile,
    ...(account ? { customerName: account.name } : {}),
    ...(account?.billingDetails ? { customerDetails: account.billingDetails } : {}),
  };
}

export function label(kind: Invoice["kind"]): string {
  return kind === "invoice" ? "Invoice" : kind === "receipt" ? "Receipt" : "Credit note";
}
