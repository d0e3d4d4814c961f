import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { audit } from "../audit.js";
import { hashVoucherCode, newVoucherCode } from "./codes.js";

/** A batch of prepaid voucher codes: returned here only; Tollgate keeps their hashes. */
export async function issueVoucherBatch(
  ctx: AppContext,
  input: { amount: number; currency: string; count: number; expiresAt: Date; actor: string },
): Promise<Outcome<{ batchId: string; codes: string[] }, "validation_failed">> {
  if (input.expiresAt.getTime() <= Date.now()) return failure("validation_failed", "expiresAt must be in the future.");
  const batchId = newId("vbt");
  const now = new Date();
  const codes = Array.from({ length: input.count }, newVoucherCode);
  await ctx.models.Voucher.insertMany(
    codes.map((code) => ({
      _id: newId("vch"),
      batchId,
      codeHash: hashVoucherCode(code),
      codePrefix: code.slice(0, 4),
      amount: input.amount,
      currency: input.currency,
      expiresAt: input.expiresAt,
      status: "active",
      createdAt: now,
    })),
  );
  await audit(ctx, input.actor, "voucher.batch.create", batchId, {
    amount: input.amount,
    currency: input.currency,
    count: input.count,
    expiresAt: input.expiresAt.toISOString(),
  });
  return ok({ batchId, codes });
}
