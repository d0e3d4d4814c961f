import { z } from "zod";
import type { LineState } from "../services/lines/lines.js";

/** A line of a hierarchy as its payer (and the line itself) see it. */
export const lineView = z.object({
  accountId: z.string(),
  name: z.string(),
  planId: z.string(),
  status: z.string(),
  payerId: z.string().describe("the account whose wallet pays for its calls"),
  currency: z.string(),
  limit: z.number().int().nullable().describe("the most it may spend of its payer's wallet per calendar month, in micros; null: no limit"),
  period: z.string().describe("the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12)"),
  spent: z.number().int().describe("micros spent from its payer's wallet this month, open reservations included"),
  left: z.number().int().nullable().describe("what its limit leaves this month (never below 0); null: no limit"),
  createdAt: z.string(),
});

export function toLineView(s: LineState): z.infer<typeof lineView> {
  const limit = s.account.lineLimit ?? null;
  return {
    accountId: s.account._id,
    name: s.account.name,
    planId: s.account.planId,
    status: s.account.status,
    payerId: s.account.payerId ?? "",
    currency: s.currency,
    limit,
    period: s.period,
    spent: s.spent,
    left: limit === null ? null : Math.max(0, limit - s.spent),
    createdAt: s.account.createdAt.toISOString(),
  };
}
