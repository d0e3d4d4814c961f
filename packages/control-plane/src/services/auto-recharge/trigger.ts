import type { AppContext } from "../../context.js";
import { unlessDuplicate, type Recharge } from "../../models/index.js";
import { newId } from "../../ids.js";
import { audit } from "../audit.js";
import { startRecharge } from "../recharges/start.js";
import { microsPerMinorUnit } from "../../payments/minor-units.js";
import { releaseLock, takeLock } from "../locks.js";

export type TriggerOutcome = "started" | "off" | "in_flight" | "daily_limit" | "not_needed" | "failed";

/**
 * A wallet fell below its threshold: start one recharge, unless one is already in flight or the day's limit
 * is reached. The in-flight slot is taken by a conditional update, so a burst of signals starts one.
 */
export async function triggerAutoRecharge(ctx: AppContext, accountId: string, currency: string): Promise<TriggerOutcome> {
  const { Wallet, AutoRechargeDay } = ctx.models;
  const wallet = await Wallet.findOne({ accountId, currency }).lean();
  const settings = wallet?.autoRecharge;
  if (wallet === null || settings === undefined) return "off";

  // The wallet's one in-flight slot is a lock (a unique insert), held until the payment answers; a
  // provider that never answers frees it after an hour.
  const rechargeId = newId("rch");
  const slot = `auto-recharge:${wallet._id}`;
  const holder = await takeLock(ctx, slot, 3_600_000, { rechargeId });
  if (holder === undefined) return "in_flight";
  await Wallet.updateOne({ _id: wallet._id }, { $set: { autoRechargeInFlight: rechargeId, autoRechargeStartedAt: new Date() } });
  const release = async () => {
    await Wallet.updateOne(
      { _id: wallet._id, autoRechargeInFlight: rechargeId },
      { $unset: { autoRechargeInFlight: 1, autoRechargeStartedAt: 1 } },
    );
    await releaseLock(ctx, slot, holder);
  };

  const day = new Date().toISOString().slice(0, 10);
  // The day's count, raised unless it is at the limit: then the upsert's insert meets the day's document.
  const counted = await unlessDuplicate(() =>
    AutoRechargeDay.findOneAndUpdate(
      { _id: `${wallet._id}:${day}`, count: { $lt: settings.dailyLimit } },
      { $inc: { count: 1 } },
      { upsert: true },
    ),
  );
  if (counted === undefined) {
    await release();
    await audit(ctx, "system:auto-recharge", "auto_recharge.daily_limit", accountId, { currency, dailyLimit: settings.dailyLimit });
    return "daily_limit";
  }

  const balance = (await ctx.hot.wallets(accountId)).get(currency)?.balance ?? 0;
  // A card is charged in whole minor units: a top-up to a target rounds down, never past the target.
  const per = microsPerMinorUnit(currency);
  const amount = settings.mode === "fixed" ? settings.amount : Math.floor((settings.amount - balance) / per) * per;
  if (amount <= 0) {
    await release();
    return "not_needed";
  }
  let error: string;
  try {
    const started = await startRecharge(ctx, {
      accountId,
      amount,
      currency,
      provider: settings.provider,
      paymentMethod: settings.paymentMethod,
      customer: settings.customer,
      idempotencyKey: `auto:${rechargeId}`,
      automatic: true,
      actor: "system:auto-recharge",
    });
    if (started.ok) return "started";
    // A refused start (no such provider, no wallet…) is recorded as a provider's error is: the slot is freed.
    error = `${started.code}: ${started.detail ?? ""}`;
  } catch (thrown) {
    error = String(thrown);
  }
  await release();
  await audit(ctx, "system:auto-recharge", "auto_recharge.failed", accountId, { currency, error });
  return "failed";
}

/** A recharge ended (succeeded or failed): an automatic one frees its wallet's slot. */
export async function releaseAutoRecharge(ctx: AppContext, recharge: Recharge): Promise<void> {
  if (!recharge.automatic) return;
  // The slot holds the recharge id, which the recharge carries as its idempotency key `auto:<id>`.
  const rechargeId = recharge.idempotencyKey.replace(/^auto:/, "");
  await ctx.models.Wallet.updateOne(
    { _id: recharge.walletId, autoRechargeInFlight: rechargeId },
    { $unset: { autoRechargeInFlight: 1, autoRechargeStartedAt: 1 } },
  );
  await ctx.models.Lock.deleteOne({ _id: `auto-recharge:${recharge.walletId}`, "data.rechargeId": rechargeId });
  if (recharge.status === "failed") {
    await audit(ctx, "system:auto-recharge", "auto_recharge.failed", recharge.accountId, {
      rechargeId: recharge._id,
      reason: recharge.failureReason ?? "payment failed",
    });
  }
}

/** Slots held past `maxAgeMs` (the provider never answered): freed, so the next crossing can try again. */
export async function releaseStaleAutoRecharges(ctx: AppContext, maxAgeMs = 3_600_000): Promise<number> {
  const result = await ctx.models.Wallet.updateMany(
    { autoRechargeStartedAt: { $lt: new Date(Date.now() - maxAgeMs) } },
    { $unset: { autoRechargeInFlight: 1, autoRechargeStartedAt: 1 } },
  );
  await ctx.models.Lock.deleteMany({ _id: { $regex: "^auto-recharge:" }, expiresAt: { $lt: new Date() } });
  return result.modifiedCount;
}
