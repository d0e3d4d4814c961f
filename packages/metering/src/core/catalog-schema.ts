import { z } from "zod";
import type { PlanSpec } from "./catalog.js";
import { METRICS, RESPONSE_METRICS, isFlat, linePrice, perCall, type Price } from "./rating.js";

/*
 * The pricing rules as input: what a plan's catalog may say, validated (and filled in with its defaults) so that
 * the gateway can trust it without checking again. Beside the catalog and the rating rule it feeds: a new
 * pricing model is added here, in catalog.ts and in rating.ts (and its Lua in store/scripts.ts), one package.
 */

/** Micros a price may name: up to 10^6 currency units a unit. */
const amount = z.number().int().safe().min(0).max(1_000_000_000_000);

const count = z.number().int().min(0).max(1_000_000_000_000);
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, _ and -");
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM")
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const tier = z.strictObject({ upTo: count.min(1).nullable(), unitPrice: amount, flatPrice: amount.default(0) });

/** What a price and each of its rate lines may set: their tiers (or one unit price) and how units are counted. */
const rateFields = {
  unitPrice: amount.optional(),
  tiers: z.array(tier).min(1).max(20).optional(),
  tierMode: z.enum(["graduated", "volume"]).optional(),
  packageSize: count.min(1).optional(),
  freeUnits: count.optional(),
  minimum: amount.optional(),
  maximum: amount.optional(),
  increments: z
    .strictObject({
      first: z.number().int().min(0).max(1_000_000).describe("a call using fewer units is rated as this many (0: none)"),
      next: z.number().int().min(1).max(1_000_000).describe("units past `first` round up to a multiple of this"),
    })
    .optional()
    .describe("billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6"),
  ratePer: z.number().int().min(1).max(1_000_000).optional().describe("unit prices are per this many units (60: per minute of seconds)"),
};

type RateFieldsInput = z.infer<z.ZodObject<typeof rateFields>>;

const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** A rate line's value: what an attribute equals or starts with (`+3519`, `eu-west-1`, `gpt-4o`). */
const LINE_VALUE = /^[A-Za-z0-9+._:@/-]{1,64}$/;
export const MAX_RATE_LINES = 10_000;

const rateLine = z.strictObject({
  value: z.string().regex(LINE_VALUE, "1–64 letters, digits and + . _ : @ / -"),
  ...rateFields,
});

const dimension = z.strictObject({
  attribute: z.string().regex(ATTRIBUTE_NAME, "a letter, then letters, digits, _ and -"),
  match: z.enum(["prefix", "exact"]).default("prefix"),
  header: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional()
    .describe("for calls through the gateway: the request header holding the attribute"),
  otherwise: z.enum(["base", "refuse"]).default("refuse").describe("usage no line matches: the product's own price, or refused"),
  lines: z.array(rateLine).min(1).max(MAX_RATE_LINES),
});

/** The checks a price and each rate line pass, on what they rate with (their own fields over the product's). */
function checkRates(r: RateFieldsInput, issue: (path: string, message: string) => void): void {
  if (r.unitPrice !== undefined && r.tiers !== undefined) issue("unitPrice", "give either unitPrice or tiers");
  r.tiers?.forEach((t, i, all) => {
    const last = i === all.length - 1;
    if (last !== (t.upTo === null)) issue("tiers", "every tier but the last needs upTo; the last has upTo null");
    const prev = all[i - 1]?.upTo;
    if (t.upTo !== null && prev != null && t.upTo <= prev) issue("tiers", "upTo must increase");
    if (r.tierMode === "volume" && t.flatPrice !== 0) issue("tiers", "volume tiers have no flatPrice");
  });
  if (r.maximum !== undefined && r.minimum !== undefined && r.maximum < r.minimum) issue("maximum", "maximum is below minimum");
}

