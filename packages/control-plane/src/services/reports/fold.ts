import type { AppContext } from "../../context.js";
import { insertOnce, type LedgerEntry, type RollupIntent } from "../../models/index.js";
import { inParallel } from "./read.js";
import {
  accountDayId,
  addFigures,
  cellKey,
  collectionOf,
  DIMENSIONS,
  hourGroupKey,
  ledgerDayId,
  pack,
  payloadOf,
  sumsOf,
  unpack,
  usageHoursId,
  usageRollupId,
  type Cell,
  type Figures,
  type LedgerDayPayload,
  type LedgerItem,
} from "./rollup-format.js";

/** What one intent adds to one rollup: figures per group (usage) or one money movement (ledger). */
type Contribution = { kind: "figures"; figures: Map<string, Figures> } | { kind: "item"; item: LedgerItem };

/**
 * Fold pending intents into the rollups, exactly once. The caller holds the booking lock: this is the only
 * writer of rollups, so reading a rollup, adding to it and writing it back is safe on FerretDB too.
 *
 * A usage intent may touch many rollups, and the process may die between any two writes: each rollup keeps
 * the ids of the pending intents it already holds (`applied`), so a repeated fold skips them there. An id is
 * dropped from `applied` only once its intent is deleted, which happens after every rollup it touches is
 * written and its entry is marked rolled up (`RolledUpEntry`, so a re-run booking adds no second intent).
 * Money movements are items listed once per day by entry id, so they need no such bookkeeping. Each rollup
 * is written in its period's collection (see models/rollup.ts), late usage too.
 */
export async function foldRollups(ctx: AppContext, limit = 5_000): Promise<number> {
  const { RollupIntent, RolledUpEntry } = ctx.models;
  // Every pending id, not just this batch's: `applied` may only lose ids that are no longer pending.
  const intents = await RollupIntent.find({}).lean();
  if (intents.length === 0) return 0;
  const pending = new Set(intents.map((i) => i._id));
  const batch = intents.slice(0, limit);

  const changes = new Map<string, Map<string, Contribution>>();
  const done: RollupIntent[] = [];
  for (const intent of batch) {
    if (intent.kind === "usage") addUsage(ctx, intent, changes);
    else if (!(await addMovement(ctx, intent, changes))) continue;
    done.push(intent);
  }

  await inParallel([...changes], 8, async ([rollupId, byIntent]) => {
    const collection = ctx.models.Rollups.collection(collectionOf(rollupId));
    const stored = await collection.findOne({ _id: rollupId });
    const applied = new Set((stored?.applied ?? []).filter((id) => pending.has(id)));
    let payload: unknown;
    if (rollupId.startsWith("ld|")) {
      const day = stored ? unpack<LedgerDayPayload>(stored.payload) : { e: [] };
      const listed = new Set(day.e.map((item) => item[0]));
      for (const change of byIntent.values()) {
        if (change.kind === "item" && !listed.has(change.item[0])) {
          day.e.push(change.item);
          listed.add(change.item[0]);
        }
      }
      payload = day;
    } else {
      const sums = stored ? sumsOf(rollupId, stored.payload) : {};
      for (const [intentId, change] of byIntent) {
        if (change.kind !== "figures" || applied.has(intentId)) continue;
        for (const [group, figures] of change.figures) {
          const into = sums[group];
          if (into === undefined) sums[group] = [...figures];
          else addFigures(into, figures);
        }
        applied.add(intentId);
      }
      payload = payloadOf(rollupId, sums);
    }
    const doc = { _id: rollupId, payload: pack(payload), applied: [...applied], updatedAt: new Date() };
    // The fold is the only writer (under the booking lock): a rollup read as absent is inserted, which
    // FerretDB does without reading the collection (its replace by `_id` reads every document).
    if (stored !== null || !(await insertOnce({ collection }, doc))) await collection.replaceOne({ _id: rollupId }, doc, { upsert: true });
  });

  const now = new Date();
  await inParallel(done, 8, async (intent) => {
    if (intent.kind === "usage") await insertOnce(RolledUpEntry, { _id: intent.entryId, at: now });
    await RollupIntent.deleteOne({ _id: intent._id });
  });
  return done.length;
}

