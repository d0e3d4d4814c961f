import { encodePrice, isFlat, linePrice, perCall, RESPONSE_METRICS, type Dimension, type Price } from "./rating.js";

/** A product: the routes it covers and their price. */
export interface ProductSpec {
  id: string;
  /** An HTTP method, or `*` for any. */
  method: string;
  /** `/v1/search` (exact), `/v1/users/:id` (one segment), `/v1/files/*` (the rest of the path). */
  path: string;
  price: Price;
}

export interface QuotaSpec {
  id: string;
  /** Count calls, or the priced units of the product(s) it covers. */
  metric: "calls" | "units";
  /** Only this product's calls; all of the plan's when absent. */
  productId?: string;
  period: "day" | "month";
  limit: number;
  /** hard: refuse past the limit (429); soft: allow and record that it was exceeded. */
  enforcement: "hard" | "soft";
}

export interface RateLimitSpec {
  id: string;
  scope: "account" | "key";
  limit: number;
  windowSeconds: number;
}

/** A plan's catalog as the control plane publishes it (validated there; trusted here). */
export interface PlanSpec {
  planId: string;
  currency: string;
  /** IANA time zone in which periods and time-of-use windows are read. */
  timeZone: string;
  products: ProductSpec[];
  unmatched: { action: "free" } | { action: "refuse" } | { action: "price"; price: Price };
  quotas: QuotaSpec[];
  rateLimits: RateLimitSpec[];
  /** Give the reservation back when the upstream fails (5xx, or no answer) or the caller goes away. */
  refund: { upstreamError: boolean; clientAbort: boolean };
  /** How long a reservation may stay open before the reaper returns it. */
  reservationTtlSeconds: number;
  /** Match product paths ignoring letter case. Default false: `/V1/search` is not `/v1/search`. */
  caseInsensitivePaths?: boolean;
  /**
   * `exact` (the default): every call is decided by a script in Redis. `leased`: a gateway decides flat-priced
   * calls from a block of the balance it holds (store/leases.ts) and reports them in batches.
   */
  metering?: "exact" | "leased";
}

/** A flat price per call for every route: what `pricePerCall` plans are. */
export function flatPlanSpec(planId: string, currency: string, pricePerCall: number): PlanSpec {
  return {
    planId,
    currency,
    timeZone: "UTC",
    products: [],
    unmatched: { action: "price", price: perCall(pricePerCall) },
    quotas: [],
    rateLimits: [],
    refund: { upstreamError: false, clientAbort: false },
    reservationTtlSeconds: 60,
  };
}

/** One rate line of a product, ready to charge: its price, as the scripts read it, and its period counter. */
export interface CompiledLine {
  /** The matching value (`+3519`); "" for the product's own price. */
  value: string;
  price: Price;
  /** The price as the Lua scripts read it. */
  encoded: string;
  /** The usage counter it adds to: the product's id, or `<product>~<value>` for a dimension's line. */
  counter: string;
}

/** A product's rate deck, indexed once: exact values, and the lengths to try for the longest prefix. */
export interface CompiledDimension {
  spec: Dimension;
  lines: Map<string, CompiledLine>;
  /** Distinct line lengths, longest first (prefix match). */
  lengths: number[];
  /** What unmatched usage is charged by, or `refuse`. */
  otherwise: CompiledLine | "refuse";
}

export interface CompiledProduct {
  id: string;
  method: string | null;
  pattern: RegExp;
  price: Price;
  /** The product's own price, as the Lua scripts read it. */
  encoded: string;
  /** The product's own price as a line (what a product without a dimension always charges). */
  base: CompiledLine;
  dimension: CompiledDimension | undefined;
  /** The quotas that count this product's calls. */
  quotas: QuotaSpec[];
  /** How the gateway charges it: one script before forwarding, or reserve then settle. */
  mode: "flat" | "rated" | "two-phase";
}

export interface CompiledPlan {
  spec: PlanSpec;
  products: CompiledProduct[];
  unmatched: CompiledProduct | "free" | "refuse";
}

const DEFAULT_PRODUCT = "default";

