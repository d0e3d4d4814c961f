import type { AppContext } from "../../context.js";
import { insertOnce, type LedgerEntry, type UsageEvent } from "../../models/index.js";
import { cellKey, pack, type Cell } from "./rollup-format.js";

/** A booked call; `lineId`: a line's call booked on its payer's wallet (its usage is the line's). */
export type BookedCall = Pick<UsageEvent, "timestamp" | "productId" | "keyId" | "planId" | "units" | "amount"> & {
  lineId?: string | undefined;
};

/**
 * Record what a usage ledger entry adds to the rollups: its calls summed per reporting hour × product × key ×
 * plan. Written once per entry (a repeat is a duplicate, ignored), after the entry and before its events'
 * mark is cleared, so a booking that dies in between is redone with the intent in place. An entry the fold
 * already rolled up (a `RolledUpEntry`) gets none: its calls are in the rollups; only a rebuild records it again.
 */
export async function recordUsageIntent(
  ctx: AppContext,
  entry: Pick<LedgerEntry, "_id" | "accountId" | "currency">,
  calls: BookedCall[],
  options: { rebuilding?: boolean } = {},
): Promise<void> {
  if (calls.length === 0) return;
  if (!options.rebuilding && (await ctx.models.RolledUpEntry.findById(entry._id, { _id: 1 }).lean()) !== null) return;
  await insertOnce(ctx.models.RollupIntent, {
    _id: `usage:${entry._id}`,
    kind: "usage",
    entryId: entry._id,
    accountId: entry.accountId,
    currency: entry.currency,
    cells: pack(cellsOf(ctx, calls)),
    createdAt: new Date(),
  });
}

/**
 * Record that a money movement (anything but booked usage) is to be rolled up. Called before the entry is
 * marked applied, so the sweep that finishes unapplied entries also finishes this; a repeat after the fold
 * is harmless (the day's rollup lists each entry once).
 */
export async function recordLedgerIntent(
  ctx: Pick<AppContext, "models">,
  entry: Pick<LedgerEntry, "_id" | "accountId" | "currency">,
): Promise<void> {
  await insertOnce(ctx.models.RollupIntent, {
    _id: `ledger:${entry._id}`,
    kind: "ledger",
    entryId: entry._id,
    accountId: entry.accountId,
    currency: entry.currency,
    createdAt: new Date(),
  });
}

/** Calls summed per reporting hour × product × key × plan (× line, for a line's calls booked on its payer's wallet). */
export function cellsOf(ctx: Pick<AppContext, "reporting">, calls: BookedCall[]): Cell[] {
  const cells = new Map<string, Cell>();
  for (const call of calls) {
    const hour = ctx.reporting.hourOf(call.timestamp.getTime());
    const productId = call.productId ?? "";
    const key = `${cellKey(hour, productId, call.keyId, call.planId)}|${call.lineId ?? ""}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cells.set(key, (cell = [hour, productId, call.keyId, call.planId, 0, 0, 0]));
      if (call.lineId !== undefined) cell.push(call.lineId);
    }
    cell[4] += 1;
    cell[5] += call.units ?? 1;
    cell[6] += call.amount;
  }
  return [...cells.values()];
}
