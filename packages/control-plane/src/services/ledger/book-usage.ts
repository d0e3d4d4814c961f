import { counted } from "../../domain/words.js";
import type { AppContext } from "../../context.js";
import { newId } from "../../ids.js";
import { insertManyOnce, packCalls, unpackCalls, type BookingCall, type BookingMark, type UnbookedUsage } from "../../models/index.js";
import { allocateUsage } from "../grants/allocate.js";
import { withLock } from "../locks.js";
import { foldRollups } from "../reports/fold.js";
import { recordUsageIntent } from "../reports/intents.js";
import { recordEntry } from "./record.js";

/** The most usage events one booking run takes from the backlog. */
export const BOOKING_BATCH = 2_000;
/** The most usage events one ledger entry books. */
const BOOKING_SLICE = 250;
/** How long a booking mark may stay unfinished before another booker takes it for dead and finishes it. */
const ORPHAN_GRACE_MS = 60_000;

/**
 * Book ingested usage into the ledger in batches, exactly once, without transactions and without touching
 * the usage events (see models/booking.ts). For each slice of one wallet's backlog: a mark names the entry
 * and its calls; each call is assigned to the entry by a unique insert (a call assigned before, by another
 * entry, is not this entry's); the entry is inserted with the sum of the calls assigned to it; the mark is
 * deleted; the calls leave the backlog. A booker that dies in between leaves the mark, and `finishMark`
 * redoes the same steps by its id: the assignments and the entry's id fix what it books, however often it runs.
 */
export async function bookUsage(ctx: AppContext, batchSize = BOOKING_BATCH): Promise<number> {
  const booked = await underBookingLock(ctx, () => bookUnlocked(ctx, batchSize));
  if (booked !== undefined) {
    ctx.metrics.booked.inc(booked);
    ctx.metrics.bookingLastRun.set(Date.now() / 1000);
  }
  return booked ?? 0;
}

/**
 * One booker at a time, across processes. The assignments alone keep a call in one entry, but two bookers could
 * attribute one entry to grants twice (FerretDB v1's conditional updates are not atomic), and each would
 * read the other's young marks as under way. Grant expiry runs under it too. Skipped (undefined) when another
 * process holds it.
 */
export function underBookingLock<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T | undefined> {
  return withLock(ctx, "ledger.book", 300_000, fn);
}