/** Product paths are matched against the call's canonical path (core/path.ts). */
function pathPattern(path: string, caseInsensitive: boolean): RegExp {
  const segments = path.split("/").slice(1);
  let source = "";
  segments.forEach((segment, i) => {
    // `/files/*` matches `/files` and everything below it.
    if (segment === "*" && i === segments.length - 1) source += "(?:/.*)?";
    else source += `/${segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  });
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}

function compileDimension(id: string, price: Price, base: CompiledLine): CompiledDimension | undefined {
  const spec = price.dimension;
  if (spec === undefined) return undefined;
  const lines = new Map<string, CompiledLine>();
  for (const line of spec.lines) {
    const own = linePrice(price, line);
    lines.set(line.value, { value: line.value, price: own, encoded: encodePrice(own), counter: `${id}~${line.value}` });
  }
  const lengths = [...new Set(spec.lines.map((l) => l.value.length))].sort((a, b) => b - a);
  return { spec, lines, lengths, otherwise: spec.otherwise === "base" ? base : "refuse" };
}

function compileProduct(spec: PlanSpec, id: string, method: string, path: string, price: Price): CompiledProduct {
  const quotas = spec.quotas.filter((q) => q.productId === undefined || q.productId === id);
  const refunds = spec.refund.upstreamError || spec.refund.clientAbort;
  const mode = RESPONSE_METRICS.has(price.metric) || refunds ? "two-phase" : isFlat(price) && quotas.length === 0 ? "flat" : "rated";
  const encoded = encodePrice(price);
  const base = { value: "", price, encoded, counter: id };
  return {
    id,
    method: method === "*" ? null : method.toUpperCase(),
    pattern: pathPattern(path, spec.caseInsensitivePaths === true),
    price,
    encoded,
    base,
    dimension: compileDimension(id, price, base),
    quotas,
    mode,
  };
}

/** The value of the product's dimension attribute among `attributes` (none when it has no dimension). */
export function dimensionValue(product: CompiledProduct, attributes: Readonly<Record<string, string>> | undefined): string | undefined {
  return product.dimension === undefined ? undefined : attributes?.[product.dimension.spec.attribute];
}

/**
 * The rate line that charges usage of `product` whose dimension attribute is `value`: the product's own price
 * when it has no dimension; else the line of that exact value, or (prefix match) of the longest value `value`
 * starts with; else the deck's `otherwise`. Undefined: no line rates it, and the usage is refused.
 */
export function rateLineOf(product: CompiledProduct, value: string | undefined): CompiledLine | undefined {
  const deck = product.dimension;
  if (deck === undefined) return product.base;
  if (value !== undefined) {
    if (deck.spec.match === "exact") {
      const line = deck.lines.get(value);
      if (line !== undefined) return line;
    } else {
      for (const length of deck.lengths) {
        if (length > value.length) continue;
        const line = deck.lines.get(value.slice(0, length));
        if (line !== undefined) return line;
      }
    }
  }
  return deck.otherwise === "refuse" ? undefined : deck.otherwise;
}

/** Done once per plan change, never per call: route patterns, encoded prices and charge modes. */
export function compilePlan(spec: PlanSpec): CompiledPlan {
  const products = spec.products.map((p) => compileProduct(spec, p.id, p.method, p.path, p.price));
  const u = spec.unmatched;
  const unmatched = u.action === "price" ? compileProduct(spec, DEFAULT_PRODUCT, "*", "/*", u.price) : u.action;
  return { spec, products, unmatched };
}

/** A product of the plan by its id (`default`: the price of unmatched routes, when the plan has one). */
export function productById(plan: CompiledPlan, productId: string): CompiledProduct | undefined {
  return (
    plan.products.find((p) => p.id === productId) ??
    (typeof plan.unmatched === "object" && plan.unmatched.id === productId ? plan.unmatched : undefined)
  );
}

/** First match wins; then the plan's rule for unmatched routes. */
export function matchProduct(plan: CompiledPlan, method: string, path: string): CompiledProduct | "free" | "refuse" {
  for (const product of plan.products) {
    if ((product.method === null || product.method === method) && product.pattern.test(path)) return product;
  }
  return plan.unmatched;
}
