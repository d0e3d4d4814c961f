import type { AppContext } from "../../context.js";
import { failure, type Outcome } from "../../domain/outcome.js";
import type { Recharge } from "../../models/index.js";
import { toMinorUnits } from "../../payments/minor-units.js";
import { postEntry } from "../ledger/post.js";
import { startRecharge } from "../recharges/start.js";
import { amountDue, payInvoice } from "./pay.js";

/**
 * Start paying what remains due on a finalized invoice by card, on the provider's page (the customer, from its
 * portal; or staff). It is a card payment like a top-up (pending, expiring, cancellable, confirmed by the
 * provider's signed webhook), whose money goes to the invoice: see `applyInvoiceCardPayment`.
 */
export async function startInvoiceCardPayment(
  ctx: AppContext,
  input: { accountId: string; invoiceId: string; provider: string; returnUrl: string; idempotencyKey: string; actor: string },
): Promise<
  Outcome<
    { recharge: Recharge; checkoutUrl?: string | undefined; replayed: boolean },
    "not_found" | "conflict" | "unprocessable" | "validation_failed" | "idempotency_key_reused"
  >
> {
  const invoice = await ctx.models.Invoice.findOne({ _id: input.invoiceId, accountId: input.accountId }).lean();
  if (invoice === null) return failure("not_found", `No invoice ${input.invoiceId} on account ${input.accountId}.`);
  const start = (amount: number) =>
    startRecharge(ctx, {
      accountId: invoice.accountId,
      amount,
      currency: invoice.currency,
      provider: input.provider,
      checkout: { returnUrl: input.returnUrl, saveCard: false },
      invoice: { id: invoice._id, description: `Invoice ${invoice.number}` },
      idempotencyKey: `invoice:${invoice._id}:${input.idempotencyKey}`,
      automatic: false,
      actor: input.actor,
    });
  // A repeat is answered as the first time, whatever was paid since (it names the amount then due).
  const prior = await ctx.models.Recharge.findOne({
    accountId: invoice.accountId,
    idempotencyKey: `invoice:${invoice._id}:${input.idempotencyKey}`,
  }).lean();
  if (prior !== null) return start(prior.amount);
  if (invoice.kind !== "invoice" || invoice.status !== "finalized")
    return failure(
      "conflict",
      `${invoice.number ?? invoice._id} is ${invoice.status === "finalized" ? `a ${invoice.kind}` : invoice.status}: only a finalized invoice with something due can be paid.`,
    );
  const wallet = await ctx.models.Wallet.findOne({ accountId: invoice.accountId, currency: invoice.currency }).lean();
  if (wallet === null) return failure("unprocessable", `The account has no ${invoice.currency} wallet.`);
  const due = await amountDue(ctx, invoice, wallet);
  if (due === 0) return failure("conflict", `Nothing remains due on ${invoice.number}.`);
  if (toMinorUnits(due, invoice.currency) === undefined)
    return failure(
      "unprocessable",
      `${due} micros remain due on ${invoice.number}, not a whole number of ${invoice.currency} minor units: pay it by transfer.`,
    );
  return start(due);
}

/**
 * The provider confirmed a card payment of an invoice: what remains due is paid with it (an invoice payment,
 * once, keyed by the payment), and whatever it brought beyond that (the invoice was paid or credited meanwhile,
 * or voided) is credited to the wallet: money received is never lost. Redone, it moves nothing more: what it
 * paid the first time is read back from the ledger.
 */
export async function applyInvoiceCardPayment(ctx: AppContext, recharge: Recharge & { invoiceId: string }): Promise<void> {
  const key = `card:${recharge._id}`;
  const prior = await ctx.models.LedgerEntry.findOne({
    walletId: recharge.walletId,
    idempotencyKey: `invoice:${recharge.invoiceId}:payment:${key}`,
  }).lean();
  let applied = prior?.amount ?? 0;
  if (prior === null) {
    const invoice = await ctx.models.Invoice.findById(recharge.invoiceId).lean();
    const wallet = await ctx.models.Wallet.findById(recharge.walletId).lean();
    const due = invoice?.status === "finalized" && wallet !== null ? await amountDue(ctx, invoice, wallet) : 0;
    const amount = Math.min(recharge.amount, due);
    if (amount > 0 && toMinorUnits(amount, recharge.currency) !== undefined) {
      const paid = await payInvoice(ctx, recharge.invoiceId, { amount, idempotencyKey: key, actor: `provider:${recharge.provider}` });
      if (paid.ok) applied = amount;
    }
  }
  const excess = recharge.amount - applied;
  if (excess <= 0) return;
  const credited = await postEntry(ctx, {
    walletId: recharge.walletId,
    amount: excess,
    reason: `${recharge.provider} payment ${recharge.providerRef} of invoice ${recharge.invoiceId}, beyond what was due`,
    idempotencyKey: `recharge:${recharge._id}`,
    actor: `provider:${recharge.provider}`,
  });
  // The recharge's own wallet, under its own key: a failure is a bug.
  if (!credited.ok) throw new Error(`crediting ${recharge._id}: ${credited.detail ?? credited.code}`);
}
