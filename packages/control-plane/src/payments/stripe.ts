import Stripe from "stripe";
import type { PaymentEvent, PaymentProvider } from "./provider.js";

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API base, e.g. stripe-mock's `http://127.0.0.1:12111`. */
  apiBase?: string | undefined;
}

/** Stripe through its official package: PaymentIntents for payments, Refunds, signed webhooks. */
export class StripeProvider implements PaymentProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2, // safe: every call carries an idempotency key
      ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol === "http:" ? "http" : "https" } : {}),
    });
  }

  async startPayment(input: Parameters<PaymentProvider["startPayment"]>[0]) {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        metadata: { rechargeId: input.rechargeId, accountId: input.accountId },
        ...(input.paymentMethod
          ? {
              payment_method: input.paymentMethod,
              confirm: true,
              automatic_payment_methods: { enabled: true, allow_redirects: "never" as const },
            }
          : {}),
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { reference: intent.id, clientSecret: intent.client_secret ?? undefined };
  }

  async refund(input: { reference: string; amountMinor: number; idempotencyKey: string }) {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.reference, amount: input.amountMinor },
      { idempotencyKey: input.idempotencyKey },
    );
    return { reference: refund.id };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent {
    const signature = headers["stripe-signature"];
    if (typeof signature !== "string") throw new Error("missing Stripe-Signature");
    const event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret);
    const object = event.data.object as {
      id?: string;
      payment_intent?: string | null;
      metadata?: Record<string, string> | null;
      last_payment_error?: { message?: string } | null;
    };
    const rechargeId = object.metadata?.rechargeId;
    switch (event.type) {
      case "payment_intent.succeeded":
        return { kind: "payment_succeeded", eventId: event.id, reference: object.id!, rechargeId };
      case "payment_intent.payment_failed":
        return {
          kind: "payment_failed",
          eventId: event.id,
          reference: object.id!,
          rechargeId,
          reason: object.last_payment_error?.message ?? "payment failed",
        };
      case "charge.refunded":
        return { kind: "refunded", eventId: event.id, reference: object.payment_intent ?? object.id!, rechargeId };
      default:
        return { kind: "ignored", eventId: event.id, type: event.type };
    }
  }
}
