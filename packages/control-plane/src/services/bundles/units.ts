import type { HotBundle } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Bundle } from "../../models/index.js";

/** A bundle as Redis holds it, with `units` left. */
export function hotBundle(bundle: Bundle, units: number): HotBundle {
  return {
    bundleId: bundle._id,
    productId: bundle.productId,
    units,
    expiresAtMs: bundle.expiresAt.getTime(),
    overage: bundle.overage,
    priority: bundle.priority,
    issuedAtMs: bundle.createdAt.getTime(),
  };
}

/** The units of each bundle as the unit ledger books them (the sum of its entries). */
export async function bookedUnits(ctx: AppContext, bundleIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(bundleIds.map((id) => [id, 0]));
  if (bundleIds.length === 0) return out;
  for (const e of await ctx.models.UnitEntry.find({ bundleId: { $in: bundleIds } }, { bundleId: 1, units: 1 }).lean()) {
    out.set(e.bundleId, (out.get(e.bundleId) ?? 0) + e.units);
  }
  return out;
}

/** An account's bundles as a restore writes them back to Redis: those applied and still active, with what the unit ledger says is left. */
export async function restorableBundles(ctx: AppContext, accountId: string): Promise<HotBundle[]> {
  const bundles = await ctx.models.Bundle.find({ accountId, status: "active", appliedAt: { $exists: true } }).lean();
  const units = await bookedUnits(
    ctx,
    bundles.map((b) => b._id),
  );
  return bundles.map((b) => hotBundle(b, units.get(b._id) ?? 0));
}
