import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Recharge } from "../../models/index.js";
import type { CardDetails, PaymentEvent } from "../../payments/provider.js";
import { toMinorUnits } from "../../payments/minor-units.js";
import { audit } from "../audit.js";
import { ProblemError } from "../../domain/problem-error.js";
import { postEntry } from "../ledger/post.js";
import { releaseAutoRecharge } from "../auto-recharge/trigger.js";
import { notify } from "../notifications/emit.js";
import { refundEvent } from "../webhooks/record.js";
import { creditTaxedReceipt, issueReceipt } from "../invoices/documents.js";
import { applyInvoiceCardPayment } from "../invoices/pay-by-card.js";
import { failPending } from "./cancel.js";
import { payPackByCard } from "../bundle-packs/buy-by-card.js";

/**
 * What a provider's webhook tells us, applied exactly once however often it is delivered: the recharge's
 * state moves by conditional updates, and money moves by ledger entries keyed on the recharge id.
 */
export async function applyPaymentEvent(
  ctx: AppContext,
  provider: string,
  event: PaymentEvent,
): Promise<Outcome<Recharge | undefined, "not_found" | "conflict">> {
  if (event.kind === "ignored") return ok(undefined);
  const { Recharge: Recharges } = ctx.models;
  const recharge =
    (await Recharges.findOne({ provider, providerRef: event.reference }).lean()) ??
    (event.rechargeId ? await Recharges.findOne({ _id: event.rechargeId, provider }).lean() : null);
  if (recharge === null) return failure("not_found", `No recharge for ${provider} payment ${event.reference}.`);
  switch (event.kind) {
    case "payment_succeeded": {
      // A kept card is shown as people know it (brand, last four); a provider that cannot say leaves it unnamed.
      const card = event.savedCard ? await describe(ctx, provider, event.savedCard.paymentMethod) : undefined;
      if (event.reference !== recharge.providerRef || event.savedCard) {
        // A Checkout session's payment is its PaymentIntent: refunds must name that, and the card may be kept.
        await Recharges.updateOne(
          { _id: recharge._id },
          {
            $set: {
              ...(event.reference !== recharge.providerRef ? { paymentRef: event.reference } : {}),
              ...(event.savedCard ? { savedCard: { ...event.savedCard, ...(card ? { card } : {}) } } : {}),
            },
          },
        );
      }
      return ok(await confirmRecharge(ctx, recharge));
    }
    case "payment_failed": {
      const failed = await failPending(ctx, recharge, event.reason);
      if (failed !== null) {
        await audit(ctx, `provider:${provider}`, "recharge.failed", recharge._id, { reason: event.reason });
        await releaseAutoRecharge(ctx, failed);
        await notify(ctx, failed.accountId, "recharge_failed", `${failed._id}`, {
          rechargeId: failed._id,
          amount: failed.amount,
          currency: failed.currency,
          automatic: failed.automatic,
          reason: event.reason,
        });
      }
      return ok(failed ?? recharge);
    }
    case "refunded":
      return reverseRecharge(ctx, recharge, `provider:${provider}`);
  }
}

async function describe(ctx: AppContext, provider: string, paymentMethod: string): Promise<CardDetails | undefined> {
  try {
    return await ctx.payments.get(provider)?.describeCard({ paymentMethod });
  } catch (error) {
    ctx.log("a kept card could not be described", { provider, error: (error as Error).message });
    return undefined;
  }
}

