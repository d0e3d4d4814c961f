import { createHmac, randomBytes } from "node:crypto";
import type { AppContext, Mailer } from "../../context.js";
import { newId } from "../../ids.js";
import type { Notification } from "../../models/index.js";
import { render } from "./templates.js";
import { withLock } from "../locks.js";
import { postWebhook } from "./webhook-target.js";

const MAX_ATTEMPTS = 8;
/** 5 s, 10 s, 20 s, … capped at an hour. */
const backoffMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);

/** A Standard Webhooks secret: `whsec_` and base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** Standard Webhooks: v1 = base64(HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/**
 * Deliver due notifications to every channel still pending; record every attempt; retry failures with
 * backoff until MAX_ATTEMPTS. Delivery is at least once: the notification id travels as the email's
 * Message-ID and as the webhook-id header, so a receiver can drop a repeat after a crash mid-delivery.
 */
export async function deliverNotifications(ctx: AppContext, mailer: Mailer | undefined): Promise<number> {
  // One deliverer at a time: two could each send a channel that is still pending for both.
  const delivered = await withLock(ctx, "notifications.deliver", 300_000, async () => {
    const due = await ctx.models.Notification.find({ pending: { $ne: [] }, nextAttemptAt: { $lte: new Date() } })
      .limit(100)
      .lean();
    for (const n of due) await deliverOne(ctx, mailer, n);
    return due.length;
  });
  return delivered ?? 0;
}

async function deliverOne(ctx: AppContext, mailer: Mailer | undefined, n: Notification): Promise<void> {
  const { Notification: Notifications, NotificationDelivery, NotificationSettings } = ctx.models;
  const settings = await NotificationSettings.findById(n.accountId).lean();
  const attempt = n.attempts + 1;
  const content = render(n.kind, n.data);
  const payload = JSON.stringify({
    type: `tollgate.${n.kind}`,
    timestamp: n.createdAt.toISOString(),
    data: { accountId: n.accountId, ...n.data },
  });
  for (const channel of n.pending) {
    let ok = false;
    let detail: string;
    try {
      if (channel.startsWith("email:")) {
        if (mailer === undefined) throw new Error("no mail transport configured");
        const info = (await mailer.transport.sendMail({
          from: mailer.from,
          to: channel.slice(6),
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: `<${n._id}@tollgate>`,
        })) as { response?: string };
        detail = info.response ?? "sent";
      } else {
        const hook = settings?.webhooks.find((w) => `webhook:${w.id}` === channel);
        if (hook === undefined) throw new Error("webhook endpoint removed");
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = {
          "content-type": "application/json",
          "webhook-id": n._id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signWebhook(hook.secret, n._id, timestamp, payload),
        };
        const status = await postWebhook(hook.url, headers, payload, ctx.webhooks);
        detail = `HTTP ${status}`;
        if (status < 200 || status > 299) throw new Error(detail);
      }
      ok = true;
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    ctx.metrics.deliveries.inc({ channel: channel.startsWith("email:") ? "email" : "webhook", result: ok ? "ok" : "failed" });
    await NotificationDelivery.create({
      _id: newId("dlv"),
      notificationId: n._id,
      accountId: n.accountId,
      channel,
      attempt,
      ok,
      detail,
      at: new Date(),
    });
    if (ok) await Notifications.updateOne({ _id: n._id }, { $pull: { pending: channel }, $addToSet: { delivered: channel } });
    else if (attempt >= MAX_ATTEMPTS)
      await Notifications.updateOne({ _id: n._id }, { $pull: { pending: channel }, $addToSet: { failed: channel } });
  }
  await Notifications.updateOne({ _id: n._id }, { $set: { attempts: attempt, nextAttemptAt: new Date(Date.now() + backoffMs(attempt)) } });
}
