import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { unlessDuplicate } from "../../models/index.js";
import type { NotificationKind, NotificationSettings } from "../../models/notification.js";
import { audit } from "../audit.js";
import { newWebhookSecret } from "./deliver.js";
import { refuseResolvedWebhook, refuseWebhookUrl, type WebhookPolicy } from "./webhook-target.js";

export interface NotificationSettingsInput {
  emails: string[];
  webhooks: string[];
  muted: NotificationKind[];
  balanceThresholds: number[];
  percentOfLastRecharge: number[];
  quotaPercents: number[];
  bundlePercents: number[];
}

/**
 * Replace who hears about an account, and about what. A webhook endpoint keeps its signing secret across
 * updates for the same URL; one that delivery would refuse is refused now, naming the field.
 */
export async function setNotificationSettings(
  ctx: AppContext,
  accountId: string,
  body: NotificationSettingsInput,
  actor: string,
): Promise<Outcome<NotificationSettings, "validation_failed">> {
  const refused = await checkWebhookTargets(body.webhooks, ctx.webhooks);
  if (refused !== undefined) return refused;
  const prior = await ctx.models.NotificationSettings.findById(accountId).lean();
  const webhooks = body.webhooks.map(
    (url) => prior?.webhooks.find((w) => w.url === url) ?? { id: newId("whk"), url, secret: newWebhookSecret() },
  );
  const write = () =>
    ctx.models.NotificationSettings.findOneAndUpdate(
      { _id: accountId },
      { $set: { ...body, webhooks, updatedAt: new Date() } },
      { upsert: true, returnDocument: "after" },
    ).lean();
  // Two first writes racing: the loser's insert collides on _id; the document exists now, so write again.
  const settings = (await unlessDuplicate(write))?.value ?? (await write());
  await audit(ctx, actor, "notifications.settings", accountId, {
    emails: body.emails.length,
    webhooks: webhooks.map((w) => w.url),
  });
  return ok(settings);
}

/** Refuse, naming the field, every endpoint that delivery would refuse (see services/notifications/webhook-target.ts). */
async function checkWebhookTargets(urls: string[], policy: WebhookPolicy): Promise<Failure<"validation_failed"> | undefined> {
  const errors: { location: "body"; pointer: string; message: string }[] = [];
  for (const [i, url] of urls.entries()) {
    const refused = refuseWebhookUrl(url, policy) ?? (await refuseResolvedWebhook(url, policy));
    if (refused !== undefined) errors.push({ location: "body", pointer: `/webhooks/${i}`, message: `not a webhook target: ${refused}` });
  }
  return errors.length > 0 ? failure("validation_failed", "A webhook endpoint may not be reached from here.", { errors }) : undefined;
}
