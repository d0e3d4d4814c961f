import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNTS, type Chart } from "./chart.js";
import { JournalBuilder } from "./postings.js";

const chart: Chart = {
  accounts: { ...DEFAULT_ACCOUNTS },
  products: [{ productId: "sms", code: "4020", name: "SMS revenue" }],
  configured: true,
};

describe("a day's journal", () => {
  it("posts each movement to both sides, a negative amount swapped, and sums lines keeping their sources", () => {
    const day = new JournalBuilder(chart, "2026-12-06", "EUR");
    day.post("cash", "prepaid", 10_000_000, { kind: "top_up", detail: "admin", description: "Top-ups", sources: { entries: ["e1"] } });
    day.post("cash", "prepaid", 2_500_000, { kind: "top_up", detail: "admin", description: "Top-ups", sources: { entries: ["e2"] } });
    day.post("adjustments", "receivables", -300_000, {
      kind: "adjustment",
      detail: "manual",
      description: "Adjustments",
      sources: { entries: ["e3"] },
    });
    day.post("cash", "prepaid", 0, { kind: "top_up", detail: "admin", description: "Top-ups", sources: { entries: ["e4"] } });
    const journal = day.build()!;
    expect(journal.id).toBe("EUR-2026-12-06");
    expect(journal.lines.map((l) => [l.code, l.debit, l.credit, l.entries])).toEqual([
      ["1000", 12_500_000, 0, ["e1", "e2"]],
      ["2000", 0, 12_500_000, ["e1", "e2"]],
      // -0.30 given to the customer's wallet is taken from it: the wallet's side is debited.
      ["1100", 300_000, 0, ["e3"]],
      ["6800", 0, 300_000, ["e3"]],
    ]);
    expect(journal.debits).toBe(journal.credits);
  });

  it("names revenue per product: its own account, or the revenue role's with the product's id", () => {
    const day = new JournalBuilder(chart, "2026-12-06", "EUR");
    const usage = { kind: "usage" as const, description: "Usage", sources: { rollups: ["ud|product|EUR|2026-12-06"] } };
    day.add("revenue", "credit", 700, usage, "sms");
    day.add("revenue", "credit", 300, usage, "voice");
    day.add("prepaid", "debit", 1_000, usage);
    const lines = day.build()!.lines;
    expect(lines.map((l) => [l.code, l.name, l.debit, l.credit])).toEqual([
      ["2000", "Prepaid balances", 1_000, 0],
      ["4000", "Revenue: voice", 0, 300],
      ["4020", "SMS revenue", 0, 700],
    ]);
  });

  it("is nothing on a day nothing moved", () => {
    expect(new JournalBuilder(chart, "2026-12-06", "EUR").build()).toBeUndefined();
  });
});
