import { describe, expect, it } from "vitest";
import { compilePlan, flatPlanSpec, type PlanSpec } from "./catalog.js";
import type { KeyRecord } from "./charging.js";
import { prepareCharge, settlementOf } from "./prepare.js";
import { encodePrice, perCall } from "./rating.js";

// How a call is charged is decided before any store is asked: pure, so tested here without Redis.
const key: KeyRecord = { keyId: "key_p", accountId: "acct_p", planId: "plan_p", status: "active" };
const spec: PlanSpec = {
  ...flatPlanSpec("plan_p", "EUR", 100),
  timeZone: "Europe/Lisbon",
  products: [
    { id: "flat", method: "GET", path: "/flat", price: perCall(100) },
    { id: "bytes-in", method: "POST", path: "/upload", price: { ...perCall(1), metric: "request_bytes" } },
    { id: "bytes-out", method: "GET", path: "/download", price: { ...perCall(1), metric: "response_bytes", maximum: 9_000 } },
    { id: "counted", method: "GET", path: "/counted", price: perCall(7) },
  ],
  quotas: [{ id: "daily", metric: "calls", productId: "counted", period: "day", limit: 10, enforcement: "hard" }],
};
const plan = compilePlan(spec);
const product = (id: string) => plan.products.find((p) => p.id === id)!;
const call = (path: string, requestBytes?: number) => ({ apiKey: "k", method: "GET", path, requestBytes });
// 2026-11-22 23:30 UTC is 23:30 in Lisbon (winter time): still the 22nd there.
const NOW = Date.UTC(2026, 10, 22, 23, 30);

describe("prepareCharge", () => {
  it("charges a flat price now, with nothing to count", () => {
    const prepared = prepareCharge(call("/flat"), key, plan, product("flat"), "ev_1", NOW);
    expect(prepared).toMatchObject({
      kind: "charge",
      units: 1,
      call: { eventId: "ev_1", price: encodePrice(perCall(100)), track: false, quotas: [] },
    });
  });

  it("counts when a quota or a key cap needs the period's figures, in the plan's time zone", () => {
    expect(prepareCharge(call("/counted"), key, plan, product("counted"), "ev_2", NOW)).toMatchObject({
      kind: "charge",
      call: { track: true, quotas: [{ id: "daily", limit: 10, hard: true, perUnit: false, period: "2026-11-22" }] },
    });
    const capped = { ...key, spendCap: { amount: 500, period: "month" as const } };
    expect(prepareCharge(call("/flat"), capped, plan, product("flat"), "ev_3", NOW)).toMatchObject({
      call: { track: true, keyCap: { limit: 500, period: "2026-11" } },
    });
  });

  it("charges request bytes from Content-Length, and needs it", () => {
    expect(prepareCharge(call("/upload", 2_048), key, plan, product("bytes-in"), "ev_4", NOW)).toMatchObject({
      kind: "charge",
      units: 2_048,
    });
    expect(prepareCharge(call("/upload"), key, plan, product("bytes-in"), "ev_5", NOW)).toEqual({ kind: "length_required" });
  });

  it("reserves a price known only from the response at its maximum, for the plan's reservation TTL", () => {
    expect(prepareCharge(call("/download"), key, plan, product("bytes-out"), "ev_6", NOW)).toMatchObject({
      kind: "reserve",
      amount: 9_000,
      ttlMs: 60_000,
    });
  });

  it("keeps at most 512 characters of a path for the usage event", () => {
    const long = `/flat/${"x".repeat(600)}`;
    const prepared = prepareCharge(call(long), key, plan, product("flat"), "ev_7", NOW);
    expect(prepared.kind === "charge" && prepared.call.path.length).toBe(512);
  });
});

describe("settlementOf", () => {
  const prepared = prepareCharge(call("/download"), key, plan, product("bytes-out"), "ev_8", NOW);
  if (prepared.kind !== "reserve") throw new Error("expected a reservation");
  const pending = { call: prepared.call, price: product("bytes-out").price, refund: { upstreamError: true, clientAbort: false } };
  const ended = { status: 200, durationMs: 12, requestBytes: 0, responseBytes: 4_321, units: 0, aborted: false };

  it("uses the price's metric for the units", () => {
    expect(settlementOf(pending, ended)).toMatchObject({ units: 4_321, refund: false, status: 200 });
  });

  it("refunds as the plan's policy says: an upstream failure yes, an abandoned call not", () => {
    expect(settlementOf(pending, { ...ended, status: 502 })).toMatchObject({ refund: true });
    expect(settlementOf(pending, { ...ended, aborted: true })).toMatchObject({ refund: false, status: 499 });
  });
});
