import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { BundlePack } from "../../models/index.js";
import { audit } from "../audit.js";

export type PackInput = Pick<BundlePack, "name" | "productId" | "units" | "validity" | "priority" | "overage" | "prices">;

/** Put a pack on sale (staff): its terms and a price per currency, audited. */
export async function createPack(ctx: AppContext, input: PackInput, actor: string): Promise<Outcome<BundlePack, "validation_failed">> {
  const currencies = input.prices.map((p) => p.currency);
  if (new Set(currencies).size !== currencies.length) return failure("validation_failed", "A pack has one price per currency.");
  const pack: BundlePack = { _id: newId("bpk"), ...input, status: "active", actor, createdAt: new Date() };
  await ctx.models.BundlePack.create(pack);
  await audit(ctx, actor, "bundle_pack.create", pack._id, {
    name: pack.name,
    productId: pack.productId,
    units: pack.units,
    prices: pack.prices,
    validity: pack.validity.days !== undefined ? { days: pack.validity.days } : { until: pack.validity.until?.toISOString() },
  });
  return ok(pack);
}

/** Take a pack off sale: no one buys it any more; what was bought of it stays as it was. Archiving twice changes nothing. */
export async function archivePack(ctx: AppContext, packId: string, actor: string): Promise<Outcome<BundlePack, "not_found">> {
  const pack = await ctx.models.BundlePack.findById(packId).lean();
  if (pack === null) return failure("not_found", `No bundle pack ${packId}.`);
  if (pack.status === "archived") return ok(pack);
  const archived = (await ctx.models.BundlePack.findOneAndUpdate(
    { _id: packId },
    { $set: { status: "archived", archivedAt: new Date() } },
    { returnDocument: "after" },
  ).lean())!;
  await audit(ctx, actor, "bundle_pack.archive", packId, { name: pack.name });
  return ok(archived);
}
