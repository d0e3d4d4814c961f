import { encodePrice, isFlat, perCall, RESPONSE_METRICS, type Price } from "./rating.js";

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

export interface CompiledProduct {
  id: string;
  method: string | null;
  pattern: RegExp;
  price: Price;
  /** The price as the Lua scripts read it. */
  encoded: string;
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

function compileProduct(spec: PlanSpec, id: string, method: string, path: string, price: Price): CompiledProduct {
  const quotas = spec.quotas.filter((q) => q.productId === undefined || q.productId === id);
  const refunds = spec.refund.upstreamError || spec.refund.clientAbort;
  const mode = RESPONSE_METRICS.has(price.metric) || refunds ? "two-phase" : isFlat(price) && quotas.length === 0 ? "flat" : "rated";
  return {
    id,
    method: method === "*" ? null : method.toUpperCase(),
    pattern: pathPattern(path, spec.caseInsensitivePaths === true),
    price,
    encoded: encodePrice(price),
    quotas,
    mode,
  };
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
