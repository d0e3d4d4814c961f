import type { AppContext } from "../../context.js";
import { newId } from "../../ids.js";
import { isDuplicateKey } from "../../models/index.js";
import { allocateUsage } from "../grants/allocate.js";
import { withLock } from "../locks.js";
import { foldRollups } from "../reports/fold.js";
import { recordUsageIntent } from "../reports/intents.js";

/** The most usage events one ledger entry books (see bookUnlocked). */
const BOOKING_SLICE = 250;

/**
 * Book ingested usage into the ledger in batches, exactly once, without transactions: mark a batch of a
 * wallet's unbooked events by marking them with a new entry id, then insert that entry, whose amount is
 * the sum of the events carrying its id, then clear the mark's timestamp. A crash in between leaves events
 * still marked `markedAt`; `bookOrphanedMarks` finds exactly those and books them (the entry id is fixed
 * by the mark, so the entry is inserted once, however often this runs).
 */
export async function bookUsage(ctx: AppContext, batchSize = 2_000): Promise<number> {
  const booked = await underBookingLock(ctx, () => bookUnlocked(ctx, batchSize));
  if (booked !== undefined) {
    ctx.metrics.booked.inc(booked);
    ctx.metrics.bookingLastRun.set(Date.now() / 1000);
  }
  return booked ?? 0;
}

/**
 * One booker at a time, across processes: two booking at once could put one call in two entries (and
 * attribute it to grants twice). On MongoDB the marking below would hold alone; on FerretDB v1 it does not.
 * Grant expiry runs under it too. Skipped (undefined) when another process holds it.
 */
export function underBookingLock<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T | undefined> {
  return withLock(ctx, "ledger.book", 300_000, fn);
}

/** The booking itself, for callers that already hold the booking lock. */
export async function bookUnlocked(ctx: AppContext, batchSize = 2_000): Promise<number> {
  await bookOrphanedMarks(ctx, 60_000);
  await foldRollups(ctx); // what a dead booker left, and money movements recorded since

  const { UsageEvent } = ctx.models;
  const unbooked = await UsageEvent.find({ bookedIn: { $exists: false } }, { _id: 1, accountId: 1, currency: 1, ingestedAt: 1 })
    .sort({ _id: 1 })
    .limit(batchSize)
    .lean();
  // The booking lag: how long the oldest event of this batch has waited since it was ingested.
  const oldest = unbooked.reduce((min, e) => Math.min(min, e.ingestedAt.getTime()), Infinity);
  ctx.metrics.bookingLag.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
  const groups = new Map<string, string[]>();
  for (const e of unbooked) {
    const group = `${e.accountId}\u0000${e.currency}`;
    (groups.get(group) ?? groups.set(group, []).get(group)!).push(e._id);
  }
  let booked = 0;
  for (const [group, ids] of groups) {
    const [accountId, currency] = group.split("\u0000") as [string, string];
    // One entry per slice: on FerretDB (SQLite) an updateMany is one write transaction, document by document,
    // and a long one makes every other writer (the ingester's inserts) wait past SQLite's busy timeout.
    for (let i = 0; i < ids.length; i += BOOKING_SLICE) {
      const entryId = newId("led");
      await UsageEvent.updateMany(
        { _id: { $in: ids.slice(i, i + BOOKING_SLICE) }, bookedIn: { $exists: false } },
        { $set: { bookedIn: entryId, markedAt: new Date() } },
      );
      booked += await bookMarked(ctx, entryId, accountId, currency);
    }
  }
  if (booked > 0) await foldRollups(ctx);
  return booked;
}

/** Insert the ledger entry for the events marked with `entryId`; returns how many it books. */
async function bookMarked(ctx: AppContext, entryId: string, accountId: string, currency: string): Promise<number> {
  const { UsageEvent, Wallet, LedgerEntry } = ctx.models;
  const events = await UsageEvent.find(
    { bookedIn: entryId },
    { amount: 1, timestamp: 1, productId: 1, keyId: 1, planId: 1, units: 1 },
  ).lean();
  if (events.length === 0) return 0; // another booker marked them first
  const wallet = await Wallet.findOne({ accountId, currency }).lean();
  if (wallet === null) throw new Error(`usage of ${accountId} in ${currency} has no wallet`);
  const total = events.reduce((sum, e) => sum + e.amount, 0);
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
      actor: "system:booking",
      reason: `${events.length} calls`,
      createdAt: now,
      appliedAt: now, // charged in Redis call by call, before the call was forwarded
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Grants are spent first: attribute this entry to them before the mark is finished.
  if (total > 0) await allocateUsage(ctx, wallet._id, entryId, total);
  // What the entry adds to the reports, recorded before the mark is finished (see reports/fold.ts).
  await recordUsageIntent(ctx, { _id: entryId, accountId, currency }, events);
  await UsageEvent.updateMany({ bookedIn: entryId }, { $unset: { markedAt: 1 } });
  return events.length;
}

/** Marks older than `graceMs` that were never finished (their booker died in between). */
export async function bookOrphanedMarks(ctx: AppContext, graceMs: number): Promise<number> {
  const marked = await ctx.models.UsageEvent.find(
    { markedAt: { $lt: new Date(Date.now() - graceMs) } },
    { bookedIn: 1, accountId: 1, currency: 1 },
  )
    .limit(5_000)
    .lean();
  const marks = new Map(marked.map((e) => [e.bookedIn!, e]));
  let booked = 0;
  for (const [entryId, e] of marks) booked += await bookMarked(ctx, entryId, e.accountId, e.currency);
  return booked;
}
