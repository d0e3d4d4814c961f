import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";

/** A batch as its vouchers say it: a batch is not stored on its own, its codes carry its id. */
export interface VoucherBatch {
  _id: string;
  amount: number;
  currency: string;
  /** The bundle pack each of its codes grants, if they grant one. */
  packId?: string;
  expiresAt: Date;
  createdAt: Date;
  count: number;
  redeemed: number;
}

/** The cursor's filter on a batch's (createdAt, id), said of its vouchers, whose batch id is `batchId`. */
function onVouchers(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(onVouchers);
  if (filter === null || typeof filter !== "object" || filter instanceof Date) return filter;
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => [k === "_id" ? "batchId" : k, onVouchers(v)]));
}

/**
 * Voucher batches, newest first by (createdAt, id), with how many of their codes were redeemed; the codes
 * themselves are never kept, so none is listed. The codes of a batch share its value, currency, expiry and
 * creation time, so one group of those is one batch. (Only `$sum` is asked of `$group`: FerretDB has no
 * `$first`, `$min` or `$cond`.)
 */
export function listVoucherBatches(ctx: AppContext, limit: number, cursor?: string): Promise<Page<VoucherBatch>> {
  return ctx.cursors.paginate<VoucherBatch>("voucher-batches", "createdAt", limit, cursor, async (after, _sort, take) => {
    type Group = { _id: { batchId: string; amount: number; currency: string; expiresAt: Date; createdAt: Date }; count: number };
    const groups = await ctx.models.Voucher.aggregate<Group>([
      { $match: onVouchers(after) as Record<string, unknown> },
      {
        $group: {
          _id: { batchId: "$batchId", amount: "$amount", currency: "$currency", expiresAt: "$expiresAt", createdAt: "$createdAt" },
          count: { $sum: 1 },
        },
      },
    ]);
    const page = groups
      .map((g) => ({ ...g._id, count: g.count }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.batchId < b.batchId ? 1 : a.batchId > b.batchId ? -1 : 0))
      .slice(0, take);
    const redeemed = await ctx.models.Voucher.aggregate<{ _id: string; n: number }>([
      { $match: { batchId: { $in: page.map((b) => b.batchId) }, status: "redeemed" } },
      { $group: { _id: "$batchId", n: { $sum: 1 } } },
    ]);
    const used = new Map(redeemed.map((r) => [r._id, r.n]));
    // One code of each pack batch says its pack (grouping by a field most vouchers lack is left to a plain read).
    const packs = new Map<string, string>();
    const granting = await ctx.models.Voucher.find(
      { batchId: { $in: page.map((b) => b.batchId) }, packId: { $exists: true } },
      { batchId: 1, packId: 1 },
    ).lean();
    for (const v of granting) packs.set(v.batchId, v.packId!);
    return page.map(({ batchId, ...b }) => ({
      _id: batchId,
      ...b,
      ...(packs.has(batchId) ? { packId: packs.get(batchId)! } : {}),
      redeemed: used.get(batchId) ?? 0,
    }));
  });
}
