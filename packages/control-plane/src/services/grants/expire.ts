import type { AppContext } from "../../context.js";
import { bookUnlocked, underBookingLock } from "../ledger/book-usage.js";
import { ProblemError } from "../../domain/problem-error.js";
import { postEntry } from "../ledger/post.js";

/**
 * Expire grants past their date: book what usage is waiting (so that it is attributed first), then move each
 * grant's remainder out of the wallet through an `expiry` entry, never taking the balance below zero.
 */
export async function expireGrants(ctx: AppContext, now = new Date()): Promise<number> {
  // Under the booking lock: booking usage and expiring what it did not use must not interleave.
  return (await underBookingLock(ctx, () => expireUnlocked(ctx, now))) ?? 0;
}

async function expireUnlocked(ctx: AppContext, now: Date): Promise<number> {
  const due = await ctx.models.Grant.find({ status: "active", expiresAt: { $lte: now } })
    .sort({ expiresAt: 1 })
    .limit(500)
    .lean();
  if (due.length === 0) return 0;
  await bookUnlocked(ctx);
  for (const stale of due) {
    const grant = (await ctx.models.Grant.findById(stale._id).lean())!;
    const balance = (await ctx.hot.wallets(grant.accountId)).get(grant.currency)?.balance ?? 0;
    const take = Math.max(0, Math.min(grant.remaining, balance));
    let expiryEntryId: string | undefined;
    if (take > 0) {
      const posted = await postEntry(ctx, {
        walletId: grant.walletId,
        type: "expiry",
        amount: -take,
        reason: `${grant.kind} grant ${grant._id} expired`,
        idempotencyKey: `expiry:${grant._id}`,
        actor: "system:grants",
      });
      // The grant's own wallet, under a key of the grant's: a failure is a bug, and the job stops on it.
      if (!posted.ok) throw ProblemError.failed(posted);
      expiryEntryId = posted.value.entry._id;
    }
    await ctx.models.Grant.updateOne(
      { _id: grant._id, status: "active" },
      { $set: { status: "expired", remaining: 0, ...(expiryEntryId ? { expiryEntryId } : {}) } },
    );
  }
  return due.length;
}
