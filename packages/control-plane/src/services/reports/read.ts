import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import { bucketStart, nextBucketStart, type Bucket } from "./clock.js";
import { collectionOf, unpack } from "./rollup-format.js";

/** The range and calendar every report is asked for. */
export interface ReportRange {
  from: Date;
  to: Date;
  /** The IANA zone buckets are cut in. */
  timeZone: string;
  bucket: Bucket;
}

/** The most buckets one report answers with (an hourly report can span some 200 days). */
export const MAX_BUCKETS = 5_000;

/** The buckets of a range, in order: `[start, end)` each, clamped to the range; refused past MAX_BUCKETS. */
export function bucketsOf(range: ReportRange): Outcome<{ start: number; end: number }[], "validation_failed"> {
  const to = range.to.getTime();
  const out: { start: number; end: number }[] = [];
  for (let t = range.from.getTime(); t < to;) {
    const end = Math.min(nextBucketStart(range.timeZone, range.bucket, t), to);
    out.push({ start: bucketStart(range.timeZone, range.bucket, t), end });
    if (out.length > MAX_BUCKETS) {
      return failure(
        "validation_failed",
        `The range holds more than ${MAX_BUCKETS} ${range.bucket} buckets: narrow it or use a larger bucket.`,
      );
    }
    t = end;
  }
  return ok(out);
}

/**
 * Rollups hold whole reporting hours: a usage report's range and every bucket edge in its zone must fall on
 * one. Refused with the reason otherwise (e.g. a half-hour zone when the reporting zone is whole-hour).
 */
export function checkAligned(
  ctx: AppContext,
  range: ReportRange,
  buckets: { start: number; end: number }[],
): Failure<"validation_failed"> | undefined {
  const clock = ctx.reporting;
  for (const edge of [range.from.getTime(), range.to.getTime(), ...buckets.map((b) => b.start).slice(1)]) {
    if (!clock.onHour(edge)) {
      return failure(
        "validation_failed",
        `Usage is rolled up by the hour of ${clock.timeZone}: ${new Date(edge).toISOString()} (a range or ${range.bucket} edge in ${range.timeZone}) is not on one of its hours.`,
      );
    }
  }
  return undefined;
}

/** Run `work` over `items`, at most `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Read rollups by id (missing ones are empty), a few at a time, each from its period's collection. */
export async function readRollups<T>(ctx: AppContext, ids: string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  await inParallel(ids, 4, async (id) => {
    const doc = await ctx.models.Rollups.collection(collectionOf(id)).findOne({ _id: id }, { projection: { payload: 1 } });
    if (doc !== null) out.set(id, unpack<T>(doc.payload));
  });
  return out;
}

/** The usage ledger entries folded into a rollup (its applied intents of usage), by id: what its figures sum. */
export async function usageEntriesOf(ctx: AppContext, id: string): Promise<string[]> {
  const doc = await ctx.models.Rollups.collection(collectionOf(id)).findOne({ _id: id }, { projection: { applied: 1 } });
  const applied = (doc as { applied?: string[] } | null)?.applied ?? [];
  return applied.filter((intent) => intent.startsWith("usage:")).map((intent) => intent.slice("usage:".length));
}

/** The reporting days (`YYYY-MM-DD`) that overlap `[from, to)`. */
export function reportingDays(ctx: AppContext, from: number, to: number): string[] {
  const zone = ctx.reporting.timeZone;
  const days: string[] = [];
  for (let t = bucketStart(zone, "day", from); t < to; t = nextBucketStart(zone, "day", t))
    days.push(ctx.reporting.dayOf(ctx.reporting.hourOf(t)));
  return days;
}

/** The currencies to report: the one asked for, or every currency a plan is priced in. */
export async function currenciesOf(ctx: AppContext, currency: string | undefined): Promise<string[]> {
  if (currency !== undefined) return [currency];
  const plans = await ctx.models.Plan.find({}, { currency: 1 }).lean();
  return [...new Set(plans.map((p) => p.currency))].sort();
}
