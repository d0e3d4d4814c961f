import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: number[];
}

export type Bucket = "hour" | "day" | "month";

/** What a chart's time axis spans and how its points are cut: a report's range. */
export interface ChartRange {
  from: string;
  to: string;
  timeZone: string;
  bucket: Bucket;
}

const COLORS = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f"];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A time chart (uPlot): one line per series over shared bucket starts, its axis in the range's time zone and
 * labelled by what its ticks step by (hours with the hour, days with the day, months with the month). The
 * figures are also given as a table for screen readers (the canvas itself is hidden from them); the axis's
 * labels are kept on the plot (`data-x-labels`) for tests to read what a person sees.
 */
export function TimeChart(props: { title: string; times: number[]; series: Series[]; format: (v: number) => string; range?: ChartRange }) {
  const box = useRef<HTMLDivElement>(null);
  const timeZone = props.range?.timeZone ?? "UTC";
  const bucket = props.range?.bucket ?? "day";
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const width = Math.max(240, el.clientWidth);
    const [min, max] = spanOf(props.times, props.range);
    const plot = new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        // uPlot's own range for one point spans a thousand days (it pads seconds as if milliseconds): the span
        // is the report's range, or the points' own, never uPlot's guess.
        scales: { x: { time: true, range: () => [min / 1000, max / 1000] } },
        tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), timeZone),
        series: [
          {},
          ...props.series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length]!,
            width: 2,
            points: { show: props.times.length <= 62 },
            value: (_u: uPlot, v: number | null) => (v === null ? "" : props.format(v)),
          })),
        ],
        axes: [
          {
            space: 70,
            values: (_u: uPlot, ticks: number[], _axis: number, _space: number, step: number) => {
              const labels = axisLabels(ticks, step, timeZone);
              el.dataset.xLabels = JSON.stringify(labels);
              return labels;
            },
          },
          { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => props.format(t)), size: 80 },
        ],
      },
      [props.times.map((t) => t / 1000), ...props.series.map((s) => s.values)],
      el,
    );
    // Follow the page's width (a phone turned, a window resized).
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props, timeZone]);
  const label = bucketLabel(bucket, timeZone);
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={box} aria-hidden="true" className="plot" data-testid="chart-plot" />
      <ul className="legend" aria-hidden="true">
        {props.series.map((s, i) => (
          <li key={s.label}>
            <span className="swatch" data-color={i % COLORS.length} />
            {s.label}
          </li>
        ))}
      </ul>
      {/* Hidden in a box: a table keeps its content's width whatever its own, and would widen a phone's page. */}
      <div className="sr-only">
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === "hour" ? "Hour" : bucket === "month" ? "Month" : "Day"}</th>
              {props.series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.times.map((t, i) => (
              <tr key={t}>
                <th scope="row">{label(t)}</th>
                {props.series.map((s) => (
                  <td key={s.label}>{props.format(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The x span in ms: the range asked for (widened to a first bucket that starts before it), else the points' own, half a day either side of a lone one. */
function spanOf(times: number[], range: ChartRange | undefined): [number, number] {
  const first = times[0];
  const last = times[times.length - 1];
  if (range !== undefined) return [Math.min(Date.parse(range.from), first ?? Infinity), Date.parse(range.to)];
  if (first === undefined || last === undefined) return [Date.now() - DAY, Date.now()];
  return first === last ? [first - DAY / 2, last + DAY / 2] : [first, last];
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone and shape (they are costly to make); en-GB: "14 Dec 2026", "13:00". */
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (f === undefined) formats.set(key, (f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options })));
  return f;
}

const hourOf = (tz: string) => format(tz, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayOf = (tz: string) => format(tz, { day: "numeric", month: "short" });
const dayAndYearOf = (tz: string) => format(tz, { day: "numeric", month: "short", year: "numeric" });
const monthOf = (tz: string) => format(tz, { month: "short", year: "numeric" });

/**
 * The time axis's labels for ticks `step` seconds apart: hours as "13:00" (with the date under the first, the
 * day under each midnight), days as "14 Dec" (with the year on the first and on each new year), months as "Dec
 * 2026". Ticks are in seconds.
 */
export function axisLabels(ticks: number[], step: number, timeZone: string): string[] {
  let previous = "";
  return ticks.map((t, i) => {
    const at = new Date(t * 1000);
    if (step < 86_400) {
      const day = dayAndYearOf(timeZone).format(at);
      const label = hourOf(timeZone).format(at);
      const withDay = i === 0 ? `${label}\n${day}` : day !== previous ? `${label}\n${dayOf(timeZone).format(at)}` : label;
      previous = day;
      return withDay;
    }
    if (step < 28 * 86_400) {
      const year = at.toLocaleString("en-GB", { timeZone, year: "numeric" });
      const label = i === 0 || year !== previous ? dayAndYearOf(timeZone).format(at) : dayOf(timeZone).format(at);
      previous = year;
      return label;
    }
    return monthOf(timeZone).format(at);
  });
}

/** A bucket's start as a person reads it, in the report's zone: "14 Dec 2026, 13:00", "14 Dec 2026", "Dec 2026". */
export function bucketLabel(bucket: Bucket, timeZone: string): (ms: number) => string {
  if (bucket === "month") return (ms) => monthOf(timeZone).format(ms);
  if (bucket === "day") return (ms) => dayAndYearOf(timeZone).format(ms);
  return (ms) => `${dayAndYearOf(timeZone).format(ms)}, ${hourOf(timeZone).format(ms)}`;
}

/** The starts of fixed-length buckets (hours, UTC days) from `from` to `to`, for a chart without gaps. */
export function bucketTimes(from: string, to: string, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) out.push(t);
  return out;
}

/** The UTC days a range touches, as day-bucket starts (a range ending on the hour starts mid-day). */
export function dayStarts(from: string, to: string): number[] {
  return [...new Set(bucketTimes(from, to, 86_400_000).map((t) => Math.floor(t / 86_400_000) * 86_400_000))];
}

/**
 * Every bucket start of a report's range, in its zone, as the API cuts them: each hour; each local day or
 * month, the first one starting at or before `from`. Found on the hours (the API's edges are on them): a
 * bucket starts at the first hour whose local day or month differs from the hour before.
 */
export function bucketStarts(range: ChartRange): number[] {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (range.bucket === "hour") return bucketTimes(range.from, range.to, HOUR);
  const partOf = range.bucket === "day" ? dayAndYearOf(range.timeZone) : monthOf(range.timeZone);
  const part = (ms: number) => partOf.format(ms);
  let first = from;
  while (part(first - HOUR) === part(from) && from - first < 32 * DAY) first -= HOUR;
  const out = [first];
  // A day lasts at least 23 hours, a month 28 days: the next edge is looked for past that.
  const skip = range.bucket === "day" ? 22 * HOUR : 27 * DAY;
  for (let t = first + skip; t < to; t += HOUR) {
    if (part(t) !== part(t - HOUR)) {
      out.push(t);
      t += skip - HOUR;
    }
  }
  return out;
}

/** A usage report as a chart: a series per group, called by its name, over every bucket of the range (empty ones as zeros). */
export function reportChart<T extends { bucketStart: string; group: string | null; name?: string | null }>(
  report: { range: ChartRange; rows: T[] },
  figure: (row: T) => number,
): { times: number[]; series: Series[]; range: ChartRange } {
  return { ...seriesOf(report.rows, figure, bucketStarts(report.range)), range: report.range };
}

/** Report rows (bucket, group, figure) as chart series, one per group, labelled with its name; empty buckets as zeros. */
export function seriesOf<T extends { bucketStart: string; group: string | null; name?: string | null }>(
  rows: T[],
  figure: (row: T) => number,
  allTimes: number[] = [],
) {
  const times = [...new Set([...allTimes, ...rows.map((r) => Date.parse(r.bucketStart))])].sort((a, b) => a - b);
  const at = new Map(times.map((t, i) => [t, i]));
  const groups = new Map<string, { name: string; values: number[] }>();
  for (const row of rows) {
    const id = row.group ?? "total";
    let group = groups.get(id);
    if (group === undefined) groups.set(id, (group = { name: row.name ?? id, values: times.map(() => 0) }));
    group.values[at.get(Date.parse(row.bucketStart))!]! += figure(row);
  }
  return { times, series: labelled(groups) };
}

/** Each group's name as its label; two groups of one name (two keys called "production") told apart by their ids. */
function labelled(groups: Map<string, { name: string; values: number[] }>): Series[] {
  const count = new Map<string, number>();
  for (const { name } of groups.values()) count.set(name, (count.get(name) ?? 0) + 1);
  return [...groups].map(([id, { name, values }]) => ({ label: count.get(name)! > 1 && name !== id ? `${name} (${id})` : name, values }));
}
