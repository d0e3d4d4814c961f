import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { audit } from "../audit.js";
import { hashVoucherCode, newVoucherCode } from "./codes.js";

/**
 * A batch of prepaid voucher codes: returned here only; Tollgate keeps their hashes. With `packId`, each code
 * grants that bundle pack, and is worth the pack's price in `currency` (what it is sold at).
 */
export async function issueVoucherBatch(
  ctx: AppContext,
  input: { amount?: number | undefined; packId?: string | undefined; currency: string; count: number; expiresAt: Date; actor: string },
): Promise<Outcome<{ batchId: string; codes: string[]; amount: number }, "validation_failed" | "unprocessable">> {
  if (input.expiresAt.getTime() <= Date.now()) return failure("validation_failed", "expiresAt must be in the future.");
  if ((input.amount === undefined) === (input.packId === undefined))
    return failure("validation_failed", "Give a voucher's `amount`, or the `packId` it grants, not both.");
  let amount = input.amount ?? 0;
  if (input.packId !== undefined) {
    const pack = await ctx.models.BundlePack.findById(input.packId).lean();
    const price = pack?.prices.find((p) => p.currency === input.currency);
    if (pack === null || pack.status !== "active" || price === undefined)
      return failure("unprocessable", `No bundle pack ${input.packId} on sale with a price in ${input.currency}.`, {
        errors: [{ location: "body", pointer: "/packId", message: "not a pack on sale in this currency" }],
      });
    amount = price.amount;
  }
  const batchId = newId("vbt");
  const now = new Date();
  const codes = Array.from({ length: input.count }, newVoucherCode);
  await ctx.models.Voucher.insertMany(
    codes.map((code) => ({
      _id: newId("vch"),
      batchId,
      codeHash: hashVoucherCode(code),
      codePrefix: code.slice(0, 4),
      amount,
      currency: input.currency,
      ...(input.packId === undefined ? {} : { packId: input.packId }),
      expiresAt: input.expiresAt,
      status: "active",
      createdAt: now,
    })),
  );
  await audit(ctx, input.actor, "voucher.batch.create", batchId, {
    amount,
    currency: input.currency,
    ...(input.packId === undefined ? {} : { packId: input.packId }),
    count: input.count,
    expiresAt: input.expiresAt.toISOString(),
  });
  return ok({ batchId, codes, amount });
}
