import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePlan, flatPlanSpec, matchProduct, productById, rateLineOf, type PlanSpec } from "./catalog.js";
import { localTime } from "./clock.js";
import { perCall } from "./rating.js";

const spec: PlanSpec = {
  ...flatPlanSpec("plan_c", "USD", 1),
  products: [
    { id: "user", method: "GET", path: "/v1/users/:id", price: perCall(10) },
    { id: "files", method: "*", path: "/v1/files/*", price: perCall(20) },
    { id: "search", method: "POST", path: "/v1/search", price: { ...perCall(30), metric: "response_bytes", maximum: 1000 } },
    { id: "shadowed", method: "GET", path: "/v1/users/:id", price: perCall(99) },
  ],
};

describe("catalog", () => {
  const plan = compilePlan(spec);
  const id = (method: string, path: string) => {
    const m = matchProduct(plan, method, path);
    return typeof m === "string" ? m : m.id;
  };

  it("matches by method and path pattern, first match wins", () => {
    expect(id("GET", "/v1/users/42")).toBe("user");
    expect(id("GET", "/v1/users/42/extra")).toBe("default");
    expect(id("DELETE", "/v1/files/a/b/c")).toBe("files");
    expect(id("GET", "/v1/files")).toBe("files");
    expect(id("GET", "/v1/filesystem")).toBe("default");
    expect(id("POST", "/v1/search")).toBe("search");
    expect(id("GET", "/v1/search")).toBe("default");
  });

  it("treats pattern text literally apart from :param and a trailing *", () => {
    const p = compilePlan({ ...spec, products: [{ id: "dot", method: "GET", path: "/v1/a.b", price: perCall(1) }] });
    expect(typeof matchProduct(p, "GET", "/v1/a.b")).toBe("object");
    expect(matchProduct(p, "GET", "/v1/axb")).toMatchObject({ id: "default" });
  });

  it("applies the plan's rule to unmatched routes", () => {
    expect(matchProduct(compilePlan({ ...spec, unmatched: { action: "free" } }), "GET", "/x")).toBe("free");
    expect(matchProduct(compilePlan({ ...spec, unmatched: { action: "refuse" } }), "GET", "/x")).toBe("refuse");
  });

  it("chooses how each product is charged", () => {
    const mode = (method: string, path: string) => (matchProduct(plan, method, path) as { mode: string }).mode;
    expect(mode("GET", "/v1/users/1")).toBe("flat");
    expect(mode("POST", "/v1/search")).toBe("two-phase");
    const limited = compilePlan({
      ...spec,
      quotas: [{ id: "q", metric: "calls", productId: "user", period: "day", limit: 5, enforcement: "hard" }],
    });
    expect((matchProduct(limited, "GET", "/v1/users/1") as { mode: string }).mode).toBe("rated");
    expect((matchProduct(limited, "GET", "/v1/files/x") as { mode: string }).mode).toBe("flat");
    const refunding = compilePlan({ ...spec, refund: { upstreamError: true, clientAbort: false } });
    expect((matchProduct(refunding, "GET", "/v1/users/1") as { mode: string }).mode).toBe("two-phase");
  });
});

describe("rate lines by dimension", () => {
  const deck = (values: string[], match: "prefix" | "exact", otherwise: "base" | "refuse") =>
    productById(
      compilePlan({
        ...spec,
        products: [
          {
            id: "voice",
            method: "*",
            path: "/voice",
            price: {
              ...perCall(1),
              metric: "units",
              dimension: {
                attribute: "destination",
                match,
                otherwise,
                lines: values.map((value, i) => ({ value, tiers: [{ upTo: null, unitPrice: i + 2, flatPrice: 0 }] })),
              },
            },
          },
        ],
      }),
      "voice",
    )!;

  it("picks the longest matching prefix, each line with its own counter", () => {
    const voice = deck(["+351", "+3519", "+35191", "+1"], "prefix", "refuse");
    expect(rateLineOf(voice, "+351912345678")).toMatchObject({ value: "+35191", counter: "voice~+35191" });
    expect(rateLineOf(voice, "+351960000000")).toMatchObject({ value: "+3519" });
    expect(rateLineOf(voice, "+351210000000")).toMatchObject({ value: "+351" });
    expect(rateLineOf(voice, "+3519")).toMatchObject({ value: "+3519" });
    expect(rateLineOf(voice, "+44")).toBeUndefined();
    expect(rateLineOf(voice, undefined)).toBeUndefined();
    expect(rateLineOf(deck(["+351"], "prefix", "base"), "+44")).toMatchObject({ value: "", counter: "voice" });
  });

  it("matches exact values only when asked to", () => {
    const models = deck(["gpt", "gpt-4o"], "exact", "refuse");
    expect(rateLineOf(models, "gpt-4o")).toMatchObject({ value: "gpt-4o" });
    expect(rateLineOf(models, "gpt-4o-mini")).toBeUndefined();
  });

  it("the longest prefix equals a brute force over the deck, for random decks and numbers", () => {
    const digits = (max: number) =>
      fc.array(fc.constantFrom("1", "3", "5", "9"), { minLength: 1, maxLength: max }).map((d) => "+" + d.join(""));
    fc.assert(
      fc.property(fc.uniqueArray(digits(5), { minLength: 1, maxLength: 40 }), digits(8), (values, number) => {
        const best = values.filter((v) => number.startsWith(v)).sort((a, b) => b.length - a.length)[0];
        expect(rateLineOf(deck(values, "prefix", "refuse"), number)?.value).toBe(best);
      }),
    );
  });
});

describe("localTime", () => {
  it("reads the calendar in the plan's time zone", () => {
    const ms = Date.UTC(2026, 10, 30, 23, 30); // Monday 30 Nov 2026, 23:30 UTC
    expect(localTime("UTC", ms)).toEqual({ day: "2026-11-30", month: "2026-11", weekday: 1, minute: 23 * 60 + 30 });
    expect(localTime("Asia/Tokyo", ms)).toEqual({ day: "2026-12-01", month: "2026-12", weekday: 2, minute: 8 * 60 + 30 });
    expect(localTime("America/New_York", ms)).toEqual({ day: "2026-11-30", month: "2026-11", weekday: 1, minute: 18 * 60 + 30 });
  });
});
