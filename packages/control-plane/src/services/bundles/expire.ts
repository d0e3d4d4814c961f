import type { AppContext } from "../../context.js";
import { endBundle } from "./end.js";

/**
 * Expire bundles past their date: each leaves Redis (no call takes from it after), and what it had left is
 * booked by its `expiry` unit entry. Idempotent: a bundle ends once (endBundle), and a run cut short is finished
 * by the next. The scripts stop taking from a bundle at its expiry by the call's own clock, before this runs.
 */
export async function expireBundles(ctx: AppContext, now = new Date()): Promise<number> {
  const due = await ctx.models.Bundle.find({ status: "active", expiresAt: { $lte: now } })
    .sort({ expiresAt: 1 })
    .limit(500)
    .lean();
  for (const bundle of due) await endBundle(ctx, bundle, bundle.endRequested ?? "expiry", "system:bundles");
  // Ends asked for while leases held units of the bundle (leased mode): finished once the units are back.
  const asked = await ctx.models.Bundle.find({ status: "active", endRequested: { $exists: true } })
    .limit(500)
    .lean();
  for (const bundle of asked) await endBundle(ctx, bundle, bundle.endRequested!, "system:bundles");
  return due.length + asked.length;
}