/** The booking itself, for callers that already hold the booking lock. */
export async function bookUnlocked(ctx: AppContext, batchSize = BOOKING_BATCH): Promise<number> {
  const { UnbookedUsage, BookingMark } = ctx.models;
  // Bookings a dead booker left; the calls of those still under way are theirs to book.
  const { booked: orphans, open } = await finishMarks(ctx, ORPHAN_GRACE_MS);
  let booked = orphans;
  await foldRollups(ctx); // what a dead booker left, and money movements recorded since

  // Backlog documents in the order they were written, up to a batch of calls.
  const backlog: UnbookedUsage[] = [];
  let taken = 0;
  for await (const doc of UnbookedUsage.find({}).lean().cursor({ batchSize: 100 })) {
    backlog.push(doc);
    if ((taken += doc.count) >= batchSize) break;
  }
  // The booking lag: how long the oldest event of this batch has waited since it was ingested.
  const oldest = backlog.reduce((min, e) => Math.min(min, e.ingestedAt.getTime()), Infinity);
  ctx.metrics.bookingLag.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
  // Each call once (it may have been written twice), by wallet; none a booking under way holds.
  const seen = new Set<string>(open);
  const groups = new Map<string, { accountId: string; currency: string; calls: BookingCall[] }>();
  for (const doc of backlog) {
    const key = `${doc.accountId}\u0000${doc.currency}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { accountId: doc.accountId, currency: doc.currency, calls: [] }));
    for (const call of unpackCalls(doc.calls)) {
      if (seen.has(call._id)) continue;
      seen.add(call._id);
      group.calls.push(call);
    }
  }
  const marks: string[] = [];
  try {
    for (const { accountId, currency, calls } of groups.values()) {
      for (let i = 0; i < calls.length; i += BOOKING_SLICE) {
        const slice = calls.slice(i, i + BOOKING_SLICE);
        const mark: BookingMark = { _id: newId("led"), accountId, currency, calls: packCalls(slice), createdAt: new Date() };
        await BookingMark.collection.insertOne(mark as never);
        marks.push(mark._id);
        booked += await finishMark(ctx, mark, slice);
      }
    }
  } catch (error) {
    // Given up midway (MongoDB refused a write): say so on this run's marks, so that the next booker finishes
    // them at once instead of leaving them the grace a booker still at work gets. Until then they keep their
    // calls out of other entries, and reconciliation counts them as unbooked. If the write fails too, the
    // grace applies.
    if (marks.length > 0)
      await BookingMark.updateMany({ _id: { $in: marks } }, { $set: { abandonedAt: new Date() } }).catch(() => undefined);
    throw error;
  }
  // The documents leave the backlog once their calls are booked (their marks hold the calls of bookings still
  // under way). A booker that dies first leaves them there, booked: their assignments keep them from a second entry.
  if (backlog.length > 0) await UnbookedUsage.deleteMany({ _id: { $in: backlog.map((u) => u._id) } });
  if (booked > 0) await foldRollups(ctx);
  return booked;
}

/**
 * Finish the bookings their booker left: those it gave up on (an error), and those older than `graceMs` (it
 * died, or could not say it gave up; a younger one may be a booker still at work after its lock expired); returns
 * how many calls they booked, and the calls of the younger ones (maybe still under way). Only under the
 * booking lock: finishing a mark its booker is still at is safe (assignments decide) but could attribute its entry
 * to grants twice on FerretDB.
 */
export async function finishMarks(ctx: AppContext, graceMs: number): Promise<{ booked: number; open: Set<string> }> {
  const marks = await ctx.models.BookingMark.find({}).lean();
  const open = new Set<string>();
  let booked = 0;
  for (const mark of marks) {
    const calls = unpackCalls(mark.calls);
    if (mark.abandonedAt !== undefined || mark.createdAt.getTime() <= Date.now() - graceMs) booked += await finishMark(ctx, mark, calls);
    else for (const call of calls) open.add(call._id);
  }
  return { booked, open };
}

/**
 * Assign a mark's calls to its entry, insert the entry for those it holds, and clear the mark; returns how
 * many calls it books. Each step is idempotent by the mark's id, so a mark left by a dead booker is finished
 * by running this again.
 */
async function finishMark(ctx: AppContext, mark: BookingMark, calls: BookingCall[]): Promise<number> {
  const { CallAssignment, BookingMark } = ctx.models;
  const someTaken = !(await insertManyOnce(
    CallAssignment,
    calls.map((c) => ({ _id: c._id, entryId: mark._id })),
  ));
  // Some calls were assigned before (by this mark's earlier run, or by another entry): each is this entry's
  // only if its assignment says so (read by `_id`, not trusting the error's indexes).
  const held: BookingCall[] = [];
  for (const call of calls) {
    if (!someTaken || (await CallAssignment.findById(call._id).lean())?.entryId === mark._id) held.push(call);
  }
  if (held.length > 0) await recordUsageEntry(ctx, mark, held);
  await BookingMark.deleteOne({ _id: mark._id });
  return held.length;
}

/** Record the ledger entry for the calls a mark holds (or, once, the calls a booking of the old kind marked), with its grant allocations and report intent. */
export async function recordUsageEntry(
  ctx: AppContext,
  mark: Pick<BookingMark, "_id" | "accountId" | "currency">,
  calls: BookingCall[],
): Promise<void> {
  const { _id: entryId, accountId, currency } = mark;
  const wallet = await ctx.models.Wallet.findOne({ accountId, currency }).lean();
  if (wallet === null) throw new Error(`usage of ${accountId} in ${currency} has no wallet`);
  const total = calls.reduce((sum, e) => sum + e.amount, 0);
  const now = new Date();
  // A mark finished again records nothing more: the entry's id is the mark's.
  await recordEntry(ctx, {
    _id: entryId,
    walletId: wallet._id,
    accountId,
    currency,
    type: "usage",
    amount: -total,
    usageCount: calls.length,
    idempotencyKey: `usage:${entryId}`,
    requestHash: "usage",
    actor: "system:booking",
    reason: counted(calls.length, "call"),
    createdAt: now,
    appliedAt: now, // charged in Redis call by call, before the call was forwarded
  });
  // Grants are spent first: attribute this entry to them before the mark is finished.
  if (total > 0) await allocateUsage(ctx, wallet._id, entryId, total);
  // What the entry adds to the reports, recorded before the mark is finished (see reports/fold.ts).
  await recordUsageIntent(ctx, { _id: entryId, accountId, currency }, calls);
}
