import { describe, expect, it } from "vitest";
import { bucketStart, hourStart, localDate, nextBucketStart, offsetMinutes, ReportingClock, zonedInstant } from "./clock.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("calendar arithmetic in time zones", () => {
  it("offsets, including summer time and half- and quarter-hour zones", () => {
    expect(offsetMinutes("UTC", at("2026-06-01T00:00:00Z"))).toBe(0);
    expect(offsetMinutes("America/New_York", at("2026-03-08T06:59:00Z"))).toBe(-300);
    expect(offsetMinutes("America/New_York", at("2026-03-08T07:00:00Z"))).toBe(-240);
    expect(offsetMinutes("Asia/Kolkata", at("2026-01-01T00:00:00Z"))).toBe(330);
    expect(offsetMinutes("Asia/Kathmandu", at("2026-01-01T00:00:00Z"))).toBe(345);
    // Adelaide leaves summer time at 03:00 local = 16:30 UTC: the offset changes in the middle of a UTC hour.
    expect(offsetMinutes("Australia/Adelaide", at("2026-04-04T16:29:00Z"))).toBe(630);
    expect(offsetMinutes("Australia/Adelaide", at("2026-04-04T16:31:00Z"))).toBe(570);
  });

  it("hours start where the zone's clock shows :00", () => {
    expect(iso(hourStart("UTC", at("2026-03-06T12:34:56.789Z")))).toBe("2026-03-06T12:00:00.000Z");
    expect(iso(hourStart("Asia/Kolkata", at("2026-03-06T12:34:56Z")))).toBe("2026-03-06T12:30:00.000Z");
    expect(iso(hourStart("Asia/Kolkata", at("2026-03-06T12:29:00Z")))).toBe("2026-03-06T11:30:00.000Z");
    expect(iso(hourStart("Asia/Kathmandu", at("2026-03-06T12:20:00Z")))).toBe("2026-03-06T12:15:00.000Z");
  });

  it("days and months, across a change to summer time (a 23-hour day)", () => {
    const ny = "America/New_York";
    const day = bucketStart(ny, "day", at("2026-03-08T12:00:00Z"));
    expect(iso(day)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(nextBucketStart(ny, "day", day))).toBe("2026-03-09T04:00:00.000Z");
    expect(iso(bucketStart(ny, "month", at("2026-03-01T03:00:00Z")))).toBe("2026-02-01T05:00:00.000Z");
    expect(iso(nextBucketStart(ny, "month", at("2026-12-15T00:00:00Z")))).toBe("2027-01-01T05:00:00.000Z");
    expect(localDate("Asia/Tokyo", at("2026-03-06T15:00:00Z"))).toBe("2026-03-07");
    expect(iso(zonedInstant("Asia/Tokyo", 2026, 3, 7))).toBe("2026-03-06T15:00:00.000Z");
  });

  it("the reporting clock names each hour's day and month in its zone", () => {
    const clock = new ReportingClock("Asia/Tokyo");
    const hour = clock.hourOf(at("2026-03-31T15:10:00Z"));
    expect(iso(hour)).toBe("2026-03-31T15:00:00.000Z");
    expect(clock.dayOf(hour)).toBe("2026-04-01");
    expect(clock.monthOf(hour)).toBe("2026-04");
    expect(clock.onHour(hour)).toBe(true);
    expect(clock.onHour(hour + 60_000)).toBe(false);
    expect(() => new ReportingClock("Mars/Olympus")).toThrow();
  });
});
