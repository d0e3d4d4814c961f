import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Recharge } from "../../models/index.js";
import { createOrReplay } from "../create-or-replay.js";
import { toMinorUnits } from "../../payments/minor-units.js";
import { audit } from "../audit.js";

export interface StartRecharge {
  accountId: string;
  amount: number;
  currency?: string | undefined;
  provider: string;
  paymentMethod?: string | undefined;
  customer?: string | undefined;
  /** Pay on the provider's hosted page and come back to `returnUrl`; `saveCard` keeps the card for auto-recharge. */
  checkout?: { returnUrl: string; saveCard: boolean } | undefined;
  /** A card payment of this invoice (what it pays goes to the invoice), named on the payment page by `description`. */
  invoice?: { id: string; description: string } | undefined;
  /** A card payment of a bundle pack's purchase, named on the payment page by `description`. */
  packPurchase?: { id: string; description: string } | undefined;
  idempotencyKey: string;
  automatic: boolean;
  actor: string;
}

/**
 * Create a pending recharge and start its payment. The same idempotency key returns the same recharge
 * (and, if the provider was not reached the first time, reaches it now with the recharge's own id as the
 * provider's idempotency key, so no second payment can start).
 */
export async function startRecharge(
  ctx: AppContext,
  input: StartRecharge,
): Promise<
  Outcome<
    { recharge: Recharge; clientSecret?: string | undefined; checkoutUrl?: string | undefined; replayed: boolean },
    "unprocessable" | "not_found" | "validation_failed" | "idempotency_key_reused"
  >
> {
  const provider = ctx.payments.get(input.provider);
  if (provider === undefined) return failure("unprocessable", `No payment provider "${input.provider}" is configured.`);
  const { Account, Plan, Wallet, Recharge: Recharges } = ctx.models;
  const account = await Account.findById(input.accountId).lean();
  if (account === null) return failure("not_found", `No account ${input.accountId}.`);
  const currency = input.currency ?? (await Plan.findById(account.planId).lean())?.currency;
  const wallet = currency ? await Wallet.findOne({ accountId: account._id, currency }).lean() : null;
  if (wallet === null || currency === undefined)
    return failure("unprocessable", `The account has no ${input.currency ?? "plan-currency"} wallet.`);
  const amountMinor = toMinorUnits(input.amount, currency);
  if (amountMinor === undefined)
    return failure("validation_failed", `${currency} is paid in whole minor units: ${input.amount} micros is not one.`);

  const requestHash = createHash("sha256")
    .update(
      JSON.stringify([
        input.provider,
        input.amount,
        currency,
        input.paymentMethod ?? null,
        input.checkout ?? null,
        input.invoice?.id ?? null,
        ...(input.packPurchase ? [input.packPurchase.id] : []),
      ]),
    )
    .digest("hex");
  const now = new Date();
  const created = await createOrReplay({
    create: async () =>
      (
        await Recharges.create({
          _id: newId("rch"),
          accountId: account._id,
          walletId: wallet._id,
          currency,
          amount: input.amount,
          provider: input.provider,
          status: "pending",
          ...(input.invoice ? { invoiceId: input.invoice.id } : {}),
          ...(input.packPurchase ? { packPurchaseId: input.packPurchase.id } : {}),
          automatic: input.automatic,
          idempotencyKey: input.idempotencyKey,
          requestHash,
          createdAt: now,
          updatedAt: now,
        })
      ).toObject(),
    findPrior: () => Recharges.findOne({ accountId: account._id, idempotencyKey: input.idempotencyKey }).lean(),
    sameRequest: (prior) => prior.requestHash === requestHash,
    what: "a different recharge",
  });
  if (!created.ok) return created;
  const recharge: Recharge = created.value.doc;
  const replayed = created.value.replayed;
  if (!replayed) {
    await audit(ctx, input.actor, "recharge.start", recharge._id, {
      accountId: account._id,
      amount: input.amount,
      currency,
      provider: input.provider,
      automatic: input.automatic,
      ...(input.invoice ? { invoiceId: input.invoice.id } : {}),
    });
  }
  if (recharge.providerRef !== undefined)
    return ok({
      recharge,
      replayed,
      ...(recharge.status === "pending" && recharge.checkoutUrl ? { checkoutUrl: recharge.checkoutUrl } : {}),
    });

  const started = await provider.startPayment({
    rechargeId: recharge._id,
    accountId: account._id,
    amountMinor,
    currency,
    paymentMethod: input.paymentMethod,
    customer: input.customer,
    checkout: input.checkout,
    description: input.invoice?.description ?? input.packPurchase?.description,
    idempotencyKey: recharge._id,
  });
  const updated = await Recharges.findOneAndUpdate(
    { _id: recharge._id },
    {
      $set: {
        providerRef: started.reference,
        ...(started.checkoutUrl ? { checkoutUrl: started.checkoutUrl } : {}),
        ...(started.expiresAt ? { expiresAt: started.expiresAt } : {}),
        updatedAt: new Date(),
      },
    },
    { returnDocument: "after" },
  ).lean();
  return ok({ recharge: updated!, clientSecret: started.clientSecret, checkoutUrl: started.checkoutUrl, replayed });
}
