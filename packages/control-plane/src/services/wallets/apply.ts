import type { AppContext } from "../../context.js";
import type { LedgerEntry } from "../../models/index.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { recordLedgerIntent } from "../reports/intents.js";

/**
 * Bring one ledger entry to the hot balance, exactly once however often it is called: Redis keeps a
 * receipt per entry id, and the entry records the resulting balance only the first time.
 */
export async function applyEntry(ctx: AppContext, entry: LedgerEntry): Promise<LedgerEntry> {
  const { hot, models } = ctx;
  let result = await hot.applyEntry(entry.accountId, entry._id, entry.currency, entry.amount);
  if (result.kind === "unknown_account") {
    // Redis lost the account (or it was never published): restore it from the ledger, where this entry is
    // still pending and so not counted, then apply the entry on top.
    await restoreAccount(ctx, entry.accountId);
    result = await hot.applyEntry(entry.accountId, entry._id, entry.currency, entry.amount);
    if (result.kind === "unknown_account") throw new Error(`account ${entry.accountId} cannot be published to Redis`);
  }
  // Before the entry is marked applied: a writer dying here leaves it to the sweep, which records it then.
  await recordLedgerIntent(ctx, entry);
  await models.LedgerEntry.updateOne(
    { _id: entry._id, appliedAt: { $exists: false } },
    { $set: { appliedAt: new Date(), balanceAfter: result.balance } },
  );
  const stored = await models.LedgerEntry.findById(entry._id).lean();
  if (stored === null) throw new Error(`ledger entry ${entry._id} vanished`);
  return stored;
}

/** Finish entries whose writer died between the ledger and Redis (run at start and periodically). */
export async function applyPendingEntries(ctx: AppContext, olderThanMs: number): Promise<number> {
  const pending = await ctx.models.LedgerEntry.find({
    appliedAt: { $exists: false },
    createdAt: { $lt: new Date(Date.now() - olderThanMs) },
  })
    .limit(1000)
    .lean();
  for (const entry of pending) await applyEntry(ctx, entry);
  return pending.length;
}
