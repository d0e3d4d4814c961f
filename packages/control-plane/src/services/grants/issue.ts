import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Grant } from "../../models/index.js";
import { createOrReplay } from "../idempotency.js";
import { audit } from "../audit.js";
import { postEntry } from "../ledger/post-entry.js";

export async function issueGrant(
  ctx: AppContext,
  input: {
    walletId: string;
    kind: Grant["kind"];
    amount: number;
    priority: number;
    expiresAt: Date;
    reason?: string | undefined;
    idempotencyKey: string;
    actor: string;
  },
): Promise<Outcome<{ grant: Grant; replayed: boolean }, "not_found">> {
  const wallet = await ctx.models.Wallet.findById(input.walletId).lean();
  if (wallet === null) return failure("not_found", `No wallet ${input.walletId}.`);
  // The same key for a different grant still throws `idempotency_key_reused` (createOrReplay's, as every route's).
  const created = await createOrReplay({
    create: async () =>
      (
        await ctx.models.Grant.create({
          _id: newId("grt"),
          walletId: wallet._id,
          accountId: wallet.accountId,
          currency: wallet.currency,
          kind: input.kind,
          amount: input.amount,
          remaining: input.amount,
          priority: input.priority,
          expiresAt: input.expiresAt,
          status: "active",
          allocations: [],
          ...(input.reason ? { reason: input.reason } : {}),
          idempotencyKey: input.idempotencyKey,
          createdAt: new Date(),
        })
      ).toObject(),
    findPrior: () => ctx.models.Grant.findOne({ walletId: wallet._id, idempotencyKey: input.idempotencyKey }).lean(),
    sameRequest: (prior) =>
      prior.amount === input.amount &&
      prior.expiresAt.getTime() === input.expiresAt.getTime() &&
      prior.priority === input.priority &&
      prior.kind === input.kind,
    what: "a different grant",
  });
  let grant = created.doc;
  const replayed = created.replayed;
  if (!replayed) {
    await audit(ctx, input.actor, "grant.issue", grant._id, {
      walletId: wallet._id,
      amount: input.amount,
      kind: input.kind,
      expiresAt: input.expiresAt.toISOString(),
    });
  }
  if (grant.creditEntryId === undefined) {
    const { entry } = await postEntry(ctx, {
      walletId: wallet._id,
      type: "grant",
      amount: grant.amount,
      reason: `${grant.kind} grant until ${grant.expiresAt.toISOString()}`,
      idempotencyKey: `grant:${grant._id}`,
      actor: input.actor,
    });
    grant = (await ctx.models.Grant.findOneAndUpdate(
      { _id: grant._id },
      { $set: { creditEntryId: entry._id } },
      { returnDocument: "after" },
    ).lean())!;
  }
  return ok({ grant, replayed });
}
