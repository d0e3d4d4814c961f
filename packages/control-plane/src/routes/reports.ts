import { z } from "zod";
import { ANY_STAFF, MANAGERS, NO_STAFF } from "../http/roles.js";
import { ownAccount } from "../http/auth.js";
import { csvReply } from "../http/csv.js";
import { failure, ok, type Failure, type Outcome } from "../domain/outcome.js";
import { defineRoute } from "../http/route.js";
import type { Reply } from "../http/reply.js";
import { currency, id } from "../http/schemas.js";
import {
  FINANCIAL_CSV_COLUMNS,
  financialReportView,
  financialRows,
  RECHARGE_TABLES,
  rechargeReportView,
  toFinancialReportView,
  toRechargeReportView,
  toUsageReportView,
  usageCsv,
  usageReportView,
} from "../http/report-views.js";
import type { AppContext } from "../context.js";
import { isTimeZone } from "../services/reports/clock.js";
import { financialSummary } from "../services/reports/financial.js";
import { rechargeReport } from "../services/reports/recharges.js";
import { usageReport } from "../services/reports/usage.js";
import { rebuildRollups } from "../services/reports/rebuild.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The longest range a report covers. */
const MAX_RANGE_DAYS = 1_100;

const instant = z.iso.datetime({ offset: true });
const rangeQuery = {
  from: instant.optional(),
  to: instant.optional(),
  timeZone: z.string().max(64).refine(isTimeZone, "an IANA time zone, e.g. Europe/Paris").optional(),
  bucket: z.enum(["hour", "day", "month"]).default("day"),
  currency: currency.optional(),
  format: z.enum(["json", "csv"]).optional(),
};
const usageQuery = {
  ...rangeQuery,
  groupBy: z.enum(["none", "account", "product", "key", "plan"]).default("none"),
  top: z.coerce.number().int().min(1).max(1_000).default(10),
};
const adminUsageQuery = z.strictObject({ ...usageQuery, accountId: id.optional() });
const myUsageQuery = z.strictObject(usageQuery);
const rechargeQuery = z.strictObject({
  ...rangeQuery,
  accountId: id.optional(),
  /** Which table a CSV download holds. */
  table: z.enum(["topUps", "totals", "buckets", "accounts"]).default("topUps"),
});
const financialQuery = z.strictObject({
  from: rangeQuery.from,
  to: rangeQuery.to,
  timeZone: rangeQuery.timeZone,
  currency: rangeQuery.currency,
  format: rangeQuery.format,
});

/** The range asked for; by default the 30 days up to the end of the current reporting hour. */
function rangeOf(
  ctx: AppContext,
  query: { from?: string | undefined; to?: string | undefined; timeZone?: string | undefined },
): Outcome<{ from: Date; to: Date; timeZone: string }, "validation_failed"> {
  const to = query.to === undefined ? new Date(ctx.reporting.hourOf(Date.now()) + HOUR) : new Date(query.to);
  const from = query.from === undefined ? new Date(to.getTime() - 30 * DAY) : new Date(query.from);
  if (from.getTime() >= to.getTime()) return failure("validation_failed", "`from` must be before `to`.");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY)
    return failure("validation_failed", `A report covers at most ${MAX_RANGE_DAYS} days.`);
  return ok({ from, to, timeZone: query.timeZone ?? ctx.reporting.timeZone });
}

async function usageReply(
  ctx: AppContext,
  query: z.infer<typeof myUsageQuery>,
  accountId: string | undefined,
  format: "json" | "csv",
): Promise<Reply | Failure<"validation_failed">> {
  const range = rangeOf(ctx, query);
  if (!range.ok) return range;
  const usage = await usageReport(ctx, {
    ...range.value,
    bucket: query.bucket,
    groupBy: query.groupBy,
    top: query.top,
    currency: query.currency,
    accountId,
  });
  if (!usage.ok) return usage;
  const report = toUsageReportView(usage.value);
  if (format === "csv") {
    const csv = usageCsv(report);
    return csvReply(`usage-${report.range.from.slice(0, 10)}`, csv.columns, csv.rows);
  }
  return { status: 200, body: report };
}

const usageDescription =
  "Calls, units and amount booked per bucket (hour, day, month in `timeZone`) and group (account, product, API key or plan), per currency, from the rollups. `top` groups are kept by amount; the rest are summed as `(other)`. Range edges must fall on the rollups' hours (REPORT_TIME_ZONE).";

