import { z } from "zod";
import { catalogFields, catalogSchema, checkCatalog, toCatalog } from "@tollgate/metering";
import { MAX_FEE, MAX_SEAT_PRICE } from "../domain/money.js";
import { currency, micros, name } from "./schemas.js";

/*
 * The plan routes' bodies: a catalog (the pricing rules live with the core, @tollgate/metering's
 * core/catalog-schema.ts), with a plan's name, currency and recurring fee around it.
 */

/** A plan's recurring fee and seat price (integer micros), its period and the grace given when it is unpaid. */
export const recurringBody = z.strictObject({
  interval: z.enum(["month", "week", "year"]),
  fee: micros.min(0).max(MAX_FEE).describe("micros charged at the start of each period"),
  seatPrice: micros.min(0).max(MAX_SEAT_PRICE).default(0).describe("micros per seat and period"),
  graceHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .default(72)
    .describe("how long a prepaid account may stay past due before its calls are refused"),
});

export const createPlanBody = z
  .strictObject({ name, currency, ...catalogFields, recurring: recurringBody.optional() })
  .superRefine(checkCatalog)
  .transform((b) => ({
    name: b.name,
    currency: b.currency,
    catalog: toCatalog(b),
    ...(b.recurring === undefined ? {} : { recurring: b.recurring }),
  }));

/** A plan's name and currency stay; its catalog is replaced whole. */
export const replaceCatalogBody = catalogSchema;
