import { setTimeout as sleep } from "node:timers/promises";
import type { SessionRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { chunkEventId } from "./grant.js";
import { answerOf, type SessionAnswer } from "./view.js";

/**
 * The longest a reader waits for a lapsed session's reservation to lapse too: it is made just after the
 * session's clock starts, so it lapses later by the time its grant took (milliseconds; a few Redis timeouts at
 * worst).
 */
const RESERVATION_LAG_MS = 5_000;

/**
 * Return a lapsed session's grant now, rather than leave it held until the reaper's next run: `expired` says
 * the grant was returned, so it must be, whenever it is read. The reaper's own script does it, so the reaper
 * and any number of readers racing return it once. False when the reservation is still held after waiting
 * (then the session is not expired yet).
 */
export async function returnLapsedGrant(ctx: AppContext, s: SessionRecord, nowMs = Date.now()): Promise<boolean> {
  if (s.status !== "open" || nowMs <= s.expiresAtMs || s.chunkUnits === 0) return true;
  const store = ctx.charging.store;
  const eventId = chunkEventId(s.id, s.chunk);
  let outcome = await store.reapOne(s.accountId, eventId);
  while (outcome.kind === "held" && outcome.untilMs - s.expiresAtMs <= RESERVATION_LAG_MS) {
    await sleep(Math.max(1, outcome.untilMs - Date.now() + 1));
    outcome = await store.reapOne(s.accountId, eventId);
  }
  return outcome.kind !== "held";
}

/** A session as it stands now: a lapsed one's grant returned first (see returnLapsedGrant). */
export async function currentAnswer(ctx: AppContext, s: SessionRecord): Promise<SessionAnswer> {
  const now = Date.now();
  // Still held (it should not be): answered as of its lapse, open, which is what the money says.
  return answerOf(s, (await returnLapsedGrant(ctx, s, now)) ? now : s.expiresAtMs);
}

/** A session its caller may see: its own account's, or any for staff (another account's is as unknown as none). */
export async function sessionOf(ctx: AppContext, principal: Principal, sessionId: string): Promise<Outcome<SessionRecord, "not_found">> {
  const s = await ctx.charging.sessions.get(sessionId);
  if (s === undefined || (principal.kind === "consumer" && s.accountId !== principal.accountId))
    return failure("not_found", `No session ${sessionId}.`);
  return ok(s);
}

/** One session, read by its own account or by staff. */
export async function readSession(ctx: AppContext, principal: Principal, sessionId: string): Promise<Outcome<SessionAnswer, "not_found">> {
  const s = await sessionOf(ctx, principal, sessionId);
  return s.ok ? ok(await currentAnswer(ctx, s.value)) : s;
}
