import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import type { LedgerEntry, PackPurchase, Voucher } from "../../models/index.js";
import { openPurchase, packTerms, type PackTerms } from "./purchase.js";
import { issuePackBundle, payFromOutside } from "./settle.js";

/**
 * A voucher that grants a pack, redeemed (its lock won) for an account: a `voucher` purchase under the key
 * `voucher:<voucher>`, at what the voucher was sold for; the voucher's credit pays it, the `pack` entry takes
 * that back, and the bundle is issued. Every step is keyed, so the redemption sweep after a crash finishes it
 * once. Returns the voucher's credit and the purchase, issued.
 *
 * Once the lock is won the redemption has happened: the sale was checked before it (packVoucherRefusal), and
 * what happens to the pack or the account since (archived, past its `until`, a change of plan) changes nothing.
 * The terms are those fixed at redemption: the pack's own (a pack's terms never change), the voucher's price
 * and currency, the account's wallet in that currency; nothing here refuses.
 */
export async function payPackByVoucher(
  ctx: AppContext,
  voucher: Voucher,
  accountId: string,
  actor: string,
): Promise<{ credit: LedgerEntry; purchase: PackPurchase }> {
  const opened = await openPurchase(ctx, await redeemedTerms(ctx, voucher, accountId), {
    accountId,
    payment: "voucher",
    idempotencyKey: `voucher:${voucher._id}`,
    actor,
    voucherId: voucher._id,
  });
  // Its own key, for its own voucher's pack: a failure is a bug.
  if (!opened.ok) throw ProblemError.failed(opened);
  const { purchase } = opened.value;
  const { credit } = await payFromOutside(ctx, purchase, {
    idempotencyKey: `voucher:${voucher._id}`,
    reason: `voucher ${voucher.codePrefix}…`,
    actor: `voucher:${voucher._id}`,
  });
  const issued = await issuePackBundle(ctx, purchase);
  return { credit, purchase: issued.purchase };
}

/** The terms a redeemed voucher buys its pack at, with no check of the sale (done before the voucher was taken). */
async function redeemedTerms(ctx: AppContext, voucher: Voucher, accountId: string): Promise<PackTerms> {
  const pack = await ctx.models.BundlePack.findById(voucher.packId).lean();
  // Packs are archived, never removed; the wallet was found before the voucher was taken, and wallets stay.
  if (pack === null) throw new Error(`voucher ${voucher._id} grants pack ${voucher.packId}, which is missing`);
  const wallet = await ctx.models.Wallet.findOne({ accountId, currency: voucher.currency }).lean();
  if (wallet === null) throw new Error(`account ${accountId} redeemed voucher ${voucher._id} and has no ${voucher.currency} wallet`);
  return { pack, wallet, price: voucher.amount };
}

/** Why an account cannot take a pack voucher, checked before the voucher is used: its pack, or its currency. */
export async function packVoucherRefusal(ctx: AppContext, voucher: Voucher, accountId: string): Promise<string | undefined> {
  const terms = await packTerms(ctx, accountId, voucher.packId!, { archived: true });
  if (!terms.ok) return terms.detail;
  if (terms.value.wallet.currency !== voucher.currency)
    return `This voucher is in ${voucher.currency}, and the account buys packs in ${terms.value.wallet.currency}.`;
  return undefined;
}
