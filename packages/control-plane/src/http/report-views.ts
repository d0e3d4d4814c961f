import { z } from "zod";
import type { NamedAnomaly } from "../services/anomalies/clear.js";
import type { FinancialReport } from "../services/reports/financial.js";
import type { RechargeReport } from "../services/reports/recharges.js";
import type { UsageReport } from "../services/reports/usage.js";
import { TOP_UP_METHODS } from "../services/reports/recharges.js";
import { AGEING } from "../services/reports/financial.js";

/** An object with one amount for each of `keys`: every key present (a record over an enum says it less plainly). */
function keyed<K extends string>(keys: readonly K[]) {
  return z.object(Object.fromEntries(keys.map((k) => [k, micros])) as Record<K, typeof micros>);
}

const figures = { calls: z.number().int(), units: z.number().int(), amount: z.number().int() };
const rangeView = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  bucket: z.enum(["hour", "day", "month"]),
});
const method = z.enum(TOP_UP_METHODS);
const groupName = z
  .string()
  .nullable()
  .describe(
    "what the group is called: the account's, API key's or plan's name as it is now, the product's id; `(other)` and `(unmatched)` as themselves; null when not grouped, or when no object has the id any more",
  );

export const usageReportView = z.object({
  range: rangeView,
  groupBy: z.enum(["none", "account", "product", "key", "plan"]),
  accountId: z.string().optional(),
  totals: z.array(z.object({ currency: z.string(), ...figures })),
  groups: z.array(z.object({ currency: z.string(), group: z.string(), name: groupName, ...figures })),
  rows: z.array(z.object({ currency: z.string(), bucketStart: z.string(), group: z.string().nullable(), name: groupName, ...figures })),
});

/**
 * A usage report as CSV lines: grouped, each group's id and name side by side under the grouping's own
 * columns (`account_id`, `account_name`; `product_id`, `product_name`; …); ungrouped, no group column.
 */
export function usageCsv(view: z.infer<typeof usageReportView>): { columns: string[]; rows: Iterable<Record<string, unknown>> } {
  const figureColumns = ["calls", "units", "amount"];
  if (view.groupBy === "none") return { columns: ["currency", "bucketStart", ...figureColumns], rows: view.rows };
  const id = `${view.groupBy}_id`;
  const name = `${view.groupBy}_name`;
  return {
    columns: ["currency", "bucketStart", id, name, ...figureColumns],
    rows: view.rows.map((r) => ({ ...r, [id]: r.group, [name]: r.name })),
  };
}

const rangeOf = (r: UsageReport["range"]) => ({ ...r, from: r.from.toISOString(), to: r.to.toISOString() });

export const toUsageReportView = (r: UsageReport): z.infer<typeof usageReportView> => ({
  range: rangeOf(r.range),
  groupBy: r.groupBy,
  ...(r.accountId === undefined ? {} : { accountId: r.accountId }),
  totals: r.totals,
  groups: r.groups,
  rows: r.rows.map((row) => ({ ...row, bucketStart: row.bucketStart.toISOString() })),
});

const topUpView = z.object({
  entryId: z.string().optional(),
  rechargeId: z.string().optional(),
  accountId: z.string(),
  currency: z.string(),
  method,
  amount: z.number().int(),
  status: z.enum(["succeeded", "refunded", "pending", "failed"]),
  at: z.string(),
});
const topUpSummary = { currency: z.string(), method, count: z.number().int(), total: z.number().int(), average: z.number().int() };

export const rechargeReportView = z.object({
  range: rangeView,
  accountId: z.string().optional(),
  topUps: z.array(topUpView),
  totals: z.array(z.object(topUpSummary)),
  buckets: z.array(z.object({ bucketStart: z.string(), ...topUpSummary })),
  accounts: z.array(z.object({ currency: z.string(), accountId: z.string(), count: z.number().int(), total: z.number().int() })),
});
/** Which of the recharge report's tables a CSV download holds. */
export const RECHARGE_TABLES = {
  topUps: ["at", "currency", "accountId", "method", "amount", "status", "entryId", "rechargeId"],
  totals: ["currency", "method", "count", "total", "average"],
  buckets: ["currency", "bucketStart", "method", "count", "total", "average"],
  accounts: ["currency", "accountId", "count", "total"],
} as const;

export const toRechargeReportView = (r: RechargeReport): z.infer<typeof rechargeReportView> => ({
  range: rangeOf(r.range),
  ...(r.accountId === undefined ? {} : { accountId: r.accountId }),
  topUps: r.topUps.map((t) => ({ ...t, at: t.at.toISOString() })),
  totals: r.totals,
  buckets: r.buckets.map((b) => ({ ...b, bucketStart: b.bucketStart.toISOString() })),
  accounts: r.accounts,
});

