import { backlogOf, unpackCalls, type BookingCall, type Models, type UsageEvent as UsageEventDoc } from "../../models/index.js";

/*
 * The booking backlog (see models/booking.ts): the ingester writes to it, booking (book-usage.ts) takes from
 * it, and reconciliation and the tests read what is still to be booked.
 */

/**
 * Put ingested calls in the booking backlog: a document per wallet, the calls packed in it. A call there
 * twice, or booked already, is booked once (its assignment).
 */
export async function addToBacklog(models: Models, events: UsageEventDoc[], ingestedAt = events[0]?.ingestedAt): Promise<void> {
  if (events.length > 0) await models.UnbookedUsage.collection.insertMany(backlogOf(events, ingestedAt) as never[]);
}

/**
 * The calls ingested and not booked yet (unless their assignments say otherwise): the backlog's, and those of
 * bookings under way or left unfinished, whose calls may have left the backlog already. A call may be there
 * twice.
 */
export async function callsInBooking(models: Models, filter: { accountId?: string; currency?: string }): Promise<BookingCall[]> {
  const [waiting, marked] = await Promise.all([
    models.UnbookedUsage.find(filter, { calls: 1 }).lean(),
    models.BookingMark.find(filter, { calls: 1 }).lean(),
  ]);
  return [...waiting, ...marked].flatMap((d) => unpackCalls(d.calls));
}
