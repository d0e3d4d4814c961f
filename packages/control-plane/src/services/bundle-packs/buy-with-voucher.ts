import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import type { LedgerEntry, Voucher } from "../../models/index.js";
import { openPurchase, packTerms } from "./purchase.js";
import { issuePackBundle, payFromOutside } from "./settle.js";

/**
 * A voucher that grants a pack, redeemed (its lock won) for an account: a `voucher` purchase under the key
 * `voucher:<voucher>`, at what the voucher was sold for; the voucher's credit pays it, the `pack` entry takes
 * that back, and the bundle is issued. Every step is keyed, so the redemption sweep after a crash finishes it
 * once. Returns the voucher's credit.
 */
export async function payPackByVoucher(ctx: AppContext, voucher: Voucher, accountId: string, actor: string): Promise<LedgerEntry> {
  const terms = await packTerms(ctx, accountId, voucher.packId!, { archived: true });
  // Checked before the voucher was taken (packVoucherRefusal): failing now is a bug, or the pack changed in between.
  if (!terms.ok) throw ProblemError.failed(terms);
  const opened = await openPurchase(
    ctx,
    { ...terms.value, price: voucher.amount },
    { accountId, payment: "voucher", idempotencyKey: `voucher:${voucher._id}`, actor, voucherId: voucher._id },
  );
  if (!opened.ok) throw ProblemError.failed(opened);
  const { purchase } = opened.value;
  await payFromOutside(ctx, purchase, {
    idempotencyKey: `voucher:${voucher._id}`,
    reason: `voucher ${voucher.codePrefix}…`,
    actor: `voucher:${voucher._id}`,
  });
  await issuePackBundle(ctx, purchase);
  const credit = await ctx.models.LedgerEntry.findOne({ walletId: purchase.walletId, idempotencyKey: `voucher:${voucher._id}` }).lean();
  if (credit === null) throw new Error(`voucher ${voucher._id}'s credit vanished`);
  return credit;
}

/** Why an account cannot take a pack voucher, checked before the voucher is used: its pack, or its currency. */
export async function packVoucherRefusal(ctx: AppContext, voucher: Voucher, accountId: string): Promise<string | undefined> {
  const terms = await packTerms(ctx, accountId, voucher.packId!, { archived: true });
  if (!terms.ok) return terms.detail;
  if (terms.value.wallet.currency !== voucher.currency)
    return `This voucher is in ${voucher.currency}, and the account buys packs in ${terms.value.wallet.currency}.`;
  return undefined;
}