function addUsage(ctx: AppContext, intent: RollupIntent, changes: Map<string, Map<string, Contribution>>): void {
  const clock = ctx.reporting;
  for (const [hour, productId, keyId, planId, calls, units, amount, lineId] of unpack<Cell[]>(intent.cells)) {
    // Usage is the account's whose calls they were: a line's, though its payer's wallet paid (and booked) them.
    const accountId = lineId ?? intent.accountId;
    const figures: Figures = [calls, units, amount];
    const day = clock.dayOf(hour);
    const periods = [
      ["day", day],
      ["month", day.slice(0, 7)],
    ] as const;
    const groups: Record<(typeof DIMENSIONS)[number], string> = {
      account: accountId,
      product: productId,
      key: keyId,
      plan: planId,
    };
    for (const dimension of DIMENSIONS) {
      for (const [level, period] of periods) {
        addFiguresTo(changes, usageRollupId(level, dimension, intent.currency, period), intent._id, groups[dimension], figures);
      }
      addFiguresTo(changes, usageHoursId(dimension, intent.currency, day), intent._id, hourGroupKey(hour, groups[dimension]), figures);
    }
    addFiguresTo(changes, accountDayId(accountId, intent.currency, day), intent._id, cellKey(hour, productId, keyId, planId), figures);
  }
}

function addFiguresTo(
  changes: Map<string, Map<string, Contribution>>,
  rollupId: string,
  intentId: string,
  group: string,
  figures: Figures,
): void {
  let byIntent = changes.get(rollupId);
  if (byIntent === undefined) changes.set(rollupId, (byIntent = new Map<string, Contribution>()));
  let change = byIntent.get(intentId);
  if (change === undefined) byIntent.set(intentId, (change = { kind: "figures", figures: new Map() }));
  if (change.kind !== "figures") return;
  const into = change.figures.get(group);
  if (into === undefined) change.figures.set(group, [...figures]);
  else addFigures(into, figures);
}

/** A money movement's item in its day's `ld` rollup; false when its entry is not there (nothing to fold yet). */
async function addMovement(ctx: AppContext, intent: RollupIntent, changes: Map<string, Map<string, Contribution>>): Promise<boolean> {
  const entry = await ctx.models.LedgerEntry.findById(intent.entryId).lean();
  if (entry === null) return false;
  const at = entry.createdAt.getTime();
  const rollupId = ledgerDayId(entry.currency, ctx.reporting.dayOf(ctx.reporting.hourOf(at)));
  const item: LedgerItem = [entry._id, entry.accountId, entry.type, await methodOf(ctx, entry), entry.amount, at, refOf(entry)];
  let byIntent = changes.get(rollupId);
  if (byIntent === undefined) changes.set(rollupId, (byIntent = new Map<string, Contribution>()));
  byIntent.set(intent._id, { kind: "item", item });
  return true;
}

/**
 * How money came in or went out. Credits are top-ups: by an admin, a voucher, a payment provider, or an
 * auto-recharge (a provider payment started by the wallet's threshold). A `usage` entry here is a refund.
 */
export const MOVEMENT_METHODS = [
  "admin",
  "voucher",
  "payment_provider",
  "auto_recharge",
  "adjustment",
  "reversal",
  "grant",
  "expiry",
  "payment",
  "fee",
  "pack",
  "usage_refund",
] as const;
export type MovementMethod = (typeof MOVEMENT_METHODS)[number];

/** The object a system-made entry came from (its idempotency key's subject); admins' own keys are not kept. */
function refOf(entry: LedgerEntry): string {
  const [prefix, subject] = entry.idempotencyKey.split(":");
  return subject !== undefined && SYSTEM_KEYS.has(prefix!) ? subject : "";
}
const SYSTEM_KEYS = new Set(["recharge", "voucher", "reversal", "refund", "grant", "expiry", "invoice", "fee", "pack"]);

async function methodOf(ctx: AppContext, entry: LedgerEntry): Promise<MovementMethod> {
  if (entry.type === "usage") return "usage_refund";
  if (entry.type !== "credit") return entry.type;
  if (entry.idempotencyKey.startsWith("voucher:")) return "voucher";
  if (entry.idempotencyKey.startsWith("recharge:")) {
    const recharge = await ctx.models.Recharge.findById(entry.idempotencyKey.slice("recharge:".length), { automatic: 1 }).lean();
    return recharge?.automatic ? "auto_recharge" : "payment_provider";
  }
  return "admin";
}
