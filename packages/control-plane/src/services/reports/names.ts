import type { AppContext } from "../../context.js";
import type { Dimension } from "./rollup-format.js";

/**
 * What reports call a group: the account's, API key's or plan's name as it is now (a renamed object reads its
 * new name over its whole history), a product's id (the name the catalog gives it). An id with no object
 * behind it (none is ever deleted: revoked keys are kept; a report only meets one after a restore or a
 * hand-made deletion) is left out, and its group reads as its id.
 */
export async function namesOf(ctx: AppContext, dimension: Dimension, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (dimension === "product") return new Map(wanted.map((id) => [id, id]));
  if (wanted.length === 0) return new Map();
  const filter = { _id: { $in: wanted } };
  const projection = { name: 1 };
  const found =
    dimension === "account"
      ? await ctx.models.Account.find(filter, projection).lean()
      : dimension === "key"
        ? await ctx.models.ApiKey.find(filter, projection).lean()
        : await ctx.models.Plan.find(filter, projection).lean();
  return new Map(found.map((o) => [o._id, o.name]));
}
