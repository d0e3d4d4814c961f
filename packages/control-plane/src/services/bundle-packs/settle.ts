import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { insertOnce, type Bundle, type LedgerEntry, type PackPurchase } from "../../models/index.js";
import { audit } from "../audit.js";
import { applyBundle } from "../bundles/hot.js";
import { recordEntry } from "../ledger/record.js";
import { recordAudited } from "../ledger/post.js";
import { applyEntry } from "../wallets/apply.js";

/**
 * The purchase's `pack` ledger entry (minus its price: revenue, as a fee is), recorded once under the id the
 * purchase named; audited when recorded. Not applied here: the caller decides how its money moves. `net` is
 * the price less the tax a card payment's receipt took (tax is never revenue); the whole price otherwise.
 */
export async function recordPackEntry(ctx: AppContext, purchase: PackPurchase, net = purchase.price): Promise<LedgerEntry> {
  const reason = `bundle pack ${purchase.packId}`;
  const recorded = await recordEntry(ctx, {
    _id: purchase.ledgerEntryId,
    walletId: purchase.walletId,
    accountId: purchase.accountId,
    currency: purchase.currency,
    type: "pack",
    amount: -net,
    idempotencyKey: `pack:${purchase._id}`,
    requestHash: createHash("sha256")
      .update(JSON.stringify(["pack", purchase.walletId, -net, reason]))
      .digest("hex"),
    actor: purchase.actor,
    reason,
    createdAt: new Date(),
  });
  if (recorded.first) {
    await audit(ctx, purchase.actor, "wallet.pack", purchase.walletId, {
      entryId: recorded.entry._id,
      purchaseId: purchase._id,
      amount: recorded.entry.amount,
      currency: purchase.currency,
    });
  }
  return recorded.entry;
}

/**
 * Money paid for the pack from outside the wallet (a card payment, a voucher) arrives as a credit entry, which
 * the `pack` entry takes back: both recorded first (a crash leaves them to the credits sweep, which applies
 * each once), then applied, the money first and the price after it. That order never takes the balance below
 * where it was, so a wallet's threshold is not crossed (no auto-recharge, no alert) by a purchase paid from
 * outside; a call decided in the milliseconds between the two may spend that money, and the price is taken
 * all the same (it was paid): the balance then shows what that call took below where it was. `net`: what the
 * wallet is credited and the pack takes back, the price less the tax a card payment's receipt took (as a
 * top-up's credit is); the whole price otherwise.
 */
export async function payFromOutside(
  ctx: AppContext,
  purchase: PackPurchase,
  credit: { idempotencyKey: string; reason: string; actor: string; net?: number },
): Promise<{ credit: LedgerEntry }> {
  const net = credit.net ?? purchase.price;
  const wallet = { _id: purchase.walletId, accountId: purchase.accountId, currency: purchase.currency };
  const recorded = await recordAudited(
    ctx,
    wallet,
    { walletId: purchase.walletId, amount: net, idempotencyKey: credit.idempotencyKey, reason: credit.reason, actor: credit.actor },
    { purchaseId: purchase._id },
  );
  const pack = await recordPackEntry(ctx, purchase, net);
  const credited = recorded.entry.appliedAt === undefined ? await applyEntry(ctx, recorded.entry) : recorded.entry;
  if (pack.appliedAt === undefined) await applyEntry(ctx, pack);
  return { credit: credited };
}

/**
 * Issue the purchase's bundle, once: the bundle under the id the purchase named (a repeat finds it), its
 * `issue` unit entry (source `pack`), its units in Redis (once, by the entry's receipt); then the purchase is
 * marked issued. Called only once the money is booked.
 */
export async function issuePackBundle(ctx: AppContext, purchase: PackPurchase): Promise<{ purchase: PackPurchase; bundle: Bundle }> {
  const now = new Date();
  const fresh: Bundle = {
    _id: purchase.bundleId,
    accountId: purchase.accountId,
    productId: purchase.productId,
    units: purchase.units,
    remaining: purchase.units,
    priority: purchase.priority,
    expiresAt: purchase.expiresAt,
    overage: purchase.overage,
    status: "active",
    source: "pack",
    packPurchaseId: purchase._id,
    idempotencyKey: `pack:${purchase._id}`,
    actor: purchase.actor,
    createdAt: now,
  };
  if (await insertOnce(ctx.models.Bundle, fresh)) {
    await audit(ctx, purchase.actor, "bundle.issue", fresh._id, {
      accountId: fresh.accountId,
      productId: fresh.productId,
      units: fresh.units,
      overage: fresh.overage,
      expiresAt: fresh.expiresAt.toISOString(),
      packPurchaseId: purchase._id,
    });
  }
  const stored = (await ctx.models.Bundle.findById(purchase.bundleId).lean())!;
  const bundle = await applyBundle(ctx, stored);
  if (purchase.status !== "issued") {
    await ctx.models.PackPurchase.updateOne({ _id: purchase._id, status: "pending" }, { $set: { status: "issued", issuedAt: now } });
  }
  return { purchase: (await ctx.models.PackPurchase.findById(purchase._id).lean())!, bundle };
}