/** A price's or line's fields as the rating reads them: given ones only (a line inherits the rest). */
function rateOf(r: RateFieldsInput): Partial<Price> {
  const tiers = r.tiers ?? (r.unitPrice === undefined ? undefined : [{ upTo: null, unitPrice: r.unitPrice, flatPrice: 0 }]);
  const given = {
    tiers,
    tierMode: r.tierMode,
    packageSize: r.packageSize,
    freeUnits: r.freeUnits,
    minimum: r.minimum,
    maximum: r.maximum,
    increments: r.increments,
    ratePer: r.ratePer,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

const priceInput = z
  .strictObject({
    metric: z.enum(METRICS).default("calls"),
    unitsHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
    ...rateFields,
    period: z.enum(["day", "month"]).default("month"),
    timeOfUse: z
      .array(
        z.strictObject({
          days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
          from: hhmm,
          to: hhmm,
          percent: z.number().int().min(0).max(1_000),
        }),
      )
      .max(10)
      .default([]),
    dimension: dimension.optional().describe("prices by an attribute of the usage (destination prefix, region, model)"),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((p.unitPrice === undefined) === (p.tiers === undefined)) issue("unitPrice", "give either unitPrice or tiers");
    const tierMode = p.tierMode ?? "graduated";
    checkRates({ ...p, tierMode }, issue);
    if (p.metric === "units" && p.unitsHeader === undefined)
      issue("unitsHeader", "a units price names the response header that reports them");
    if (RESPONSE_METRICS.has(p.metric) && p.maximum === undefined)
      issue("maximum", "a price known only from the response needs a maximum: it is what is reserved");
    p.timeOfUse.forEach((w) => w.from >= w.to && issue("timeOfUse", "a window's from must be before its to"));
    if (p.dimension === undefined) return;
    const values = p.dimension.lines.map((l) => l.value);
    if (new Set(values).size !== values.length) issue("dimension", "line values must be unique");
    p.dimension.lines.forEach((line, i) => {
      const at = (path: string, message: string) => ctx.addIssue({ code: "custom", path: ["dimension", "lines", i, path], message });
      checkRates(
        { ...line, tierMode: line.tierMode ?? tierMode, minimum: line.minimum ?? p.minimum, maximum: line.maximum ?? p.maximum },
        at,
      );
      if ((line.unitPrice === undefined) === (line.tiers === undefined)) at("unitPrice", "give either unitPrice or tiers");
    });
  })
  .transform((p): Price => ({
    metric: p.metric,
    ...(p.unitsHeader === undefined ? {} : { unitsHeader: p.unitsHeader.toLowerCase() }),
    tierMode: "graduated",
    packageSize: 1,
    freeUnits: 0,
    minimum: 0,
    ...(rateOf(p) as Pick<Price, "tiers">),
    period: p.period,
    timeOfUse: p.timeOfUse,
    ...(p.dimension === undefined
      ? {}
      : {
          dimension: {
            attribute: p.dimension.attribute,
            match: p.dimension.match,
            ...(p.dimension.header === undefined ? {} : { header: p.dimension.header.toLowerCase() }),
            otherwise: p.dimension.otherwise,
            lines: p.dimension.lines.map((l) => ({ ...(rateOf(l) as Pick<Price, "tiers">), value: l.value })),
          },
        }),
  }));

const product = z.strictObject({
  id: slug,
  method: z.enum(["*", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]).default("*"),
  path: z
    .string()
    .max(256)
    .regex(
      /^\/([A-Za-z0-9._~-]+|:[A-Za-z_][A-Za-z0-9_]*|\*)?(\/([A-Za-z0-9._~-]+|:[A-Za-z_][A-Za-z0-9_]*|\*))*$/,
      "a path like /v1/users/:id or /v1/files/*",
    )
    // Calls are matched on their canonical path, which never holds a `.` or `..` segment.
    .refine((path) => !path.split("/").some((segment) => segment === "." || segment === ".."), "a path without `.` or `..` segments"),
  price: priceInput,
});

export const catalogFields = {
  timeZone: z.string().max(64).refine(validTimeZone, "an IANA time zone, e.g. Europe/Lisbon").default("UTC"),
  products: z.array(product).max(50).default([]),
  unmatched: z
    .discriminatedUnion("action", [
      z.strictObject({ action: z.literal("free") }),
      z.strictObject({ action: z.literal("refuse") }),
      z.strictObject({ action: z.literal("price"), price: priceInput }),
    ])
    .optional(),
  quotas: z
    .array(
      z.strictObject({
        id: slug,
        metric: z.enum(["calls", "units"]),
        productId: slug.optional(),
        period: z.enum(["day", "month"]),
        limit: count.min(1),
        enforcement: z.enum(["hard", "soft"]),
      }),
    )
    .max(20)
    .default([]),
  rateLimits: z
    .array(
      z.strictObject({
        id: slug,
        scope: z.enum(["account", "key"]),
        limit: z.number().int().min(1).max(1_000_000),
        windowSeconds: z.number().int().min(1).max(86_400),
      }),
    )
    .max(10)
    .default([]),
  refund: z
    .strictObject({ upstreamError: z.boolean().default(false), clientAbort: z.boolean().default(false) })
    .default({ upstreamError: false, clientAbort: false }),
  reservationTtlSeconds: z.number().int().min(1).max(3_600).default(60),
  /** Match product paths ignoring letter case (`/V1/Search` as `/v1/search`); the upstream still gets the call's own path. */
  caseInsensitivePaths: z.boolean().default(false),
  /** Shorthand for `unmatched: { action: "price", price: { unitPrice } }`: one flat price for every call. */
  pricePerCall: amount.optional(),
  /**
   * `leased`: each gateway process decides this plan's flat-priced calls from a block of the balance it holds,
   * with no Redis round trip per call, and reports them in batches (docs/architecture.md, "Leased mode").
   */
  metering: z.enum(["exact", "leased"]).default("exact"),
};

const catalogObject = z.strictObject(catalogFields);
export type CatalogInput = z.infer<typeof catalogObject>;
export type Catalog = Omit<PlanSpec, "planId" | "currency">;

export function checkCatalog(c: CatalogInput, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if ((c.pricePerCall === undefined) === (c.unmatched === undefined)) issue("unmatched", "give either pricePerCall or unmatched");
  const unique = (ids: string[], path: string) => new Set(ids).size !== ids.length && issue(path, "ids must be unique");
  unique(
    c.products.map((p) => p.id),
    "products",
  );
  unique(
    c.quotas.map((q) => q.id),
    "quotas",
  );
  unique(
    c.rateLimits.map((r) => r.id),
    "rateLimits",
  );
  const products = new Set([...c.products.map((p) => p.id), "default"]);
  for (const q of c.quotas)
    if (q.productId !== undefined && !products.has(q.productId)) issue("quotas", `quota ${q.id} names no product of this plan`);
  if (c.refund.upstreamError || c.refund.clientAbort) {
    const prices = [...c.products.map((p) => p.price), ...(c.unmatched?.action === "price" ? [c.unmatched.price] : [])];
    const lines = prices.flatMap((p) => p.dimension?.lines.map((line) => linePrice(p, line)) ?? []);
    if ([...prices, ...lines].some((p) => !isFlat(p) && p.maximum === undefined))
      issue("refund", "refunds reserve first: every non-flat price then needs a maximum");
  }
}

export function toCatalog(c: CatalogInput): Catalog {
  return {
    timeZone: c.timeZone,
    products: c.products,
    unmatched: c.pricePerCall !== undefined ? { action: "price", price: perCall(c.pricePerCall) } : c.unmatched!,
    quotas: c.quotas,
    rateLimits: c.rateLimits,
    refund: c.refund,
    reservationTtlSeconds: c.reservationTtlSeconds,
    caseInsensitivePaths: c.caseInsensitivePaths,
    metering: c.metering,
  };
}

/** A catalog as the API takes it, checked and with its defaults: a plan's name and currency are not part of it. */
export const catalogSchema = catalogObject.superRefine(checkCatalog).transform(toCatalog);
