import { Schema } from "mongoose";

/** What the provider's own systems (a CRM, an accounting system) can follow without polling. */
export const WEBHOOK_EVENT_TYPES = ["invoice.finalized", "invoice.paid", "payment.refunded", "account.updated"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * A deployment-level webhook endpoint (not an account's notification webhook): where events are signed and
 * sent, as Standard Webhooks, with the secret made when it was registered.
 */
export interface WebhookEndpoint {
  _id: string;
  url: string;
  secret: string;
  /** The event types it receives. */
  events: WebhookEventType[];
  description?: string | undefined;
  createdBy: string;
  createdAt: Date;
}

export const webhookEndpointSchema = new Schema<WebhookEndpoint>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    events: { type: [String], required: true },
    description: { type: String },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/**
 * The outbox: one event per fact, recorded by a unique insert (`_id` derived from the fact: the type and the
 * invoice, recharge or account change it is about), so recording it again inserts nothing. `data` is the
 * object's view as the API returns it, when the fact happened. `fannedOut` is set once a message for every
 * endpoint that wanted it exists.
 */
export interface WebhookEvent {
  _id: string;
  type: WebhookEventType;
  /** The object the event is about (an invoice, a recharge, an account). */
  subject: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  fannedOut: boolean;
}

export const webhookEventSchema = new Schema<WebhookEvent>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    subject: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    occurredAt: { type: Date, required: true },
    fannedOut: { type: Boolean, required: true },
  },
  { versionKey: false, strict: "throw", minimize: false },
);
webhookEventSchema.index({ fannedOut: 1 });
webhookEventSchema.index({ subject: 1, occurredAt: -1 });

/**
 * One event to one endpoint: inserted once (`_id` derived from both) when the event is fanned out, then
 * delivered at least once, with backoff, until it succeeds or its attempts run out. Every attempt is a
 * `WebhookAttempt`.
 */
export interface WebhookMessage {
  _id: string;
  eventId: string;
  endpointId: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
}

export const webhookMessageSchema = new Schema<WebhookMessage>(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    endpointId: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
webhookMessageSchema.index({ status: 1, nextAttemptAt: 1 });

/** The delivery log: every attempt of every message, per endpoint. */
export interface WebhookAttempt {
  _id: string;
  endpointId: string;
  messageId: string;
  eventId: string;
  eventType: WebhookEventType;
  attempt: number;
  ok: boolean;
  /** `HTTP 204`, or why it failed (a timeout, a refused target). */
  detail: string;
  at: Date;
}

export const webhookAttemptSchema = new Schema<WebhookAttempt>(
  {
    _id: { type: String, required: true },
    endpointId: { type: String, required: true },
    messageId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    attempt: { type: Number, required: true },
    ok: { type: Boolean, required: true },
    detail: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
webhookAttemptSchema.index({ endpointId: 1, at: -1, _id: -1 });
