/**
 * Calendar arithmetic in named time zones (IANA), on epoch milliseconds. Rollups are kept on the
 * **reporting clock**: hours and days of one zone (REPORT_TIME_ZONE, UTC by default). A report in any zone is
 * exact when its bucket edges fall on rollup hours (every whole-hour zone does when the reporting zone is
 * whole-hour), and fastest in the reporting zone itself, whose days and months are rolled up whole.
 */

export const HOUR = 3_600_000;
const MINUTE = 60_000;
export type Bucket = "hour" | "day" | "month";

interface LocalTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

// Every offset in use is a multiple of 15 minutes and changes at a local whole hour, so at a quarter hour of
// UTC: the offset is constant within a UTC quarter hour, which is what the cache is keyed by.
const QUARTER = 15 * MINUTE;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC at `ms`, in minutes (east positive). */
export function offsetMinutes(zone: string, ms: number): number {
  const key = `${zone}\u0000${Math.floor(ms / QUARTER)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const t = localTime(zone, ms);
  const offset = Math.round((Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - floorTo(ms, MINUTE)) / MINUTE);
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

function localTime(zone: string, ms: number): LocalTime {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

/** The instant a local wall-clock time happens in `zone` (the later one after a gap, the first in an overlap). */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  let guess = wall - offsetMinutes(zone, wall) * MINUTE;
  guess = wall - offsetMinutes(zone, guess) * MINUTE;
  return guess;
}

/** Start of the local hour holding `ms`. */
export function hourStart(zone: string, ms: number): number {
  const minutesIntoHour = (((new Date(ms).getUTCMinutes() + offsetMinutes(zone, ms)) % 60) + 60) % 60;
  return floorTo(ms, MINUTE) - minutesIntoHour * MINUTE;
}

/** The local date (`YYYY-MM-DD`) of `ms` in `zone`. */
export function localDate(zone: string, ms: number): string {
  const t = localTime(zone, ms);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** Start of the bucket (local hour, day or month in `zone`) holding `ms`. */
export function bucketStart(zone: string, bucket: Bucket, ms: number): number {
  if (bucket === "hour") return hourStart(zone, ms);
  const t = localTime(zone, ms);
  return zonedInstant(zone, t.year, t.month, bucket === "day" ? t.day : 1);
}

/** Start of the bucket after the one holding `ms`. */
export function nextBucketStart(zone: string, bucket: Bucket, ms: number): number {
  if (bucket === "hour") return hourStart(zone, ms) + HOUR;
  const t = localTime(zone, ms);
  if (bucket === "day") {
    const next = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
    return zonedInstant(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  }
  const next = new Date(Date.UTC(t.year, t.month, 1));
  return zonedInstant(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The rollups' clock: the reporting zone's hours, days (`YYYY-MM-DD`) and months (`YYYY-MM`), cached per
 * hour (the booking path asks for the same few hours again and again).
 */
export class ReportingClock {
  private readonly days = new Map<number, string>();

  constructor(readonly timeZone: string) {
    if (!isTimeZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
  }

  hourOf(ms: number): number {
    return hourStart(this.timeZone, ms);
  }

  /** The reporting day of a rollup hour. */
  dayOf(hour: number): string {
    let day = this.days.get(hour);
    if (day === undefined) {
      day = localDate(this.timeZone, hour);
      if (this.days.size > 100_000) this.days.clear();
      this.days.set(hour, day);
    }
    return day;
  }

  monthOf(hour: number): string {
    return this.dayOf(hour).slice(0, 7);
  }

  /** True when `ms` is the start of a rollup hour. */
  onHour(ms: number): boolean {
    return this.hourOf(ms) === ms;
  }
}
