import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import type { LedgerEntry, PackPurchase, Voucher } from "../../models/index.js";
import { audit } from "../audit.js";
import { ProblemError } from "../../domain/problem-error.js";
import { postEntry } from "../ledger/post.js";
import { hashVoucherCode } from "./codes.js";
import { takeLock } from "../locks.js";
import { payPackByVoucher, packVoucherRefusal } from "../bundle-packs/buy-with-voucher.js";

/**
 * Redeem a code for an account: one atomic update moves the voucher from active to redeemed (two clients
 * racing with the same code: one wins), then the wallet is credited with the voucher's id as idempotency
 * key, so the credit happens once even if this process dies in between (`finishRedemptions` completes it).
 * A code that grants a pack also answers the purchase its credit paid (`purchase`), its bundle issued.
 */
export async function redeemVoucher(
  ctx: AppContext,
  accountId: string,
  code: string,
  actor: string,
): Promise<Outcome<{ voucher: Voucher; entry: LedgerEntry; purchase?: PackPurchase }, "unprocessable">> {
  const { Voucher: Vouchers, Wallet } = ctx.models;
  const codeHash = hashVoucherCode(code);
  const found = await Vouchers.findOne({ codeHash }).lean();
  const fail = async (reason: string, detail: string): Promise<Failure<"unprocessable">> => {
    await audit(ctx, actor, "voucher.redeem.failed", accountId, { reason, codePrefix: found?.codePrefix ?? null });
    return failure("unprocessable", detail, { reason });
  };
  if (found === null) return fail("unknown", "This voucher code is not valid.");
  if (found.status === "redeemed") return fail("redeemed", "This voucher has already been redeemed.");
  if (found.expiresAt.getTime() <= Date.now()) return fail("expired", "This voucher has expired.");
  const wallet = await Wallet.findOne({ accountId, currency: found.currency }).lean();
  if (wallet === null) return fail("currency", `This voucher is in ${found.currency}, and the account has no ${found.currency} wallet.`);
  if (found.packId !== undefined) {
    const refused = await packVoucherRefusal(ctx, found, accountId);
    if (refused !== undefined) return fail("pack", refused);
  }

  // One redemption per voucher: its lock is a unique insert, the one step that admits a single winner on
  // every supported server; the voucher's own status is recorded after it.
  const won = await takeLock(ctx, `voucher:${found._id}`, 100 * 365 * 86_400_000, { accountId, creditPending: true, at: new Date() });
  if (won === undefined) return fail("redeemed", "This voucher has already been redeemed.");
  const redeemed = (await Vouchers.findOneAndUpdate(
    { _id: found._id },
    { $set: { status: "redeemed", redeemedBy: accountId, redeemedAt: new Date() } },
    { returnDocument: "after" },
  ).lean())!;
  const { entry, purchase } = await creditVoucher(ctx, redeemed, wallet._id, actor);
  await audit(ctx, actor, "voucher.redeem", accountId, {
    voucherId: redeemed._id,
    ...(redeemed.packId ? { packId: redeemed.packId } : {}),
    amount: redeemed.amount,
    currency: redeemed.currency,
    entryId: entry._id,
  });
  return ok({ voucher: { ...redeemed, ledgerEntryId: entry._id }, entry, ...(purchase ? { purchase } : {}) });
}

async function creditVoucher(
  ctx: AppContext,
  voucher: Voucher,
  walletId: string,
  actor: string,
): Promise<{ entry: LedgerEntry; purchase?: PackPurchase }> {
  if (voucher.packId !== undefined) {
    // A voucher that grants a pack: its credit pays the pack, and the pack's bundle is issued.
    const { credit, purchase } = await payPackByVoucher(ctx, voucher, voucher.redeemedBy!, actor);
    await ctx.models.Voucher.updateOne({ _id: voucher._id }, { $set: { ledgerEntryId: credit._id } });
    await ctx.models.Lock.updateOne({ _id: `voucher:${voucher._id}` }, { $unset: { "data.creditPending": 1 } });
    return { entry: credit, purchase };
  }
  const posted = await postEntry(ctx, {
    walletId,
    amount: voucher.amount,
    reason: `voucher ${voucher.codePrefix}…`,
    idempotencyKey: `voucher:${voucher._id}`,
    actor: `voucher:${voucher._id}`,
  });
  // A wallet of the account, under the voucher's own key and figures: a failure is a bug.
  if (!posted.ok) throw ProblemError.failed(posted);
  const { entry } = posted.value;
  await ctx.models.Voucher.updateOne({ _id: voucher._id }, { $set: { ledgerEntryId: entry._id } });
  await ctx.models.Lock.updateOne({ _id: `voucher:${voucher._id}` }, { $unset: { "data.creditPending": 1 } });
  return { entry };
}

/** Redemptions whose process died after locking the voucher and before crediting it: finish them, once. */
export async function finishRedemptions(ctx: AppContext): Promise<number> {
  const stuck = await ctx.models.Lock.find({ "data.creditPending": true, "data.at": { $lt: new Date(Date.now() - 10_000) } })
    .limit(500)
    .lean();
  for (const lock of stuck) {
    const voucherId = lock._id.replace(/^voucher:/, "");
    const accountId = String(lock.data?.accountId);
    const voucher = await ctx.models.Voucher.findOneAndUpdate(
      { _id: voucherId },
      { $set: { status: "redeemed", redeemedBy: accountId } },
      { returnDocument: "after" },
    ).lean();
    if (voucher === null) continue;
    const wallet = await ctx.models.Wallet.findOne({ accountId, currency: voucher.currency }).lean();
    if (wallet !== null)
      await creditVoucher(ctx, { ...voucher, redeemedAt: voucher.redeemedAt ?? new Date() }, wallet._id, `voucher:${voucher._id}`);
  }
  return stuck.length;
}
