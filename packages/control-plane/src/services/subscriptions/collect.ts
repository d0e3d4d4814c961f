import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import type { Fee, LedgerEntry } from "../../models/index.js";
import { recordEntry } from "../ledger/record.js";
import { audit } from "../audit.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { applyEntry } from "../wallets/apply.js";

export type Collection = { kind: "paid"; entry?: LedgerEntry } | { kind: "not_covered"; balance: number; creditLimit: number };

/**
 * Move a fee's money once. A prepaid account's fee is taken only if its wallet covers it: Redis debits it
 * atomically under the fee's ledger entry id or refuses, and only then is the ledger entry written (applying it
 * again finds Redis's receipt and moves nothing). A writer dying between the two leaves a debit the next run
 * finds by that receipt, and books. Credits, and postpaid and hybrid fees (they go on the invoice), are booked
 * like any ledger entry: written first, then applied.
 */
export async function collectFee(ctx: AppContext, fee: Fee): Promise<Collection> {
  if (fee.status === "paid") return { kind: "paid" };
  let entry: LedgerEntry | undefined;
  if (fee.amount !== 0) {
    const account = await ctx.models.Account.findById(fee.accountId, { billingMode: 1 }).lean();
    if (account === null) throw new Error(`account ${fee.accountId} vanished`);
    if (fee.amount > 0 && account.billingMode === "prepaid") {
      const debit = () => ctx.hot.applyEntry(fee.accountId, fee.ledgerEntryId, fee.currency, -fee.amount, { onlyIfCovered: true });
      let result = await debit();
      if (result.kind === "unknown_account") {
        await restoreAccount(ctx, fee.accountId);
        result = await debit();
      }
      if (result.kind === "unknown_account") throw new Error(`account ${fee.accountId} cannot be published to Redis`);
      if (result.kind === "not_covered") return result;
    }
    entry = await recordFeeEntry(ctx, fee);
    if (entry.appliedAt === undefined) entry = await applyEntry(ctx, entry);
  }
  await ctx.models.Fee.updateOne({ _id: fee._id, status: "due" }, { $set: { status: "paid", paidAt: new Date() } });
  return { kind: "paid", ...(entry ? { entry } : {}) };
}

/** The fee's ledger entry (type `fee`, the opposite of the fee's amount), recorded once; audited when recorded. */
async function recordFeeEntry(ctx: AppContext, fee: Fee): Promise<LedgerEntry> {
  const reason = fee.kind === "renewal" ? `recurring fee ${fee.periodFrom.toISOString().slice(0, 10)}` : "subscription change, prorated";
  const recorded = await recordEntry(ctx, {
    _id: fee.ledgerEntryId,
    walletId: fee.walletId,
    accountId: fee.accountId,
    currency: fee.currency,
    type: "fee",
    amount: -fee.amount,
    idempotencyKey: `fee:${fee._id}`,
    requestHash: createHash("sha256")
      .update(JSON.stringify(["fee", fee.walletId, -fee.amount, reason]))
      .digest("hex"),
    actor: fee.change?.actor ?? "system:subscriptions",
    reason,
    createdAt: new Date(),
  });
  if (recorded.first) {
    await audit(ctx, recorded.entry.actor, "wallet.fee", fee.walletId, {
      entryId: recorded.entry._id,
      feeId: fee._id,
      amount: recorded.entry.amount,
      currency: fee.currency,
    });
  }
  return recorded.entry;
}

/**
 * Pay what an account owes, oldest fee first, as far as its wallet goes: run when money arrives (a recharge,
 * a credit, a grant), so a top-up pays a due fee and unblocks calls at once. Returns how many were paid, and
 * the first the wallet could not pay, if any.
 */
export async function collectDueFees(ctx: AppContext, accountId: string): Promise<{ paid: number; unpaid?: Fee }> {
  const due = await ctx.models.Fee.find({ accountId, status: "due" }).sort({ createdAt: 1, _id: 1 }).lean();
  let paid = 0;
  for (const fee of due) {
    if ((await collectFee(ctx, fee)).kind === "not_covered") return { paid, unpaid: fee };
    paid++;
  }
  return { paid };
}
