import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Invoice, Wallet } from "../../models/index.js";
import { toMinorUnits } from "../../payments/minor-units.js";
import { whenLocked } from "../locks.js";
import { sum } from "../ledger/sums.js";
import { postEntry } from "../ledger/post.js";
import { markPaid } from "./documents.js";
import { addedTax } from "../taxes/compute.js";

export interface InvoicePayment {
  /** Micros received, whole minor units of the invoice's currency; what remains due when absent. */
  amount?: number | undefined;
  /** One per payment: a retry with the same key records nothing more. Absent: the payment of what remains. */
  idempotencyKey?: string | undefined;
  actor: string;
}

/**
 * Record money received for a postpaid or hybrid invoice. The payment is a ledger entry (`payment`, once per
 * idempotency key) applied to the wallet's hot balance, so the credit the invoiced usage took is free again
 * for new calls. Payments may be partial; none may exceed what remains due (the total, less credit notes,
 * less earlier payments).
 *
 * Rounding: an invoice's total is its subtotal rounded half up to whole minor units, and that is what the
 * customer pays. When the last payment completes it, the difference (subtotal − what the invoice moved into
 * the wallet: payments and credit notes) is booked as an `adjustment` of its own, so a paid invoice gives the
 * wallet back exactly the usage it billed, to the micro, whichever way the total was rounded.
 */
export async function payInvoice(
  ctx: AppContext,
  invoiceId: string,
  payment: InvoicePayment,
): Promise<Outcome<{ invoice: Invoice; replayed: boolean }, PaymentFailure>> {
  const invoice = await ctx.models.Invoice.findById(invoiceId).lean();
  if (invoice === null) return failure("not_found", `No invoice ${invoiceId}.`);
  // Receipts are paid when issued; credit notes refuse.
  if (invoice.kind !== "invoice") {
    const paid = await markPaid(ctx, invoiceId);
    return paid.ok ? ok({ invoice: paid.value, replayed: false }) : paid;
  }
  if (invoice.status !== "finalized" && invoice.status !== "paid")
    return failure("conflict", `${invoice.number ?? invoiceId} is ${invoice.status}: only a finalized invoice can be paid.`);
  let replayed = false;
  // Another payment, credit note or void under way holds the lock past the wait: a conflict (the route declares 409).
  const paid = await whenLocked(ctx, `invoice:${invoiceId}`, 60_000, async (): Promise<Outcome<Invoice, PaymentFailure>> => {
    // Read again under the lock: a void may have come first.
    const current = (await ctx.models.Invoice.findById(invoiceId).lean())!;
    if (current.status !== "finalized" && current.status !== "paid")
      return failure("conflict", `${current.number ?? invoiceId} is ${current.status}: only a finalized invoice can be paid.`);
    const wallet = await ctx.models.Wallet.findOne({ accountId: invoice.accountId, currency: invoice.currency }).lean();
    if (wallet === null) return failure("unprocessable", `The account has no ${invoice.currency} wallet to credit.`);
    const key = `invoice:${invoiceId}:payment:${payment.idempotencyKey ?? "rest"}`;
    const prior = await ctx.models.LedgerEntry.findOne({ walletId: wallet._id, idempotencyKey: key }).lean();
    if (prior !== null) {
      if (payment.amount !== undefined && payment.amount !== prior.amount)
        return failure("idempotency_key_reused", "This Idempotency-Key was first used for another amount.");
      // A repeat of a keyed payment; paying "the rest" again with no key is a new request that finds nothing due.
      replayed = payment.idempotencyKey !== undefined;
      const posted = await postEntry(ctx, {
        walletId: wallet._id,
        type: "payment",
        amount: prior.amount,
        reason: prior.reason,
        invoiceId,
        idempotencyKey: key,
        actor: prior.actor,
      });
      if (!posted.ok) return posted;
      return settleIfComplete(ctx, invoice, wallet);
    }
    const due = await amountDue(ctx, invoice, wallet);
    const amount = payment.amount ?? due;
    if (amount === 0) return settleIfComplete(ctx, invoice, wallet);
    if (toMinorUnits(amount, invoice.currency) === undefined)
      return failure("unprocessable", `A payment is a whole number of ${invoice.currency} minor units.`);
    if (amount > due)
      return failure("unprocessable", `${due} micros remain due on ${invoice.number}; a payment of ${amount} is more.`, { due });
    const posted = await postEntry(ctx, {
      walletId: wallet._id,
      type: "payment",
      amount,
      reason: `payment of ${invoice.number}`,
      invoiceId,
      idempotencyKey: key,
      actor: payment.actor,
    });
    if (!posted.ok) return posted;
    return settleIfComplete(ctx, invoice, wallet);
  });
  if (!paid.ok) return paid;
  return paid.value.ok ? ok({ invoice: paid.value.value, replayed }) : paid.value;
}

