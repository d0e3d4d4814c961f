import { z } from "zod";
import type { TaxRate } from "../models/index.js";
import { isCountry } from "../services/taxes/countries.js";

/** An ISO 3166-1 alpha-2 code that names a country (`XX` and `EU` are refused). */
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code in capitals, e.g. PT")
  .refine(isCountry, "not a country's ISO 3166-1 alpha-2 code");

export const taxCategory = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lowercase letters, digits, '_' and '-' (e.g. standard, ebooks)")
  .describe("a product tax category");

/** A day (`2026-01-01`, midnight UTC) or an instant. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const toInstant = (value: string): Date => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

const rateFields = {
  name: z.string().trim().min(1).max(60).describe("what documents call it: VAT, Sales tax, GST"),
  ratePpm: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .describe("parts per million of the taxable amount: 23 % is 230000, 8.875 % is 88750; 0 for a zero rate"),
  validFrom: instant.describe("from when it applies: a day (midnight UTC) or an instant"),
  validUntil: instant.optional().describe("until when, exclusive; absent: until further notice"),
};
const ordered = (b: { validFrom: string; validUntil?: string | undefined }) =>
  b.validUntil === undefined || toInstant(b.validUntil) > toInstant(b.validFrom);
const order = { message: "validUntil must come after validFrom", path: ["validUntil"] };

export const createTaxRateBody = z
  .strictObject({
    country,
    region: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,39}$/, "a region as billing addresses name it (e.g. NY)")
      .optional()
      .describe("a region of the country (a US state: NY), as billing addresses name it; absent: the whole country"),
    category: taxCategory.default("standard"),
    ...rateFields,
  })
  .refine(ordered, order);

export const updateTaxRateBody = z.strictObject(rateFields).refine(ordered, order);

export const taxRateView = z.object({
  id: z.string(),
  country: z.string(),
  region: z.string().optional(),
  category: z.string(),
  name: z.string(),
  ratePpm: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const toTaxRateView = (r: TaxRate): z.infer<typeof taxRateView> => ({
  id: r._id,
  country: r.country,
  ...(r.region ? { region: r.region } : {}),
  category: r.category,
  name: r.name,
  ratePpm: r.ratePpm,
  validFrom: r.validFrom.toISOString(),
  ...(r.validUntil ? { validUntil: r.validUntil.toISOString() } : {}),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const planTaxBody = z.strictObject({
  inclusive: z.boolean().describe("prices include tax (documents take it out of them) or exclude it (documents add it)"),
  category: taxCategory.default("standard").describe("the tax category of the plan's products, fees and seats"),
  products: z
    .array(z.strictObject({ productId: z.string().min(1).max(200), category: taxCategory }))
    .max(500)
    .default([])
    .refine((list) => new Set(list.map((p) => p.productId)).size === list.length, "each product at most once")
    .describe("products in another category than the plan's"),
});
export const planTaxView = z.object({
  inclusive: z.boolean(),
  category: z.string(),
  products: z.array(z.object({ productId: z.string(), category: z.string() })),
});

/** A document's tax, fixed when it was finalized. */
export const documentTaxView = z.object({
  inclusive: z.boolean().describe("the lines' amounts include the tax"),
  rounding: z.enum(["line", "document"]).describe("each tax rounded to the minor unit per line, or per rate on the document"),
  reverseCharge: z.boolean().describe("EU B2B across a border: 0 %, the customer accounts for the VAT"),
  lines: z.array(
    z.object({
      name: z.string(),
      country: z.string(),
      region: z.string().optional(),
      category: z.string(),
      ratePpm: z.number().int(),
      taxRateId: z.string().optional(),
      taxable: z.number().int().describe("micros, net of tax"),
      amount: z.number().int().describe("micros of tax"),
    }),
  ),
  amount: z.number().int().describe("micros: the document's tax"),
});
