import { z } from "zod";
import { MAX_AMOUNT, MAX_CHARGE_UNITS, MAX_SEATS } from "../domain/money.js";
import { ID_PATTERN } from "../ids.js";
import { PAYMENT_PROVIDERS } from "../payments/provider.js";

export const micros = z.number().int().safe();
export const seats = z.number().int().min(0).max(MAX_SEATS);
export const chargeUnits = z.number().int().min(1).max(MAX_CHARGE_UNITS);
/**
 * What a charge's usage was (`{"destination": "+351912345678"}`, `{"model": "gpt-4o"}`): a product with a
 * dimension picks its rate line by one of them; all are kept on the usage event.
 */
export const attributes = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, "a letter, then letters, digits, _ and -"),
    z
      .string()
      .min(1)
      .max(128)
      .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), "no control characters"),
  )
  .refine((a) => Object.keys(a).length <= 16, "at most 16 attributes")
  .describe("what the usage was, e.g. {destination: '+351912345678'}: picks the product's rate line; kept on the usage event");
/** A product of the plan, by id (`default`: the plan's price for unmatched routes). */
export const productId = z.string().min(1).max(100);
export const positiveAmount = micros.min(1).max(MAX_AMOUNT);
export const currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code in capitals, e.g. USD");
export const name = z.string().trim().min(1).max(200);
export const id = z.string().regex(ID_PATTERN, "a Tollgate id");
export const timestamp = z.iso.datetime();
/** A payment provider, by the name it is configured under. */
export const providerName = z.enum(PAYMENT_PROVIDERS);

export const accountParams = z.strictObject({ accountId: id });

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});

/**
 * The page query of a list that answered whole (or up to a cap) before it had pages: `whole` a page unless
 * `limit` says, so a caller that sends neither `limit` nor `cursor` gets the answer it always got.
 */
export function pageQueryOf(whole: number): typeof pageQuery {
  return pageQuery.extend({ limit: z.coerce.number().int().min(1).max(Math.max(200, whole)).default(whole) });
}

/** The body of a page: its items, and the cursor of the next page when there is one. */
export function pageBody<T, V>(page: { items: T[]; nextCursor?: string }, view: (item: T) => V): { items: V[]; nextCursor?: string } {
  return { items: page.items.map((item) => view(item)), ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
}
