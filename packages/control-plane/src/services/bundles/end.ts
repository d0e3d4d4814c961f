import type { AppContext } from "../../context.js";
import { insertOnce, UNIT_ENTRY_ID, type Bundle } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { applyBundle } from "./hot.js";
import { publishAccount } from "../accounts/publish.js";
import { rollOver } from "./rollover.js";

/** How long an end waits for leases to give back the units they hold: END_WAITS × END_WAIT_MS. */
const END_WAITS = 20;
const END_WAIT_MS = 100;

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
  const end = () => ctx.hot.bundles.end(bundle.accountId, bundle._id, bundle.productId, receipt);
  let ended = await end();
  if (ended.kind === "unknown_account") {
    await restoreAccount(ctx, bundle.accountId);
    ended = await end();
    if (ended.kind === "unknown_account") throw new Error(`account ${bundle.accountId} could not be restored to end bundle ${bundle._id}`);
  }
  // Leases hold some of its units (leased mode): out of its product's list now, so none takes more, and each
  // lease gives them back at its next run (within a report interval), or the reaper a dead gateway's once its
  // lease lapses. A short wait covers live gateways; past it, the bundle stays active with the end asked for,
  // and the expiry job ends it as asked once they are back.
  for (let i = 0; ended.kind === "pending" && i < END_WAITS; i++) {
    await new Promise((resolve) => setTimeout(resolve, END_WAIT_MS));
    ended = await end();
  }
  if (ended.kind === "unknown_account") throw new Error(`account ${bundle.accountId} left Redis while bundle ${bundle._id} was ending`);
  if (ended.kind === "pending") {
    if (bundle.endRequested === undefined)
      await ctx.models.Bundle.updateOne({ _id: bundle._id, endRequested: { $exists: false } }, { $set: { endRequested: type } });
    return (await ctx.models.Bundle.findById(bundle._id).lean())!;
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
