import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import type { Wallet } from "../../models/index.js";
import type { AutoRecharge } from "../../models/wallet.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";

/** Turn a wallet's auto-recharge on (or change it); gateways learn its threshold at once. */
export async function setAutoRecharge(ctx: AppContext, walletId: string, settings: AutoRecharge, actor: string): Promise<Wallet> {
  const wallet = await ctx.models.Wallet.findOneAndUpdate(
    { _id: walletId },
    { $set: { autoRecharge: settings } },
    { returnDocument: "after" },
  ).lean();
  if (wallet === null) throw new ProblemError("not_found", `No wallet ${walletId}.`);
  await publishAccount(ctx, wallet.accountId);
  await audit(ctx, actor, "wallet.auto_recharge", wallet._id, { ...settings });
  return wallet;
}

/** Turn a wallet's auto-recharge off; gateways stop asking for recharges at once. */
export async function clearAutoRecharge(ctx: AppContext, walletId: string, actor: string): Promise<Wallet> {
  const wallet = await ctx.models.Wallet.findOneAndUpdate(
    { _id: walletId },
    { $unset: { autoRecharge: "" } },
    { returnDocument: "after" },
  ).lean();
  if (wallet === null) throw new ProblemError("not_found", `No wallet ${walletId}.`);
  await publishAccount(ctx, wallet.accountId);
  await audit(ctx, actor, "wallet.auto_recharge_off", wallet._id, {});
  return wallet;
}
