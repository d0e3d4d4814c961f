import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { WebhookAttempt, WebhookEndpoint } from "../../models/index.js";
import type { WebhookEventType } from "../../models/webhook.js";
import { audit } from "../audit.js";
import { newWebhookSecret } from "../notifications/deliver.js";
import { refuseResolvedWebhook, refuseWebhookUrl } from "../notifications/webhook-target.js";

export interface EndpointInput {
  url: string;
  events: WebhookEventType[];
  description?: string | undefined;
}

/** Why delivery would refuse `url` (the same guard as an account's notification webhooks), as a failure naming the field. */
async function refuseTarget(ctx: AppContext, url: string) {
  const refused = refuseWebhookUrl(url, ctx.webhooks) ?? (await refuseResolvedWebhook(url, ctx.webhooks));
  return refused === undefined
    ? undefined
    : failure("validation_failed", "A webhook endpoint may not be reached from here.", {
        errors: [{ location: "body", pointer: "/url", message: `not a webhook target: ${refused}` }],
      });
}

/** Register a deployment-level endpoint, with a new signing secret; it receives events recorded from now on. */
export async function createEndpoint(
  ctx: AppContext,
  input: EndpointInput,
  actor: string,
): Promise<Outcome<WebhookEndpoint, "validation_failed">> {
  const refused = await refuseTarget(ctx, input.url);
  if (refused !== undefined) return refused;
  const endpoint = (
    await ctx.models.WebhookEndpoint.create({
      _id: newId("wep"),
      url: input.url,
      secret: newWebhookSecret(),
      events: [...new Set(input.events)],
      ...(input.description ? { description: input.description } : {}),
      createdBy: actor,
      createdAt: new Date(),
    })
  ).toObject();
  await audit(ctx, actor, "webhook_endpoint.create", endpoint._id, { url: endpoint.url, events: endpoint.events });
  return ok(endpoint);
}

/** Change where an endpoint is and what it receives; its secret stays. */
export async function updateEndpoint(
  ctx: AppContext,
  endpointId: string,
  input: EndpointInput,
  actor: string,
): Promise<Outcome<WebhookEndpoint, "validation_failed" | "not_found">> {
  const refused = await refuseTarget(ctx, input.url);
  if (refused !== undefined) return refused;
  const endpoint = await ctx.models.WebhookEndpoint.findOneAndUpdate(
    { _id: endpointId },
    {
      $set: { url: input.url, events: [...new Set(input.events)], ...(input.description ? { description: input.description } : {}) },
      ...(input.description ? {} : { $unset: { description: 1 } }),
    },
    { returnDocument: "after" },
  ).lean();
  if (endpoint === null) return failure("not_found", `No webhook endpoint ${endpointId}.`);
  await audit(ctx, actor, "webhook_endpoint.update", endpointId, { url: endpoint.url, events: endpoint.events });
  return ok(endpoint);
}

/** Remove an endpoint: its pending messages fail on their next attempt ("endpoint removed"); its log stays. */
export async function removeEndpoint(ctx: AppContext, endpointId: string, actor: string): Promise<Outcome<WebhookEndpoint, "not_found">> {
  const removed = await ctx.models.WebhookEndpoint.findOneAndDelete({ _id: endpointId }).lean();
  if (removed === null) return failure("not_found", `No webhook endpoint ${endpointId}.`);
  await audit(ctx, actor, "webhook_endpoint.remove", endpointId, { url: removed.url });
  return ok(removed);
}

/** An endpoint's delivery log: every attempt, newest first, cursor-paginated. */
export function listAttempts(
  ctx: AppContext,
  endpointId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<WebhookAttempt>> {
  return ctx.cursors.paginate<WebhookAttempt>(`webhook-attempts:${endpointId}`, "at", limit, cursor, (after, sort, take) =>
    ctx.models.WebhookAttempt.find({ endpointId, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
}
