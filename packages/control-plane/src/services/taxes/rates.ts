import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { TaxRate } from "../../models/index.js";
import { audit } from "../audit.js";
import { whenLocked } from "../locks.js";

export type TaxRateInput = Pick<TaxRate, "country" | "category" | "name" | "ratePpm" | "validFrom"> & {
  region?: string | undefined;
  validUntil?: Date | undefined;
};

/** What may change of a rate: its name, its figure and its dates (`validUntil: null` removes the end). */
export type TaxRatePatch = Partial<Pick<TaxRate, "name" | "ratePpm" | "validFrom">> & { validUntil?: Date | null | undefined };

/** Regions are compared as billing addresses are read: trimmed, in capitals (`ny` is `NY`). */
export const regionKey = (region: string | undefined): string | undefined =>
  region === undefined || region.trim() === "" ? undefined : region.trim().toUpperCase();

const END_OF_TIME = 8.64e15;
const overlaps = (a: { validFrom: Date; validUntil?: Date | undefined }, b: { validFrom: Date; validUntil?: Date | undefined }) =>
  a.validFrom.getTime() < (b.validUntil?.getTime() ?? END_OF_TIME) && b.validFrom.getTime() < (a.validUntil?.getTime() ?? END_OF_TIME);

/**
 * The rate of the same jurisdiction and category whose validity overlaps `rate`'s, if any: at any instant at
 * most one rate applies, so a document's date finds its rate without a tie to break.
 */
async function overlapping(ctx: AppContext, rate: TaxRateInput, except?: string): Promise<TaxRate | undefined> {
  const same = await ctx.models.TaxRate.find({ country: rate.country, category: rate.category }).lean();
  return same.find((r) => r._id !== except && regionKey(r.region) === regionKey(rate.region) && overlaps(r, rate));
}

const lockOf = (rate: Pick<TaxRate, "country" | "category">) => `tax-rates:${rate.country}:${rate.category}`;

function refusedOverlap(other: TaxRate) {
  const until = other.validUntil ? ` until ${other.validUntil.toISOString()}` : " with no end";
  return failure(
    "conflict",
    `${other._id} (${other.name} ${other.country}${other.region ? `-${other.region}` : ""}, ${other.category}) is valid from ${other.validFrom.toISOString()}${until}: end it before another rate of the same jurisdiction and category begins.`,
    { taxRateId: other._id },
  );
}

/** Add a rate, unless another of its jurisdiction and category is valid at any of its instants. Audited. */
export async function createTaxRate(ctx: AppContext, input: TaxRateInput, actor: string): Promise<Outcome<TaxRate, "conflict">> {
  const region = regionKey(input.region);
  const rate = { ...input, ...(region ? { region } : { region: undefined }) };
  // One change per jurisdiction and category at a time (a unique insert): two overlapping rates sent together
  // cannot both find the other absent.
  const done = await whenLocked(ctx, lockOf(rate), 30_000, async (): Promise<Outcome<TaxRate, "conflict">> => {
    const other = await overlapping(ctx, rate);
    if (other !== undefined) return refusedOverlap(other);
    const now = new Date();
    const { region: _region, validUntil, ...rest } = rate;
    const doc: TaxRate = {
      _id: newId("txr"),
      ...rest,
      ...(region ? { region } : {}),
      ...(validUntil ? { validUntil } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.models.TaxRate.create(doc);
    await audit(ctx, actor, "tax_rate.create", doc._id, { ...doc });
    return ok(doc);
  });
  return done.ok ? done.value : done;
}

/**
 * Change a rate's name, figure or dates (ending it is setting `validUntil`). Documents already finalized keep
 * the rate they printed; documents finalized from now on use the rate as it is. Audited.
 */
export async function updateTaxRate(
  ctx: AppContext,
  id: string,
  patch: TaxRatePatch,
  actor: string,
): Promise<Outcome<TaxRate, "not_found" | "conflict" | "validation_failed">> {
  const current = await ctx.models.TaxRate.findById(id).lean();
  if (current === null) return failure("not_found", `No tax rate ${id}.`);
  const done = await whenLocked(
    ctx,
    lockOf(current),
    30_000,
    async (): Promise<Outcome<TaxRate, "not_found" | "conflict" | "validation_failed">> => {
      const { validUntil: until, ...rest } = patch;
      const next = { ...current, ...rest, validUntil: until === null ? undefined : (until ?? current.validUntil) };
      if (next.validUntil !== undefined && next.validUntil <= next.validFrom)
        return failure("validation_failed", "validUntil must come after validFrom.", {
          errors: [{ location: "body", pointer: "/validUntil", message: "must come after validFrom" }],
        });
      const other = await overlapping(ctx, next, id);
      if (other !== undefined) return refusedOverlap(other);
      const updated = await ctx.models.TaxRate.findOneAndUpdate(
        { _id: id },
        {
          $set: { ...rest, ...(next.validUntil ? { validUntil: next.validUntil } : {}), updatedAt: new Date() },
          ...(next.validUntil ? {} : { $unset: { validUntil: 1 } }),
        },
        { returnDocument: "after" },
      ).lean();
      if (updated === null) return failure("not_found", `No tax rate ${id}.`);
      await audit(ctx, actor, "tax_rate.update", id, { before: { ...current }, after: { ...updated } });
      return ok(updated);
    },
  );
  return done.ok ? done.value : done;
}

/**
 * The rates in force at `at` for a customer in `country` (and `region`), by category: a region's own rate where
 * it has one, else the country's.
 */
export async function ratesAt(ctx: AppContext, country: string, region: string | undefined, at: Date): Promise<Map<string, TaxRate>> {
  const found = await ctx.models.TaxRate.find({ country, validFrom: { $lte: at } }).lean();
  const inForce = found.filter((r) => r.validUntil === undefined || r.validUntil > at);
  const wanted = regionKey(region);
  const byCategory = new Map<string, TaxRate>();
  for (const r of inForce.filter((r) => r.region === undefined)) byCategory.set(r.category, r);
  if (wanted !== undefined) for (const r of inForce.filter((r) => regionKey(r.region) === wanted)) byCategory.set(r.category, r);
  return byCategory;
}
