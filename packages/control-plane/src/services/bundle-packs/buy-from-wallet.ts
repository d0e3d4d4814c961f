import { formatMoney } from "@tollgate/money";
import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import type { Bundle, PackPurchase } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { applyEntry } from "../wallets/apply.js";
import { openPurchase, packTerms, priorPurchase } from "./purchase.js";
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
 * the first did not; a purchase the wallet could not cover stays pending, and a retry of its key tries again.
 */
export async function buyPackFromWallet(
  ctx: AppContext,
  input: { accountId: string; packId: string; idempotencyKey: string; actor: string },
): Promise<Outcome<PackBought, "not_found" | "unprocessable" | "idempotency_key_reused" | "insufficient_funds">> {
  const prior = await priorPurchase(ctx, input.accountId, input.idempotencyKey, input.packId, "wallet");
  if (!prior.ok) return prior;
  let purchase = prior.value;
  let replayed = purchase !== undefined;
  if (purchase === undefined) {
    const terms = await packTerms(ctx, input.accountId, input.packId);
    if (!terms.ok) return terms;
    // Refused before anything is kept when the wallet cannot pay now (the debit below decides under a race).
    const hot = (await ctx.hot.wallets(input.accountId)).get(terms.value.wallet.currency);
    if (hot !== undefined && hot.balance + hot.creditLimit < terms.value.price)
      return notCovered(terms.value.price, terms.value.wallet.currency, hot.balance, hot.creditLimit);
    const opened = await openPurchase(ctx, terms.value, { ...input, payment: "wallet" });
    if (!opened.ok) return opened;
    ({ purchase, replayed } = opened.value);
  }
  const paid = await takeFromWallet(ctx, purchase);
  if (paid !== undefined) return paid;
  const issued = await issuePackBundle(ctx, purchase);
  return ok({ ...issued, replayed });
}

/** Take the purchase's price from its wallet once (Redis decides, by the entry's receipt), then book it. */
async function takeFromWallet(ctx: AppContext, purchase: PackPurchase): Promise<Failure<"insufficient_funds"> | undefined> {
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
    if (result.kind === "not_covered") return notCovered(purchase.price, purchase.currency, result.balance, result.creditLimit);
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
