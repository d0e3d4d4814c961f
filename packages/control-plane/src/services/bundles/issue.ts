import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Bundle } from "../../models/index.js";
import { audit } from "../audit.js";
import { createOrReplay } from "../create-or-replay.js";
import { applyBundle } from "./hot.js";

/**
 * Issue a bundle of units of one product of the account's plan, once per Idempotency-Key: the bundle, its
 * `issue` unit entry, then its units in Redis (once, by the entry's receipt). A repeat (or a retry after a crash
 * anywhere) finishes what the first did not.
 */
export async function issueBundle(
  ctx: AppContext,
  input: {
    accountId: string;
    productId: string;
    units: number;
    priority: number;
    expiresAt: Date;
    overage: Bundle["overage"];
    reason?: string | undefined;
    idempotencyKey: string;
    actor: string;
  },
): Promise<Outcome<{ bundle: Bundle; replayed: boolean }, "not_found" | "unprocessable" | "idempotency_key_reused">> {
  const account = await ctx.models.Account.findById(input.accountId).lean();
  if (account === null) return failure("not_found", `No account ${input.accountId}.`);
  const plan = await ctx.models.Plan.findById(account.planId).lean();
  const products = new Set(["default", ...(plan?.catalog.products ?? []).map((p) => p.id)]);
  if (!products.has(input.productId)) return failure("unprocessable", `The plan ${account.planId} has no product "${input.productId}".`);
  const created = await createOrReplay({
    create: async () =>
      (
        await ctx.models.Bundle.create({
          _id: newId("bun"),
          accountId: account._id,
          productId: input.productId,
          units: input.units,
          remaining: input.units,
          priority: input.priority,
          expiresAt: input.expiresAt,
          overage: input.overage,
          status: "active",
          source: "grant",
          ...(input.reason ? { reason: input.reason } : {}),
          idempotencyKey: input.idempotencyKey,
          actor: input.actor,
          createdAt: new Date(),
        })
      ).toObject(),
    findPrior: () => ctx.models.Bundle.findOne({ accountId: account._id, idempotencyKey: input.idempotencyKey }).lean(),
    sameRequest: (prior) =>
      prior.productId === input.productId &&
      prior.units === input.units &&
      prior.priority === input.priority &&
      prior.expiresAt.getTime() === input.expiresAt.getTime() &&
      prior.overage === input.overage,
    what: "a different bundle",
  });
  if (!created.ok) return created;
  const first: Bundle = created.value.doc;
  const replayed = created.value.replayed;
  if (!replayed) {
    await audit(ctx, input.actor, "bundle.issue", first._id, {
      accountId: first.accountId,
      productId: first.productId,
      units: first.units,
      overage: first.overage,
      expiresAt: first.expiresAt.toISOString(),
    });
  }
  return ok({ bundle: await applyBundle(ctx, first), replayed });
}
