/**
 * Rating: what one call costs, in integer micros.
 *
 * A price rates a metric (calls, request or response bytes, duration, or units the upstream or the caller
 * reports) over the billing period. First the call's own units are rounded up to its billing increments (a
 * VOIP "60/6": the first 60 s, then each 6 s), on the call's total so far (`done`: a charging session reports
 * a call in pieces, and the pieces add up to the rounding of the whole):
 *
 *   incr(u)     = 0 if u ≤ 0; first if u ≤ first; else first + ceil((u − first) / next) × next
 *   added       = incr(done + units) − incr(done)                      the units this charge adds to the period
 *
 * Each charge adds `added` to the period's total; its price is the difference it makes:
 *
 *   billable(u) = ceil(max(0, u − freeUnits) / packageSize)           free allowance, then whole packages
 *   graduated:   price = ⌈G(billable(after)) / ratePer⌉ − ⌈G(billable(before)) / ratePer⌉
 *                G = Σ over tiers of units × unitPrice, plus a tier's flat fee on entering it
 *   volume:      price = ⌈(billable(after) − billable(before)) × rate of the tier holding billable(after) / ratePer⌉
 *   then time of use: × percent / 100, rounded half up (once per charge),
 *   then clamped to [minimum, maximum] (the minimum only on a call's first charge: `done` = 0).
 *
 * `ratePer` states unit prices per that many units (60: a per-minute price of seconds; 1000: per thousand
 * tokens), kept exact by rounding the period's running total, never each call.
 * Graduated, package and allowance prices telescope: the charges of a period add up to exactly the price of
 * the period's total, however it was split (no rounding leak). Volume prices do not reprice earlier calls.
 * The same maths runs in Lua (store/scripts.ts), where it is atomic with the debit; tests hold the two equal.
 *
 * A price may depend on an attribute of the usage (`dimension`): each rate line (a destination prefix, a
 * region, a model) has its own tiers, increments and period counter, and the line is chosen by exact value or
 * longest prefix (core/catalog.ts) before any of this runs.
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
  /** Billing increments of one call (default none: `{ first: 0, next: 1 }`). */
  increments?: Increments;
  /** The tiers' unit prices are per this many units (default 1). */
  ratePer?: number;
  /** Rate lines by an attribute of the usage. */
  dimension?: Dimension;
}

export interface Increments {
  /** The first increment: any call using fewer units is rated as this many (0: none). */
  first: number;
  /** Each further increment: units past `first` round up to a multiple of it (1: none). */
  next: number;
}

/** What a rate line may set; anything it leaves out is the product's own price. */
export type RateLineFields = Pick<
  Price,
  "tierMode" | "tiers" | "packageSize" | "freeUnits" | "minimum" | "maximum" | "increments" | "ratePer"
>;

/** One line of a rate deck: its matching value (`+3519`, `eu-west-1`, `gpt-4o`) and what it charges. */
export interface RateLine extends Partial<RateLineFields> {
  value: string;
  tiers: Tier[];
}

export interface Dimension {
  /** The usage attribute it reads (`destination`, `region`, `model`). */
  attribute: string;
  /** `prefix`: the line with the longest value the attribute starts with; `exact`: equal values only. */
  match: "prefix" | "exact";
  /** For calls through the gateway: the request header holding the attribute. */
  header?: string;
  lines: RateLine[];
  /** When no line matches (or the attribute is absent): the product's own price, or refuse the usage. */
  otherwise: "base" | "refuse";
}

/** The price a rate line charges: the product's, with what the line sets. */
export function linePrice(price: Price, line: RateLine): Price {
  const { dimension: _deck, ...base } = price;
  const { value: _value, ...fields } = line;
  return { ...base, ...fields };
}

const NO_INCREMENTS: Increments = { first: 0, next: 1 };

/** A call's units rounded up to its billing increments. */
export function incremented(increments: Increments | undefined, units: number): number {
  const { first, next } = increments ?? NO_INCREMENTS;
  if (units <= 0) return 0;
  if (units <= first) return first;
  return first + Math.ceil((units - first) / next) * next;
}

