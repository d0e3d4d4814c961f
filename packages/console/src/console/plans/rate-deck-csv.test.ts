import { describe, expect, it } from "vitest";
import { parseRateDeck, parseTiersText, rateDeckCsv, tiersText } from "./rate-deck-csv.js";

describe("rate decks as CSV", () => {
  it("reads a deck in major units as exact micros", () => {
    const csv = "value,unit_price,tiers,free_units\r\n+351,0.012,,\n+3519,,6000:0.03;*:0.02,100\n+44,0.015,,\n";
    expect(parseRateDeck(csv)).toEqual({
      errors: [],
      lines: [
        { value: "+351", unitPrice: 12_000 },
        {
          value: "+3519",
          tiers: [
            { upTo: 6_000, unitPrice: 30_000 },
            { upTo: null, unitPrice: 20_000 },
          ],
          freeUnits: 100,
        },
        { value: "+44", unitPrice: 15_000 },
      ],
    });
  });

  it("writes what it reads: a deck exported and imported comes back the same", () => {
    const lines = [
      { value: "gpt-4o", unitPrice: 1_500, minimum: 10, maximum: 2_000_000 },
      {
        value: "a,b",
        tiers: [
          { upTo: 10, unitPrice: 1, flatPrice: 1_000_000 },
          { upTo: null, unitPrice: 290_000 },
        ],
        tierMode: "graduated" as const,
      },
      { value: "+1", unitPrice: 7_000, packageSize: 10, ratePer: 60, increments: { first: 60, next: 6 } },
    ];
    const csv = rateDeckCsv(lines);
    expect(csv.split("\r\n")[0]).toBe("value,unit_price,tiers,tier_mode,package_size,minimum,maximum,rate_per,increments");
    // "a,b" is no valid value, so the round trip is checked on what parsing keeps apart from it.
    expect(csv).toContain('"a,b"');
    const valid = lines.filter((l) => l.value !== "a,b");
    expect(parseRateDeck(rateDeckCsv(valid))).toEqual({ lines: valid, errors: [] });
  });

  it("says what is wrong with each refused line, by its line in the file", () => {
    const csv = [
      "value,unit_price,tiers",
      "+351,abc,",
      ",0.01,",
      "+351,0.02,",
      "+44,,",
      "+45,0.1,*:0.2",
      "+46,,100:0.1",
      "+47,0.1,,extra",
    ].join("\n");
    const { lines, errors } = parseRateDeck(csv);
    expect(lines).toEqual([]);
    expect(errors).toEqual([
      'Line 2: the unit price "abc" is not an amount such as 0.0015.',
      "Line 3: the value is empty.",
      "Line 4: the value +351 is already on line 2.",
      "Line 5: it has neither a unit price nor tiers.",
      "Line 6: it has both a unit price and tiers: give one.",
      "Line 7: the last tier is * (every unit past the others).",
      "Line 8: it has 4 cells for 3 columns.",
    ]);
  });

  it("checks the header first", () => {
    expect(parseRateDeck("").errors).toEqual(["The file is empty: it needs a header row (value,unit_price,…) and a row per rate line."]);
    expect(parseRateDeck("prefix,price\n+1,0.1").errors).toEqual([
      'Line 1: unknown column "prefix", "price"; the columns are value, unit_price, tiers, tier_mode, free_units, package_size, minimum, maximum, rate_per, increments.',
      "Line 1: the header has no value column (what the attribute equals or starts with).",
      "Line 1: the header needs a unit_price or a tiers column.",
    ]);
    expect(parseRateDeck("value,unit_price\n").errors).toEqual(["The file has a header but no rate lines."]);
  });

  it("counts lines as the file does, quoted line breaks and a byte-order mark included", () => {
    const { errors } = parseRateDeck('\uFEFFvalue,unit_price\n"+1",0.1\n\n"+2\nx",0.1\n+3,x\n');
    expect(errors).toEqual([
      'Line 4: the value "+2\nx" may hold only 1–64 letters, digits and + . _ : @ / -.',
      'Line 6: the unit price "x" is not an amount such as 0.0015.',
    ]);
  });

  it("reads and writes tiers as one cell", () => {
    const tiers = [
      { upTo: 1_000, unitPrice: 2_000, flatPrice: 500_000 },
      { upTo: null, unitPrice: 1_000 },
    ];
    expect(tiersText(tiers)).toBe("1000:0.002+0.50;*:0.001");
    expect(parseTiersText("1000:0.002+0.50; *:0.001")).toEqual({ tiers });
    expect(parseTiersText("*:0.1;*:0.2")).toEqual({ error: "only the last tier is *" });
    expect(parseTiersText("ten:0.1")).toEqual({ error: '"ten:0.1" is not a tier such as 6000:0.03 or *:0.02' });
  });
});
