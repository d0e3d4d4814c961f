import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Grant } from "../../models/index.js";
import { createOrReplay } from "../create-or-replay.js";
import { audit } from "../audit.js";
import { ProblemError } from "../../domain/problem-error.js";
import { postEntry } from "../ledger/post.js";

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
): Promise<Outcome<{ grant: Grant; replayed: boolean }, "not_found" | "idempotency_key_reused">> {
  const wallet = await ctx.models.Wallet.findById(input.walletId).lean();
  if (wallet === null) return failure("not_found", `No wallet ${input.walletId}.`);
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
  if (!created.ok) return created;
  let grant = created.value.doc;
  const replayed = created.value.replayed;
  if (!replayed) {
    await audit(ctx, input.actor, "grant.issue", grant._id, {
      walletId: wallet._id,
      amount: input.amount,
      kind: input.kind,
      expiresAt: input.expiresAt.toISOString(),
    });
  }
  if (grant.creditEntryId === undefined) {
    const posted = await postEntry(ctx, {
      walletId: wallet._id,
      type: "grant",
      amount: grant.amount,
      reason: `${grant.kind} grant until ${grant.expiresAt.toISOString()}`,
      idempotencyKey: `grant:${grant._id}`,
      actor: input.actor,
    });
    // The wallet just read, under the grant's own key and figures: a failure is a bug.
    if (!posted.ok) throw ProblemError.failed(posted);
    grant = (await ctx.models.Grant.findOneAndUpdate(
      { _id: grant._id },
      { $set: { creditEntryId: posted.value.entry._id } },
      { returnDocument: "after" },
    ).lean())!;
  }
  return ok({ grant, replayed });
}
