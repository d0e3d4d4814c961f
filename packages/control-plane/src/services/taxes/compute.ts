import type { DocumentTax, TaxLine } from "../../models/invoice.js";

/**
 * The tax computation, pure: no store, no clock. Amounts are integer micros and rates integer parts per
 * million, multiplied in BigInt so that no product loses a digit; each tax is rounded half away from zero to the
 * currency's minor unit (`step` micros), once per line (`line`) or once per rate on the document (`document`).
 *
 * Exclusive prices: tax = net × rate. Inclusive prices: the amount is gross, tax = gross × rate / (1 + rate),
 * and the net is what remains.
 */
export type TaxRounding = "line" | "document";

/** The rate a category is taxed at on one document (a reverse charge is a rate of 0). */
export type RateChoice = Omit<TaxLine, "taxable" | "amount">;

export interface TaxInput {
  lines: { amount: number; category: string }[];
  /** The rate of a category, or undefined: the jurisdiction has none, and the line is not taxed. */
  rateOf: (category: string) => RateChoice | undefined;
  inclusive: boolean;
  rounding: TaxRounding;
  reverseCharge: boolean;
  /** Micros per minor unit of the currency (10,000 for USD). */
  step: number;
}

export interface TaxResult {
  /** Each line's tax in `line` rounding (undefined: not taxed, or `document` rounding). */
  lineTax: (number | undefined)[];
  tax: DocumentTax;
}

/** `x × num / den`, rounded half away from zero to a multiple of `step`, exactly. */
export function roundedShare(x: number, num: number, den: number, step = 1): number {
  const n = BigInt(x) * BigInt(num);
  const d = BigInt(den) * BigInt(step);
  const magnitude = n < 0n ? -n : n;
  const q = (2n * magnitude + d) / (2n * d);
  return Number(n < 0n ? -q : q) * step;
}

/** The tax on one amount at `ratePpm`, rounded to `step`: added to it (exclusive) or inside it (inclusive). */
export function taxOn(amount: number, ratePpm: number, inclusive: boolean, step: number): number {
  return inclusive ? roundedShare(amount, ratePpm, 1_000_000 + ratePpm, step) : roundedShare(amount, ratePpm, 1_000_000, step);
}

const keyOf = (r: RateChoice) => r.taxRateId ?? [r.country, r.region ?? "", r.category, r.ratePpm, r.name].join("\u0000");

/** A document's tax lines, one per rate applied, in the order the lines first use them. */
export function computeTax(input: TaxInput): TaxResult {
  const groups = new Map<string, { rate: RateChoice; gross: number; tax: number }>();
  const lineTax: (number | undefined)[] = [];
  for (const line of input.lines) {
    const rate = input.rateOf(line.category);
    if (rate === undefined) {
      lineTax.push(undefined);
      continue;
    }
    const group = groups.get(keyOf(rate)) ?? { rate, gross: 0, tax: 0 };
    group.gross += line.amount;
    if (input.rounding === "line") {
      const tax = taxOn(line.amount, rate.ratePpm, input.inclusive, input.step);
      group.tax += tax;
      lineTax.push(tax);
    } else lineTax.push(undefined);
    groups.set(keyOf(rate), group);
  }
  const lines: TaxLine[] = [...groups.values()].map(({ rate, gross, tax }) => {
    const amount = input.rounding === "line" ? tax : taxOn(gross, rate.ratePpm, input.inclusive, input.step);
    return { ...rate, taxable: input.inclusive ? gross - amount : gross, amount };
  });
  return {
    lineTax,
    tax: {
      inclusive: input.inclusive,
      rounding: input.rounding,
      reverseCharge: input.reverseCharge,
      lines,
      amount: lines.reduce((sum, l) => sum + l.amount, 0),
    },
  };
}

/** What tax adds to a document's lines: its amount when prices exclude it, nothing when they include it. */
export function addedTax(tax: DocumentTax | undefined): number {
  return tax === undefined || tax.inclusive ? 0 : tax.amount;
}

/**
 * A credit note's tax: the corrected invoice's, in the share `credited / subtotal` of what it billed, each tax
 * line rounded to `step`. The note that credits the rest takes the rest of each line, so notes that together
 * credit the whole invoice reverse exactly its tax.
 */
export function creditedTax(
  invoice: { subtotal: number; tax: DocumentTax },
  credited: number,
  earlier: { subtotal: number; tax?: DocumentTax | undefined }[],
  step: number,
): DocumentTax {
  const creditedBefore = -earlier.reduce((sum, n) => sum + n.subtotal, 0);
  const rest = credited >= invoice.subtotal - creditedBefore;
  const lines = invoice.tax.lines.map((line, i) => {
    if (rest) {
      const before = earlier.reduce(
        (sum, n) => ({ taxable: sum.taxable + (n.tax?.lines[i]?.taxable ?? 0), amount: sum.amount + (n.tax?.lines[i]?.amount ?? 0) }),
        { taxable: 0, amount: 0 },
      );
      return { ...line, taxable: -(line.taxable + before.taxable), amount: -(line.amount + before.amount) };
    }
    return {
      ...line,
      taxable: -roundedShare(line.taxable, credited, invoice.subtotal),
      amount: -roundedShare(line.amount, credited, invoice.subtotal, step),
    };
  });
  return { ...invoice.tax, lines, amount: lines.reduce((sum, l) => sum + l.amount, 0) };
}
