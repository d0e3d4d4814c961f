import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import type { LedgerEntry } from "../../models/index.js";
import { localDate, nextBucketStart, zonedInstant } from "../reports/clock.js";

/** One day's usage of one currency, whole: every usage entry of that local day, on the page read or not. */
export interface UsageDay {
  /** `YYYY-MM-DD` in the time zone asked for. */
  date: string;
  currency: string;
  /** The sum of the day's usage entries (signed micros, as the entries are). */
  amount: number;
  /** How many usage entries the day has. */
  entries: number;
  /** How many calls they book. */
  calls: number;
}

/**
 * An account's ledger entries, newest first, by (createdAt, id). With `timeZone`, also `usageDays`: each local
 * day of the page's usage entries with that whole day's totals, so that a day cut by the page's edge is not
 * shown as a partial total (the portal's transactions, grouped by day).
 */
export async function listTransactions(
  ctx: AppContext,
  accountId: string,
  limit: number,
  cursor?: string,
  timeZone?: string,
): Promise<Page<LedgerEntry> & { usageDays?: UsageDay[] }> {
  const page = await ctx.cursors.paginate<LedgerEntry>(`transactions:${accountId}`, "createdAt", limit, cursor, (after, sort, take) =>
    ctx.models.LedgerEntry.find({ accountId, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
  if (timeZone === undefined) return page;
  return {
    ...page,
    usageDays: await usageDays(ctx, accountId, page.items, timeZone, { newer: cursor !== undefined, older: page.nextCursor !== undefined }),
  };
}

type Usage = Pick<LedgerEntry, "amount" | "currency" | "usageCount" | "createdAt">;

function fold(entries: Usage[], timeZone: string): Map<string, UsageDay> {
  const days = new Map<string, UsageDay>();
  for (const e of entries) {
    const date = localDate(timeZone, e.createdAt.getTime());
    const key = `${date} ${e.currency}`;
    const day = days.get(key) ?? { date, currency: e.currency, amount: 0, entries: 0, calls: 0 };
    day.amount += e.amount;
    day.entries += 1;
    day.calls += e.usageCount ?? 0;
    days.set(key, day);
  }
  return days;
}

/**
 * The page's usage days, newest first. Entries come in time order, so only the day of the page's first entry
 * (when a newer page exists) and of its last (when an older one does) can go on past the page: those are read
 * whole from the ledger (the account's usage entries of that local day); every other day is whole on the page.
 */
async function usageDays(
  ctx: AppContext,
  accountId: string,
  items: LedgerEntry[],
  timeZone: string,
  edges: { newer: boolean; older: boolean },
): Promise<UsageDay[]> {
  const usage = items.filter((e) => e.type === "usage");
  const days = fold(usage, timeZone);
  const cut = new Set<string>();
  if (edges.newer && items.length > 0) cut.add(localDate(timeZone, items[0]!.createdAt.getTime()));
  if (edges.older && items.length > 0) cut.add(localDate(timeZone, items[items.length - 1]!.createdAt.getTime()));
  for (const date of cut) {
    if (![...days.values()].some((d) => d.date === date)) continue;
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const from = zonedInstant(timeZone, y, m, d);
    const whole = await ctx.models.LedgerEntry.find(
      { accountId, type: "usage", createdAt: { $gte: new Date(from), $lt: new Date(nextBucketStart(timeZone, "day", from)) } },
      { amount: 1, currency: 1, usageCount: 1, createdAt: 1 },
    ).lean<Usage[]>();
    for (const [key, day] of fold(whole, timeZone)) if (day.date === date) days.set(key, day);
  }
  return [...days.values()].sort((a, b) => (a.date === b.date ? a.currency.localeCompare(b.currency) : a.date < b.date ? 1 : -1));
}
