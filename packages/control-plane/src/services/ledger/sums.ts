import type { AppContext } from "../../context.js";

/** The sum of one field over the documents that match, computed by the database ($group), not in memory. */
export async function sum(
  ctx: AppContext,
  model: "LedgerEntry" | "UsageEvent" | "Invoice",
  match: Record<string, unknown>,
  field: "$amount" | "$total",
): Promise<number> {
  const rows = await (ctx.models[model] as unknown as { aggregate(p: unknown[]): Promise<{ total: number }[]> }).aggregate([
    { $match: match },
    { $group: { _id: null, total: { $sum: field } } },
  ]);
  return rows[0]?.total ?? 0;
}

/** The sum of one field per value of `by` over the documents that match, in one pass ($group). */
export async function sumsBy(
  ctx: AppContext,
  model: "LedgerEntry",
  match: Record<string, unknown>,
  by: "$walletId",
  field: "$amount",
): Promise<Map<string, number>> {
  const rows = await (ctx.models[model] as unknown as { aggregate(p: unknown[]): Promise<{ _id: string; total: number }[]> }).aggregate([
    { $match: match },
    { $group: { _id: by, total: { $sum: field } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.total]));
}
