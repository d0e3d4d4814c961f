import { decimalAmount } from "@tollgate/money";
import { z } from "zod";
import { GL_ROLES, type GlRole } from "../models/index.js";
import type { Chart } from "../services/books/chart.js";
import type { JournalExport } from "../services/books/journal.js";
import { POSTING_KINDS } from "../services/books/postings.js";
import { productId } from "./schemas.js";

const glCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:_-]{0,31}$/, "letters, digits, '.', ':', '_' and '-', at most 32 (e.g. 4000 or 4000-10)")
  .describe("the account's code in the accounting system");
const glName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, "no control characters")
  .regex(/^[^=+\-@]/, "not starting with =, +, - or @ (a spreadsheet would read it as a formula)")
  .describe("the account's name in the accounting system");
const glAccount = z.strictObject({ code: glCode, name: glName });

/** The chart as staff set it: each role's account (roles left out take their defaults), products' own revenue accounts. */
export const chartBody = z.strictObject({
  accounts: z
    .strictObject(
      Object.fromEntries(GL_ROLES.map((role) => [role, glAccount.optional()])) as Record<GlRole, z.ZodOptional<typeof glAccount>>,
    )
    .describe("the GL account of each role of the books (see docs/concepts/books.md); a role left out keeps its default"),
  products: z
    .array(z.strictObject({ productId, code: glCode, name: glName }))
    .max(500)
    .default([])
    .refine((list) => new Set(list.map((p) => p.productId)).size === list.length, "each product once")
    .describe("products whose revenue goes to an account of its own (otherwise the `revenue` role's, named `Revenue: <product>`)"),
});

const glAccountView = z.object({ code: z.string(), name: z.string() });
export const chartView = z.object({
  accounts: z.object(Object.fromEntries(GL_ROLES.map((role) => [role, glAccountView])) as Record<GlRole, typeof glAccountView>),
  products: z.array(z.object({ productId: z.string(), code: z.string(), name: z.string() })),
  configured: z.boolean().describe("false until staff set the chart: the defaults"),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});

export const toChartView = (chart: Chart): z.infer<typeof chartView> => ({
  accounts: chart.accounts,
  products: chart.products.map(({ productId, code, name }) => ({ productId, code, name })),
  configured: chart.configured,
  ...(chart.updatedAt ? { updatedAt: chart.updatedAt.toISOString() } : {}),
  ...(chart.updatedBy ? { updatedBy: chart.updatedBy } : {}),
});

const micros = z.number().int().min(0);
const journalLineView = z.object({
  role: z.enum(GL_ROLES).describe("the role of the books the account plays (its code and name are the chart's)"),
  code: z.string(),
  name: z.string(),
  debit: micros,
  credit: micros,
  kind: z.enum(POSTING_KINDS),
  detail: z.string().optional().describe("the top-up method, the adjustment's sort, or the tax rate and document"),
  productId: z.string().optional(),
  description: z.string(),
  entries: z.array(z.string()).describe("the ledger entries the line sums"),
  documents: z.array(z.string()).describe("the documents (invoices, receipts, credit notes) whose tax the line sums"),
  rollups: z.array(z.string()).describe("the usage rollups the line reads (the usage report of the day gives their detail)"),
});

export const journalView = z.object({
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), start: z.string(), end: z.string() }),
  journals: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      currency: z.string(),
      lines: z.array(journalLineView),
      debits: micros,
      credits: micros,
    }),
  ),
});

export const toJournalView = (j: JournalExport): z.infer<typeof journalView> => ({
  range: { ...j.range, start: j.range.start.toISOString(), end: j.range.end.toISOString() },
  journals: j.journals,
});

/** The columns of the journal's CSV, as accounting systems import a general journal. */
export const JOURNAL_CSV_COLUMNS = [
  "Date",
  "Journal",
  "Account code",
  "Account name",
  "Debit",
  "Credit",
  "Currency",
  "Description",
  "Reference",
];

/**
 * One row per journal line. Debit and credit in major units, exact (six digits after the point: the lines of a
 * day balance to the micro); empty on the other side. Reference: the ids the line sums, space-separated.
 */
export function* journalRows(view: z.infer<typeof journalView>): Generator<Record<string, unknown>> {
  for (const journal of view.journals) {
    for (const line of journal.lines) {
      yield {
        Date: journal.date,
        Journal: journal.id,
        "Account code": line.code,
        "Account name": line.name,
        Debit: line.debit === 0 ? "" : decimalAmount(line.debit),
        Credit: line.credit === 0 ? "" : decimalAmount(line.credit),
        Currency: journal.currency,
        Description: line.description,
        Reference: [...line.entries, ...line.documents, ...line.rollups].join(" "),
      };
    }
  }
}
