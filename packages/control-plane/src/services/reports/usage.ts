import type { AppContext } from "../../context.js";
import { ok, type Outcome } from "../../domain/outcome.js";
import { bucketStart, HOUR, nextBucketStart } from "./clock.js";
import { namesOf } from "./names.js";
import { bucketsOf, checkAligned, currenciesOf, readRollups, reportingDays, type ReportRange } from "./read.js";
import {
  accountCells,
  accountDayId,
  addFigures,
  usageHoursId,
  usageRollupId,
  type AccountDayPayload,
  type Dimension,
  type Figures,
  type HoursPayload,
  type Level,
  type MarginalPayload,
} from "./rollup-format.js";

export interface UsageQuery extends ReportRange {
  groupBy: Dimension | "none";
  /** Only this account (a consumer's own report, or an admin's look at one account). */
  accountId?: string | undefined;
  currency?: string | undefined;
  /** Groups kept by amount (then calls); the rest are summed as `OTHER_GROUP`. */
  top: number;
}

/** The group that sums everything outside the top N. Ids never hold parentheses. */
export const OTHER_GROUP = "(other)";
/** Calls no product of the plan matched (priced by the plan's default). */
export const UNMATCHED_PRODUCT = "(unmatched)";

export interface UsageFigures {
  calls: number;
  units: number;
  amount: number;
}
export interface UsageRow extends UsageFigures {
  currency: string;
  bucketStart: Date;
  /** The account, product, key or plan; null when not grouped. */
  group: string | null;
  /** What the group is called (`namesOf`); `(other)` and `(unmatched)` as themselves; null when not grouped, or for an id nothing is named by. */
  name: string | null;
}
export interface UsageReport {
  range: ReportRange;
  groupBy: Dimension | "none";
  accountId?: string;
  totals: (UsageFigures & { currency: string })[];
  /** Per currency, the groups kept, largest amount first, then `(other)`. */
  groups: (UsageFigures & { currency: string; group: string; name: string | null })[];
  rows: UsageRow[];
}

/**
 * Calls, units and amount booked, per bucket and group, read from the rollups (never from raw events): an
 * account's day rollups when one account is asked for, otherwise the per-dimension rollups, whole reporting
 * months and days where they fit in a bucket and hours elsewhere.
 */
export async function usageReport(ctx: AppContext, query: UsageQuery): Promise<Outcome<UsageReport, "validation_failed">> {
  const cut = bucketsOf(query);
  if (!cut.ok) return cut;
  const buckets = cut.value;
  const unaligned = checkAligned(ctx, query, buckets);
  if (unaligned !== undefined) return unaligned;
  const report: UsageReport = {
    range: { from: query.from, to: query.to, timeZone: query.timeZone, bucket: query.bucket },
    groupBy: query.groupBy,
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    totals: [],
    groups: [],
    rows: [],
  };
  for (const currency of await currenciesOf(ctx, query.currency)) {
    const cells = query.accountId === undefined ? await fromMarginals(ctx, query, currency) : await fromAccountDays(ctx, query, currency);
    shape(report, query, currency, buckets, cells);
  }
  if (query.groupBy !== "none") await addNames(ctx, report, query.groupBy);
  return ok(report);
}

/** Each group's name beside its id, looked up once for the groups kept. */
async function addNames(ctx: AppContext, report: UsageReport, dimension: Dimension): Promise<void> {
  const special = (group: string) => group === OTHER_GROUP || group === UNMATCHED_PRODUCT;
  const names = await namesOf(
    ctx,
    dimension,
    report.groups.map((g) => g.group).filter((g) => !special(g)),
  );
  const nameOf = (group: string) => (special(group) ? group : (names.get(group) ?? null));
  for (const g of report.groups) g.name = nameOf(g.group);
  for (const row of report.rows) if (row.group !== null) row.name = nameOf(row.group);
}

/** bucket start → group → figures. */
type Cells = Map<number, Map<string, Figures>>;

