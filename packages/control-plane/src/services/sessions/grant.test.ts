import { describe, expect, it } from "vitest";
import { mostCovered } from "./grant.js";

describe("mostCovered: the most units a wallet covers", () => {
  it("is the largest count, up to the request, whose price is within the money (non-decreasing prices)", () => {
    // A small deterministic generator: 2,000 prices made of random non-negative steps, against every budget.
    let seed = 42;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % (max + 1);
    };
    for (let round = 0; round < 2_000; round++) {
      const requested = 1 + next(120);
      const prices: number[] = [];
      for (let n = 0; n < requested; n++) prices.push((prices[n - 1] ?? 0) + (next(3) === 0 ? 0 : next(1_000)));
      const priceOf = (n: number) => prices[n - 1]!;
      const available = next(prices[requested - 1]! + 100) - 10;
      let expected = 0;
      for (let n = 1; n <= requested; n++) if (priceOf(n) <= available) expected = n;
      expect(mostCovered(requested, available, priceOf)).toBe(expected);
    }
  });

  it("grants nothing when not one unit is covered, and everything asked when all is", () => {
    expect(mostCovered(60, 999, (n) => n * 1_000)).toBe(0);
    expect(mostCovered(60, 60_000, (n) => n * 1_000)).toBe(60);
    expect(mostCovered(60, 30_500, (n) => n * 1_000)).toBe(30);
    expect(mostCovered(60, -1, () => 0)).toBe(0);
  });
});
