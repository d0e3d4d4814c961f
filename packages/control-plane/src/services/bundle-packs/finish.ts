import type { AppContext } from "../../context.js";
import { finishCardPurchases } from "./buy-by-card.js";
import { finishWalletPurchases } from "./buy-from-wallet.js";

/**
 * The credits sweep's part for packs: purchases whose writer died after their money moved (a wallet debit
 * Redis took, a card payment that succeeded) and before their bundle was issued are finished, once. Voucher
 * purchases are finished with their redemption (finishRedemptions). Returns how many were finished.
 */
export async function finishPackPurchases(ctx: AppContext, olderThanMs: number): Promise<number> {
  return (await finishWalletPurchases(ctx, olderThanMs)) + (await finishCardPurchases(ctx, olderThanMs));
}
