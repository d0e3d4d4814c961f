import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyPercent,
  billable,
  graduatedTotal,
  incremented,
  mostItCosts,
  rateCall,
  rateUnits,
  timeOfUsePercent,
  type Price,
  type Tier,
} from "./rating.js";

/** Ascending tiers ending open: the shape the control plane accepts. */
const tiersArb = (flat: boolean): fc.Arbitrary<Tier[]> =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 5_000 }), { minLength: 0, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 5, maxLength: 5 }),
      fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 5, maxLength: 5 }),
    )
    .map(([edges, unit, fees]) => {
      const sorted = [...edges].sort((a, b) => a - b);
      return [...sorted, null].map((upTo, i) => ({ upTo, unitPrice: unit[i]!, flatPrice: flat ? fees[i]! : 0 }));
    });

const priceArb = (mode: "graduated" | "volume", extras = true): fc.Arbitrary<Price> =>
  fc.record({
    metric: fc.constant("units" as const),
    tierMode: fc.constant(mode),
    tiers: tiersArb(mode === "graduated"),
    packageSize: extras ? fc.integer({ min: 1, max: 1_000 }) : fc.constant(1),
    freeUnits: extras ? fc.integer({ min: 0, max: 2_000 }) : fc.constant(0),
    period: fc.constant("month" as const),
    minimum: fc.constant(0),
    timeOfUse: fc.constant([]),
  });

const perThousand: Price = {
  metric: "units",
  tierMode: "graduated",
  tiers: [],
  packageSize: 1,
  freeUnits: 0,
  period: "month",
  minimum: 0,
  timeOfUse: [],
  ratePer: 1_000,
};

const usage = fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 30 });

