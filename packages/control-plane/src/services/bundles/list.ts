import type { AppContext } from "../../context.js";
import type { Bundle } from "../../models/index.js";

/** Bundles with what each has left now: Redis' view for an active one (what the scripts take from), as booked for one that ended. */
export async function withRemaining(ctx: AppContext, accountId: string, bundles: Bundle[]): Promise<Bundle[]> {
  if (!bundles.some((b) => b.status === "active")) return bundles;
  const hot = await ctx.hot.bundles.remaining(accountId);
  return bundles.map((b) => (b.status === "active" ? { ...b, remaining: hot.get(b._id) ?? (b.appliedAt ? 0 : b.units) } : b));
}