const micros = z.number().int();
export const financialReportView = z.object({
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  asOf: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      revenue: z
        .object({
          usage: z
            .object({ booked: micros, refunded: micros, net: micros })
            .describe("usage booked, usage refunded (calls refused after their charge), and the difference"),
          fees: micros.describe("subscriptions' recurring fees and prorated changes taken, less prorated credits"),
          packs: micros.describe("bundle packs sold: their prices, from the wallet, by card or by voucher"),
          taxIncluded: micros.describe("the tax inside inclusive prices, from the invoices and credit notes issued in the range"),
          total: micros.describe("usage.net + fees + packs - taxIncluded: revenue, never tax"),
        })
        .describe("what customers were charged over the range, by part"),
      tax: z
        .object({
          total: micros.describe("tax on the documents issued in the range (invoices, receipts, less credit notes)"),
          reverseCharged: micros.describe("what was invoiced under a reverse charge (0 %, the customer accounts for the VAT)"),
          byRate: z
            .record(z.string(), z.object({ taxable: micros, amount: micros }))
            .describe("by `country[-region]:category:ratePpm`: the taxable amount and the tax"),
        })
        .describe("tax owed to tax authorities: never revenue"),
      recharges: z.object({ count: z.number().int(), total: micros, byMethod: keyed(TOP_UP_METHODS) }),
      reversals: micros,
      adjustments: micros,
      grants: z.object({ issued: micros, expired: micros }),
      payments: micros,
      prepaidLiability: z.object({ total: micros, wallets: z.number().int() }),
      outstanding: z.object({
        negativeBalances: micros,
        wallets: z.number().int(),
        unpaidInvoices: micros,
        invoices: z.number().int(),
        ageing: keyed(AGEING),
      }),
    }),
  ),
});
export const FINANCIAL_CSV_COLUMNS = ["currency", "figure", "amount"];

export const toFinancialReportView = (r: FinancialReport): z.infer<typeof financialReportView> => ({
  range: { from: r.range.from.toISOString(), to: r.range.to.toISOString(), timeZone: r.range.timeZone },
  asOf: r.asOf.toISOString(),
  currencies: r.currencies,
});

/** The financial summary as `currency, figure, amount` lines (figure is a dotted path, e.g. `revenue.usage.net`). */
export function* financialRows(view: z.infer<typeof financialReportView>): Generator<Record<string, unknown>> {
  for (const summary of view.currencies) {
    const { currency, ...figures } = summary;
    for (const [figure, amount] of flatten(figures)) yield { currency, figure, amount };
  }
}

function flatten(value: object, prefix = ""): [string, number][] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === "number" ? [[`${prefix}${k}`, v] as [string, number]] : flatten(v as object, `${prefix}${k}.`),
  );
}

export const anomalyView = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string().nullable().describe("the account's name now; null when no account has the id any more"),
  currency: z.string(),
  hour: z.string().describe("start of the anomalous hour"),
  calls: z.number().int(),
  amount: z.number().int(),
  baselineCalls: z.number().describe("the account's average calls an hour over the 7 reporting days before"),
  threshold: z.number(),
  policy: z.object({ factor: z.number(), minCalls: z.number().int(), mitigation: z.enum(["none", "suspend_key", "cap_spending"]) }),
  keyId: z.string().describe("the hour's busiest key, which a mitigation acts on"),
  keyName: z.string().nullable().describe("the key's name now; null when no key has the id any more"),
  mitigation: z.enum(["none", "suspend_key", "cap_spending"]),
  status: z.enum(["open", "cleared"]),
  detectedAt: z.string(),
  clearedAt: z.string().optional(),
  clearedBy: z.string().optional(),
  clearReason: z.string().optional(),
});
export const ANOMALY_CSV_COLUMNS = [
  "id",
  "accountId",
  "accountName",
  "currency",
  "hour",
  "calls",
  "amount",
  "baselineCalls",
  "threshold",
  "factor",
  "minCalls",
  "keyId",
  "keyName",
  "mitigation",
  "status",
  "detectedAt",
  "clearedAt",
  "clearedBy",
];

export const toAnomalyView = (a: NamedAnomaly): z.infer<typeof anomalyView> => ({
  id: a._id,
  accountId: a.accountId,
  accountName: a.accountName,
  currency: a.currency,
  hour: a.hour.toISOString(),
  calls: a.calls,
  amount: a.amount,
  baselineCalls: a.baselineCalls,
  threshold: a.threshold,
  policy: a.policy,
  keyId: a.keyId,
  keyName: a.keyName,
  mitigation: a.mitigation.action,
  status: a.status,
  detectedAt: a.detectedAt.toISOString(),
  ...(a.clearedAt ? { clearedAt: a.clearedAt.toISOString() } : {}),
  ...(a.clearedBy ? { clearedBy: a.clearedBy } : {}),
  ...(a.clearReason ? { clearReason: a.clearReason } : {}),
});