const perRate = (amount: number, ratePer: number) => (ratePer === 1 ? amount : Math.ceil(amount / ratePer));

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
 * The most `units` of this price can cost in one charge, whatever the period's total, the time of use and the
 * units the call had before (a session's later reports): a bound, never below the true price and equal to it
 * where it can be reached, used to refuse a charge whose amount could pass the most one movement may be.
 */
export function mostItCosts(price: Price, units: number): number {
  const lines = price.dimension?.lines.map((line) => linePrice(price, line)) ?? [];
  return Math.max(mostOneLineCosts(price, units), ...lines.map((line) => mostOneLineCosts(line, units)));
}

/**
 * Each step bounds rateUnits' own: ceilings are subadditive (⌈a/p⌉ − ⌈b/p⌉ ≤ ⌈(a − b)/p⌉), so a charge adds
 * at most ⌈added / packageSize⌉ billable units and its running-total rounding at most ⌈ΔG / ratePer⌉; the
 * percent's half up is monotone, so it is bounded by itself at the highest percent.
 */
function mostOneLineCosts(price: Price, units: number): number {
  const blocks = Math.ceil(mostAdded(price.increments, units) / price.packageSize);
  const unit = Math.max(0, ...price.tiers.map((t) => t.unitPrice));
  // Graduated: entering a tier adds its flat fee; volume tiers have none to add.
  const flats = price.tierMode === "graduated" && blocks > 0 ? price.tiers.reduce((sum, t) => sum + t.flatPrice, 0) : 0;
  const base = perRate(blocks * unit + flats, price.ratePer ?? 1);
  const percent = Math.max(100, ...price.timeOfUse.map((w) => w.percent));
  const most = Math.max(applyPercent(base, percent), price.minimum);
  return price.maximum === undefined ? most : Math.min(most, price.maximum);
}

/**
 * The most units a charge of `units` adds to the period through its increments: `incremented(units)` on a
 * call's first charge; a later piece (done > 0) starts past `first` and adds whole `next`s, as many as its
 * units can reach.
 */
function mostAdded(increments: Increments | undefined, units: number): number {
  if (units <= 0) return 0;
  const { next } = increments ?? NO_INCREMENTS;
  return Math.max(incremented(increments, units), Math.ceil(units / next) * next);
}

/**
 * The price of a charge of `units` that the call had `done` units before (0 but for a session's later
 * reports), after a period total of `before`, at `percent` time-of-use; and how many units it adds to the
 * period's total (its increments' rounding).
 */
export function rateUnits(price: Price, before: number, units: number, percent = 100, done = 0): { amount: number; added: number } {
  const added = incremented(price.increments, done + units) - incremented(price.increments, done);
  const per = price.ratePer ?? 1;
  const from = billable(price, before);
  const to = billable(price, before + added);
  const base =
    price.tierMode === "graduated"
      ? perRate(graduatedTotal(price.tiers, to), per) - perRate(graduatedTotal(price.tiers, from), per)
      : perRate((to - from) * tierOf(price.tiers, to).unitPrice, per);
  const percented = applyPercent(base, percent);
  const charged = done === 0 ? Math.max(percented, price.minimum) : percented;
  return { amount: price.maximum === undefined ? charged : Math.min(charged, price.maximum), added };
}

/** The price of one charge (see rateUnits). */
export function rateCall(price: Price, before: number, units: number, percent = 100, done = 0): number {
  return rateUnits(price, before, units, percent, done).amount;
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
    price.metric === "calls" &&
    price.tiers.length === 1 &&
    price.tiers[0]!.flatPrice === 0 &&
    price.freeUnits === 0 &&
    price.packageSize === 1 &&
    price.timeOfUse.length === 0 &&
    (price.ratePer ?? 1) === 1 &&
    incremented(price.increments, 1) === 1 &&
    price.dimension === undefined
  );
}

/**
 * The compact form the Lua scripts read (see store/scripts.ts), of one rate line; compiled once per plan change.
 * A flat price per call with no minimum or maximum is `=<unit price>`: a call's price is then its units × that,
 * which the script takes without parsing or rating anything.
 */
export function encodePrice(price: Price): string {
  if (isFlat(price) && price.minimum === 0 && price.maximum === undefined) return `=${price.tiers[0]!.unitPrice}`;
  const increments = price.increments ?? NO_INCREMENTS;
  const head = [
    price.tierMode === "graduated" ? 1 : 2,
    price.freeUnits,
    price.packageSize,
    price.minimum,
    price.maximum ?? -1,
    increments.first,
    increments.next,
    price.ratePer ?? 1,
    price.tiers.length,
  ];
  const tiers = price.tiers.flatMap((t) => [t.upTo ?? -1, t.unitPrice, t.flatPrice]);
  return JSON.stringify([...head, ...tiers]);
}
