import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { PackPurchase, Recharge } from "../../models/index.js";
import { issueReceipt } from "../invoices/documents.js";
import { startRecharge } from "../recharges/start.js";
import { toMinorUnits } from "../../payments/minor-units.js";
import { purchaseOf } from "./purchase.js";
import { issuePackBundle, payFromOutside } from "./settle.js";

export interface PackCardPayment {
  purchase: PackPurchase;
  recharge: Recharge;
  clientSecret?: string | undefined;
  checkoutUrl?: string | undefined;
  replayed: boolean;
}

/**
 * Buy a pack by card, once per Idempotency-Key: the purchase is recorded, then a card payment of its price is
 * started through the existing card payment flow (a recharge marked as paying this purchase, its own key
 * `pack:<purchase>`, so a retry reaches the same payment). Nothing is issued until the provider's signed webhook
 * says the payment succeeded (payPackByCard).
 */
export async function buyPackByCard(
  ctx: AppContext,
  input: {
    accountId: string;
    packId: string;
    provider: string;
    paymentMethod?: string | undefined;
    /** The provider's customer a kept card belongs to (with its `paymentMethod`). */
    customer?: string | undefined;
    checkout?: { returnUrl: string; saveCard: boolean } | undefined;
    idempotencyKey: string;
    actor: string;
  },
): Promise<Outcome<PackCardPayment, "not_found" | "unprocessable" | "validation_failed" | "idempotency_key_reused">> {
  const opened = await purchaseOf(ctx, input, "card", (terms) => {
    // The payment could never start.
    if (ctx.payments.get(input.provider) === undefined)
      return failure("unprocessable", `No payment provider "${input.provider}" is configured.`);
    if (toMinorUnits(terms.price, terms.wallet.currency) === undefined)
      return failure("unprocessable", `The pack's price is not a whole amount of ${terms.wallet.currency}: it cannot be paid by card.`);
    return undefined;
  });
  if (!opened.ok) return opened;
  const { purchase, replayed } = opened.value;
  const pack = await ctx.models.BundlePack.findById(purchase.packId, { name: 1 }).lean();
  const started = await startRecharge(ctx, {
    accountId: purchase.accountId,
    amount: purchase.price,
    currency: purchase.currency,
    provider: input.provider,
    paymentMethod: input.paymentMethod,
    customer: input.customer,
    checkout: input.checkout,
    packPurchase: { id: purchase._id, description: `Bundle pack: ${pack?.name ?? purchase.packId}` },
    idempotencyKey: `pack:${purchase._id}`,
    automatic: false,
    actor: input.actor,
  });
  if (!started.ok) return started;
  const { recharge, clientSecret, checkoutUrl } = started.value;
  if (purchase.rechargeId === undefined) {
    await ctx.models.PackPurchase.updateOne({ _id: purchase._id }, { $set: { rechargeId: recharge._id } });
    return ok({ purchase: { ...purchase, rechargeId: recharge._id }, recharge, clientSecret, checkoutUrl, replayed });
  }
  return ok({ purchase, recharge, clientSecret, checkoutUrl, replayed });
}

/**
 * A card payment of a pack succeeded (the provider's webhook, however often delivered): when prepaid money is
 * taxed at top-up (TAX_PREPAID=top_up, the default), its receipt first, as a top-up's, the tax document (the
 * price paid includes the tax it fixes); then its money arrives as the recharge's credit, the price less that
 * tax, the `pack` entry takes it back, and the bundle is issued; each once (a repeat finds the same receipt, so
 * the same figures).
 */
export async function payPackByCard(ctx: AppContext, recharge: Recharge): Promise<Recharge> {
  const purchase = await ctx.models.PackPurchase.findById(recharge.packPurchaseId).lean();
  if (purchase === null) throw new Error(`recharge ${recharge._id} pays pack purchase ${recharge.packPurchaseId}, which is missing`);
  // Under TAX_PREPAID=use no receipt: its note would call the price a prepayment taxed at use, which a pack's is not.
  let tax = 0;
  if (ctx.taxes.prepaid === "top_up") {
    const pack = await ctx.models.BundlePack.findById(purchase.packId, { name: 1 }).lean();
    const receipt = await issueReceipt(ctx, recharge, `Bundle pack: ${pack?.name ?? purchase.packId} (${recharge.provider})`);
    tax = receipt.tax?.amount ?? 0;
  }
  const { credit } = await payFromOutside(ctx, purchase, {
    idempotencyKey: `recharge:${recharge._id}`,
    reason: `${recharge.provider} payment ${recharge.providerRef ?? recharge._id}`,
    actor: `provider:${recharge.provider}`,
    net: recharge.amount - tax,
  });
  if (purchase.rechargeId === undefined)
    await ctx.models.PackPurchase.updateOne({ _id: purchase._id }, { $set: { rechargeId: recharge._id } });
  await issuePackBundle(ctx, purchase);
  return (await ctx.models.Recharge.findOneAndUpdate(
    { _id: recharge._id },
    { $set: { creditEntryId: credit._id } },
    { returnDocument: "after" },
  ).lean())!;
}

/** Card purchases whose payment succeeded but whose processing died before the bundle was issued: finish them, once. */
export async function finishCardPurchases(ctx: AppContext, olderThanMs: number): Promise<number> {
  const stuck = await ctx.models.PackPurchase.find({
    status: "pending",
    payment: "card",
    rechargeId: { $exists: true },
    createdAt: { $lt: new Date(Date.now() - olderThanMs), $gt: new Date(Date.now() - 7 * 86_400_000) },
  })
    .limit(500)
    .lean();
  let finished = 0;
  for (const purchase of stuck) {
    const recharge = await ctx.models.Recharge.findById(purchase.rechargeId).lean();
    if (recharge?.status !== "succeeded") continue;
    await payPackByCard(ctx, recharge);
    finished++;
  }
  return finished;
}
