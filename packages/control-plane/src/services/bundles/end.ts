import type { AppContext } from "../../context.js";
import { insertOnce, UNIT_ENTRY_ID, type Bundle } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { applyBundle } from "./hot.js";
import { publishAccount } from "../accounts/publish.js";
import { rollOver } from "./rollover.js";

/**
 * End a bundle (expiry or revocation), exactly once whichever comes first and however often it is run: take it
 * out of Redis (the script keeps what it had left under the end's receipt, so a repeat after a crash books the
 * same), write its one end entry (`expiry` or `revoke`, minus what was left), then mark it ended as that entry
 * says. A plan bundle's expiry entry also says how many of those units rolled over (`rolled`, at most its
 * `rolloverCap`), and they are issued in its rollover bundle before it is marked ended.
 */
export async function endBundle(ctx: AppContext, stale: Bundle, type: "expiry" | "revoke", actor: string): Promise<Bundle> {
  // An issue a crash left unapplied is applied first: its units must be in Redis for the end to take them.
  const bundle = await applyBundle(ctx, stale);
  const receipt = UNIT_ENTRY_ID.end(bundle._id);
  let ended = await ctx.hot.bundles.end(bundle.accountId, bundle._id, bundle.productId, receipt);
  if (ended.kind === "unknown_account") {
    await restoreAccount(ctx, bundle.accountId);
    ended = await ctx.hot.bundles.end(bundle.accountId, bundle._id, bundle.productId, receipt);
    if (ended.kind === "unknown_account") throw new Error(`account ${bundle.accountId} could not be restored to end bundle ${bundle._id}`);
  }
  // A plan bundle's expiry rolls over at most its cap of what it had left; the one entry fixes both numbers.
  const rolled = type === "expiry" ? Math.min(Math.max(0, ended.units), bundle.rolloverCap ?? 0) : 0;
  await insertOnce(ctx.models.UnitEntry, {
    _id: receipt,
    bundleId: bundle._id,
    accountId: bundle.accountId,
    productId: bundle.productId,
    type,
    units: -ended.units,
    ...(rolled > 0 ? { rolled } : {}),
    actor,
    createdAt: new Date(),
  });
  await publishAccount(ctx, bundle.accountId);
  const entry = (await ctx.models.UnitEntry.findById(receipt).lean())!;
  // What rolled over goes to its rollover bundle before this one is marked ended: a crash in between leaves
  // this one active, and the next end of it (the job's) finishes the rollover.
  if ((entry.rolled ?? 0) > 0) await rollOver(ctx, bundle, entry.rolled!);
  const status = entry.type === "revoke" ? "revoked" : "expired";
  return (await ctx.models.Bundle.findOneAndUpdate(
    { _id: bundle._id },
    { $set: { status, remaining: 0, endedAt: entry.createdAt } },
    { returnDocument: "after" },
  ).lean())!;
}
