/** The payment providers Tollgate has an implementation of, named once: the routes take these names. */
export const PAYMENT_PROVIDERS = ["stripe"] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * A way for customers to pay for recharges. A payment is started here and confirmed later by the provider's
 * signed webhook; Tollgate credits the wallet on that confirmation, exactly once however often it comes.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Start a payment of `amountMinor` (the currency's minor units). `idempotencyKey` makes retries safe. */
  startPayment(input: {
    rechargeId: string;
    accountId: string;
    amountMinor: number;
    currency: string;
    /** A saved card, charged at once without the customer (auto-recharge). */
    paymentMethod?: string | undefined;
    /** The provider's customer the saved card belongs to. */
    customer?: string | undefined;
    /**
     * Without a saved card: the customer pays on the provider's own hosted page (no card data and no
     * third-party script ever reach Tollgate's pages) and comes back here afterwards.
     */
    checkout?: { returnUrl: string; saveCard: boolean } | undefined;
    /** What the customer is paying for, as the payment page names it ("Prepaid API credit" when absent). */
    description?: string | undefined;
    idempotencyKey: string;
  }): Promise<{ reference: string; clientSecret?: string | undefined; checkoutUrl?: string | undefined; expiresAt?: Date | undefined }>;
  /**
   * Stop a payment that has not happened: its hosted page stops taking payment. `paid` when it was paid
   * meanwhile (its webhook credits it as any other).
   */
  cancelPayment(input: { reference: string }): Promise<"cancelled" | "paid">;
  /** What a kept card is, to show it (brand, last four digits, expiry); undefined when the provider cannot say. */
  describeCard(input: { paymentMethod: string }): Promise<CardDetails | undefined>;
  /** Stop keeping a card: it can never be charged again. */
  forgetCard(input: { paymentMethod: string }): Promise<void>;
  /** Give money back for a confirmed payment. */
  refund(input: { reference: string; amountMinor: number; idempotencyKey: string }): Promise<{ reference: string }>;
  /** Check a webhook's signature and read what it says; throws when the signature is not the provider's. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}

/** A kept card as people recognise it. */
export interface CardDetails {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type PaymentEvent =
  | {
      kind: "payment_succeeded";
      eventId: string;
      reference: string;
      rechargeId?: string | undefined;
      /** A card the customer agreed to keep for later payments, with the provider's customer it belongs to. */
      savedCard?: { paymentMethod: string; customer: string } | undefined;
    }
  | { kind: "payment_failed"; eventId: string; reference: string; rechargeId?: string | undefined; reason: string }
  | { kind: "refunded"; eventId: string; reference: string; rechargeId?: string | undefined }
  | { kind: "ignored"; eventId: string; type: string };
