import type { AppContext } from "../../context.js";
import { UNIT_ENTRY_ID } from "../../models/index.js";

export interface BundleReconciliation {
  accountId: string;
  bundleId: string;
  /** The sum of the bundle's unit entries. */
  ledger: number;
  /** Units its usage (negative) and voids (positive) in the usage stream moved, not yet in the unit ledger. */
  streamed: number;
  /** Redis: its units left (0 once it has ended). */
  hot: number;
  /** (ledger + streamed) − hot: 0 when all agree. */
  drift: number;
}

/** The book-of-record equation for each bundle of one account: unit ledger + what the stream holds = Redis. */
export async function reconcileAccountBundles(ctx: AppContext, accountId: string): Promise<BundleReconciliation[]> {
  // The ledger first, then Redis: a usage entry ingested in between is counted from the stream, once.
  const entries = await ctx.models.UnitEntry.find({ accountId }, { bundleId: 1, units: 1 }).lean();
  const bundles = await ctx.models.Bundle.find({ accountId }, { _id: 1 }).lean();
  const booked = new Set(entries.map((e) => e._id));
  const ledger = new Map<string, number>(bundles.map((b) => [b._id, 0]));
  for (const e of entries) ledger.set(e.bundleId, (ledger.get(e.bundleId) ?? 0) + e.units);
  const streamed = new Map<string, number>();
  for (const e of await ctx.hot.streamedUsage(accountId)) {
    for (const t of e.bundles ?? []) {
      const id = e.void ? UNIT_ENTRY_ID.refund(e.eventId, t.bundleId) : UNIT_ENTRY_ID.usage(e.eventId, t.bundleId);
      if (!booked.has(id)) streamed.set(t.bundleId, (streamed.get(t.bundleId) ?? 0) + (e.void ? t.units : -t.units));
    }
  }
  const hot = await ctx.hot.bundles.remaining(accountId);
  const ids = new Set([...ledger.keys(), ...streamed.keys(), ...hot.keys()]);
  return [...ids].map((bundleId) => {
    const l = ledger.get(bundleId) ?? 0;
    const s = streamed.get(bundleId) ?? 0;
    const h = hot.get(bundleId) ?? 0;
    return { accountId, bundleId, ledger: l, streamed: s, hot: h, drift: l + s - h };
  });
}

/**
 * Every bundle's equation, for the accounts that have bundles (or those given). Units keep moving while they are
 * read, so an account showing a drift is read twice more, and a bundle is reported only when both reads show
 * the same drift: a race changes between reads, a real drift stays.
 */
export async function reconcileBundles(
  ctx: AppContext,
  options: { accountIds?: string[] } = {},
): Promise<{ checked: number; drifts: BundleReconciliation[] }> {
  const accountIds = options.accountIds ?? (await ctx.models.Bundle.distinct("accountId")).map(String);
  const drifts: BundleReconciliation[] = [];
  let checked = 0;
  for (const accountId of accountIds) {
    const all = await reconcileAccountBundles(ctx, accountId);
    checked += all.length;
    if (all.every((r) => r.drift === 0)) continue;
    const first = await reconcileAccountBundles(ctx, accountId);
    const second = await reconcileAccountBundles(ctx, accountId);
    for (const r of second) {
      if (r.drift !== 0 && first.find((f) => f.bundleId === r.bundleId)?.drift === r.drift) drifts.push(r);
    }
  }
  return { checked, drifts };
}
