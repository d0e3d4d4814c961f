import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Wallet } from "../../models/index.js";
import type { AutoRecharge } from "../../models/wallet.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";
import { keptCardOf } from "../recharges/cards.js";

/** The card an auto-recharge pays with: a saved payment method, or the one a recharge of the wallet's account kept. */
export type AutoRechargeCard = { paymentMethod: string } | { fromRecharge: string };

/** Turn a wallet's auto-recharge on (or change it); gateways learn its threshold at once. */
export async function setAutoRecharge(
  ctx: AppContext,
  walletId: string,
  settings: Omit<AutoRecharge, "paymentMethod" | "customer">,
  card: AutoRechargeCard,
  actor: string,
): Promise<Outcome<Wallet, "not_found" | "unprocessable">> {
  let saved: Pick<AutoRecharge, "paymentMethod" | "customer">;
  if ("fromRecharge" in card) {
    const wallet = await ctx.models.Wallet.findById(walletId).lean();
    if (wallet === null) return failure("not_found", `No wallet ${walletId}.`);
    const kept = await keptCardOf(ctx, wallet.accountId, card.fromRecharge, settings.provider);
    if (!kept.ok) return kept;
    saved = kept.value;
  } else saved = { paymentMethod: card.paymentMethod };
  const autoRecharge: AutoRecharge = { ...settings, ...saved };
  const wallet = await ctx.models.Wallet.findOneAndUpdate(
    { _id: walletId },
    { $set: { autoRecharge } },
    { returnDocument: "after" },
  ).lean();
  if (wallet === null) return failure("not_found", `No wallet ${walletId}.`);
  await publishAccount(ctx, wallet.accountId);
  await audit(ctx, actor, "wallet.auto_recharge", wallet._id, { ...autoRecharge });
  return ok(wallet);
}

/** Turn a wallet's auto-recharge off; gateways stop asking for recharges at once. */
export async function clearAutoRecharge(ctx: AppContext, walletId: string, actor: string): Promise<Outcome<Wallet, "not_found">> {
  const wallet = await ctx.models.Wallet.findOneAndUpdate(
    { _id: walletId },
    { $unset: { autoRecharge: "" } },
    { returnDocument: "after" },
  ).lean();
  if (wallet === null) return failure("not_found", `No wallet ${walletId}.`);
  await publishAccount(ctx, wallet.accountId);
  await audit(ctx, actor, "wallet.auto_recharge_off", wallet._id, {});
  return ok(wallet);
}
