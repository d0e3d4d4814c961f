import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import type { Account, Wallet } from "../../models/index.js";

/**
 * Accounts newest first, optionally those whose name contains `query` (any case) or whose id starts with it,
 * and of one status; each with its wallets.
 */
export async function searchAccounts(
  ctx: AppContext,
  filter: { query?: string | undefined; status?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<{ account: Account; wallets: Wallet[] }>> {
  const text = filter.query?.trim();
  const match: Record<string, unknown> = {
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(text ? { $or: [{ name: { $regex: escapeRegex(text), $options: "i" } }, { _id: { $regex: `^${escapeRegex(text)}` } }] } : {}),
  };
  const list = `accounts:${filter.status ?? ""}:${text ?? ""}`;
  const page = await ctx.cursors.paginate<Account>(list, "createdAt", filter.limit, filter.cursor, (after, sort, take) =>
    ctx.models.Account.find(Object.keys(after).length === 0 ? match : { $and: [match, after] })
      .sort(sort)
      .limit(take)
      .lean(),
  );
  const wallets = await ctx.models.Wallet.find({ accountId: { $in: page.items.map((a) => a._id) } }).lean();
  return {
    items: page.items.map((account) => ({ account, wallets: wallets.filter((w) => w.accountId === account._id) })),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
