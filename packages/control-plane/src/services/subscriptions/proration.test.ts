import { describe, expect, it } from "vitest";
import { periodAmount, prorate } from "./proration.js";

const november = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };

describe("proration", () => {
  it("charges the remaining fraction of the period, in whole seconds, truncated", () => {
    // 2 seats more at 10 USD a seat, with 12 days 6 hours 30 seconds left of 30 days.
    const at = new Date("2026-11-18T17:59:30Z");
    const r = prorate(49_000_000 + 3 * 10_000_000, 49_000_000 + 5 * 10_000_000, november, at);
    expect(r.remainingSeconds).toBe(12 * 86_400 + 6 * 3600 + 30);
    expect(r.periodSeconds).toBe(30 * 86_400);
    // 20,000,000 × 1,058,430 / 2,592,000 = 8,166,898.148… → 8,166,898
    expect(r.amount).toBe(8_166_898);
  });

  it("credits a downgrade, truncated toward zero as well", () => {
    const r = prorate(59_000_000, 49_000_000, november, new Date("2026-11-18T17:59:30Z"));
    expect(r.amount).toBe(-4_083_449); // −4,083,449.07…
  });

  it("moves nothing at the period's end and the whole difference at its start; a fraction of a second left counts as none", () => {
    expect(prorate(0, 1_000, november, november.to).amount).toBe(0);
    expect(prorate(0, 1_000, november, new Date(november.to.getTime() - 999)).amount).toBe(0);
    expect(prorate(0, 1_000, november, november.from).amount).toBe(1_000);
  });

  it("stays exact past 2^53 (a large yearly amount)", () => {
    const year = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };
    const r = prorate(0, 9_000_000_000_000, year, new Date("2026-07-02T12:00:00Z"));
    expect(r.amount).toBe(Number((9_000_000_000_000n * BigInt(r.remainingSeconds)) / 31_536_000n));
  });

  it("prices a period as fee plus seats × seat price", () => {
    expect(periodAmount({ interval: "month", fee: 49_000_000, seatPrice: 10_000_000, graceHours: 72 }, 3)).toBe(79_000_000);
    expect(periodAmount(undefined, 3)).toBe(0);
  });
});
