import type { AppContext } from "../../context.js";

/** The stated consumption order: lowest priority number, then soonest expiry, then oldest. */
export const CONSUMPTION_ORDER = { priority: 1, expiresAt: 1, createdAt: 1, _id: 1 } as const;

/**
 * Attribute one booked usage entry to the wallet's active grants, in consumption order. Each grant records
 * the entry id with what it gave, by an update that only applies if the entry is not there yet: run twice,
 * or after a crash midway, the entry is still attributed once.
 */
export async function allocateUsage(ctx: AppContext, walletId: string, entryId: string, amount: number): Promise<void> {
  const { Grant: Grants } = ctx.models;
  const grants = await Grants.find({ walletId, status: "active" }).sort(CONSUMPTION_ORDER).lean();
  let left = amount - grants.reduce((sum, g) => sum + (g.allocations.find((a) => a.entryId === entryId)?.amount ?? 0), 0);
  for (const grant of grants) {
    if (left <= 0) return;
    if (grant.allocations.some((a) => a.entryId === entryId) || grant.remaining <= 0) continue;
    const take = Math.min(grant.remaining, left);
    const done = await Grants.updateOne(
      { _id: grant._id, status: "active", remaining: { $gte: take }, "allocations.entryId": { $ne: entryId } },
      { $inc: { remaining: -take }, $push: { allocations: { entryId, amount: take } } },
    );
    if (done.modifiedCount === 1) left -= take;
  }
}
