import { z } from "zod";
import { ANY_STAFF, MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams, pageBody, pageQueryOf, positiveAmount } from "../http/schemas.js";
import type { Notification } from "../models/index.js";
import { notificationSettingsView, toNotificationSettingsView } from "../http/views.js";
import { DEFAULT_BUNDLE_PERCENTS, NOTIFICATION_KINDS } from "../models/notification.js";

/** Quota use is told at these percentages until the account chooses others. */
const DEFAULT_QUOTA_PERCENTS = [50, 80, 100] as const;
import { setNotificationSettings } from "../services/notifications/settings.js";

export const putNotificationSettings = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/notification-settings",
  operationId: "setNotificationSettings",
  summary:
    "Who hears about the account, and about what: email recipients, webhook endpoints (each gets a signing secret, kept across updates for the same URL), muted kinds, balance thresholds (micros, and percent of the last recharge), quota percentages, and the percentages of a bundle's units left (a bundle used up is always told).",
  access: "owner",
  roles: MANAGERS,
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
    quotaPercents: z
      .array(z.number().int().min(1).max(100))
      .max(10)
      .default(() => [...DEFAULT_QUOTA_PERCENTS]),
    bundlePercents: z
      .array(z.number().int().min(1).max(99))
      .max(10)
      .default(() => [...DEFAULT_BUNDLE_PERCENTS]),
  }),
  responses: { 200: { description: "The settings", schema: notificationSettingsView } },
  problems: ["validation_failed"],
  async handle({ params, body, principal, ctx }) {
    const set = await setNotificationSettings(ctx, params.accountId, body, principal.actor);
    return set.ok ? { status: 200, body: toNotificationSettingsView(set.value) } : set;
  },
});

export const getNotificationSettings = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/notification-settings",
  operationId: "getNotificationSettings",
  summary: "Who hears about the account, and about what (the defaults until settings are saved).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The settings", schema: notificationSettingsView } },
  async handle({ params, ctx }) {
    // The account exists: the route's path lookup answered 404 otherwise (http/path-objects.ts).
    const saved = await ctx.models.NotificationSettings.findById(params.accountId).lean();
    return {
      status: 200,
      body: toNotificationSettingsView(
        saved ?? {
          _id: params.accountId,
          emails: [],
          webhooks: [],
          muted: [],
          balanceThresholds: [],
          percentOfLastRecharge: [],
          quotaPercents: [...DEFAULT_QUOTA_PERCENTS],
          bundlePercents: [...DEFAULT_BUNDLE_PERCENTS],
          updatedAt: new Date(0),
        },
      ),
    };
  },
});

export const listNotifications = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/notifications",
  operationId: "listNotifications",
  summary:
    "The account's notifications, newest first, cursor-paginated (100 a page unless `limit` says), with where each was delivered and what failed.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  // 100 a page by default: what the list answered before it had pages.
  query: pageQueryOf(100),
  responses: {
    200: {
      description: "A page of notifications",
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
        nextCursor: z.string().optional(),
      }),
    },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginate<Notification>(
      `notifications:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.Notification.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return {
      status: 200,
      body: pageBody(page, (n) => ({
        id: n._id,
        kind: n.kind,
        data: n.data,
        delivered: n.delivered,
        pending: n.pending,
        failed: n.failed,
        attempts: n.attempts,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  },
});
