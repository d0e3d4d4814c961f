import { formatMoney } from "@tollgate/money";
import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import { ProblemError } from "../../domain/problem-error.js";
import type { Bundle, PackPurchase } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { whenLocked } from "../locks.js";
import { applyEntry } from "../wallets/apply.js";
import { purchaseOf } from "./purchase.js";
import { issuePackBundle, recordPackEntry } from "./settle.js";

export interface PackBought {
  purchase: PackPurchase;
  bundle: Bundle;
  replayed: boolean;
}

function notCovered(price: number, currency: string, balance: number, creditLimit: number): Failure<"insufficient_funds"> {
  return failure(
    "insufficient_funds",
    `The wallet holds ${formatMoney(balance, currency)}${creditLimit > 0 ? ` (credit limit ${formatMoney(creditLimit, currency)})` : ""}; the pack costs ${formatMoney(price, currency)}.`,
    { balance, price, currency },
  );
}

/**
 * Buy a pack with the wallet's money, once per Idempotency-Key, never half: the purchase is recorded (a
 * unique insert), then Redis debits its price under the purchase's ledger entry id only if the wallet covers
 * it (atomically, or nothing moves: `402 insufficient_funds`), then the `pack` ledger entry is recorded and the
 * bundle issued. A retry, or the sweep after a crash (the debit's receipt says it was taken), finishes what
 * the first did not. A purchase Redis refused to debit is `failed`: a retry of its key answers the same 402,
 * and a new key opens a new purchase at the pack's terms then.
 */
export async function buyPackFromWallet(
  ctx: AppContext,
  input: { accountId: string; packId: string; idempotencyKey: string; actor: string },
): Promise<Outcome<PackBought, "not_found" | "unprocessable" | "idempotency_key_reused" | "insufficient_funds">> {
  const opened = await purchaseOf(ctx, input, "wallet", async (terms) => {
    // The wallet cannot pay now (the debit below decides under a race).
    const hot = (await ctx.hot.wallets(input.accountId)).get(terms.wallet.currency);
    if (hot !== undefined && hot.balance + hot.creditLimit < terms.price)
      return notCovered(terms.price, terms.wallet.currency, hot.balance, hot.creditLimit);
    return undefined;
  });
  if (!opened.ok) return opened;
  const { purchase, replayed } = opened.value;
  if (purchase.status === "issued") return ok({ ...(await issuePackBundle(ctx, purchase)), replayed });
  // One request of a key at a time debits (the key's lock): a purchase marked failed is then never debited
  // by a request of its key that read it pending. A holder that died frees it when the lock expires.
  const settled = await whenLocked(ctx, `pack-purchase:${purchase._id}`, 30_000, () => settle(ctx, purchase._id), 60_000);
  // Held past a minute by a living request: a bug (a debit and a bundle take milliseconds).
  if (!settled.ok) throw ProblemError.failed(settled);
  if (!settled.value.ok) return settled.value;
  return ok({ ...settled.value.value, replayed });
}

/**
 * Take the price and issue the bundle, or refuse: a purchase Redis refused to debit is marked `failed` with
 * what its 402 said, and its key answers the same 402 from then on (a replay is the first answer).
 */
async function settle(
  ctx: AppContext,
  purchaseId: string,
): Promise<Outcome<{ purchase: PackPurchase; bundle: Bundle }, "insufficient_funds">> {
  const purchase = (await ctx.models.PackPurchase.findById(purchaseId).lean())!;
  if (purchase.status === "failed") {
    const refused = purchase.refused ?? { balance: 0, creditLimit: 0 };
    return notCovered(purchase.price, purchase.currency, refused.balance, refused.creditLimit);
  }
  const refused = await takeFromWallet(ctx, purchase);
  if (refused !== undefined) {
    await ctx.models.PackPurchase.updateOne(
      { _id: purchase._id, status: "pending" },
      { $set: { status: "failed", failedAt: new Date(), refused } },
    );
    return notCovered(purchase.price, purchase.currency, refused.balance, refused.creditLimit);
  }
  return ok(await issuePackBundle(ctx, purchase));
}

/**
 * Take the purchase's price from its wallet once (Redis decides, by the entry's receipt), then book it; or,
 * when the wallet does not cover it, what Redis saw (nothing was taken).
 */
async function takeFromWallet(ctx: AppContext, purchase: PackPurchase): Promise<{ balance: number; creditLimit: number } | undefined> {
  if (purchase.status === "issued") return undefined;
  const booked = await ctx.models.LedgerEntry.findById(purchase.ledgerEntryId).lean();
  if (booked === null) {
    const debit = () =>
      ctx.hot.applyEntry(purchase.accountId, purchase.ledgerEntryId, purchase.currency, -purchase.price, { onlyIfCovered: true });
    let result = await debit();
    if (result.kind === "unknown_account") {
      await restoreAccount(ctx, purchase.accountId);
      result = await debit();
      if (result.kind === "unknown_account") throw new Error(`account ${purchase.accountId} cannot be published to Redis`);
    }
    if (result.kind === "not_covered") return { balance: result.balance, creditLimit: result.creditLimit };
  }
  const entry = booked ?? (await recordPackEntry(ctx, purchase));
  // The debit is in Redis already: applying finds its receipt, moves nothing, and marks the entry applied.
  if (entry.appliedAt === undefined) await applyEntry(ctx, entry);
  return undefined;
}

/**
 * Finish wallet purchases whose writer died after Redis took their price (its receipt is there) and before
 * their entry or bundle was written: book and issue them, once. Those Redis never debited stay pending.
 */
export async function finishWalletPurchases(ctx: AppContext, olderThanMs: number): Promise<number> {
  const stuck = await ctx.models.PackPurchase.find({
    status: "pending",
    payment: "wallet",
    createdAt: { $lt: new Date(Date.now() - olderThanMs), $gt: new Date(Date.now() - 7 * 86_400_000) },
  })
    .limit(500)
    .lean();
  let finished = 0;
  for (const purchase of stuck) {
    const booked = (await ctx.models.LedgerEntry.exists({ _id: purchase.ledgerEntryId })) !== null;
    if (!booked && !(await ctx.hot.entryApplied(purchase.accountId, purchase.ledgerEntryId))) continue;
    if ((await takeFromWallet(ctx, purchase)) !== undefined) continue;
    await issuePackBundle(ctx, purchase);
    finished++;
  }
  return finished;
}
