import { rateLineOf, type CompiledLine, type CompiledPlan, type CompiledProduct } from "./catalog.js";
import type { KeyRecord, RatedCall } from "./charging.js";
import { localTime, periodKey } from "./clock.js";
import { timeOfUsePercent, type Price } from "./rating.js";

/** One call as the meter sees it: nothing framework-specific. */
export interface Call {
  apiKey: string | undefined;
  method: string;
  path: string;
  /** The request body's size when declared (Content-Length). */
  requestBytes: number | undefined;
  /** The request's headers by lower-case name, for prices by an attribute the request carries. */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
}

/** How a forwarded call ended, for two-phase charging. */
export interface CallResult {
  status: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  /** Units the upstream reported in the price's units header (0 when absent or malformed). */
  units: number;
  /** The caller went away before the response was complete. */
  aborted: boolean;
}

/** A reserved call, waiting for its response to end: what settling it needs. */
export interface PendingSettlement {
  call: RatedCall;
  price: Price;
  refund: CompiledPlan["spec"]["refund"];
}

/** What a call's charge will be: charged now (its units are known), reserved until the response ends, or refused. */
export type Preparation =
  | { kind: "charge"; call: RatedCall; units: number }
  | { kind: "reserve"; call: RatedCall; amount: number; ttlMs: number }
  | { kind: "length_required" }
  /** The product rates by an attribute that the call's header does not give, or that no rate line matches. */
  | { kind: "no_rate"; attribute: string; value: string | undefined };

/** Paths are kept in usage events up to this length. */
const MAX_PATH = 512;
/** An attribute's value is read up to this length (what the control plane accepts). */
export const MAX_ATTRIBUTE = 128;

/** What a charge knows of its usage beyond its units: the rate line it matched, its attributes, what was charged before. */
export interface UsageContext {
  line?: CompiledLine;
  attributes?: Readonly<Record<string, string>>;
  done?: number;
}

/**
 * One call of `key` to `product` as the scripts charge it: the period counters it counts against and its
 * time-of-use percent, decided without any store. The gateway's calls and direct charges alike.
 */
export function ratedCall(
  key: KeyRecord,
  plan: CompiledPlan,
  product: CompiledProduct,
  eventId: string,
  nowMs: number,
  method: string,
  path: string,
  usage: UsageContext = {},
): RatedCall {
  const local = localTime(plan.spec.timeZone, nowMs);
  const line = usage.line ?? product.base;
  const price = line.price;
  return {
    accountId: key.accountId,
    keyId: key.keyId,
    planId: plan.spec.planId,
    productId: product.id,
    currency: plan.spec.currency,
    eventId,
    timestampMs: nowMs,
    method,
    path: path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path,
    price: line.encoded,
    counter: line.counter,
    line: line.value,
    attributes: usage.attributes === undefined || Object.keys(usage.attributes).length === 0 ? "" : JSON.stringify(usage.attributes),
    done: usage.done ?? 0,
    pricePeriod: periodKey(local, price.period),
    percent: timeOfUsePercent(price.timeOfUse, local.weekday, local.minute),
    quotas: product.quotas.map((q) => ({
      id: q.id,
      limit: q.limit,
      hard: q.enforcement === "hard",
      perUnit: q.metric === "units",
      period: periodKey(local, q.period),
    })),
    keyCap: key.spendCap ? { limit: key.spendCap.amount, period: periodKey(local, key.spendCap.period) } : undefined,
    track: product.mode !== "flat" || key.spendCap !== undefined,
    ...(key.payerId !== undefined && { payerId: key.payerId, linePeriod: periodKey(local, "month") }),
  };
}

/**
 * How one call of `key` to `product` is charged, decided without any store: charged now (its units are known
 * before it is forwarded), or reserved at its maximum until the response ends.
 */
export function prepareCharge(
  call: Call,
  key: KeyRecord,
  plan: CompiledPlan,
  product: CompiledProduct,
  eventId: string,
  nowMs: number,
): Preparation {
  let line = product.base;
  let attributes: Record<string, string> | undefined;
  if (product.dimension !== undefined) {
    const { attribute, header } = product.dimension.spec;
    const sent = header === undefined ? undefined : call.headers?.[header];
    const value = typeof sent === "string" ? sent.slice(0, MAX_ATTRIBUTE) : undefined;
    const matched = rateLineOf(product, value);
    if (matched === undefined) return { kind: "no_rate", attribute, value };
    line = matched;
    if (value !== undefined) attributes = { [attribute]: value };
  }
  const price = line.price;
  const rated = ratedCall(key, plan, product, eventId, nowMs, call.method, call.path, { line, ...(attributes && { attributes }) });
  if (product.mode === "two-phase") {
    return {
      kind: "reserve",
      call: rated,
      amount: price.maximum ?? price.tiers[0]!.unitPrice,
      ttlMs: plan.spec.reservationTtlSeconds * 1000,
    };
  }
  if (price.metric !== "request_bytes") return { kind: "charge", call: rated, units: 1 };
  if (call.requestBytes === undefined) return { kind: "length_required" };
  return { kind: "charge", call: rated, units: call.requestBytes };
}

/** What a reserved call used, by its price's metric, and whether the plan's policy refunds it. */
export function settlementOf(pending: PendingSettlement, r: CallResult) {
  const metric = pending.price.metric;
  const units =
    metric === "response_bytes"
      ? r.responseBytes
      : metric === "duration_ms"
        ? r.durationMs
        : metric === "units"
          ? r.units
          : metric === "request_bytes"
            ? r.requestBytes
            : 1;
  const refund = (r.aborted && pending.refund.clientAbort) || (!r.aborted && r.status >= 500 && pending.refund.upstreamError);
  return {
    units,
    refund,
    status: r.aborted ? 499 : r.status,
    durationMs: r.durationMs,
    requestBytes: r.requestBytes,
    responseBytes: r.responseBytes,
  };
}
