import type { AppContext } from "../../context.js";
import { derivedId, newId } from "../../ids.js";
import { insertManyOnce, type WebhookEvent, type WebhookMessage } from "../../models/index.js";
import { withLock } from "../locks.js";
import { signWebhook } from "../notifications/deliver.js";
import { postWebhook } from "../notifications/webhook-target.js";

export const MAX_ATTEMPTS = 10;
/** 5 s, 10 s, 20 s, … capped at an hour: ten attempts span about an hour and a half. */
export const backoffMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);

/** How many messages a run sends; each is leased for `leaseMs`, longer than they all take (10 s timeout each). */
const BATCH = 20;

export interface DeliveryOptions {
  /**
   * How long a run holds the messages it took: a run killed while sending leaves them to the next run once
   * this has passed (default 5 minutes, above BATCH × the 10-second timeout).
   */
  leaseMs?: number;
}

/**
 * The outbox's delivery, one run: fan out each new event to the endpoints that want it (a message per event and
 * endpoint, inserted once), take the messages that are due (under the delivery lock, each leased by moving its
 * next attempt past `leaseMs`), then send each, signed as Standard Webhooks with the event's id as `webhook-id`,
 * the same on every attempt and every endpoint, so a receiver drops a repeat. A run killed at any point loses
 * nothing: an event not yet marked fanned out is fanned out again (its messages' ids are derived, so none is made
 * twice), and a message whose sending was not recorded is sent again once its lease ends (at least once).
 * Answers how many messages it sent.
 */
export async function deliverWebhookEvents(ctx: AppContext, options: DeliveryOptions = {}): Promise<number> {
  const leaseMs = options.leaseMs ?? 300_000;
  const { WebhookMessage: Messages } = ctx.models;
  const taken = await withLock(ctx, "webhooks.deliver", 60_000, async () => {
    await fanOut(ctx);
    const now = new Date();
    const due = await Messages.find({ status: "pending", nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(BATCH)
      .lean();
    if (due.length > 0)
      await Messages.updateMany({ _id: { $in: due.map((m) => m._id) } }, { $set: { nextAttemptAt: new Date(now.getTime() + leaseMs) } });
    return due;
  });
  for (const message of taken ?? []) await deliverOne(ctx, message);
  return taken?.length ?? 0;
}

async function fanOut(ctx: AppContext): Promise<void> {
  const { WebhookEvent: Events, WebhookEndpoint, WebhookMessage: Messages } = ctx.models;
  const events = await Events.find({ fannedOut: false }).sort({ occurredAt: 1 }).limit(500).lean();
  if (events.length === 0) return;
  const endpoints = await WebhookEndpoint.find().lean();
  for (const event of events) {
    // The endpoints registered when the event was recorded (an endpoint added later does not get the past).
    const messages: WebhookMessage[] = endpoints
      .filter((e) => e.events.includes(event.type) && e.createdAt <= event.occurredAt)
      .map((e) => ({
        _id: messageId(event, e._id),
        eventId: event._id,
        endpointId: e._id,
        status: "pending",
        attempts: 0,
        nextAttemptAt: event.occurredAt,
        createdAt: new Date(),
      }));
    await insertManyOnce(Messages, messages);
    await Events.updateOne({ _id: event._id }, { $set: { fannedOut: true } });
  }
}

const messageId = (event: WebhookEvent, endpointId: string) => `wmsg_${derivedId(event._id, endpointId)}`;

async function deliverOne(ctx: AppContext, message: WebhookMessage): Promise<void> {
  const { WebhookEvent: Events, WebhookEndpoint, WebhookMessage: Messages, WebhookAttempt } = ctx.models;
  const [event, endpoint] = await Promise.all([
    Events.findById(message.eventId).lean(),
    WebhookEndpoint.findById(message.endpointId).lean(),
  ]);
  const attempt = message.attempts + 1;
  let ok = false;
  let detail: string;
  try {
    if (endpoint === null) throw new Error("webhook endpoint removed");
    if (event === null) throw new Error("event missing");
    const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
    const timestamp = Math.floor(Date.now() / 1000);
    const status = await postWebhook(
      endpoint.url,
      {
        "content-type": "application/json",
        "webhook-id": event._id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(endpoint.secret, event._id, timestamp, body),
      },
      body,
      ctx.webhooks,
    );
    detail = `HTTP ${status}`;
    ok = status >= 200 && status <= 299;
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  ctx.metrics.deliveries.inc({ channel: "provider_webhook", result: ok ? "ok" : "failed" });
  await WebhookAttempt.create({
    _id: newId("watt"),
    endpointId: message.endpointId,
    messageId: message._id,
    eventId: message.eventId,
    eventType: event?.type ?? "account.updated",
    attempt,
    ok,
    detail,
    at: new Date(),
  });
  const gone = endpoint === null;
  await Messages.updateOne(
    { _id: message._id },
    {
      $set: {
        attempts: attempt,
        status: ok ? "delivered" : attempt >= MAX_ATTEMPTS || gone ? "failed" : "pending",
        nextAttemptAt: new Date(Date.now() + backoffMs(attempt)),
      },
    },
  );
}
