import type { AppContext } from "../../context.js";
import { newId } from "../../ids.js";
import { insertOnce, type Bundle } from "../../models/index.js";
import { applyBundle } from "./hot.js";

/**
 * A rollover bundle's one idempotency key: the plan bundle its units came from (one rollover each). It holds a
 * space, which no Idempotency-Key header may: no request can take it.
 */
export const rolloverKey = (bundleId: string) => `rollover ${bundleId}`;

/**
 * The rollover bundle of a plan bundle whose expiry entry rolled `rolled` units over: created once under its
 * key, then applied (end.ts calls this before marking the plan bundle expired, so that a crash in between is
 * finished by the next end of it). It has its plan bundle's priority and overage, is valid until the next
 * period ends (`rolloverUntil`), and is dated its plan bundle's last instant: of two bundles of the same
 * priority and expiry, the older is taken first, so rolled-over units go before the new period's own.
 */
export async function rollOver(ctx: AppContext, from: Bundle, rolled: number): Promise<Bundle> {
  const idempotencyKey = rolloverKey(from._id);
  let bundle: Bundle | null = await ctx.models.Bundle.findOne({ accountId: from.accountId, idempotencyKey }).lean();
  if (bundle === null) {
    const created: Bundle = {
      _id: newId("bun"),
      accountId: from.accountId,
      productId: from.productId,
      units: rolled,
      remaining: rolled,
      priority: from.priority,
      expiresAt: from.rolloverUntil ?? from.expiresAt,
      overage: from.overage,
      status: "active",
      source: "rollover",
      ...(from.planId === undefined ? {} : { planId: from.planId }),
      rolledFrom: from._id,
      idempotencyKey,
      actor: "system:plan-bundles",
      createdAt: new Date(from.expiresAt.getTime() - 1),
    };
    bundle = (await insertOnce(ctx.models.Bundle, created))
      ? created
      : (await ctx.models.Bundle.findOne({ accountId: from.accountId, idempotencyKey }).lean())!;
  }
  return bundle.status === "active" ? applyBundle(ctx, bundle) : bundle;
}
