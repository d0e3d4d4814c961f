import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { CardDetails } from "../../payments/provider.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";

/** A card the account kept when paying a top-up, as the portal and the console show it. */
export interface KeptCard {
  /** The top-up that kept it: what auto-recharge names (`fromRecharge`) and what forgetting it names. */
  rechargeId: string;
  provider: string;
  card?: CardDetails | undefined;
  keptAt: Date;
  /** Some wallet of the account pays its auto-recharges with it. */
  usedByAutoRecharge: boolean;
}

/** A kept card as a payment names it: its payment method and customer at the provider, and how people know it. */
export type KeptPaymentCard = { paymentMethod: string; customer: string; card?: CardDetails | undefined };

/**
 * The card the top-up `rechargeId` of the account kept with `provider` (a customer names its kept cards this way,
 * never by the provider's own ids): `unprocessable` when that top-up is not the account's, is of another provider,
 * or kept no card (the same answer for all three: another account's top-up is not told apart).
 */
export async function keptCardOf(
  ctx: AppContext,
  accountId: string,
  rechargeId: string,
  provider: string,
): Promise<Outcome<KeptPaymentCard, "unprocessable">> {
  const recharge = await ctx.models.Recharge.findOne({ _id: rechargeId, accountId }).lean();
  if (recharge?.savedCard === undefined || recharge.provider !== provider)
    return failure("unprocessable", `Recharge ${rechargeId} of this account kept no ${provider} card.`);
  return ok(recharge.savedCard);
}

/** The account's kept cards, newest first, one per card (a card kept twice is listed once). */
export async function listKeptCards(ctx: AppContext, accountId: string): Promise<KeptCard[]> {
  const recharges = await ctx.models.Recharge.find({ accountId, savedCard: { $exists: true } })
    .sort({ createdAt: -1 })
    .lean();
  const wallets = await ctx.models.Wallet.find({ accountId }, { autoRecharge: 1 }).lean();
  const inUse = new Set(wallets.flatMap((w) => (w.autoRecharge ? [w.autoRecharge.paymentMethod] : [])));
  const seen = new Set<string>();
  const cards: KeptCard[] = [];
  for (const r of recharges) {
    const kept = r.savedCard!;
    if (seen.has(kept.paymentMethod)) continue;
    seen.add(kept.paymentMethod);
    cards.push({
      rechargeId: r._id,
      provider: r.provider,
      card: kept.card,
      keptAt: r.updatedAt,
      usedByAutoRecharge: inUse.has(kept.paymentMethod),
    });
  }
  return cards;
}

/**
 * Forget a kept card: the provider stops keeping it, no top-up of the account names it any more, and a wallet
 * whose auto-recharge paid with it has auto-recharge turned off (gateways learn it at once). Audited.
 */
export async function forgetKeptCard(
  ctx: AppContext,
  accountId: string,
  rechargeId: string,
  actor: string,
): Promise<Outcome<{ autoRechargeOff: string[] }, "not_found" | "unprocessable">> {
  const recharge = await ctx.models.Recharge.findOne({ _id: rechargeId, accountId }).lean();
  if (recharge?.savedCard === undefined) return failure("not_found", `Top-up ${rechargeId} of account ${accountId} kept no card.`);
  const provider = ctx.payments.get(recharge.provider);
  if (provider === undefined) return failure("unprocessable", `No payment provider "${recharge.provider}" is configured.`);
  const { paymentMethod } = recharge.savedCard;
  // Off first: from here on nothing starts a payment with it, whatever happens next.
  const users = await ctx.models.Wallet.find({ accountId, "autoRecharge.paymentMethod": paymentMethod }, { _id: 1 }).lean();
  for (const w of users) await ctx.models.Wallet.updateOne({ _id: w._id }, { $unset: { autoRecharge: "" } });
  if (users.length > 0) await publishAccount(ctx, accountId);
  await provider.forgetCard({ paymentMethod });
  await ctx.models.Recharge.updateMany({ accountId, "savedCard.paymentMethod": paymentMethod }, { $unset: { savedCard: "" } });
  const autoRechargeOff = users.map((w) => w._id);
  await audit(ctx, actor, "card.forget", accountId, { rechargeId, card: recharge.savedCard.card ?? null, autoRechargeOff });
  return ok({ autoRechargeOff });
}
