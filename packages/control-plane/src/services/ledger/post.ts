import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { LedgerEntry, Wallet } from "../../models/index.js";
import { recordEntry } from "./record.js";
import type { LedgerEntryType } from "../../models/ledger-entry.js";
import { audit } from "../audit.js";
import { applyEntry } from "../wallets/apply.js";
import { payDueFees } from "../subscriptions/renew.js";

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

/** A ledger entry posted (and applied), or the first one again for a repeated idempotency key. */
export interface Posted {
  entry: LedgerEntry;
  replayed: boolean;
}

/**
 * Credit a wallet once per idempotency key. The ledger entry is written first (a unique index on
 * wallet + key makes a concurrent or repeated request find the first one), then applied to Redis.
 * A replay returns the first entry; the same key with another body is refused.
 */
export async function postEntry(ctx: AppContext, input: EntryInput): Promise<Outcome<Posted, "not_found" | "idempotency_key_reused">> {
  const wallet = await ctx.models.Wallet.findById(input.walletId).lean();
  if (wallet === null) return failure("not_found", `No wallet ${input.walletId}.`);
  const recorded = await recordAudited(ctx, wallet, input);
  if (!recorded.first && recorded.entry.requestHash !== recorded.requestHash)
    return failure("idempotency_key_reused", "This Idempotency-Key was first used for a different amount or reason.");
  let entry: LedgerEntry = recorded.entry;
  const replayed = !recorded.first;
  if (entry.appliedAt === undefined) entry = await applyEntry(ctx, entry);
  // Money arriving pays a due recurring fee at once (and unblocks the account's calls).
  if (input.amount > 0) await payDueFees(ctx, wallet.accountId);
  return ok({ entry, replayed });
}

/**
 * Record a wallet's ledger entry once per idempotency key, with the digest of what was asked (type, wallet,
 * amount, reason) that tells a replay from a reuse of the key; audited when first recorded (`detail` adds to
 * what the audit says). Not applied: the caller applies it when its order of application says.
 */
export async function recordAudited(
  ctx: AppContext,
  wallet: Pick<Wallet, "_id" | "accountId" | "currency">,
  input: EntryInput,
  detail: Record<string, unknown> = {},
): Promise<{ entry: LedgerEntry; first: boolean; requestHash: string }> {
  const type = input.type ?? "credit";
  const requestHash = createHash("sha256")
    .update(JSON.stringify([type, wallet._id, input.amount, input.reason ?? null]))
    .digest("hex");
  const recorded = await recordEntry(ctx, {
    _id: newId("led"),
    walletId: wallet._id,
    accountId: wallet.accountId,
    currency: wallet.currency,
    type,
    amount: input.amount,
    idempotencyKey: input.idempotencyKey,
    requestHash,
    actor: input.actor,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    ...(input.invoiceId === undefined ? {} : { invoiceId: input.invoiceId }),
    createdAt: new Date(),
  });
  if (recorded.first) {
    await audit(ctx, input.actor, `wallet.${type}`, wallet._id, {
      entryId: recorded.entry._id,
      ...detail,
      amount: input.amount,
      currency: wallet.currency,
    });
  }
  return { ...recorded, requestHash };
}
