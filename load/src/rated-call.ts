import { encodePrice, perCall } from "@tollgate/metering";
import type { RatedCall } from "@tollgate/metering/store";

let drawn = 0;

/**
 * A call as the gateway hands it to the charge store once rated: a flat price of 1 micro a call, GET /hello, no
 * quota, cap, line or attributes, a new event id each time. What `bench:script` sends, and what the compiled
 * probe's test sends both ways; `over` sets what a case needs.
 */
export function flatCall(over: Partial<RatedCall> & { accountId: string }): RatedCall {
  return {
    keyId: "key_flat",
    planId: "plan_flat",
    productId: "default",
    currency: "USD",
    eventId: `ev_${drawn++}`,
    timestampMs: Date.now(),
    method: "GET",
    path: "/hello",
    price: encodePrice(perCall(1)),
    counter: "default",
    line: "",
    attributes: "",
    done: 0,
    pricePeriod: "2026-12",
    percent: 100,
    quotas: [],
    keyCap: undefined,
    track: false,
    ...over,
  };
}
