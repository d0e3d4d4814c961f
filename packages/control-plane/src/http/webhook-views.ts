import { z } from "zod";
import type { WebhookAttempt, WebhookEndpoint } from "../models/index.js";
import { WEBHOOK_EVENT_TYPES } from "../models/webhook.js";

export const webhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().optional(),
  secret: z.string().describe("the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it"),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const toWebhookEndpointView = (e: WebhookEndpoint): z.infer<typeof webhookEndpointView> => ({
  id: e._id,
  url: e.url,
  events: e.events,
  ...(e.description ? { description: e.description } : {}),
  secret: e.secret,
  createdBy: e.createdBy,
  createdAt: e.createdAt.toISOString(),
});

export const webhookAttemptView = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().describe("the event's id: the `webhook-id` header, the same on every attempt"),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  attempt: z.number().int(),
  ok: z.boolean(),
  detail: z.string().describe("`HTTP 204`, or why it failed"),
  at: z.string(),
});
export const toWebhookAttemptView = (a: WebhookAttempt): z.infer<typeof webhookAttemptView> => ({
  id: a._id,
  endpointId: a.endpointId,
  eventId: a.eventId,
  eventType: a.eventType,
  attempt: a.attempt,
  ok: a.ok,
  detail: a.detail,
  at: a.at.toISOString(),
});
