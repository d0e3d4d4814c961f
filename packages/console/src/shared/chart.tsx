import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: number[];
}

const COLORS = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f"];

/**
 * A time chart (uPlot): one line per series over shared bucket starts. The figures are also given as a table
 * for screen readers (the canvas itself is hidden from them).
 */
export function TimeChart(props: { title: string; times: number[]; series: Series[]; format: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const width = Math.max(240, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        // One bucket alone has no span of its own: show it with half a day on each side, not across years.
        scales: {
          x: { time: true, range: (_u: uPlot, min: number, max: number) => (min === max ? [min - 43_200, max + 43_200] : [min, max]) },
        },
        series: [
          {},
          ...props.series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length]!,
            width: 2,
            value: (_u: uPlot, v: number | null) => (v === null ? "" : props.format(v)),
          })),
        ],
        axes: [{}, { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => props.format(t)), size: 80 }],
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
  }, [props]);
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={box} aria-hidden="true" className="plot" />
      <ul className="legend" aria-hidden="true">
        {props.series.map((s, i) => (
          <li key={s.label}>
            <span className="swatch" data-color={i % COLORS.length} />
            {s.label}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Start</th>
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
              <th scope="row">{new Date(t).toISOString().slice(0, 10)}</th>
              {props.series.map((s) => (
                <td key={s.label}>{props.format(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
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

/** Report rows (bucket, group, figure) as chart series, one per group; empty buckets as zeros. */
export function seriesOf<T extends { bucketStart: string; group: string | null }>(
  rows: T[],
  figure: (row: T) => number,
  allTimes: number[] = [],
) {
  const times = [...new Set([...allTimes, ...rows.map((r) => Date.parse(r.bucketStart))])].sort((a, b) => a - b);
  const groups = [...new Set(rows.map((r) => r.group ?? "total"))];
  const series = groups.map((label) => ({ label, values: times.map(() => 0) }));
  for (const row of rows) {
    const s = series[groups.indexOf(row.group ?? "total")]!;
    s.values[times.indexOf(Date.parse(row.bucketStart))]! += figure(row);
  }
  return { times, series };
}
