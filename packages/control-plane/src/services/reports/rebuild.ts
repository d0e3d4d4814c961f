import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { audit } from "../audit.js";
import { finishMarks, underBookingLock } from "../ledger/book-usage.js";
import { foldRollups } from "./fold.js";
import { recordLedgerIntent, recordUsageIntent, type BookedCall } from "./intents.js";
import { ROLLUP_COLLECTION } from "./rollup-format.js";
import { walletOwnerOf } from "@tollgate/metering/store";
import { asBooked } from "../../models/index.js";
import { recordRetiredIntents } from "../privacy/retention.js";

/**
 * Recompute every rollup from the book of record: the booked usage events (grouped by the ledger entry that
 * books them, from their assignments) and the ledger's money movements. For a deployment upgraded from before rollups, or after a
 * change of REPORT_TIME_ZONE. Runs under the booking lock, so no booking adds intents meanwhile; money
 * movements recorded meanwhile are listed once by entry id whatever the order. Reads whole collections: an
 * operator's job, not a request path. A busy booking lock is a 409 (try again).
 */
export async function rebuildRollups(
  ctx: AppContext,
  actor: string,
): Promise<Outcome<{ usageEntries: number; movements: number }, "conflict">> {
  const result = await underBookingLock(ctx, async () => {
    for (const name of await ctx.models.Rollups.names(ROLLUP_COLLECTION)) await ctx.models.Rollups.collection(name).drop();
    // Which entry booked each call is its assignment; the calls themselves are the usage events. A booking a
    // booker left unfinished is finished first: its entry then holds every call it will ever hold.
    await finishMarks(ctx, 0);
    const entryOf = new Map<string, string>();
    for await (const assignment of ctx.models.CallAssignment.find({}).lean().cursor()) entryOf.set(assignment._id, assignment.entryId);
    const byEntry = new Map<string, { accountId: string; currency: string; calls: BookedCall[] }>();
    const events = ctx.models.UsageEvent.find(
      {},
      { accountId: 1, payerId: 1, currency: 1, timestamp: 1, productId: 1, keyId: 1, planId: 1, units: 1, amount: 1 },
    )
      .lean()
      .cursor();
    for await (const e of events) {
      const entryId = entryOf.get(e._id);
      if (entryId === undefined) continue; // not booked yet: its booking records it
      let entry = byEntry.get(entryId);
      // The entry is its wallet's (a line's calls are booked on its payer's); each call stays its own account's.
      const owner = walletOwnerOf(e);
      if (entry === undefined) byEntry.set(entryId, (entry = { accountId: owner, currency: e.currency, calls: [] }));
      entry.calls.push(asBooked(e));
    }
    let pending = 0;
    for (const [entryId, entry] of byEntry) {
      await recordUsageIntent(ctx, { _id: entryId, accountId: entry.accountId, currency: entry.currency }, entry.calls, {
        rebuilding: true,
      });
      if (++pending % 1_000 === 0) await foldRollups(ctx);
    }
    // Usage whose raw events retention removed: their entries' summaries (services/privacy/retention.ts).
    const retired = await recordRetiredIntents(ctx, new Set(byEntry.keys()));
    let movements = 0;
    const entries = ctx.models.LedgerEntry.find(
      { $or: [{ type: { $ne: "usage" } }, { usageCount: 0 }], appliedAt: { $exists: true } },
      { _id: 1, accountId: 1, currency: 1 },
    )
      .lean()
      .cursor();
    for await (const entry of entries) {
      await recordLedgerIntent(ctx, entry);
      if (++movements % 1_000 === 0) await foldRollups(ctx);
    }
    while ((await foldRollups(ctx)) > 0);
    return { usageEntries: byEntry.size + retired, movements };
  });
  if (result === undefined) return failure("conflict", "Usage is being booked right now: try again in a few seconds.");
  await audit(ctx, actor, "rollups.rebuild", "rollups", result);
  return ok(result);
}