function add(cells: Cells, bucket: number, group: string, [calls, units, amount]: Figures): void {
  addCounts(cells, bucket, group, calls, units, amount);
}

async function fromAccountDays(ctx: AppContext, query: UsageQuery, currency: string): Promise<Cells> {
  const from = query.from.getTime();
  const to = query.to.getTime();
  const ids = reportingDays(ctx, from, to).map((day) => accountDayId(query.accountId!, currency, day));
  const cells: Cells = new Map();
  const bucketOf = new Map<number, number>(); // hour → its bucket (a bucket's start costs a zone lookup)
  for (const day of (await readRollups<AccountDayPayload>(ctx, ids)).values()) {
    for (const cell of accountCells(day)) {
      if (cell.hour < from || cell.hour >= to) continue;
      const group =
        query.groupBy === "none"
          ? ""
          : query.groupBy === "account"
            ? query.accountId!
            : query.groupBy === "product"
              ? cell.productId
              : query.groupBy === "key"
                ? cell.keyId
                : cell.planId;
      let bucket = bucketOf.get(cell.hour);
      if (bucket === undefined) bucketOf.set(cell.hour, (bucket = bucketStart(query.timeZone, query.bucket, cell.hour)));
      add(cells, bucket, group, cell.figures);
    }
  }
  return cells;
}

async function fromMarginals(ctx: AppContext, query: UsageQuery, currency: string): Promise<Cells> {
  // Ungrouped totals read the plan dimension: the one with the fewest groups.
  const dimension: Dimension = query.groupBy === "none" ? "plan" : query.groupBy;
  const pieces = cover(ctx, query);
  // Whole days and months, and the hour pieces by day: which of its hours are wanted, in which bucket each falls.
  const wholes: { id: string; bucket: number }[] = [];
  const hourPieces = new Map<string, Map<number, number>>();
  for (const piece of pieces) {
    if (piece.level !== "hour") {
      wholes.push({ id: usageRollupId(piece.level, dimension, currency, piece.period), bucket: piece.bucket });
      continue;
    }
    const id = usageHoursId(dimension, currency, piece.period);
    let wanted = hourPieces.get(id);
    if (wanted === undefined) hourPieces.set(id, (wanted = new Map<number, number>()));
    wanted.set(piece.hour, piece.bucket);
  }
  const [marginals, hours] = await Promise.all([
    readRollups<MarginalPayload>(
      ctx,
      wholes.map((w) => w.id),
    ),
    readRollups<HoursPayload>(ctx, [...hourPieces.keys()]),
  ]);
  const cells: Cells = new Map();
  const groupOf = (group: string) => (query.groupBy === "none" ? "" : group);
  for (const { id, bucket } of wholes) {
    for (const [group, figures] of Object.entries(marginals.get(id)?.g ?? {})) add(cells, bucket, groupOf(group), figures);
  }
  // Straight over each day's flat runs (a million figures for a month of hours by account): no copies.
  for (const [id, wanted] of hourPieces) {
    const rollup = hours.get(id);
    if (rollup === undefined) continue;
    for (const [group, run] of Object.entries(rollup.g)) {
      const key = groupOf(group);
      for (let i = 0; i < run.length; i += 4) {
        const bucket = wanted.get(rollup.s + run[i]! * HOUR);
        if (bucket !== undefined) addCounts(cells, bucket, key, run[i + 1]!, run[i + 2]!, run[i + 3]!);
      }
    }
  }
  return cells;
}

function addCounts(cells: Cells, bucket: number, group: string, calls: number, units: number, amount: number): void {
  let byGroup = cells.get(bucket);
  if (byGroup === undefined) cells.set(bucket, (byGroup = new Map<string, Figures>()));
  const into = byGroup.get(group);
  if (into === undefined) byGroup.set(group, [calls, units, amount]);
  else {
    into[0] += calls;
    into[1] += units;
    into[2] += amount;
  }
}

