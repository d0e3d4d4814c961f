import type { AppContext } from "../../context.js";
import { CHARGE_RECEIPT_TTL_SECONDS } from "../../create-context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { USAGE_EVENT_WINDOW_MS } from "../charges/batch.js";
import { restoreAccount } from "../ledger/rebuild.js";
import { publishAccount } from "../accounts/publish.js";
import { whenLocked } from "../locks.js";

/** How long a move waits for the account's open reservations, leases and sessions to end, and for its usage to be ingested. */
const DRAIN_MS = 10_000;
/**
 * How long a move's locks live: well past its two waits and its copy, so that neither lapses under a live move
 * (another request would then take the account over mid-copy, or the job end it).
 */
export const MOVE_LOCK_MS = 120_000;
const POLL_MS = 50;
/** The longest a charge receipt is kept: a direct charge's Idempotency-Key, a reported usage event's id. */
const RECEIPTS_KEPT_MS = Math.max(CHARGE_RECEIPT_TTL_SECONDS * 1000, USAGE_EVENT_WINDOW_MS);

/**
 * Move an account's hot state to partition `to` (an account joining a payer of another partition: its hash, its
 * counters and its payer's wallet must share a hash slot). docs/architecture.md, "Moving an account to its
 * payer's partition", says why each step is there:
 *
 * 1. fence the hash where it lives (`moving`): new charges, reservations and leases are refused (503, retried);
 *    what is open ends there: settlements, voids, the reaper, each lease's next report (which gives it back);
 * 2. wait until none of its reservations, leases or sessions' grants is open (else undo: `conflict`);
 * 3. seal it (`moved`): from here every script refuses it, so nothing changes there any more;
 * 4. wait until every usage event of it in that partition's stream is in MongoDB (else undo: `conflict`), so that
 *    the book of record holds all it was charged;
 * 5. carry over what the book of record does not hold: its period counters (usage, quotas, key spend), the
 *    receipts of its charges still kept (a retried, repeated or voided charge is answered, not applied twice:
 *    35 days for reported usage events), and the receipts
 *    of credits applied there whose ledger entries are not yet marked applied (they are marked now);
 * 6. `change` (the caller's MongoDB writes, the account's partition among them), then the account is restored in
 *    `to` from the book of record (restoreAccount: wallets from the ledger, bundles from the unit ledger, a line's
 *    spend from its usage), its partition recorded where every process reads it and announced, and the old hash
 *    left as a tombstone naming `to`.
 *
 * Run under the hierarchy locks of both partitions.
 */
export async function moveAccount(
  ctx: AppContext,
  accountId: string,
  to: number,
  change: () => Promise<void>,
): Promise<Outcome<{ from: number; to: number }, "conflict">> {
  const { moves, keyspace: ks } = ctx.hot;
  await moves.refresh(accountId);
  const from = ks.partitionOf(accountId);
  if (from === to) {
    await change();
    return ok({ from, to });
  }
  if (!(await moves.step(accountId, from, "fence", to))) {
    // Sealed already: a move that died before the account's record named its new partition (nothing was
    // rebuilt elsewhere) is taken over; any other is not this one's to finish.
    const record = await ctx.models.Account.findById(accountId, { partition: 1 }).lean();
    if (
      record?.partition !== undefined ||
      (await moves.recorded(accountId)) !== undefined ||
      !(await moves.step(accountId, from, "reopen", to))
    )
      return failure("conflict", `Account ${accountId} is being moved by another request: try again shortly.`);
  }
  // Noted once fenced (this move's own), so that a move whose process dies from here is found and ended
  // (endInterruptedMoves); one that dies before this line is taken over by the next attach of the account.
  await ctx.models.Account.updateOne({ _id: accountId }, { $set: { moving: { from, to, at: new Date() } } });
  const undo = () => undoMove(ctx, accountId, from, to);
  const open = await drained(() => moves.openReservations(accountId).then((n) => n === 0));
  if (!open) {
    await undo();
    return failure(
      "conflict",
      `Account ${accountId} has reservations, leases or charging sessions open: try again once they end (its calls are decided again meanwhile).`,
    );
  }
  await moves.step(accountId, from, "seal", to);
  if (!(await drained(() => ingested(ctx, accountId)))) {
    await undo();
    return failure("conflict", `Account ${accountId}'s last usage is still being ingested: try again in a few seconds.`);
  }

  const counters = await moves.counters(accountId);
  // A receipt lives its TTL from its charge, which was before its event was ingested.
  const since = new Date(Date.now() - RECEIPTS_KEPT_MS);
  const events = await ctx.models.UsageEvent.find({ accountId, ingestedAt: { $gte: since } }, { _id: 1 }).lean();
  const receipts = events.flatMap((e) => [ks.chargeReceipt(accountId, e._id), ks.chargeRequest(accountId, e._id)]);
  const pending = await ctx.models.LedgerEntry.find({ accountId, appliedAt: { $exists: false } }, { _id: 1 }).lean();
  const applied = await moves.existing(pending.map((e) => ks.entryReceipt(accountId, e._id)));
  await moves.copy([...counters, ...receipts, ...applied], to);
  // A credit applied here whose writer has not marked it yet: marked now, so that the balance restored counts it
  // and the sweep does not apply it again (its receipt went with it).
  const appliedIds = pending.filter((e) => applied.includes(ks.entryReceipt(accountId, e._id))).map((e) => e._id);
  if (appliedIds.length > 0) await ctx.models.LedgerEntry.updateMany({ _id: { $in: appliedIds } }, { $set: { appliedAt: new Date() } });

  await change();
  await finishMove(ctx, accountId, from, to);
  return ok({ from, to });
}

