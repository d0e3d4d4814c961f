import type { GlAccount, GlRole } from "../../models/index.js";
import type { Chart } from "./chart.js";

/**
 * What a journal line books, in the words of the financial report: `usage` (calls booked), `usage_refund`,
 * `fee`, `pack` (a bundle pack sold), `top_up` (by method), `reversal` (a top-up refunded), `adjustment` (`manual`, `credit_note`,
 * `invoice_tax`, `rounding`), `grant`, `expiry`, `payment` (an invoice's), `tax` (a document's, by rate).
 */
export const POSTING_KINDS = [
  "usage",
  "usage_refund",
  "fee",
  "pack",
  "top_up",
  "reversal",
  "adjustment",
  "grant",
  "expiry",
  "payment",
  "tax",
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** Where a line's figures come from: ledger entries, documents (invoices, receipts, credit notes), usage rollups. */
export interface Sources {
  entries?: string[];
  documents?: string[];
  rollups?: string[];
}

/** One line of a day's journal: one GL account, one side, one kind of movement, summed. Amounts are micros. */
export interface JournalLine {
  role: GlRole;
  code: string;
  name: string;
  debit: number;
  credit: number;
  kind: PostingKind;
  /** The top-up method, the adjustment's sort, or the tax rate (`country[-region]:category:ratePpm`) and document. */
  detail?: string;
  /** Revenue lines: the product whose usage it is (`(unmatched)`: calls no product matched). */
  productId?: string;
  description: string;
  entries: string[];
  documents: string[];
  rollups: string[];
}

export interface Journal {
  /** `<currency>-<YYYY-MM-DD>`: the reference an accounting system files the day's journal under. */
  id: string;
  date: string;
  currency: string;
  lines: JournalLine[];
  debits: number;
  credits: number;
}

interface Line extends JournalLine {
  sources: { entries: Set<string>; documents: Set<string>; rollups: Set<string> };
}

export interface Posting {
  kind: PostingKind;
  detail?: string | undefined;
  description: string;
  sources: Sources;
}

/**
 * A day's journal as it is built: every movement is posted to one debit and one credit of the same amount (a
 * signed ledger amount turned into its sides), and lines of the same account, side, kind and detail are summed,
 * keeping the ids they sum. Pure: the reads are in journal.ts.
 */
export class JournalBuilder {
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly chart: Chart,
    readonly date: string,
    readonly currency: string,
  ) {}

  /** `amount` to the debit of `debit` and the credit of `credit`; a negative amount swaps the sides. */
  post(debit: GlRole, credit: GlRole, amount: number, posting: Posting): void {
    if (amount === 0) return;
    const [dr, cr, value] = amount > 0 ? [debit, credit, amount] : [credit, debit, -amount];
    this.add(dr, "debit", value, posting);
    this.add(cr, "credit", value, posting);
  }

  /** One side alone (usage: the wallets' side per account, revenue per product; each sums to the day's total). */
  add(role: GlRole, side: "debit" | "credit", amount: number, posting: Posting, productId?: string): void {
    if (amount === 0) return;
    const account: GlAccount = productId === undefined ? this.chart.accounts[role] : this.productAccount(productId);
    const key = [role, account.code, productId ?? "", side, posting.kind, posting.detail ?? ""].join("\u0000");
    let line = this.lines.get(key);
    if (line === undefined) {
      line = {
        role,
        code: account.code,
        name: account.name,
        debit: 0,
        credit: 0,
        kind: posting.kind,
        ...(posting.detail === undefined ? {} : { detail: posting.detail }),
        ...(productId === undefined ? {} : { productId }),
        description: posting.description,
        entries: [],
        documents: [],
        rollups: [],
        sources: { entries: new Set(), documents: new Set(), rollups: new Set() },
      };
      this.lines.set(key, line);
    }
    line[side] += amount;
    for (const id of posting.sources.entries ?? []) line.sources.entries.add(id);
    for (const id of posting.sources.documents ?? []) line.sources.documents.add(id);
    for (const id of posting.sources.rollups ?? []) line.sources.rollups.add(id);
  }

  private productAccount(productId: string): GlAccount {
    const own = this.chart.products.find((p) => p.productId === productId);
    if (own !== undefined) return { code: own.code, name: own.name };
    const revenue = this.chart.accounts.revenue;
    return { code: revenue.code, name: `${revenue.name}: ${productId}` };
  }

  /** The journal, lines in the order of the kinds, debits first, then by code; undefined when nothing moved. */
  build(): Journal | undefined {
    if (this.lines.size === 0) return undefined;
    const order = (l: JournalLine) => POSTING_KINDS.indexOf(l.kind);
    const lines = [...this.lines.values()]
      .sort(
        (a, b) =>
          order(a) - order(b) ||
          (a.detail ?? "").localeCompare(b.detail ?? "") ||
          b.debit - a.debit ||
          a.code.localeCompare(b.code) ||
          (a.productId ?? "").localeCompare(b.productId ?? ""),
      )
      .map(({ sources, ...line }) => ({
        ...line,
        entries: [...sources.entries].sort(),
        documents: [...sources.documents].sort(),
        rollups: [...sources.rollups].sort(),
      }));
    const debits = lines.reduce((s, l) => s + l.debit, 0);
    const credits = lines.reduce((s, l) => s + l.credit, 0);
    return { id: `${this.currency}-${this.date}`, date: this.date, currency: this.currency, lines, debits, credits };
  }
}
