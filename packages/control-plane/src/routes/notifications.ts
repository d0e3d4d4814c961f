import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { accountParams, positiveAmount } from "../http/schemas.js";
import { notificationSettingsView, toNotificationSettingsView } from "../http/views.js";
import { newId } from "../ids.js";
import { NOTIFICATION_KINDS } from "../models/notification.js";
import { isDuplicateKey } from "../models/index.js";
import { newWebhookSecret } from "../services/notifications/deliver.js";
import { refuseResolvedWebhook, refuseWebhookUrl, type WebhookPolicy } from "../services/notifications/webhook-target.js";
import { audit } from "../services/audit.js";
import { ProblemError } from "../http/problem-error.js";

export const putNotificationSettings = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/notification-settings",
  operationId: "setNotificationSettings",
  summary:
    "Who hears about the account, and about what: email recipients, webhook endpoints (each gets a signing secret, kept across updates for the same URL), muted kinds, balance thresholds (micros, and percent of the last recharge), quota percentages.",
  access: "owner",
  params: accountParams,
  body: z.strictObject({
    emails: z.array(z.email().max(254)).max(10).default([]),
    webhooks: z
      .array(z.url({ protocol: /^https?$/ }).max(2_048))
      .max(5)
      .default([]),
    muted: z.array(z.enum(NOTIFICATION_KINDS)).default([]),
    balanceThresholds: z.array(positiveAmount).max(10).default([]),
    percentOfLastRecharge: z.array(z.number().int().min(1).max(100)).max(10).default([]),
    quotaPercents: z.array(z.number().int().min(1).max(100)).max(10).default([50, 80, 100]),
  }),
  responses: { 200: { description: "The settings", schema: notificationSettingsView } },
  async handle({ params, body, principal, ctx }) {
    await checkWebhookTargets(body.webhooks, ctx.webhooks);
    const prior = await ctx.models.NotificationSettings.findById(params.accountId).lean();
    const webhooks = body.webhooks.map(
      (url) => prior?.webhooks.find((w) => w.url === url) ?? { id: newId("whk"), url, secret: newWebhookSecret() },
    );
    const write = () =>
      ctx.models.NotificationSettings.findOneAndUpdate(
        { _id: params.accountId },
        { $set: { ...body, webhooks, updatedAt: new Date() } },
        { upsert: true, returnDocument: "after" },
      ).lean();
    // Two first writes racing: the loser's insert collides on _id; the document exists now, so write again.
    const settings = await write().catch((error: unknown) => {
      if (isDuplicateKey(error)) return write();
      throw error;
    });
    await audit(ctx, principal.actor, "notifications.settings", params.accountId, {
      emails: body.emails.length,
      webhooks: webhooks.map((w) => w.url),
    });
    return { status: 200, body: toNotificationSettingsView(settings) };
  },
});

export const listNotifications = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/notifications",
  operationId: "listNotifications",
  summary: "The account's notifications, newest first (at most 100), with where each was delivered and what failed.",
  access: "owner",
  params: accountParams,
  responses: {
    200: {
      description: "The notifications",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            data: z.record(z.string(), z.unknown()),
            delivered: z.array(z.string()),
            pending: z.array(z.string()),
            failed: z.array(z.string()),
            attempts: z.number().int(),
            createdAt: z.string(),
          }),
        ),
      }),
    },
  },
  async handle({ params, ctx }) {
    const items = await ctx.models.Notification.find({ accountId: params.accountId }).sort({ createdAt: -1 }).limit(100).lean();
    return {
      status: 200,
      body: {
        items: items.map((n) => ({
          id: n._id,
          kind: n.kind,
          data: n.data,
          delivered: n.delivered,
          pending: n.pending,
          failed: n.failed,
          attempts: n.attempts,
          createdAt: n.createdAt.toISOString(),
        })),
      },
    };
  },
});

/** Refuse, naming the field, every endpoint that delivery would refuse (see services/notifications/webhook-target.ts). */
async function checkWebhookTargets(urls: string[], policy: WebhookPolicy): Promise<void> {
  const errors: { location: "body"; pointer: string; message: string }[] = [];
  for (const [i, url] of urls.entries()) {
    const refused = refuseWebhookUrl(url, policy) ?? (await refuseResolvedWebhook(url, policy));
    if (refused !== undefined) errors.push({ location: "body", pointer: `/webhooks/${i}`, message: `not a webhook target: ${refused}` });
  }
  if (errors.length > 0) throw new ProblemError("validation_failed", "A webhook endpoint may not be reached from here.", { errors });
}
