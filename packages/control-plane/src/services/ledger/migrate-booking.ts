import type { AppContext } from "../../context.js";
import { bookingCallOf, insertManyOnce, insertOnce, unpackCalls, type UsageEvent as UsageEventDoc } from "../../models/index.js";
import { addToBacklog } from "./backlog.js";
import { recordUsageEntry, underBookingLock } from "./book-usage.js";

/**
 * The startup step that moves a database booked by a version before the assignments to them, once per
 * database, before this process books anything: under the booking lock (waiting for a booker of another
 * process to finish; a lock left by a dead one lapses), so that no booking runs on a half-moved database.
 */
export async function migrateBookingAtStartup(ctx: AppContext): Promise<void> {
  // A second at a time, for longer than the lock's 300 s (a lock a dead booker left lapses by then).
  let tries = 330;
  while ((await underBookingLock(ctx, () => migrateLegacyBooking(ctx).then(() => true))) === undefined) {
    if (--tries <= 0) throw new Error("the booking lock stayed taken: the booking migration could not run, so booking does not start");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Before booking used the assignments, an event was marked with its entry (`bookedIn`) and, until that entry was
 * finished, `markedAt`. Once per database (until a lock says it is done), move that state over in one pass
 * over the usage events: an event booked in an entry that exists gets its assignment (an entry a dead booker left
 * half done is finished first: its allocations and report intent, idempotent), any other event joins the
 * backlog. Redone, it adds nothing: assignments are unique, and a call in the backlog twice is booked once.
 */
export async function migrateLegacyBooking(ctx: AppContext, options: { again?: boolean } = {}): Promise<void> {
  const { Lock, UsageEvent, CallAssignment, UnbookedUsage, LedgerEntry } = ctx.models;
  if (options.again || (await Lock.findById(LEGACY_MIGRATION).lean()) === null) {
    type Legacy = UsageEventDoc & { bookedIn?: string; markedAt?: Date };
    const entries = new Map<string, { accountId: string; currency: string } | null>();
    const unfinished = new Set<string>();
    let assignments: { _id: string; entryId: string }[] = [];
    let unbooked: Legacy[] = [];
    const flush = async (all = false) => {
      if (assignments.length >= 500 || all) {
        await insertManyOnce(CallAssignment, assignments);
        assignments = [];
      }
      if (unbooked.length >= 500 || all) {
        await addToBacklog(ctx.models, unbooked);
        unbooked = [];
      }
    };
    // What booking has already (events written since the upgrade are in the backlog or assigned).
    const known = new Set<string>();
    for await (const doc of UnbookedUsage.find({}, { calls: 1 }).lean().cursor()) for (const c of unpackCalls(doc.calls)) known.add(c._id);
    for await (const c of CallAssignment.find({}, { _id: 1 }).lean().cursor()) known.add(c._id);
    for await (const e of UsageEvent.collection.find({}) as AsyncIterable<Legacy>) {
      if (known.has(e._id)) continue;
      let entry = e.bookedIn === undefined ? null : entries.get(e.bookedIn);
      if (e.bookedIn !== undefined && entry === undefined) {
        entry = await LedgerEntry.findById(e.bookedIn, { accountId: 1, currency: 1 }).lean();
        entries.set(e.bookedIn, entry);
      }
      if (e.bookedIn === undefined || entry === null || entry === undefined) unbooked.push(e);
      else {
        assignments.push({ _id: e._id, entryId: e.bookedIn });
        if (e.markedAt !== undefined) unfinished.add(e.bookedIn);
      }
      await flush();
    }
    await flush(true);
    for (const entryId of unfinished) {
      const { accountId, currency } = entries.get(entryId)!;
      // The entry holds every event marked with it, finished or not: finish it with all of them.
      const marked = (await UsageEvent.collection.find({ bookedIn: entryId } as never).toArray()) as unknown as Legacy[];
      await recordUsageEntry(ctx, { _id: entryId, accountId, currency }, marked.map(bookingCallOf));
    }
    await insertOnce(Lock, { _id: LEGACY_MIGRATION, holder: "booking", expiresAt: new Date(8.64e15) });
  }
}

const LEGACY_MIGRATION = "migration:booking-claims";
