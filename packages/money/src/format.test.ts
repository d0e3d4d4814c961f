import { describe, expect, it } from "vitest";
import { decimalAmount, formatExactMoney, formatMicros, formatMoney, formatUnitPrice, minorDigits } from "./format.js";

const NBSP = "\u00a0"; // what Intl puts between a currency code and its amount ("BHD 1.235")
const MAX_AMOUNT = 1_000_000_000_000_000; // the largest movement the API accepts (10^9 currency units)

describe("minorDigits", () => {
  it("is Intl's own count of minor digits for the currency", () => {
    expect(["USD", "EUR", "GBP", "JPY", "KRW", "BHD", "KWD", "TND"].map(minorDigits)).toEqual([2, 2, 2, 0, 0, 3, 3, 3]);
  });
});

describe("formatMoney: a balance or a total, in minor units", () => {
  it.each([
    [421_403_841, "USD", "$421.40"],
    [500_000_000, "USD", "$500.00"],
    [0, "USD", "$0.00"],
    [5_000, "USD", "$0.01"], // half a cent rounds up
    [4_999, "USD", "$0.00"],
    [1_005_000, "USD", "$1.01"], // exact: 1.005 as a double is 1.00499…, which would round down
    [1_234_567_890, "EUR", "€1,234.57"],
    [1_500_000, "GBP", "£1.50"],
    [1_500_000, "JPY", "¥2"], // 0 minor digits: half a yen rounds up
    [1_499_999, "JPY", "¥1"],
    [123_456_000_000, "JPY", "¥123,456"],
    [1_234_500, "BHD", `BHD${NBSP}1.235`], // 3 minor digits
    [1_234_499, "BHD", `BHD${NBSP}1.234`],
    [7_000, "KWD", `KWD${NBSP}0.007`],
  ])("%d micros of %s read %s", (micros, currency, text) => {
    expect(formatMoney(micros, currency)).toBe(text);
  });

  it("rounds negatives away from zero too, and a negative that rounds to nothing reads as zero", () => {
    expect(formatMoney(-78_412_656, "USD")).toBe("-$78.41");
    expect(formatMoney(-5_000, "USD")).toBe("-$0.01");
    expect(formatMoney(-1_234, "USD")).toBe("$0.00");
    expect(formatMoney(-1_500_000, "JPY")).toBe("-¥2");
  });

  it("keeps every digit of the largest amounts (10^15 micros and sums beyond), as numbers or bigints", () => {
    expect(formatMoney(MAX_AMOUNT, "USD")).toBe("$1,000,000,000.00");
    expect(formatMoney(MAX_AMOUNT - 1, "USD")).toBe("$1,000,000,000.00");
    expect(formatMoney(MAX_AMOUNT - 5_001, "USD")).toBe("$999,999,999.99");
    expect(formatMoney(-MAX_AMOUNT, "JPY")).toBe("-¥1,000,000,000");
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "USD")).toBe("$9,007,199,254.74");
    expect(formatMoney(10n ** 21n + 1n, "USD")).toBe("$1,000,000,000,000,000.00");
  });

  it("formats the sum, so a total is not the sum of rounded figures", () => {
    const calls = [3_000, 3_000, 3_000, 3_000, 3_000]; // each reads $0.00; adding those would say $0.00
    expect(calls.map((c) => formatMoney(c, "USD"))).toEqual(Array(5).fill("$0.00"));
    expect(
      formatMoney(
        calls.reduce((a, b) => a + b, 0),
        "USD",
      ),
    ).toBe("$0.02"); // 15,000 micros: 1.5 cents
  });

  it("refuses what is not integer micros rather than guess", () => {
    expect(() => formatMoney(1.5, "USD")).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, "USD")).toThrow(RangeError);
  });

  it("follows the locale asked for", () => {
    expect(formatMoney(1_234_500_000, "EUR", "de-DE")).toBe(`1.234,50${NBSP}€`);
  });
});

describe("formatUnitPrice: as many digits as the price needs", () => {
  it.each([
    [1_500, "USD", "$0.0015"],
    [1_000, "USD", "$0.001"],
    [1, "USD", "$0.000001"],
    [1_000_000, "USD", "$1.00"],
    [12_000, "USD", "$0.012"],
    [10_000_000, "USD", "$10.00"],
    [1_500, "JPY", "¥0.0015"],
    [2_000_000, "JPY", "¥2"],
    [1_500, "BHD", `BHD${NBSP}0.0015`],
    [1_000_000, "BHD", `BHD${NBSP}1.000`],
    [-250_000, "EUR", "-€0.25"],
    [MAX_AMOUNT - 1, "USD", "$999,999,999.999999"],
  ])("%d micros of %s a unit read %s", (micros, currency, text) => {
    expect(formatUnitPrice(micros, currency)).toBe(text);
  });
});

describe("the exact forms", () => {
  it("decimalAmount writes micros in major units, six digits after the point, without floating point", () => {
    expect(decimalAmount(500_000_000)).toBe("500.000000");
    expect(decimalAmount(421_403_841)).toBe("421.403841");
    expect(decimalAmount(1)).toBe("0.000001");
    expect(decimalAmount(0)).toBe("0.000000");
    expect(decimalAmount(-1_234)).toBe("-0.001234");
    expect(decimalAmount(-78_412_656)).toBe("-78.412656");
    expect(decimalAmount(MAX_AMOUNT)).toBe("1000000000.000000");
    expect(decimalAmount(Number.MAX_SAFE_INTEGER)).toBe("9007199254.740991");
  });

  it("formatExactMoney gives a dispute every digit and the micros", () => {
    expect(formatMicros(421_403_841)).toBe("421,403,841 micros");
    expect(formatExactMoney(421_403_841, "USD")).toBe("$421.403841 (421,403,841 micros)");
    expect(formatExactMoney(-78_412_656, "USD")).toBe("-$78.412656 (-78,412,656 micros)");
    expect(formatExactMoney(1_500_000, "JPY")).toBe("¥1.5 (1,500,000 micros)");
  });
});
