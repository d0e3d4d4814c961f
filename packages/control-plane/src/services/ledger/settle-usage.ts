import type { AppContext } from "../../context.js";
import { newId } from "../../ids.js";
import { isDuplicateKey } from "../../models/index.js";
import { allocateUsage } from "../grants/allocate.js";
import { withLock } from "../claims.js";

/** The most usage events one ledger entry books (see settleUnlocked). */
const CLAIM_SLICE = 250;

/**
 * Book ingested usage into the ledger in batches, exactly once, without transactions: claim a batch of a
 * wallet's unsettled events by marking them with a new entry id, then insert that entry, whose amount is
 * the sum of the events carrying its id, then clear the claim's timestamp. A crash in between leaves events
 * still marked `claimedAt`; `bookOrphanedClaims` finds exactly those and books them (the entry id is fixed
 * by the claim, so the entry is inserted once, however often this runs).
 */
export async function settleUsage(ctx: AppContext, batchSize = 2_000): Promise<number> {
  return (await underSettlementLock(ctx, () => settleUnlocked(ctx, batchSize))) ?? 0;
}

/**
 * One settler at a time, across processes: two booking at once could put one call in two entries (and
 * attribute it to grants twice). On MongoDB the claim below would hold alone; on FerretDB v1 it does not.
 * Grant expiry runs under it too. Skipped (undefined) when another process holds it.
 */
export function underSettlementLock<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T | undefined> {
  return withLock(ctx, "ledger.settle", 300_000, fn);
}

/** The settlement itself, for callers that already hold the `ledger.settle` lock. */
export async function settleUnlocked(ctx: AppContext, batchSize = 2_000): Promise<number> {
  await bookOrphanedClaims(ctx, 60_000);
  const { UsageEvent } = ctx.models;
  const unsettled = await UsageEvent.find({ settledBy: { $exists: false } }, { _id: 1, accountId: 1, currency: 1 })
    .sort({ _id: 1 })
    .limit(batchSize)
    .lean();
  const groups = new Map<string, string[]>();
  for (const e of unsettled) {
    const group = `${e.accountId}\u0000${e.currency}`;
    (groups.get(group) ?? groups.set(group, []).get(group)!).push(e._id);
  }
  let booked = 0;
  for (const [group, ids] of groups) {
    const [accountId, currency] = group.split("\u0000") as [string, string];
    // One entry per slice: on FerretDB (SQLite) an updateMany is one write transaction, document by document,
    // and a long one makes every other writer (the ingester's inserts) wait past SQLite's busy timeout.
    for (let i = 0; i < ids.length; i += CLAIM_SLICE) {
      const entryId = newId("led");
      await UsageEvent.updateMany(
        { _id: { $in: ids.slice(i, i + CLAIM_SLICE) }, settledBy: { $exists: false } },
        { $set: { settledBy: entryId, claimedAt: new Date() } },
      );
      booked += await bookClaim(ctx, entryId, accountId, currency);
    }
  }
  return booked;
}

/** Insert the ledger entry for the events claimed under `entryId`; returns how many it books. */
async function bookClaim(ctx: AppContext, entryId: string, accountId: string, currency: string): Promise<number> {
  const { UsageEvent, Wallet, LedgerEntry } = ctx.models;
  const events = await UsageEvent.find({ settledBy: entryId }, { price: 1 }).lean();
  if (events.length === 0) return 0; // another settler claimed them first
  const wallet = await Wallet.findOne({ accountId, currency }).lean();
  if (wallet === null) throw new Error(`usage of ${accountId} in ${currency} has no wallet`);
  const total = events.reduce((sum, e) => sum + e.price, 0);
  const now = new Date();
  try {
    await LedgerEntry.create({
      _id: entryId,
      walletId: wallet._id,
      accountId,
      currency,
      type: "usage",
      amount: -total,
      usageCount: events.length,
      idempotencyKey: `usage:${entryId}`,
      requestHash: "usage",
      actor: "system:settler",
      reason: `${events.length} calls`,
      createdAt: now,
      appliedAt: now, // charged in Redis call by call, before the call was forwarded
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Grants are spent first: attribute this entry to them before the claim is finished.
  if (total > 0) await allocateUsage(ctx, wallet._id, entryId, total);
  await UsageEvent.updateMany({ settledBy: entryId }, { $unset: { claimedAt: 1 } });
  return events.length;
}

/** Claims older than `graceMs` that were never finished (their settler died in between). */
export async function bookOrphanedClaims(ctx: AppContext, graceMs: number): Promise<number> {
  const claimed = await ctx.models.UsageEvent.find(
    { claimedAt: { $lt: new Date(Date.now() - graceMs) } },
    { settledBy: 1, accountId: 1, currency: 1 },
  )
    .limit(5_000)
    .lean();
  const claims = new Map(claimed.map((e) => [e.settledBy!, e]));
  let booked = 0;
  for (const [entryId, e] of claims) booked += await bookClaim(ctx, entryId, e.accountId, e.currency);
  return booked;
}
