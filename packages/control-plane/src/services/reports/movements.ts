import type { AppContext } from "../../context.js";
import { readRollups, reportingDays } from "./read.js";
import { ledgerDayId, type LedgerDayPayload, type LedgerItem } from "./rollup-format.js";

/** Money movements (all but booked usage) of one currency in `[from, to)`, oldest first, from the day rollups. */
export async function movements(ctx: AppContext, currency: string, from: Date, to: Date): Promise<LedgerItem[]> {
  const start = from.getTime();
  const end = to.getTime();
  const ids = reportingDays(ctx, start, end).map((day) => ledgerDayId(currency, day));
  const items: LedgerItem[] = [];
  for (const day of (await readRollups<LedgerDayPayload>(ctx, ids)).values()) {
    for (const item of day.e) if (item[5] >= start && item[5] < end) items.push(item);
  }
  return items.sort((a, b) => a[5] - b[5] || (a[0] < b[0] ? -1 : 1));
}
