import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Recharge } from "../../models/index.js";
import { audit } from "../audit.js";

/** How long after its page expired a top-up the provider said nothing about is taken for expired. */
const EXPIRY_GRACE_MS = 10 * 60_000;

/**
 * Cancel a pending top-up: its provider's page stops taking payment, and it is failed ("cancelled"). One paid
 * meanwhile is not cancelled (`conflict`): its webhook credits it. A webhook of success that still comes later
 * (the customer paid as the page closed) credits it too: money taken is never lost.
 */
export async function cancelRecharge(
  ctx: AppContext,
  rechargeId: string,
  actor: string,
): Promise<Outcome<Recharge, "not_found" | "conflict" | "unprocessable">> {
  const recharge = await ctx.models.Recharge.findById(rechargeId).lean();
  if (recharge === null) return failure("not_found", `No recharge ${rechargeId}.`);
  if (recharge.status !== "pending")
    return failure("conflict", `Recharge ${rechargeId} is ${recharge.status}: only a pending one can be cancelled.`);
  const provider = ctx.payments.get(recharge.provider);
  if (provider === undefined) return failure("unprocessable", `No payment provider "${recharge.provider}" is configured.`);
  if (recharge.providerRef !== undefined && (await provider.cancelPayment({ reference: recharge.providerRef })) === "paid")
    return failure("conflict", `Recharge ${rechargeId} was paid meanwhile: it is credited as soon as the provider confirms it.`);
  const cancelled = await failPending(ctx, recharge, "cancelled");
  if (cancelled === null) return ok((await ctx.models.Recharge.findById(rechargeId).lean())!);
  await audit(ctx, actor, "recharge.cancel", rechargeId, { accountId: recharge.accountId, amount: recharge.amount });
  return ok(cancelled);
}

/**
 * The sweep: pending top-ups whose page expired (and then some) with no word from the provider are failed
 * ("expired"), so that nothing stays pending for good when a webhook is lost. Idempotent.
 */
export async function expireStaleCheckouts(ctx: AppContext, now = new Date()): Promise<number> {
  const stale = await ctx.models.Recharge.find({ status: "pending", expiresAt: { $lt: new Date(now.getTime() - EXPIRY_GRACE_MS) } })
    .limit(500)
    .lean();
  let expired = 0;
  for (const recharge of stale) {
    if ((await failPending(ctx, recharge, "the checkout page expired unpaid")) === null) continue;
    await audit(ctx, "system:recharges", "recharge.expire", recharge._id, { accountId: recharge.accountId, amount: recharge.amount });
    expired++;
  }
  return expired;
}

/** Pending → failed with `reason`, its page forgotten; null when it was no longer pending. */
export function failPending(ctx: AppContext, recharge: Pick<Recharge, "_id">, reason: string) {
  return ctx.models.Recharge.findOneAndUpdate(
    { _id: recharge._id, status: "pending" },
    { $set: { status: "failed", failureReason: reason, updatedAt: new Date() }, $unset: { checkoutUrl: "" } },
    { returnDocument: "after" },
  ).lean();
}