export const usageReportRoute = defineRoute({
  method: "get",
  path: "/v1/reports/usage",
  operationId: "getUsageReport",
  summary: `Usage report over every account, or one (admin). ${usageDescription}`,
  access: "admin",
  roles: ANY_STAFF,
  query: adminUsageQuery,
  responses: { 200: { description: "The usage report", schema: usageReportView, csv: true } },
  problems: ["validation_failed"],
  handle: ({ query, ctx, format }) => usageReply(ctx, query, query.accountId, format),
});

export const myUsageReportRoute = defineRoute({
  method: "get",
  path: "/v1/me/reports/usage",
  operationId: "getMyUsageReport",
  summary: `The calling key's own account's usage report. ${usageDescription}`,
  access: "consumer",
  roles: NO_STAFF,
  query: myUsageQuery,
  responses: { 200: { description: "The usage report", schema: usageReportView, csv: true } },
  problems: ["validation_failed"],
  handle: ({ query, ctx, principal, format }) => usageReply(ctx, query, ownAccount(principal), format),
});

export const rechargeReportRoute = defineRoute({
  method: "get",
  path: "/v1/reports/recharges",
  operationId: "getRechargeReport",
  summary:
    "Every top-up (admin credit, voucher, payment provider, auto-recharge) with amount, status and time; count, total and average per method and bucket; recharge frequency per account. CSV: `table` picks topUps, totals, buckets or accounts.",
  access: "admin",
  roles: ANY_STAFF,
  query: rechargeQuery,
  responses: { 200: { description: "The recharge report", schema: rechargeReportView, csv: true } },
  problems: ["validation_failed"],
  async handle({ query, ctx, format }) {
    const range = rangeOf(ctx, query);
    if (!range.ok) return range;
    const recharges = await rechargeReport(ctx, {
      ...range.value,
      bucket: query.bucket,
      currency: query.currency,
      accountId: query.accountId,
    });
    if (!recharges.ok) return recharges;
    const report = toRechargeReportView(recharges.value);
    if (format === "csv") {
      return csvReply(`recharges-${query.table}-${report.range.from.slice(0, 10)}`, [...RECHARGE_TABLES[query.table]], report[query.table]);
    }
    return { status: 200, body: report };
  },
});

export const financialReportRoute = defineRoute({
  method: "get",
  path: "/v1/reports/financial",
  operationId: "getFinancialReport",
  summary:
    "Per currency: revenue by part (usage booked, refunded and net; subscription fees; their total), recharges by method, reversals, adjustments, grants issued and expired, invoice payments over the range; prepaid liability, negative balances and unpaid invoices (aged 0-30/31-60/61-90/90+ days) now.",
  access: "admin",
  roles: ANY_STAFF,
  query: financialQuery,
  responses: { 200: { description: "The financial summary", schema: financialReportView, csv: true } },
  problems: ["validation_failed"],
  async handle({ query, ctx, format }) {
    const range = rangeOf(ctx, query);
    if (!range.ok) return range;
    const summary = await financialSummary(ctx, { ...range.value, currency: query.currency });
    if (!summary.ok) return summary;
    const report = toFinancialReportView(summary.value);
    if (format === "csv") return csvReply(`financial-${report.range.from.slice(0, 10)}`, FINANCIAL_CSV_COLUMNS, financialRows(report));
    return { status: 200, body: report };
  },
});

export const rebuildRollupsRoute = defineRoute({
  method: "post",
  path: "/v1/admin/rollups/rebuild",
  operationId: "rebuildRollups",
  summary:
    "Recompute every rollup from the booked usage events and the ledger (after an upgrade from before rollups, or a change of REPORT_TIME_ZONE). Reads whole collections; 409 while usage is being booked.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({}),
  responses: {
    200: { description: "What was rolled up", schema: z.object({ usageEntries: z.number().int(), movements: z.number().int() }) },
    409: { description: "Usage is being booked right now (`conflict`): try again in a few seconds" },
  },
  problems: ["conflict"],
  async handle({ principal, ctx }) {
    const rebuilt = await rebuildRollups(ctx, principal.actor);
    return rebuilt.ok ? { status: 200, body: rebuilt.value } : rebuilt;
  },
});
