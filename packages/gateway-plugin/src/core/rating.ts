/**
 * Rating: what one call costs, in integer micros.
 *
 * A price rates a metric (calls, request or response bytes, duration, or units the upstream reports) over the
 * billing period. Each call adds `units` to the period's total; its price is the difference the call makes:
 *
 *   billable(u) = ceil(max(0, u − freeUnits) / packageSize)           free allowance, then whole packages
 *   graduated:   price = G(billable(after)) − G(billable(before))       G = Σ over tiers, flat fee on entering one
 *   volume:      price = (billable(after) − billable(before)) × rate of the tier holding billable(after)
 *   then time of use: × percent / 100, rounded half up (the only rounding, once per call),
 *   then clamped to [minimum, maximum].
 *
 * Graduated, package and allowance prices telescope: the calls of a period add up to exactly the price of the
 * period's total, however it was split (no rounding leak). Volume prices do not reprice earlier calls.
 * The same maths runs in Lua (store/scripts.ts), where it is atomic with the debit; tests hold the two equal.
 */

export const METRICS = ["calls", "request_bytes", "response_bytes", "duration_ms", "units"] as const;
export type Metric = (typeof METRICS)[number];

/** Metrics known only once the response has ended: they need a reservation (two-phase charging). */
export const RESPONSE_METRICS: ReadonlySet<Metric> = new Set(["response_bytes", "duration_ms", "units"]);

export interface Tier {
  /** Last billable unit (inclusive) of this tier; null for the last, open-ended tier. */
  upTo: number | null;
  unitPrice: number;
  /** Charged once per period, when the total first enters the tier (graduated only). */
  flatPrice: number;
}

export interface TimeOfUseWindow {
  /** 0 = Sunday … 6 = Saturday, in the plan's time zone. */
  days: number[];
  /** Minutes since local midnight: [from, to). */
  from: number;
  to: number;
  /** Price multiplier in percent (150 = peak +50 %, 50 = off-peak half price). */
  percent: number;
}

export interface Price {
  metric: Metric;
  /** For metric `units`: the response header in which the upstream reports them. */
  unitsHeader?: string;
  tierMode: "graduated" | "volume";
  tiers: Tier[];
  packageSize: number;
  freeUnits: number;
  period: "day" | "month";
  minimum: number;
  /** Most one call may cost; required for response metrics (it is what is reserved). */
  maximum?: number;
  timeOfUse: TimeOfUseWindow[];
}

export function billable(price: Pick<Price, "freeUnits" | "packageSize">, units: number): number {
  const over = units - price.freeUnits;
  return over <= 0 ? 0 : Math.ceil(over / price.packageSize);
}

/** G: the graduated price of the period's first `blocks` billable units. */
export function graduatedTotal(tiers: Tier[], blocks: number): number {
  let total = 0;
  let floor = 0;
  for (const tier of tiers) {
    if (blocks <= floor) break;
    const top = tier.upTo === null ? blocks : Math.min(blocks, tier.upTo);
    total += (top - floor) * tier.unitPrice + tier.flatPrice;
    if (tier.upTo === null) break;
    floor = tier.upTo;
  }
  return total;
}

function tierOf(tiers: Tier[], blocks: number): Tier {
  for (const tier of tiers) if (tier.upTo === null || blocks <= tier.upTo) return tier;
  return tiers[tiers.length - 1]!;
}

/** Half up, in integers: the one rounding step. */
export function applyPercent(amount: number, percent: number): number {
  return percent === 100 ? amount : Math.floor((amount * percent + 50) / 100);
}

/**
 * The most `units` of this price can cost in one call, whatever the period's total and the time of use: a
 * bound (never below the true price), used to refuse a charge whose amount could not be an exact integer.
 */
export function mostItCosts(price: Price, units: number): number {
  if (price.maximum !== undefined) return Math.max(price.maximum, price.minimum);
  const blocks = Math.ceil(units / price.packageSize);
  const unit = Math.max(...price.tiers.map((t) => t.unitPrice));
  const flats = price.tiers.reduce((sum, t) => sum + t.flatPrice, 0);
  const percent = Math.max(100, ...price.timeOfUse.map((w) => w.percent));
  // +1: the time-of-use percent rounds half up.
  return Math.max(Math.ceil(((blocks * unit + flats) * percent) / 100) + 1, price.minimum);
}

/** The price of one call that adds `units` to a period total of `before`, at `percent` time-of-use. */
export function rateCall(price: Price, before: number, units: number, percent = 100): number {
  const from = billable(price, before);
  const to = billable(price, before + units);
  const base =
    price.tierMode === "graduated"
      ? graduatedTotal(price.tiers, to) - graduatedTotal(price.tiers, from)
      : (to - from) * tierOf(price.tiers, to).unitPrice;
  const charged = Math.max(applyPercent(base, percent), price.minimum);
  return price.maximum === undefined ? charged : Math.min(charged, price.maximum);
}

/** The time-of-use percent for a moment, given its local weekday and minute. */
export function timeOfUsePercent(windows: TimeOfUseWindow[], weekday: number, minute: number): number {
  for (const w of windows) if (w.days.includes(weekday) && minute >= w.from && minute < w.to) return w.percent;
  return 100;
}

/** A flat price per call, the simplest plan: one tier, no allowance. */
export function perCall(amount: number): Price {
  return {
    metric: "calls",
    tierMode: "graduated",
    tiers: [{ upTo: null, unitPrice: amount, flatPrice: 0 }],
    packageSize: 1,
    freeUnits: 0,
    period: "month",
    minimum: 0,
    timeOfUse: [],
  };
}

/** True when the price of a call does not depend on the period's usage so far nor on the clock. */
export function isFlat(price: Price): boolean {
  return (
    price.metric === "calls" && price.tiers.length === 1 && price.freeUnits === 0 && price.packageSize === 1 && price.timeOfUse.length === 0
  );
}

/** The compact form the Lua scripts read (see store/rated-scripts.ts); compiled once per plan change. */
export function encodePrice(price: Price): string {
  const head = [
    price.tierMode === "graduated" ? 1 : 2,
    price.freeUnits,
    price.packageSize,
    price.minimum,
    price.maximum ?? -1,
    price.tiers.length,
  ];
  const tiers = price.tiers.flatMap((t) => [t.upTo ?? -1, t.unitPrice, t.flatPrice]);
  return [...head, ...tiers].join(",");
}
