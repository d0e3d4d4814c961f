import { describe, expect, it } from "vitest";
import { parseAmount, parsePrice, plainAmount } from "./money.js";

describe("parsePrice", () => {
  it("reads major units exactly as integer micros, up to the micro", () => {
    expect(parsePrice("0.0015")).toBe(1_500);
    expect(parsePrice("0.000001")).toBe(1);
    expect(parsePrice("12")).toBe(12_000_000);
    expect(parsePrice(" 12.5 ")).toBe(12_500_000);
    expect(parsePrice(".5")).toBe(500_000);
    expect(parsePrice("0")).toBe(0);
    expect(parsePrice("1000000")).toBe(1_000_000_000_000);
    // Where a float would not be exact (0.29 × 10^6 is 289,999.99…).
    expect(parsePrice("0.29")).toBe(290_000);
    expect(parsePrice("1.000007")).toBe(1_000_007);
  });

  it("refuses what is not an amount, or is finer than a micro", () => {
    for (const text of ["", " ", ".", "abc", "-1", "1e3", "0.0000001", "1,5", "1.2.3", "12345678", "$1"])
      expect(parsePrice(text), text).toBeUndefined();
  });

  it("reads back what plainAmount writes", () => {
    for (const micros of [0, 1, 1_500, 12_000, 290_000, 1_000_000, 12_340_000, 999_999_999_999])
      expect(parsePrice(plainAmount(micros))).toBe(micros);
  });

  it("leaves parseAmount to whole minor units", () => {
    expect(parseAmount("12.50")).toBe(12_500_000);
    expect(parseAmount("0.0015")).toBeUndefined();
  });
});