type Piece = { level: Level; period: string; bucket: number } | { level: "hour"; period: string; hour: number; bucket: number };

/**
 * The fewest rollups that tile `[from, to)` without crossing a bucket edge: a reporting month or day where
 * one fits whole inside the range and inside one bucket, an hour (of its day's hourly rollup) elsewhere.
 */
function cover(ctx: AppContext, query: UsageQuery): Piece[] {
  const clock = ctx.reporting;
  const zone = clock.timeZone;
  const to = query.to.getTime();
  const pieces: Piece[] = [];
  for (let t = query.from.getTime(); t < to;) {
    const bucket = bucketStart(query.timeZone, query.bucket, t);
    const limit = Math.min(to, nextBucketStart(query.timeZone, query.bucket, t));
    const day = clock.dayOf(t);
    if (bucketStart(zone, "month", t) === t && nextBucketStart(zone, "month", t) <= limit) {
      pieces.push({ level: "month", period: day.slice(0, 7), bucket });
      t = nextBucketStart(zone, "month", t);
    } else if (bucketStart(zone, "day", t) === t && nextBucketStart(zone, "day", t) <= limit) {
      pieces.push({ level: "day", period: day, bucket });
      t = nextBucketStart(zone, "day", t);
    } else {
      pieces.push({ level: "hour", period: day, hour: t, bucket });
      t += 3_600_000;
    }
  }
  return pieces;
}

/** Keep the top groups, sum the rest, and lay the cells out as rows (every bucket, when ungrouped). */
function shape(report: UsageReport, query: UsageQuery, currency: string, buckets: { start: number }[], cells: Cells): void {
  const totals = new Map<string, Figures>();
  for (const byGroup of cells.values()) {
    for (const [group, figures] of byGroup) {
      const into = totals.get(group);
      if (into === undefined) totals.set(group, [...figures]);
      else addFigures(into, figures);
    }
  }
  const grand: Figures = [0, 0, 0];
  for (const figures of totals.values()) addFigures(grand, figures);
  report.totals.push({ currency, ...view(grand) });
  if (query.groupBy === "none") {
    for (const { start } of buckets) {
      report.rows.push({
        currency,
        bucketStart: new Date(start),
        group: null,
        name: null,
        ...view(cells.get(start)?.get("") ?? [0, 0, 0]),
      });
    }
    return;
  }
  const ranked = [...totals].sort(([ga, a], [gb, b]) => b[2] - a[2] || b[0] - a[0] || (ga < gb ? -1 : 1));
  const keptInOrder = ranked.slice(0, query.top).map(([group]) => group);
  const kept = new Set(keptInOrder);
  const other: Figures = [0, 0, 0];
  for (const [group, figures] of ranked) {
    if (kept.has(group)) report.groups.push({ currency, group: label(query, group), name: null, ...view(figures) });
    else addFigures(other, figures);
  }
  if (ranked.length > kept.size) report.groups.push({ currency, group: OTHER_GROUP, name: null, ...view(other) });
  for (const { start } of buckets) {
    const byGroup = cells.get(start);
    if (byGroup === undefined) continue;
    for (const group of keptInOrder) {
      const figures = byGroup.get(group);
      if (figures !== undefined)
        report.rows.push({ currency, bucketStart: new Date(start), group: label(query, group), name: null, ...view(figures) });
    }
    const rest: Figures = [0, 0, 0];
    for (const [group, figures] of byGroup) if (!kept.has(group)) addFigures(rest, figures);
    if (rest[0] !== 0 || rest[2] !== 0)
      report.rows.push({ currency, bucketStart: new Date(start), group: OTHER_GROUP, name: null, ...view(rest) });
  }
}

function label(query: UsageQuery, group: string): string {
  return query.groupBy === "product" && group === "" ? UNMATCHED_PRODUCT : group;
}

function view([calls, units, amount]: Figures): UsageFigures {
  return { calls, units, amount };
}
