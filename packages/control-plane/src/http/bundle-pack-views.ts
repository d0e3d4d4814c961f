import { z } from "zod";
import type { BundlePack, PackPurchase } from "../models/index.js";
import type { BundleReconciliation } from "../services/bundles/reconcile.js";

const overage = z
  .enum(["charge", "refuse"])
  .describe("what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)");

/** A bundle pack on sale (or archived): what a bundle bought from it holds, for how long, at what price. */
export const bundlePackView = z.object({
  id: z.string(),
  name: z.string(),
  productId: z.string(),
  units: z.number().int(),
  validity: z
    .object({ days: z.number().int().optional(), until: z.string().optional() })
    .describe("a bundle bought lasts `days` from its purchase, or `until` a date"),
  priority: z.number().int(),
  overage,
  prices: z.array(z.object({ currency: z.string(), amount: z.number().int().describe("micros") })),
  status: z.enum(["active", "archived"]),
  createdAt: z.string(),
  archivedAt: z.string().optional(),
});
export const toBundlePackView = (p: BundlePack): z.infer<typeof bundlePackView> => ({
  id: p._id,
  name: p.name,
  productId: p.productId,
  units: p.units,
  validity: p.validity.days !== undefined ? { days: p.validity.days } : { until: p.validity.until!.toISOString() },
  priority: p.priority,
  overage: p.overage,
  prices: p.prices.map(({ currency, amount }) => ({ currency, amount })),
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  ...(p.archivedAt ? { archivedAt: p.archivedAt.toISOString() } : {}),
});

/** An account's purchase of a pack: how it pays, and the bundle it issues once paid. */
export const packPurchaseView = z.object({
  id: z.string(),
  accountId: z.string(),
  packId: z.string(),
  payment: z.enum(["wallet", "card", "voucher"]),
  price: z.number().int().describe("micros"),
  currency: z.string(),
  productId: z.string(),
  units: z.number().int(),
  expiresAt: z.string().describe("when the bundle it issues expires"),
  status: z
    .enum(["pending", "issued", "failed"])
    .describe(
      "`issued` once paid and its bundle issued; a card purchase is pending until the payment succeeds; `failed`: the wallet did not cover it (nothing was taken; its Idempotency-Key answers the same 402)",
    ),
  bundleId: z.string().describe("the bundle it issues (issued purchases)"),
  ledgerEntryId: z.string().describe("the `pack` ledger entry that takes its price"),
  rechargeId: z.string().optional().describe("card purchases: the card payment"),
  createdAt: z.string(),
  issuedAt: z.string().optional(),
});
export const toPackPurchaseView = (p: PackPurchase): z.infer<typeof packPurchaseView> => ({
  id: p._id,
  accountId: p.accountId,
  packId: p.packId,
  payment: p.payment,
  price: p.price,
  currency: p.currency,
  productId: p.productId,
  units: p.units,
  expiresAt: p.expiresAt.toISOString(),
  status: p.status,
  bundleId: p.bundleId,
  ledgerEntryId: p.ledgerEntryId,
  ...(p.rechargeId ? { rechargeId: p.rechargeId } : {}),
  createdAt: p.createdAt.toISOString(),
  ...(p.issuedAt ? { issuedAt: p.issuedAt.toISOString() } : {}),
});

/** One bundle's equation: unit ledger + what the usage streams still hold = Redis. */
export const bundleReconciliationView = z.object({
  accountId: z.string(),
  bundleId: z.string(),
  ledger: z.number().int().describe("the sum of the bundle's unit entries"),
  streamed: z
    .number()
    .int()
    .describe("units its usage (negative) and voids (positive) in the usage streams moved, not yet in the unit ledger"),
  hot: z.number().int().describe("Redis: its units left (0 once it has ended)"),
  drift: z.number().int().describe("ledger + streamed - hot: 0 when all agree"),
});
export const toBundleReconciliationView = (r: BundleReconciliation): z.infer<typeof bundleReconciliationView> => ({ ...r });
