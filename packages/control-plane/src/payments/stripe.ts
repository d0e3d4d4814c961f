import Stripe from "stripe";
import type { CardDetails, PaymentEvent, PaymentProvider, PaymentProviderName } from "./provider.js";

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API base, e.g. stripe-mock's `http://127.0.0.1:12111`. */
  apiBase?: string | undefined;
}

/** How long a Checkout page takes payment (an hour): a pending top-up left on it expires after that. */
export const CHECKOUT_TTL_MS = 3_600_000;

/** Stripe through its official package: PaymentIntents for payments, Refunds, signed webhooks. */
export class StripeProvider implements PaymentProvider {
  readonly name: PaymentProviderName = "stripe";
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2, // safe: every call carries an idempotency key
      ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol === "http:" ? "http" : "https" } : {}),
    });
  }

  async startPayment(input: Parameters<PaymentProvider["startPayment"]>[0]) {
    const metadata = { rechargeId: input.rechargeId, accountId: input.accountId };
    if (input.paymentMethod === undefined && input.checkout !== undefined) {
      // Stripe Checkout: Stripe's page takes the card; its PaymentIntent carries our metadata to the webhook.
      const back = new URL(input.checkout.returnUrl);
      // An abandoned page stops taking payment after this (Stripe allows 30 minutes to 24 hours).
      const expiresAt = new Date(Date.now() + CHECKOUT_TTL_MS);
      back.searchParams.set("recharge", input.rechargeId);
      const session = await this.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.currency.toLowerCase(),
                unit_amount: input.amountMinor,
                product_data: { name: input.description ?? "Prepaid API credit" },
              },
            },
          ],
          metadata,
          payment_intent_data: { metadata, ...(input.checkout.saveCard ? { setup_future_usage: "off_session" as const } : {}) },
          ...(input.checkout.saveCard ? { customer_creation: "always" as const } : {}),
          success_url: back.toString(),
          cancel_url: back.toString(),
          expires_at: Math.floor(expiresAt.getTime() / 1000),
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { reference: session.id, checkoutUrl: session.url ?? undefined, expiresAt };
    }
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        metadata,
        ...(input.paymentMethod
          ? {
              payment_method: input.paymentMethod,
              ...(input.customer ? { customer: input.customer, off_session: true } : {}),
              confirm: true,
              automatic_payment_methods: { enabled: true, allow_redirects: "never" as const },
            }
          : {}),
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { reference: intent.id, clientSecret: intent.client_secret ?? undefined };
  }

  async cancelPayment(input: { reference: string }): Promise<"cancelled" | "paid"> {
    if (input.reference.startsWith("cs_")) {
      const session = await this.stripe.checkout.sessions.retrieve(input.reference);
      if (session.status === "complete" || session.payment_status === "paid") return "paid";
      if (session.status === "open") await this.stripe.checkout.sessions.expire(input.reference);
      return "cancelled";
    }
    const intent = await this.stripe.paymentIntents.retrieve(input.reference);
    if (intent.status === "succeeded" || intent.status === "processing") return "paid";
    if (intent.status !== "canceled") await this.stripe.paymentIntents.cancel(input.reference);
    return "cancelled";
  }

  async describeCard(input: { paymentMethod: string }): Promise<CardDetails | undefined> {
    const method = await this.stripe.paymentMethods.retrieve(input.paymentMethod);
    const card = method.card;
    if (!card) return undefined;
    return { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
  }

  async forgetCard(input: { paymentMethod: string }): Promise<void> {
    await this.stripe.paymentMethods.detach(input.paymentMethod);
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
      payment_method?: string | { id: string } | null;
      customer?: string | { id: string } | null;
      setup_future_usage?: string | null;
    };
    const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : v?.id);
    const rechargeId = object.metadata?.rechargeId;
    switch (event.type) {
      case "payment_intent.succeeded": {
        const paymentMethod = idOf(object.payment_method);
        const customer = idOf(object.customer);
        const kept = object.setup_future_usage === "off_session" ? paymentMethod && customer && { paymentMethod, customer } : undefined;
        return { kind: "payment_succeeded", eventId: event.id, reference: object.id!, rechargeId, ...(kept ? { savedCard: kept } : {}) };
      }
      case "checkout.session.expired":
        return { kind: "payment_failed", eventId: event.id, reference: object.id!, rechargeId, reason: "the checkout page expired unpaid" };
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
