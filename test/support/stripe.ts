import request from "supertest";
import Stripe from "stripe";
import { STRIPE_WEBHOOK_SECRET, type Stack } from "./stack.js";

const stripe = new Stripe("sk_test_unused");

/** A webhook as Stripe would send it: the event JSON, signed with the endpoint's secret. */
export function stripeWebhook(
  stack: Stack,
  type: string,
  object: Record<string, unknown>,
  id = `evt_${Math.random().toString(36).slice(2)}`,
) {
  const payload = JSON.stringify({ id, object: "event", type, data: { object } });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET });
  return request(stack.controlPlaneUrl)
    .post("/v1/webhooks/stripe")
    .set("content-type", "application/json")
    .set("stripe-signature", signature)
    .send(payload);
}
