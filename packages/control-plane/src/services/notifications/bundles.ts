import type { BundleStore } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Bundle } from "../../models/index.js";
import { DEFAULT_BUNDLE_PERCENTS } from "../../models/notification.js";
import { notify } from "./emit.js";

/** How many told crossings an ingester remembers before it starts again (each costs a duplicate insert once more). */
const TOLD_KEPT = 10_000;

/** A threshold a bundle's units left are at or below: a percentage of its issued units, or none left. */
export type BundleCrossing = { kind: "bundle_below"; percent: number } | { kind: "bundle_depleted" };

/**
 * The thresholds `remaining` of `issued` units is at or below, pure: each percentage (of the units issued) it
 * has reached, and `bundle_depleted` at none left.
 */
export function bundleCrossings(issued: number, remaining: number, percents: readonly number[]): BundleCrossing[] {
  const crossed: BundleCrossing[] = [...new Set(percents)]
    .filter((percent) => remaining * 100 <= issued * percent)
    .map((percent) => ({ kind: "bundle_below", percent }));
  if (remaining <= 0) crossed.push({ kind: "bundle_depleted" });
  return crossed;
}

/**
 * Which crossing a notification is about: the bundle, the threshold, and the units it had been issued. Each is
 * told once however often it is detected (the notification's id is its dedupe key); a bundle given more units
 * is armed again (another total), and a bundle issued anew is another bundle. Units a void gives back do not
 * re-arm it: falling again under the same threshold is the same crossing.
 */
export function bundleCrossingKey(bundle: Pick<Bundle, "_id" | "units">, crossing: BundleCrossing): string {
  return `${bundle._id}:${bundle.units}:${crossing.kind === "bundle_below" ? `pct:${crossing.percent}` : "depleted"}`;
}

/**
 * Tell each account whose bundles a batch of usage took from about each threshold they are now at or below,
 * reading what each has left in Redis (what the gateways decide from). Run by the ingester after it has
 * booked the batch's unit entries and before it acknowledges them: a crash in between reads the batch again
 * and detects the same crossings, which notify once (their ids). A bundle no longer in Redis has ended
 * (expired or revoked): its end is not a use.
 */
export async function tellBundleThresholds(
  ctx: Pick<AppContext, "models">,
  store: Pick<BundleStore, "remaining">,
  used: { accountId: string; bundleId: string }[],
  /**
   * Crossings this process has told already, skipped without a write: a bundle below a threshold stays there
   * for every batch that takes from it. Only a saving; the unique insert is what tells each once.
   */
  told?: Set<string>,
): Promise<void> {
  const byAccount = new Map<string, Set<string>>();
  for (const u of used) (byAccount.get(u.accountId) ?? byAccount.set(u.accountId, new Set()).get(u.accountId)!).add(u.bundleId);
  for (const [accountId, bundleIds] of byAccount) {
    const settings = await ctx.models.NotificationSettings.findById(accountId).lean();
    // No one to tell (and nothing to read): notify would create nothing.
    if (settings === null || settings.emails.length + settings.webhooks.length === 0) continue;
    const left = await store.remaining(accountId);
    for (const bundleId of bundleIds) {
      const remaining = left.get(bundleId);
      if (remaining === undefined) continue;
      const bundle = await ctx.models.Bundle.findById(bundleId).lean();
      if (bundle === null || bundle.status !== "active") continue;
      for (const crossing of bundleCrossings(bundle.units, remaining, settings.bundlePercents ?? DEFAULT_BUNDLE_PERCENTS)) {
        const key = bundleCrossingKey(bundle, crossing);
        if (told?.has(key)) continue;
        await notify(ctx, accountId, crossing.kind, key, {
          bundleId: bundle._id,
          productId: bundle.productId,
          units: bundle.units,
          remaining,
          ...(crossing.kind === "bundle_below" ? { percent: crossing.percent } : {}),
          overage: bundle.overage,
          expiresAt: bundle.expiresAt.toISOString(),
        });
        if (told !== undefined) {
          if (told.size >= TOLD_KEPT) told.clear();
          told.add(key);
        }
      }
    }
  }
}