/** A move's last steps, once the account's record names `to`: rebuilt there, recorded and announced, `from` buried. */
async function finishMove(ctx: AppContext, accountId: string, from: number, to: number): Promise<void> {
  const { moves, keyspace: ks } = ctx.hot;
  ks.setPartition(accountId, to);
  await moves.step(accountId, to, "clear", to);
  // Rebuilt there already, from the same book of record, when a writer of this process found it absent there
  // (applyEntry restores an account it does not find) or a control-plane process starting meanwhile read its
  // record (recordMovedPartitions): the move finishes all the same (left unrecorded, every call would be refused).
  await restoreAccount(ctx, accountId);
  await moves.record(accountId, to);
  await moves.step(accountId, from, "bury", to);
  // Changes to the account made while it moved were refused by the tombstone: published again, where it is now.
  await publishAccount(ctx, accountId);
  await ctx.models.Account.updateOne({ _id: accountId }, { $unset: { moving: 1 } });
}

/**
 * End the moves whose process died (the job): a move older than its locks' lifetime (MOVE_LOCK_MS) still noted on
 * its account holds no live mover. Its record names where it went: finished there (rebuilt, recorded, the old hash
 * buried); it does not: undone, so that the account's calls pass where it is again (fenced, they were refused).
 * Under the lock of the partition it was leaving, as the mover held it. How many it ended.
 */
export async function endInterruptedMoves(ctx: AppContext, now = Date.now()): Promise<number> {
  const stale = await ctx.models.Account.find({ "moving.at": { $lte: new Date(now - MOVE_LOCK_MS) } }, { moving: 1 }).lean();
  let ended = 0;
  for (const { _id: accountId, moving } of stale) {
    if (moving === undefined) continue;
    // A mover that holds the lock after all ends its move itself.
    await whenLocked(
      ctx,
      `hierarchy:${moving.from}`,
      MOVE_LOCK_MS,
      async () => {
        const account = await ctx.models.Account.findById(accountId, { moving: 1, partition: 1 }).lean();
        if (account?.moving === undefined) return;
        const { from, to } = account.moving;
        if (account.partition === to) await finishMove(ctx, accountId, from, to);
        else await undoMove(ctx, accountId, from, to);
        ended++;
      },
      0,
    );
  }
  return ended;
}

/** Open the account's hash where it was again, and forget the move. */
async function undoMove(ctx: AppContext, accountId: string, from: number, to: number): Promise<void> {
  await ctx.hot.moves.step(accountId, from, "undo", to);
  // A change published while it was sealed was refused there (a suspension, a key): published again where it stays.
  await publishAccount(ctx, accountId);
  await ctx.models.Account.updateOne({ _id: accountId }, { $unset: { moving: 1 } });
}

/** Whether every usage event the account's stream holds (where this process places it) is in MongoDB. */
async function ingested(ctx: AppContext, accountId: string): Promise<boolean> {
  const entries = await ctx.hot.streamedUsage(accountId);
  if (entries.length === 0) return true;
  const found = await ctx.models.UsageEvent.find({ _id: { $in: entries.map((e) => e.eventId) } }, { refunded: 1 }).lean();
  const stored = new Map(found.map((u) => [u._id, u]));
  return entries.every((e) => {
    const u = stored.get(e.eventId);
    return u !== undefined && (!e.void || u.refunded === true);
  });
}

async function drained(done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
