import type { AppContext } from "../../context.js";
import { derivedId } from "../../ids.js";
import type { Invoice, Recharge } from "../../models/index.js";
import { insertOnce } from "../../models/index.js";
import type { WebhookEventType } from "../../models/webhook.js";

/**
 * Record one event in the outbox, once per fact: its id is derived from the type and `fact` (what names the
 * fact once: an invoice's id for its finalization or payment, a recharge's for its refund), so recording the
 * same fact again (a replayed request, a retried job, a run that died before it marked its work) inserts
 * nothing. The delivery job (deliver.ts) sends it to each endpoint that wants it. True when this call recorded it.
 */
export async function recordEvent(
  ctx: AppContext,
  type: WebhookEventType,
  fact: string,
  subject: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  return insertOnce(ctx.models.WebhookEvent, {
    _id: `evt_${derivedId(type, fact)}`,
    type,
    subject,
    data,
    occurredAt: new Date(),
    fannedOut: false,
  });
}

/** `invoice.finalized` or `invoice.paid`, for an invoice (receipts and credit notes have no such event). */
export async function invoiceEvent(ctx: AppContext, type: "invoice.finalized" | "invoice.paid", invoice: Invoice): Promise<void> {
  if (invoice.kind !== "invoice") return;
  await recordEvent(ctx, type, invoice._id, invoice._id, ctx.views.invoice(invoice));
}

/** `payment.refunded`: a top-up (a recharge) refunded, once per recharge. */
export async function refundEvent(ctx: AppContext, recharge: Recharge): Promise<void> {
  if (recharge.status !== "refunded") return;
  await recordEvent(ctx, "payment.refunded", recharge._id, recharge._id, ctx.views.recharge(recharge));
}

/** The account as the API shows it now (its view, wallets included): what `accountEvent` compares a change with. */
export async function accountSnapshot(ctx: AppContext, accountId: string): Promise<Record<string, unknown> | undefined> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return undefined;
  return ctx.views.account(account, await ctx.models.Wallet.find({ accountId }).sort({ createdAt: 1, _id: 1 }).lean());
}

/**
 * `account.updated`, when the account's view differs from what its last event carried (or, before its first
 * event, from `before`, its view before the change). The fact is "the account became this view after that
 * event", so racers recording the same change record it once, a replay that changed nothing records nothing,
 * and a change whose writer died before recording it is recorded by the next call that finds the view moved on.
 */
export async function accountEvent(ctx: AppContext, accountId: string, before: Record<string, unknown> | undefined): Promise<void> {
  const view = await accountSnapshot(ctx, accountId);
  if (view === undefined) return;
  const last = await ctx.models.WebhookEvent.findOne({ type: "account.updated", subject: accountId })
    .sort({ occurredAt: -1, _id: -1 })
    .lean();
  const prior = last?.data ?? before;
  if (prior !== undefined && JSON.stringify(prior) === JSON.stringify(view)) return;
  await recordEvent(ctx, "account.updated", `${accountId}\u0000${last?._id ?? ""}\u0000${JSON.stringify(view)}`, accountId, view);
}
