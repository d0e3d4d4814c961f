import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import type { ProblemCode } from "@tollgate/metering";
import { newId } from "../../ids.js";
import type { BundlePack, PackPurchase, Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { createOrReplay } from "../create-or-replay.js";

const DAY = 86_400_000;

/** What an account buys a pack at: the pack, the wallet of its plan's currency, the price in it. */
export interface PackTerms {
  pack: BundlePack;
  wallet: Wallet;
  price: number;
}

/** Why a pack cannot be sold to an account, a 422 naming the body's field. */
function unsellable(pointer: string, message: string) {
  return failure("unprocessable", `This pack cannot be bought: ${message}.`, { errors: [{ location: "body", pointer, message }] });
}

/**
 * The terms an account buys a pack at, checked before anything is kept: the account exists, the pack is on sale
 * and still valid, its product is one of the account's plan, and it has a price in the plan's currency, in
 * which the account has a wallet.
 */
export async function packTerms(
  ctx: AppContext,
  accountId: string,
  packId: string,
  /** A voucher sold before the pack was archived still grants it. */
  options: { archived?: boolean } = {},
): Promise<Outcome<PackTerms, "not_found" | "unprocessable">> {
  const account = await ctx.models.Account.findById(accountId, { planId: 1 }).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const pack = await ctx.models.BundlePack.findById(packId).lean();
  if (pack === null) return unsellable("/packId", `no bundle pack ${packId}`);
  if (pack.status !== "active" && options.archived !== true) return unsellable("/packId", `the pack ${packId} is archived`);
  if (pack.validity.until !== undefined && pack.validity.until.getTime() <= Date.now())
    return unsellable("/packId", `the pack ${packId}'s bundles ended on ${pack.validity.until.toISOString()}`);
  const plan = await ctx.models.Plan.findById(account.planId, { currency: 1, catalog: 1 }).lean();
  if (plan === null) return failure("not_found", `No plan ${account.planId}.`);
  const products = new Set(["default", ...plan.catalog.products.map((p) => p.id)]);
  if (!products.has(pack.productId)) return unsellable("/packId", `the account's plan has no product "${pack.productId}"`);
  const price = pack.prices.find((p) => p.currency === plan.currency);
  if (price === undefined) return unsellable("/packId", `the pack has no price in ${plan.currency}, the account's currency`);
  const wallet = await ctx.models.Wallet.findOne({ accountId, currency: plan.currency }).lean();
  if (wallet === null) return unsellable("/packId", `the account has no ${plan.currency} wallet`);
  return ok({ pack, wallet, price: price.amount });
}

/**
 * packTerms' rule as a query: the packs an account can buy now (on sale, still valid, of a product of its plan,
 * priced in its currency). An account without a plan can buy none.
 */
export async function sellableTo(ctx: AppContext, accountId: string, now = new Date()): Promise<Record<string, unknown>> {
  const account = await ctx.models.Account.findById(accountId, { planId: 1 }).lean();
  const plan = account === null ? null : await ctx.models.Plan.findById(account.planId, { currency: 1, catalog: 1 }).lean();
  if (plan === null) return { _id: { $in: [] } };
  return {
    status: "active",
    productId: { $in: ["default", ...plan.catalog.products.map((p) => p.id)] },
    "prices.currency": plan.currency,
    $or: [{ "validity.until": { $exists: false } }, { "validity.until": { $gt: now } }],
  };
}

/** The digest a repeat of a purchase is compared by: the same key for another pack or payment is refused. */
export function purchaseHash(packId: string, payment: PackPurchase["payment"]): string {
  return createHash("sha256")
    .update(JSON.stringify(["pack", packId, payment]))
    .digest("hex");
}

/**
 * Record a purchase once per account and key (a unique insert decides between concurrent requests), with the
 * pack's terms copied and the ids of its ledger entry and bundle named now, so that every later step is keyed.
 */
export async function openPurchase(
  ctx: AppContext,
  terms: PackTerms,
  input: {
    accountId: string;
    payment: PackPurchase["payment"];
    idempotencyKey: string;
    actor: string;
    voucherId?: string | undefined;
  },
): Promise<Outcome<{ purchase: PackPurchase; replayed: boolean }, "idempotency_key_reused">> {
  const { pack, wallet, price } = terms;
  const now = new Date();
  const requestHash = purchaseHash(pack._id, input.payment);
  const created = await createOrReplay<PackPurchase>({
    create: async () =>
      (
        await ctx.models.PackPurchase.create({
          _id: newId("pkp"),
          accountId: input.accountId,
          packId: pack._id,
          walletId: wallet._id,
          currency: wallet.currency,
          price,
          productId: pack.productId,
          units: pack.units,
          priority: pack.priority,
          overage: pack.overage,
          expiresAt: pack.validity.days !== undefined ? new Date(now.getTime() + pack.validity.days * DAY) : pack.validity.until!,
          payment: input.payment,
          status: "pending",
          ledgerEntryId: newId("led"),
          bundleId: newId("bun"),
          ...(input.voucherId ? { voucherId: input.voucherId } : {}),
          idempotencyKey: input.idempotencyKey,
          requestHash,
          actor: input.actor,
          createdAt: now,
        })
      ).toObject(),
    findPrior: () => ctx.models.PackPurchase.findOne({ accountId: input.accountId, idempotencyKey: input.idempotencyKey }).lean(),
    sameRequest: (prior) => prior.requestHash === requestHash,
    what: "a different pack purchase",
  });
  if (!created.ok) return created;
  const { doc: purchase, replayed } = created.value;
  if (!replayed) {
    await audit(ctx, input.actor, "bundle_pack.purchase", purchase._id, {
      accountId: purchase.accountId,
      packId: purchase.packId,
      payment: purchase.payment,
      price: purchase.price,
      currency: purchase.currency,
    });
  }
  return ok({ purchase, replayed });
}

/** A purchase made before under this key, checked against the request (the pack's state now does not matter to a replay). */
async function priorPurchase(
  ctx: AppContext,
  accountId: string,
  idempotencyKey: string,
  packId: string,
  payment: PackPurchase["payment"],
): Promise<Outcome<PackPurchase | undefined, "idempotency_key_reused">> {
  const prior = await ctx.models.PackPurchase.findOne({ accountId, idempotencyKey }).lean();
  if (prior === null) return ok(undefined);
  if (prior.requestHash !== purchaseHash(packId, payment))
    return failure("idempotency_key_reused", "This Idempotency-Key was first used for a different pack purchase.");
  return ok(prior);
}

/**
 * The purchase an Idempotency-Key names: the one made before under it, or a new one at the pack's terms, opened
 * only when `refuse` (what this way of paying cannot start: no provider, a wallet that cannot pay now) has
 * nothing to say of them. Refused before anything is kept.
 */
export async function purchaseOf<C extends ProblemCode = never>(
  ctx: AppContext,
  input: { accountId: string; packId: string; idempotencyKey: string; actor: string },
  payment: "wallet" | "card",
  refuse: (terms: PackTerms) => Promise<Failure<C> | undefined> | Failure<C> | undefined,
): Promise<Outcome<{ purchase: PackPurchase; replayed: boolean }, "not_found" | "unprocessable" | "idempotency_key_reused" | C>> {
  const prior = await priorPurchase(ctx, input.accountId, input.idempotencyKey, input.packId, payment);
  if (!prior.ok) return prior;
  if (prior.value !== undefined) return ok({ purchase: prior.value, replayed: true });
  const terms = await packTerms(ctx, input.accountId, input.packId);
  if (!terms.ok) return terms;
  const refused = await refuse(terms.value);
  if (refused !== undefined) return refused;
  return openPurchase(ctx, terms.value, { ...input, payment });
}
