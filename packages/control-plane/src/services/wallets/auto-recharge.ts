import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Wallet } from "../../models/index.js";
import type { AutoRecharge } from "../../models/wallet.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";

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
    const recharge = await ctx.models.Recharge.findById(card.fromRecharge).lean();
    if (wallet === null) return failure("not_found", `No wallet ${walletId}.`);
    if (recharge === null || recharge.accountId !== wallet.accountId || recharge.provider !== settings.provider || !recharge.savedCard)
      return failure("unprocessable", `Recharge ${card.fromRecharge} of this account kept no ${settings.provider} card.`);
    saved = recharge.savedCard;
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
