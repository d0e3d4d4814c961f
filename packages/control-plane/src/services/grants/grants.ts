import type { AppContext } from "../../context.js";
import { ProblemError } from "../../http/problem-error.js";
import { newId } from "../../ids.js";
import { isDuplicateKey, type Grant } from "../../models/index.js";
import { audit } from "../audit.js";
import { settleUnlocked } from "../ledger/settle-usage.js";
import { withLock } from "../claims.js";
import { creditWallet } from "../wallets/credit.js";

/** The stated consumption order: lowest priority number, then soonest expiry, then oldest. */
export const CONSUMPTION_ORDER = { priority: 1, expiresAt: 1, createdAt: 1, _id: 1 } as const;

export async function issueGrant(
  ctx: AppContext,
  input: { walletId: string; kind: Grant["kind"]; amount: number; priority: number; expiresAt: Date; reason?: string | undefined; idempotencyKey: string; actor: string },
): Promise<{ grant: Grant; replayed: boolean }> {
  const wallet = await ctx.models.Wallet.findById(input.walletId).lean();
  if (wallet === null) throw new ProblemError("not_found", `No wallet ${input.walletId}.`);
  let grant: Grant;
  let replayed = false;
  try {
    grant = (
      await ctx.models.Grant.create({
        _id: newId("grt"), walletId: wallet._id, accountId: wallet.accountId, currency: wallet.currency, kind: input.kind, amount: input.amount, remaining: input.amount,
        priority: input.priority, expiresAt: input.expiresAt, status: "active", allocations: [], ...(input.reason ? { reason: input.reason } : {}), idempotencyKey: input.idempotencyKey, createdAt: new Date(),
      })
    ).toObject();
    await audit(ctx, input.actor, "grant.issue", grant._id, { walletId: wallet._id, amount: input.amount, kind: input.kind, expiresAt: input.expiresAt.toISOString() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const prior = await ctx.models.Grant.findOne({ walletId: wallet._id, idempotencyKey: input.idempotencyKey }).lean();
    if (prior === null) throw error;
    if (prior.amount !== input.amount || prior.expiresAt.getTime() !== input.expiresAt.getTime() || prior.priority !== input.priority || prior.kind !== input.kind) {
      throw new ProblemError("idempotency_key_reused", "This Idempotency-Key was first used for a different grant.");
    }
    grant = prior;
    replayed = true;
  }
  if (grant.creditEntryId === undefined) {
    const { entry } = await creditWallet(ctx, { walletId: wallet._id, type: "grant", amount: grant.amount, reason: `${grant.kind} grant until ${grant.expiresAt.toISOString()}`, idempotencyKey: `grant:${grant._id}`, actor: input.actor });
    grant = (await ctx.models.Grant.findOneAndUpdate({ _id: grant._id }, { $set: { creditEntryId: entry._id } }, { returnDocument: "after" }).lean())!;
  }
  return { grant, replayed };
}

/**
 * Attribute one booked usage entry to the wallet's active grants, in consumption order. Each grant records
 * the entry id with what it gave, by an update that only applies if the entry is not there yet: run twice,
 * or after a crash midway, the entry is still attributed once.
 */
export async function allocateUsage(ctx: AppContext, walletId: string, entryId: string, amount: number): Promise<void> {
  const { Grant: Grants } = ctx.models;
  const grants = await Grants.find({ walletId, status: "active" }).sort(CONSUMPTION_ORDER).lean();
  let left = amount - grants.reduce((sum, g) => sum + (g.allocations.find((a) => a.entryId === entryId)?.amount ?? 0), 0);
  for (const grant of grants) {
    if (left <= 0) return;
    if (grant.allocations.some((a) => a.entryId === entryId) || grant.remaining <= 0) continue;
    const take = Math.min(grant.remaining, left);
    const done = await Grants.updateOne(
      { _id: grant._id, status: "active", remaining: { $gte: take }, "allocations.entryId": { $ne: entryId } },
      { $inc: { remaining: -take }, $push: { allocations: { entryId, amount: take } } },
    );
    if (done.modifiedCount === 1) left -= take;
  }
}

/**
 * Expire grants past their date: book what usage is waiting (so that it is attributed first), then move each
 * grant's remainder out of the wallet through an `expiry` entry, never taking the balance below zero.
 */
export async function expireGrants(ctx: AppContext, now = new Date()): Promise<number> {
  // Under the settlement lock: booking usage and expiring what it did not use must not interleave.
  return (await withLock(ctx, "ledger.settle", 300_000, () => expireUnlocked(ctx, now))) ?? 0;
}

async function expireUnlocked(ctx: AppContext, now: Date): Promise<number> {
  const due = await ctx.models.Grant.find({ status: "active", expiresAt: { $lte: now } }).sort({ expiresAt: 1 }).limit(500).lean();
  if (due.length === 0) return 0;
  await settleUnlocked(ctx);
  for (const stale of due) {
    const grant = (await ctx.models.Grant.findById(stale._id).lean())!;
    const balance = (await ctx.hot.wallets(grant.accountId)).get(grant.currency)?.balance ?? 0;
    const take = Math.max(0, Math.min(grant.remaining, balance));
    let expiryEntryId: string | undefined;
    if (take > 0) {
      const { entry } = await creditWallet(ctx, { walletId: grant.walletId, type: "expiry", amount: -take, reason: `${grant.kind} grant ${grant._id} expired`, idempotencyKey: `expiry:${grant._id}`, actor: "system:grants" });
      expiryEntryId = entry._id;
    }
    await ctx.models.Grant.updateOne({ _id: grant._id, status: "active" }, { $set: { status: "expired", remaining: 0, ...(expiryEntryId ? { expiryEntryId } : {}) } });
  }
  return due.length;
}
