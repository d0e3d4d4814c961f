/**
 * The local calendar of a plan's time zone: billing periods and time-of-use windows are read there.
 * Intl formatting is slow next to a charge, so each zone's reading is kept for the minute it holds.
 */
export interface LocalTime {
  /** `2026-11-22` */
  day: string;
  /** `2026-11` */
  month: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes since local midnight */
  minute: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, { minute: number; value: LocalTime }>();

export function localTime(timeZone: string, ms: number): LocalTime {
  const minuteOfEpoch = Math.floor(ms / 60_000);
  const hit = cache.get(timeZone);
  if (hit !== undefined && hit.minute === minuteOfEpoch) return hit.value;
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  const value: LocalTime = {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    month: `${parts.year}-${parts.month}`,
    weekday: WEEKDAYS[parts.weekday ?? "Sun"] ?? 0,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
  cache.set(timeZone, { minute: minuteOfEpoch, value });
  return value;
}

export function periodKey(t: LocalTime, period: "day" | "month"): string {
  return period === "day" ? t.day : t.month;
}
