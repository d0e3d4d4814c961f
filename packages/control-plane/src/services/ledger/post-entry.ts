import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import { newId } from "../../ids.js";
import type { LedgerEntry } from "../../models/index.js";
import { createOrReplay } from "../idempotency.js";
import type { LedgerEntryType } from "../../models/ledger-entry.js";
import { audit } from "../audit.js";
import { applyEntry } from "../wallets/apply.js";
import { settle } from "../subscriptions/renew.js";

export interface EntryInput {
  walletId: string;
  /** Signed micros: a reversal is negative. */
  amount: number;
  /** Any type that moves the hot balance (all but `usage`); `credit` by default. */
  type?: Exclude<LedgerEntryType, "usage">;
  reason?: string | undefined;
  /** The invoice a payment (or a credit note's or rounding's adjustment) concerns. */
  invoiceId?: string;
  idempotencyKey: string;
  actor: string;
}

/**
 * Credit a wallet once per idempotency key. The ledger entry is written first (a unique index on
 * wallet + key makes a concurrent or repeated request find the first one), then applied to Redis.
 * A replay returns the first entry; the same key with another body is refused.
 */
export async function postEntry(ctx: AppContext, input: EntryInput): Promise<{ entry: LedgerEntry; replayed: boolean }> {
  const { Wallet, LedgerEntry } = ctx.models;
  const wallet = await Wallet.findById(input.walletId).lean();
  if (wallet === null) throw new ProblemError("not_found", `No wallet ${input.walletId}.`);
  const requestHash = createHash("sha256")
    .update(JSON.stringify([input.type ?? "credit", input.walletId, input.amount, input.reason ?? null]))
    .digest("hex");

  const created = await createOrReplay({
    create: async () =>
      (
        await LedgerEntry.create({
          _id: newId("led"),
          walletId: wallet._id,
          accountId: wallet.accountId,
          currency: wallet.currency,
          type: input.type ?? "credit",
          amount: input.amount,
          idempotencyKey: input.idempotencyKey,
          requestHash,
          actor: input.actor,
          ...(input.reason === undefined ? {} : { reason: input.reason }),
          ...(input.invoiceId === undefined ? {} : { invoiceId: input.invoiceId }),
          createdAt: new Date(),
        })
      ).toObject(),
    findPrior: () => LedgerEntry.findOne({ walletId: wallet._id, idempotencyKey: input.idempotencyKey }).lean(),
    sameRequest: (prior) => prior.requestHash === requestHash,
    what: "a different amount or reason",
  });
  let entry: LedgerEntry = created.doc;
  const replayed = created.replayed;
  if (!replayed) {
    await audit(ctx, input.actor, `wallet.${input.type ?? "credit"}`, wallet._id, {
      entryId: entry._id,
      amount: input.amount,
      currency: wallet.currency,
    });
  }
  if (entry.appliedAt === undefined) entry = await applyEntry(ctx, entry);
  // Money arriving pays a due recurring fee at once (and unblocks the account's calls).
  if (input.amount > 0) await settle(ctx, wallet.accountId);
  return { entry, replayed };
}
