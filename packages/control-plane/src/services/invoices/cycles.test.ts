import { describe, expect, it } from "vitest";
import { cycleFrom, lastEndedPeriod, periodContaining } from "./cycles.js";

const at = (iso: string) => new Date(iso);
const span = (p: { key: string; from: Date; to: Date }) => [p.key, p.from.toISOString().slice(0, 10), p.to.toISOString().slice(0, 10)];

describe("billing cycles", () => {
  it("calendar months", () => {
    expect(span(periodContaining({ interval: "month", anchorDay: 1 }, at("2026-11-22T10:00:00Z")))).toEqual([
      "2026-11-01",
      "2026-11-01",
      "2026-12-01",
    ]);
    expect(span(lastEndedPeriod({ interval: "month", anchorDay: 1 }, at("2026-01-01T00:00:00Z")))).toEqual([
      "2025-12-01",
      "2025-12-01",
      "2026-01-01",
    ]);
  });

  it("months from an anchor day, across the year's end", () => {
    const cycle = { interval: "month" as const, anchorDay: 15 };
    expect(span(periodContaining(cycle, at("2026-11-22T00:00:00Z")))).toEqual(["2026-11-15", "2026-11-15", "2026-12-15"]);
    expect(span(periodContaining(cycle, at("2026-11-14T23:59:59Z")))).toEqual(["2026-10-15", "2026-10-15", "2026-11-15"]);
    expect(span(periodContaining(cycle, at("2027-01-03T00:00:00Z")))).toEqual(["2026-12-15", "2026-12-15", "2027-01-15"]);
    expect(span(lastEndedPeriod(cycle, at("2026-11-15T00:00:00Z")))).toEqual(["2026-10-15", "2026-10-15", "2026-11-15"]);
  });

  it("weeks from an anchor weekday", () => {
    const mondays = { interval: "week" as const, anchorDay: 1 };
    expect(span(periodContaining(mondays, at("2026-11-22T12:00:00Z")))).toEqual(["2026-11-16", "2026-11-16", "2026-11-23"]); // a Sunday
    expect(span(periodContaining(mondays, at("2026-11-23T00:00:00Z")))).toEqual(["2026-11-23", "2026-11-23", "2026-11-30"]);
    const fridays = { interval: "week" as const, anchorDay: 5 };
    expect(span(lastEndedPeriod(fridays, at("2026-11-22T12:00:00Z")))).toEqual(["2026-11-13", "2026-11-13", "2026-11-20"]);
  });

  it("years from an anchor date, and cycles anchored on the day a subscription starts", () => {
    const aprils = { interval: "year" as const, anchorDay: 10, anchorMonth: 4 };
    expect(span(periodContaining(aprils, at("2026-11-22T00:00:00Z")))).toEqual(["2026-04-10", "2026-04-10", "2027-04-10"]);
    expect(span(periodContaining(aprils, at("2026-04-09T23:59:59Z")))).toEqual(["2025-04-10", "2025-04-10", "2026-04-10"]);
    expect(cycleFrom("year", at("2028-02-29T15:00:00Z"))).toEqual({ interval: "year", anchorDay: 28, anchorMonth: 2 });
    expect(cycleFrom("month", at("2026-11-30T15:00:00Z"))).toEqual({ interval: "month", anchorDay: 28 });
    expect(cycleFrom("week", at("2026-11-22T15:00:00Z"))).toEqual({ interval: "week", anchorDay: 7 });
    expect(span(periodContaining(cycleFrom("month", at("2026-11-30T15:00:00Z")), at("2026-11-30T15:00:00Z")))).toEqual([
      "2026-11-28",
      "2026-11-28",
      "2026-12-28",
    ]);
  });
});
