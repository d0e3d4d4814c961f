import { z } from "zod";
import { MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { id, pageBody, pageQueryOf } from "../http/schemas.js";
import { toWebhookAttemptView, toWebhookEndpointView, webhookAttemptView, webhookEndpointView } from "../http/webhook-views.js";
import { WEBHOOK_EVENT_TYPES } from "../models/webhook.js";
import { createEndpoint, listAttempts, removeEndpoint, updateEndpoint } from "../services/webhooks/endpoints.js";

const endpointBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_048),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
  description: z.string().trim().min(1).max(200).optional(),
});
const endpointParams = z.strictObject({ endpointId: id });

export const createWebhookEndpointRoute = defineRoute({
  method: "post",
  path: "/v1/webhook-endpoints",
  operationId: "createWebhookEndpoint",
  summary:
    "Register a deployment-level webhook endpoint (a CRM, an accounting system) for `invoice.finalized`, `invoice.paid`, `payment.refunded` and `account.updated`: each event is signed as Standard Webhooks with the endpoint's new secret and delivered at least once, with the same `webhook-id` on every attempt. It receives the events recorded from now on.",
  access: "admin",
  roles: MANAGERS,
  body: endpointBody,
  responses: { 201: { description: "The endpoint, with its signing secret", schema: webhookEndpointView } },
  problems: ["validation_failed"],
  async handle({ body, principal, ctx }) {
    const made = await createEndpoint(ctx, body, principal.actor);
    return made.ok ? { status: 201, body: toWebhookEndpointView(made.value) } : made;
  },
});

export const listWebhookEndpointsRoute = defineRoute({
  method: "get",
  path: "/v1/webhook-endpoints",
  operationId: "listWebhookEndpoints",
  summary: "The deployment's webhook endpoints, oldest first.",
  access: "admin",
  roles: MANAGERS,
  responses: { 200: { description: "The endpoints", schema: z.object({ items: z.array(webhookEndpointView) }) } },
  async handle({ ctx }) {
    const endpoints = await ctx.models.WebhookEndpoint.find().sort({ createdAt: 1, _id: 1 }).limit(1_000).lean();
    return { status: 200, body: { items: endpoints.map(toWebhookEndpointView) } };
  },
});

export const getWebhookEndpointRoute = defineRoute({
  method: "get",
  path: "/v1/webhook-endpoints/:endpointId",
  operationId: "getWebhookEndpoint",
  summary: "A webhook endpoint, with its signing secret.",
  access: "admin",
  roles: MANAGERS,
  params: endpointParams,
  responses: { 200: { description: "The endpoint", schema: webhookEndpointView } },
  async handle({ params, ctx }) {
    // It exists: the route's path lookup answered 404 otherwise (http/path-objects.ts).
    return { status: 200, body: toWebhookEndpointView((await ctx.models.WebhookEndpoint.findById(params.endpointId).lean())!) };
  },
});

export const updateWebhookEndpointRoute = defineRoute({
  method: "put",
  path: "/v1/webhook-endpoints/:endpointId",
  operationId: "updateWebhookEndpoint",
  summary: "Change a webhook endpoint's URL, events or description; its secret stays.",
  access: "admin",
  roles: MANAGERS,
  params: endpointParams,
  body: endpointBody,
  responses: { 200: { description: "The endpoint", schema: webhookEndpointView } },
  problems: ["validation_failed", "not_found"],
  async handle({ params, body, principal, ctx }) {
    const updated = await updateEndpoint(ctx, params.endpointId, body, principal.actor);
    return updated.ok ? { status: 200, body: toWebhookEndpointView(updated.value) } : updated;
  },
});

export const removeWebhookEndpointRoute = defineRoute({
  method: "delete",
  path: "/v1/webhook-endpoints/:endpointId",
  operationId: "removeWebhookEndpoint",
  summary: "Remove a webhook endpoint: nothing more is sent to it; its delivery log stays.",
  access: "admin",
  roles: MANAGERS,
  params: endpointParams,
  responses: { 200: { description: "The removed endpoint", schema: webhookEndpointView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const removed = await removeEndpoint(ctx, params.endpointId, principal.actor);
    return removed.ok ? { status: 200, body: toWebhookEndpointView(removed.value) } : removed;
  },
});

export const listWebhookDeliveriesRoute = defineRoute({
  method: "get",
  path: "/v1/webhook-endpoints/:endpointId/deliveries",
  operationId: "listWebhookDeliveries",
  summary:
    "An endpoint's delivery log: every attempt (event, attempt number, whether it succeeded, the HTTP status or why it failed), newest first, cursor-paginated (100 a page unless `limit` says).",
  access: "admin",
  roles: MANAGERS,
  params: endpointParams,
  query: pageQueryOf(100),
  responses: {
    200: {
      description: "A page of delivery attempts",
      schema: z.object({ items: z.array(webhookAttemptView), nextCursor: z.string().optional() }),
    },
  },
  async handle({ params, query, ctx }) {
    const page = await listAttempts(ctx, params.endpointId, query.limit, query.cursor);
    return { status: 200, body: pageBody(page, toWebhookAttemptView) };
  },
});
