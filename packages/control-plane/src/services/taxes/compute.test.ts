import { describe, expect, it } from "vitest";
import { addedTax, computeTax, creditedTax, roundedShare, taxOn, type RateChoice } from "./compute.js";

const CENT = 10_000; // micros per cent
const VAT: RateChoice = { name: "VAT", country: "PT", category: "standard", ratePpm: 230_000, taxRateId: "txr_pt" };
const REDUCED: RateChoice = { name: "VAT", country: "PT", category: "ebooks", ratePpm: 60_000, taxRateId: "txr_pt6" };
const NY: RateChoice = { name: "Sales tax", country: "US", region: "NY", category: "standard", ratePpm: 88_750, taxRateId: "txr_ny" };

describe("tax computation", () => {
  it("rounds half away from zero to the step, exactly, past 2^53", () => {
    expect(roundedShare(5, 1, 10)).toBe(1); // 0.5 → 1
    expect(roundedShare(-5, 1, 10)).toBe(-1);
    expect(roundedShare(4, 1, 10)).toBe(0);
    expect(roundedShare(15_000, 230_000, 1_000_000, CENT)).toBe(0); // 0.345 cents → 0
    expect(roundedShare(25_000, 230_000, 1_000_000, CENT)).toBe(10_000); // 0.575 cents → 1 cent
    // 9e15 micros × 230,000 ppm overflows a double's integers: BigInt keeps it exact.
    expect(roundedShare(9_000_000_000_000_000, 230_000, 1_000_000, 1)).toBe(2_070_000_000_000_000);
  });

  it("exclusive: tax on the net; inclusive: the tax inside the gross", () => {
    expect(taxOn(100_000_000, 230_000, false, CENT)).toBe(23_000_000); // $100 + 23 % = $23
    expect(taxOn(123_000_000, 230_000, true, CENT)).toBe(23_000_000); // $123 incl. 23 % holds $23
    expect(taxOn(10_000_000, 200_000, true, CENT)).toBe(1_670_000); // $10 incl. 20 %: $1.666… → $1.67
    expect(taxOn(10_000_000, 88_750, false, CENT)).toBe(890_000); // $10 at 8.875 %: $0.8875 → $0.89
  });

  it("per document: one rounding per rate; per line: each line rounded, then summed (the figures differ)", () => {
    // Three usage lines of $0.0150 each at 23 %: 0.345 cents each.
    const lines = [0, 1, 2].map(() => ({ amount: 15_000, category: "standard" }));
    const base = { lines, rateOf: () => VAT, inclusive: false, reverseCharge: false, step: CENT };
    const perDocument = computeTax({ ...base, rounding: "document" });
    expect(perDocument.tax.lines).toEqual([{ ...VAT, taxable: 45_000, amount: 10_000 }]); // 1.035 cents → 1 cent
    expect(perDocument.lineTax).toEqual([undefined, undefined, undefined]);
    const perLine = computeTax({ ...base, rounding: "line" });
    expect(perLine.lineTax).toEqual([0, 0, 0]); // each 0.345 cents → 0
    expect(perLine.tax.amount).toBe(0);
  });

  it("a line per rate: categories at their own rates; a category without a rate is not taxed", () => {
    const result = computeTax({
      lines: [
        { amount: 10_000_000, category: "standard" },
        { amount: 5_000_000, category: "ebooks" },
        { amount: 2_000_000, category: "standard" },
        { amount: 7_000_000, category: "exempt" },
      ],
      rateOf: (c) => (c === "standard" ? VAT : c === "ebooks" ? REDUCED : undefined),
      inclusive: false,
      rounding: "document",
      reverseCharge: false,
      step: CENT,
    });
    expect(result.tax.lines).toEqual([
      { ...VAT, taxable: 12_000_000, amount: 2_760_000 },
      { ...REDUCED, taxable: 5_000_000, amount: 300_000 },
    ]);
    expect(result.tax.amount).toBe(3_060_000);
    expect(addedTax(result.tax)).toBe(3_060_000);
  });

  it("inclusive: the taxable is the gross less the tax, and nothing is added", () => {
    const result = computeTax({
      lines: [{ amount: 12_000_000, category: "standard" }],
      rateOf: () => ({ ...NY }),
      inclusive: true,
      rounding: "document",
      reverseCharge: false,
      step: CENT,
    });
    // $12 incl. 8.875 %: 12 × 0.08875 / 1.08875 = 0.97818… → $0.98
    expect(result.tax.lines[0]).toMatchObject({ taxable: 11_020_000, amount: 980_000 });
    expect(addedTax(result.tax)).toBe(0);
  });

  it("a credit note reverses the tax in proportion, and the last one the exact rest", () => {
    const invoice = computeTax({
      lines: [{ amount: 30_000_000, category: "standard" }],
      rateOf: () => VAT,
      inclusive: false,
      rounding: "document",
      reverseCharge: false,
      step: CENT,
    });
    const inv = { subtotal: 30_000_000, tax: invoice.tax }; // $30, VAT $6.90
    const third = creditedTax(inv, 10_000_000, [], CENT);
    expect(third.lines[0]).toMatchObject({ taxable: -10_000_000, amount: -2_300_000 });
    const odd = creditedTax(inv, 3_333_333, [], CENT); // 0.7666… → 0.77
    expect(odd.amount).toBe(-770_000);
    const first = { subtotal: -3_333_333, tax: odd };
    const rest = creditedTax(inv, 26_666_667, [first], CENT);
    expect(rest.amount + odd.amount).toBe(-invoice.tax.amount);
    expect(rest.lines[0]!.taxable + odd.lines[0]!.taxable).toBe(-30_000_000);
  });
});
