import type { AppContext } from "../../context.js";
import { insertOnce, UNIT_ENTRY_ID, type Bundle } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { publishAccount } from "../accounts/publish.js";
import { hotBundle } from "./units.js";

/**
 * Put an issued bundle where the scripts take from it, exactly once, and note when it did: its `issue` unit
 * entry first (a restore rebuilds Redis from the unit ledger, so nothing reaches Redis that the ledger lacks),
 * then its units in Redis (once, by the entry's receipt). An account Redis has lost is restored from the book
 * of record first (which brings back the bundles applied before); then this one is applied.
 */
export async function applyBundle(ctx: AppContext, bundle: Bundle): Promise<Bundle> {
  if (bundle.appliedAt !== undefined) return bundle;
  const receipt = UNIT_ENTRY_ID.issue(bundle._id);
  await insertOnce(ctx.models.UnitEntry, {
    _id: receipt,
    bundleId: bundle._id,
    accountId: bundle.accountId,
    productId: bundle.productId,
    type: "issue",
    source: bundle.source,
    units: bundle.units,
    actor: bundle.actor,
    createdAt: bundle.createdAt,
  });
  let applied = await ctx.hot.bundles.issue(bundle.accountId, hotBundle(bundle, bundle.units), receipt);
  if (applied === "unknown_account") {
    await restoreAccount(ctx, bundle.accountId);
    applied = await ctx.hot.bundles.issue(bundle.accountId, hotBundle(bundle, bundle.units), receipt);
    if (applied === "unknown_account") throw new Error(`account ${bundle.accountId} could not be restored to issue bundle ${bundle._id}`);
  }
  // Its keys now name the product: the gateways decide its calls exactly, never from a lease.
  await publishAccount(ctx, bundle.accountId);
  const appliedAt = new Date();
  await ctx.models.Bundle.updateOne({ _id: bundle._id }, { $set: { appliedAt } });
  return { ...bundle, appliedAt };
}