type PaymentFailure = "not_found" | "conflict" | "unprocessable" | "idempotency_key_reused";

/** The invoice's total, less its credit notes, less what has been paid. */
export async function amountDue(ctx: AppContext, invoice: Invoice, wallet: Wallet): Promise<number> {
  const credited = await sum(ctx, "Invoice", { correctsInvoiceId: invoice._id, kind: "credit_note", status: { $ne: "void" } }, "$total"); // negative
  const paid = await sum(ctx, "LedgerEntry", { walletId: wallet._id, invoiceId: invoice._id, type: "payment" }, "$amount");
  return Math.max(0, invoice.total + credited - paid);
}

/** Record what has been paid; once nothing is due, book the rounding and mark the invoice paid. */
async function settleIfComplete(ctx: AppContext, invoice: Invoice, wallet: Wallet): Promise<Outcome<Invoice, PaymentFailure>> {
  const paid = await sum(ctx, "LedgerEntry", { walletId: wallet._id, invoiceId: invoice._id, type: "payment" }, "$amount");
  await ctx.models.Invoice.updateOne({ _id: invoice._id }, { $set: { amountPaid: paid } });
  if ((await amountDue(ctx, invoice, wallet)) > 0) return ok((await ctx.models.Invoice.findById(invoice._id).lean())!);
  const taxed = await bookTax(ctx, invoice, wallet);
  if (!taxed.ok) return taxed;
  const roundingKey = `invoice:${invoice._id}:rounding`;
  const moved = await sum(
    ctx,
    "LedgerEntry",
    { walletId: wallet._id, invoiceId: invoice._id, idempotencyKey: { $ne: roundingKey } },
    "$amount",
  );
  const residual = invoice.subtotal - moved;
  if (residual !== 0) {
    const posted = await postEntry(ctx, {
      walletId: wallet._id,
      type: "adjustment",
      amount: residual,
      reason: `rounding of ${invoice.number} to whole minor units`,
      invoiceId: invoice._id,
      idempotencyKey: roundingKey,
      actor: "system:invoices",
    });
    if (!posted.ok) return posted;
  }
  return markPaid(ctx, invoice._id);
}

/**
 * The tax a paid invoice added to its lines (prices exclusive of tax) came with the payments but is not the
 * customer's money: it leaves the wallet as an adjustment of its own (`invoice:<id>:tax`), once, so the wallet
 * keeps exactly what the lines billed and the rounding entry is only rounding. Tax inside inclusive prices was
 * never added, so nothing leaves.
 */
export async function bookTax(ctx: AppContext, invoice: Invoice, wallet: Wallet): Promise<Outcome<void, PaymentFailure>> {
  const tax = addedTax(invoice.tax);
  if (tax === 0) return ok(undefined);
  const posted = await postEntry(ctx, {
    walletId: wallet._id,
    type: "adjustment",
    amount: -tax,
    reason: `tax of ${invoice.number}, collected for the tax authority`,
    invoiceId: invoice._id,
    idempotencyKey: `invoice:${invoice._id}:tax`,
    actor: "system:invoices",
  });
  return posted.ok ? ok(undefined) : posted;
}

/**
 * A prepaid period's invoice (tax at use) bills usage its wallet already paid as it happened: it is settled from
 * the prepaid balance at once, its added tax and its rounding taken from the wallet (entries of their own, once),
 * and marked paid for its whole total.
 */
export async function settleFromBalance(ctx: AppContext, invoice: Invoice): Promise<Outcome<Invoice, "conflict">> {
  const wallet = await ctx.models.Wallet.findOne({ accountId: invoice.accountId, currency: invoice.currency }).lean();
  if (wallet !== null) {
    // The wallet's own entries under its own keys: a refusal is a bug.
    const taxed = await bookTax(ctx, invoice, wallet);
    if (!taxed.ok) throw new Error(`settleFromBalance: ${taxed.detail ?? taxed.code}`);
    if (invoice.rounding !== 0) {
      const posted = await postEntry(ctx, {
        walletId: wallet._id,
        type: "adjustment",
        amount: -invoice.rounding,
        reason: `rounding of ${invoice.number} to whole minor units`,
        invoiceId: invoice._id,
        idempotencyKey: `invoice:${invoice._id}:rounding`,
        actor: "system:invoices",
      });
      if (!posted.ok) throw new Error(`settleFromBalance: ${posted.detail ?? posted.code}`);
    }
  }
  await ctx.models.Invoice.updateOne({ _id: invoice._id }, { $set: { amountPaid: invoice.total } });
  const paid = await markPaid(ctx, invoice._id);
  return paid.ok ? paid : failure("conflict", paid.detail ?? "the invoice could not be marked paid");
}