async function confirmRecharge(ctx: AppContext, recharge: Recharge): Promise<Recharge> {
  const { Recharge: Recharges } = ctx.models;
  // pending → succeeded once; a failed payment that later succeeds (a retried card) is accepted too.
  await Recharges.updateOne(
    { _id: recharge._id, status: { $in: ["pending", "failed"] } },
    { $set: { status: "succeeded", updatedAt: new Date() }, $unset: { checkoutUrl: "" } },
  );
  const current = (await Recharges.findById(recharge._id).lean())!;
  if (current.status !== "succeeded" && current.status !== "refunded") return current;
  if (current.invoiceId !== undefined) {
    // A card payment of an invoice: its money pays the invoice (no receipt: the invoice itself says paid).
    await applyInvoiceCardPayment(ctx, { ...current, invoiceId: current.invoiceId });
    return current;
  }
  // A card payment of a bundle pack: its money pays the pack, and the pack's bundle is issued (once).
  if (current.packPurchaseId !== undefined) return payPackByCard(ctx, current);
  // The receipt first: when the deployment taxes prepaid money at top-up, the amount paid includes the tax its
  // receipt fixes, and the wallet is credited the rest (a repeat finds the same receipt, so the same figure).
  const receipt = await issueReceipt(ctx, recharge);
  const posted = await postEntry(ctx, {
    walletId: recharge.walletId,
    amount: recharge.amount - (receipt.tax?.amount ?? 0),
    reason: `${recharge.provider} payment ${recharge.providerRef}`,
    idempotencyKey: `recharge:${recharge._id}`,
    actor: `provider:${recharge.provider}`,
  });
  // The recharge's own wallet, under its own key and figures: a failure is a bug.
  if (!posted.ok) throw ProblemError.failed(posted);
  const { entry } = posted.value;
  const done = (await Recharges.findOneAndUpdate(
    { _id: recharge._id },
    { $set: { creditEntryId: entry._id } },
    { returnDocument: "after" },
  ).lean())!;
  await releaseAutoRecharge(ctx, done);
  await notify(ctx, done.accountId, "recharge_succeeded", `${done._id}`, {
    rechargeId: done._id,
    amount: done.amount,
    currency: done.currency,
    automatic: done.automatic,
  });
  return done;
}

/** Take a refunded recharge back through the ledger, once. */
async function reverseRecharge(ctx: AppContext, recharge: Recharge, actor: string): Promise<Outcome<Recharge, "conflict">> {
  if (recharge.status !== "succeeded" && recharge.status !== "refunded")
    return failure("conflict", `Recharge ${recharge._id} is ${recharge.status}: only a succeeded recharge can be refunded.`);
  // What the top-up credited: its amount, less the tax its receipt took at top-up.
  const credited = recharge.creditEntryId ? await ctx.models.LedgerEntry.findById(recharge.creditEntryId, { amount: 1 }).lean() : null;
  const posted = await postEntry(ctx, {
    walletId: recharge.walletId,
    type: "reversal",
    amount: -(credited?.amount ?? recharge.amount),
    reason: `refund of ${recharge._id}`,
    idempotencyKey: `reversal:${recharge._id}`,
    actor,
  });
  // The recharge's own wallet, under its own key and figures: a failure is a bug.
  if (!posted.ok) throw ProblemError.failed(posted);
  const { entry } = posted.value;
  await creditTaxedReceipt(ctx, recharge._id);
  const refunded = (await ctx.models.Recharge.findOneAndUpdate(
    { _id: recharge._id },
    { $set: { status: "refunded", reversalEntryId: entry._id, updatedAt: new Date() } },
    { returnDocument: "after" },
  ).lean())!;
  await refundEvent(ctx, refunded);
  return ok(refunded);
}

/** An admin's refund: ask the provider, then reverse the credit (a later refund webhook changes nothing). */
export async function refundRecharge(
  ctx: AppContext,
  rechargeId: string,
  actor: string,
): Promise<Outcome<Recharge, "not_found" | "conflict" | "unprocessable">> {
  const recharge = await ctx.models.Recharge.findById(rechargeId).lean();
  if (recharge === null) return failure("not_found", `No recharge ${rechargeId}.`);
  if (recharge.status === "refunded") {
    await refundEvent(ctx, recharge); // refunded by a run that may have died before recording it: once per recharge
    return ok(recharge);
  }
  if (recharge.status !== "succeeded" || recharge.providerRef === undefined)
    return failure("conflict", `Recharge ${rechargeId} is ${recharge.status}: only a succeeded recharge can be refunded.`);
  if (recharge.packPurchaseId !== undefined)
    return failure(
      "conflict",
      `${rechargeId} paid for bundle pack purchase ${recharge.packPurchaseId}: revoke its bundle and credit the wallet instead.`,
    );
  if (recharge.invoiceId !== undefined)
    return failure("conflict", `${rechargeId} paid invoice ${recharge.invoiceId}: correct the invoice with a credit note instead.`);
  const provider = ctx.payments.get(recharge.provider);
  if (provider === undefined) return failure("unprocessable", `No payment provider "${recharge.provider}" is configured.`);
  await provider.refund({
    reference: recharge.paymentRef ?? recharge.providerRef,
    amountMinor: toMinorUnits(recharge.amount, recharge.currency)!,
    idempotencyKey: `refund:${recharge._id}`,
  });
  await audit(ctx, actor, "recharge.refund", recharge._id, { amount: recharge.amount });
  return reverseRecharge(ctx, recharge, actor);
}