describe("rating maths", () => {
  it("graduated, package and allowance prices never leak: the calls of a period add up to the price of its total", () => {
    fc.assert(
      fc.property(priceArb("graduated"), usage, (price, calls) => {
        let total = 0;
        let charged = 0;
        for (const units of calls) {
          charged += rateCall(price, total, units);
          total += units;
        }
        expect(charged).toBe(graduatedTotal(price.tiers, billable(price, total)));
      }),
    );
  });

  it("more units never cost less (graduated, package, allowance, time of use, minimum and maximum)", () => {
    fc.assert(
      fc.property(
        priceArb("graduated"),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
        (price, before, units, percent, minimum, maximum) => {
          const p = { ...price, minimum, ...(maximum === undefined ? {} : { maximum }) };
          expect(rateCall(p, before, units + 1, percent)).toBeGreaterThanOrEqual(rateCall(p, before, units, percent));
          expect(rateCall(p, before, units, percent)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("no call costs more than mostItCosts() says, whatever the period's total, the time of use and the call's earlier pieces", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("graduated" as const, "volume" as const).chain((mode) => priceArb(mode)),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
        fc.record({ first: fc.integer({ min: 0, max: 120 }), next: fc.integer({ min: 1, max: 60 }) }),
        fc.constantFrom(1, 6, 60, 1_000),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })),
        (price, before, units, percent, minimum, maximum, increments, ratePer, done) => {
          const p: Price = {
            ...price,
            minimum,
            increments,
            ratePer,
            timeOfUse: [{ days: [1], from: 0, to: 60, percent }],
            ...(maximum === undefined ? {} : { maximum }),
          };
          expect(rateCall(p, before, units, percent, done)).toBeLessThanOrEqual(mostItCosts(p, units));
          expect(rateCall(p, before, units, 100, done)).toBeLessThanOrEqual(mostItCosts(p, units));
        },
      ),
    );
  });

  it("mostItCosts() of one tier is a price some charge pays: the bound is exact, so no chargeable units are refused", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("graduated" as const, "volume" as const),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.record({ first: fc.integer({ min: 0, max: 120 }), next: fc.integer({ min: 1, max: 60 }) }),
        fc.constantFrom(1, 6, 60, 1_000),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 5_000 }),
        (tierMode, unitPrice, flatPrice, packageSize, freeUnits, increments, ratePer, percent, units) => {
          const p: Price = {
            metric: "units",
            tierMode,
            tiers: [{ upTo: null, unitPrice, flatPrice: tierMode === "graduated" ? flatPrice : 0 }],
            packageSize,
            freeUnits,
            period: "month",
            minimum: 0,
            timeOfUse: [{ days: [1], from: 0, to: 60, percent }],
            increments,
            ratePer,
          };
          // The dearest charge: the allowance just used up, a package boundary, and the piece of a call that
          // adds the most increments (its first, or one starting at a whole `next` past `first`).
          const whole = Math.ceil(units / increments.next) * increments.next;
          const done = incremented(increments, units) >= whole ? 0 : increments.first;
          expect(rateCall(p, freeUnits, units, Math.max(100, percent), done)).toBe(mostItCosts(p, units));
        },
      ),
    );
  });

  it("mostItCosts() of a flat price is its price exactly, with the minimum and maximum applied as a charge applies them", () => {
    const flat: Price = { ...perThousand, tiers: [{ upTo: null, unitPrice: 10_000_000, flatPrice: 0 }], ratePer: 1 };
    expect(mostItCosts(flat, 100_000_000)).toBe(1e15);
    expect(mostItCosts(flat, 100_000_001)).toBe(1e15 + 10_000_000);
    expect(mostItCosts({ ...flat, timeOfUse: [{ days: [1], from: 0, to: 60, percent: 150 }] }, 3)).toBe(45_000_000);
    expect(mostItCosts({ ...flat, minimum: 50_000_000 }, 3)).toBe(50_000_000);
    expect(mostItCosts({ ...flat, maximum: 20_000_000 }, 3)).toBe(20_000_000);
    expect(mostItCosts({ ...flat, minimum: 5, maximum: 20_000_000 }, 0)).toBe(5);
    for (const units of [0, 1, 7, 100_000_000]) expect(mostItCosts(flat, units)).toBe(rateCall(flat, 0, units));
  });

  it("a session's later piece can add more increments than the call's first charge rounds to, and mostItCosts() covers it", () => {
    const p: Price = {
      ...perThousand,
      tiers: [{ upTo: null, unitPrice: 1_000, flatPrice: 0 }],
      ratePer: 1,
      increments: { first: 5, next: 10 },
    };
    // 3 units after 4: from 4 (the first 5) to 7, a whole next of 10.
    expect(rateCall(p, 0, 3, 100, 4)).toBe(10_000);
    expect(mostItCosts(p, 3)).toBe(10_000);
  });

  it("billing increments: a call is rated as its first increment, then whole next increments (60/6)", () => {
    const sixty6 = { first: 60, next: 6 };
    expect([0, 1, 59, 60, 61, 66, 67, 125].map((u) => incremented(sixty6, u))).toEqual([0, 60, 60, 60, 66, 66, 72, 126]);
    expect([0, 1, 7].map((u) => incremented(undefined, u))).toEqual([0, 1, 7]);
    expect([1, 6, 7].map((u) => incremented({ first: 0, next: 6 }, u))).toEqual([6, 6, 12]);
  });

  it("a call reported in pieces (a session) adds up to the rounding and the price of the whole call", () => {
    fc.assert(
      fc.property(
        priceArb("graduated"),
        fc.record({ first: fc.integer({ min: 0, max: 120 }), next: fc.integer({ min: 1, max: 60 }) }),
        fc.constantFrom(1, 6, 60, 1_000),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 }),
        (base, increments, ratePer, before, pieces) => {
          const price = { ...base, increments, ratePer };
          let done = 0;
          let added = 0;
          let charged = 0;
          for (const units of pieces) {
            const r = rateUnits(price, before + added, units, 100, done);
            charged += r.amount;
            added += r.added;
            done += units;
          }
          expect(added).toBe(incremented(increments, done));
          expect(charged).toBe(rateCall(price, before, done));
        },
      ),
    );
  });

  it("a price per N units rounds the period's running total, so the calls of a period add up to its total's price", () => {
    fc.assert(
      fc.property(priceArb("graduated"), fc.constantFrom(6, 60, 1_000), usage, (base, ratePer, calls) => {
        const price = { ...base, ratePer };
        let total = 0;
        let charged = 0;
        for (const units of calls) {
          charged += rateCall(price, total, units);
          total += units;
        }
        expect(charged).toBe(Math.ceil(graduatedTotal(price.tiers, billable(price, total)) / ratePer));
      }),
    );
    // 1,500 tokens at 2,000 micros per thousand: 3,000 micros, however they were split.
    const perK: Price = { ...perThousand, tiers: [{ upTo: null, unitPrice: 2_000, flatPrice: 0 }] };
    expect(rateCall(perK, 0, 700) + rateCall(perK, 700, 800)).toBe(3_000);
  });

  it("volume prices charge each call's units at the rate of the tier its period total reaches", () => {
    fc.assert(
      fc.property(
        priceArb("volume", false),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (price, before, units) => {
          const after = before + units;
          const tier = price.tiers.find((t) => t.upTo === null || after <= t.upTo)!;
          expect(rateCall(price, before, units)).toBe(units * tier.unitPrice);
        },
      ),
    );
  });

  it("tier edges are exact: the edge unit belongs to the lower tier, the next to the higher", () => {
    const price: Price = {
      metric: "calls",
      tierMode: "graduated",
      tiers: [
        { upTo: 100, unitPrice: 10, flatPrice: 0 },
        { upTo: 1_000, unitPrice: 7, flatPrice: 500 },
        { upTo: null, unitPrice: 1, flatPrice: 0 },
      ],
      packageSize: 1,
      freeUnits: 0,
      period: "month",
      minimum: 0,
      timeOfUse: [],
    };
    expect(rateCall(price, 99, 1)).toBe(10);
    expect(rateCall(price, 100, 1)).toBe(7 + 500);
    expect(rateCall(price, 101, 1)).toBe(7);
    expect(rateCall(price, 999, 1)).toBe(7);
    expect(rateCall(price, 1_000, 1)).toBe(1);
    expect(rateCall(price, 98, 4)).toBe(2 * 10 + 500 + 2 * 7);
    expect(rateCall({ ...price, tierMode: "volume", tiers: price.tiers.map((t) => ({ ...t, flatPrice: 0 })) }, 98, 4)).toBe(4 * 7);
  });

  it("packages are whole blocks of the period's total, after the free allowance", () => {
    const price: Price = {
      metric: "units",
      tierMode: "graduated",
      tiers: [{ upTo: null, unitPrice: 1_000, flatPrice: 0 }],
      packageSize: 100,
      freeUnits: 50,
      period: "month",
      minimum: 0,
      timeOfUse: [],
    };
    expect(rateCall(price, 0, 50)).toBe(0); // all free
    expect(rateCall(price, 50, 1)).toBe(1_000); // opens the first package
    expect(rateCall(price, 51, 99)).toBe(0); // fills it
    expect(rateCall(price, 150, 1)).toBe(1_000); // opens the second
  });

  it("rounds half up, once, and only for a time-of-use percent", () => {
    expect(applyPercent(5, 150)).toBe(8); // 7.5 → 8
    expect(applyPercent(5, 130)).toBe(7); // 6.5 → 7
    expect(applyPercent(5, 110)).toBe(6); // 5.5 → 6
    expect(applyPercent(5, 90)).toBe(5); // 4.5 → 5
    expect(applyPercent(5, 70)).toBe(4); // 3.5 → 4
    expect(applyPercent(7, 100)).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1_000 }), (amount, percent) => {
        const exact = (amount * percent) / 100;
        expect(Math.abs(applyPercent(amount, percent) - exact)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("finds the time-of-use window by local weekday and minute, [from, to)", () => {
    const windows = [{ days: [1, 2, 3, 4, 5], from: 9 * 60, to: 17 * 60, percent: 150 }];
    expect(timeOfUsePercent(windows, 1, 9 * 60)).toBe(150);
    expect(timeOfUsePercent(windows, 5, 17 * 60 - 1)).toBe(150);
    expect(timeOfUsePercent(windows, 5, 17 * 60)).toBe(100);
    expect(timeOfUsePercent(windows, 0, 12 * 60)).toBe(100);
  });
});
