import { z } from "zod";
import { failure } from "../domain/outcome.js";
import { chartBody, chartView, JOURNAL_CSV_COLUMNS, journalRows, journalView, toChartView, toJournalView } from "../http/books-views.js";
import { csvReply } from "../http/csv.js";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { currency } from "../http/schemas.js";
import { getChart, setChart } from "../services/books/chart.js";
import { journalExport } from "../services/books/journal.js";

/** The most days one export covers. */
export const MAX_JOURNAL_DAYS = 366;
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

const journalQuery = z.strictObject({
  from: z.iso.date().describe("the first reporting day (YYYY-MM-DD, in REPORT_TIME_ZONE)"),
  to: z.iso.date().optional().describe("the last reporting day, included; `from` when absent"),
  currency: currency.refine((c) => KNOWN_CURRENCIES.has(c), "an ISO 4217 currency").optional(),
  format: z.enum(["json", "csv"]).optional(),
});

export const journalRoute = defineRoute({
  method: "get",
  path: "/v1/reports/journal",
  operationId: "getJournal",
  summary: `The books' journal in double entry, one per reporting day and currency, from \`from\` to \`to\` (at most ${MAX_JOURNAL_DAYS} days): each line one GL account of the chart (GET /v1/books/chart), its debit or credit in micros, what it books and the ledger entries, documents and rollups it sums; each day's debits equal its credits. Its figures are the financial report's for the same days. CSV: Date, Journal, Account code, Account name, Debit, Credit, Currency, Description, Reference.`,
  access: "admin",
  roles: ANY_STAFF,
  query: journalQuery,
  responses: { 200: { description: "The journals", schema: journalView, csv: true } },
  problems: ["validation_failed"],
  async handle({ query, ctx, format }) {
    const to = query.to ?? query.from;
    if (to < query.from) return failure("validation_failed", "`from` must not come after `to`.");
    // Calendar dates, both included: a day apart each.
    if ((Date.parse(to) - Date.parse(query.from)) / 86_400_000 + 1 > MAX_JOURNAL_DAYS)
      return failure("validation_failed", `A journal export covers at most ${MAX_JOURNAL_DAYS} days.`);
    const view = toJournalView(await journalExport(ctx, { from: query.from, to, currency: query.currency }));
    if (format === "csv") return csvReply(`journal-${query.from}-${to}`, JOURNAL_CSV_COLUMNS, journalRows(view));
    return { status: 200, body: view };
  },
});

export const getChartRoute = defineRoute({
  method: "get",
  path: "/v1/books/chart",
  operationId: "getChartOfAccounts",
  summary:
    "The chart of accounts the journal posts to: the GL account (code, name) of each role of the books (cash, receivables, prepaid balances, tax payable, revenue…) and products' own revenue accounts. Until it is set, `configured` is false and the defaults apply.",
  access: "admin",
  roles: ANY_STAFF,
  responses: { 200: { description: "The chart of accounts", schema: chartView } },
  async handle({ ctx }) {
    return { status: 200, body: toChartView(await getChart(ctx)) };
  },
});

export const setChartRoute = defineRoute({
  method: "put",
  path: "/v1/books/chart",
  operationId: "setChartOfAccounts",
  summary:
    "Replace the chart of accounts (roles left out take their defaults). Every export made from now on uses it, past days included: the journal is computed, never stored. Audited.",
  access: "admin",
  roles: MONEY,
  body: chartBody,
  responses: { 200: { description: "The chart of accounts", schema: chartView } },
  async handle({ body, principal, ctx }) {
    return { status: 200, body: toChartView(await setChart(ctx, body, principal.actor)) };
  },
});
