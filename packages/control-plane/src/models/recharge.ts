import { Schema } from "mongoose";
import type { CardDetails } from "../payments/provider.js";

/**
 * A top-up paid through a provider. Created pending; moved to succeeded (crediting the wallet once, with
 * `recharge:<id>` as the credit's idempotency key) or failed by the provider's webhook; refunded through a
 * reversal in the ledger.
 */
export interface Recharge {
  _id: string;
  accountId: string;
  walletId: string;
  currency: string;
  /** Micros. */
  amount: number;
  provider: string;
  /** What the provider calls this payment when it was started: a PaymentIntent, or a Checkout session. */
  providerRef?: string;
  /** The payment itself when it differs from `providerRef` (a Checkout session's PaymentIntent): refunds go here. */
  paymentRef?: string;
  /** The provider's hosted payment page, while the customer has yet to pay there. */
  checkoutUrl?: string;
  /** When that page stops taking payment: a top-up still pending then has expired. */
  expiresAt?: Date;
  /** The card the customer agreed to keep for auto-recharge when paying this recharge. */
  savedCard?: { paymentMethod: string; customer: string; card?: CardDetails };
  status: "pending" | "succeeded" | "failed" | "refunded";
  /** A card payment of an invoice rather than a top-up: what it pays goes to that invoice (any excess to the wallet). */
  invoiceId?: string;
  /** A card payment of a bundle pack rather than a top-up: when it succeeds, the purchase's bundle is issued (once). */
  packPurchaseId?: string;
  /** Started by auto-recharge rather than by a person. */
  automatic: boolean;
  idempotencyKey: string;
  requestHash: string;
  failureReason?: string;
  creditEntryId?: string;
  reversalEntryId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const rechargeSchema = new Schema<Recharge>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    walletId: { type: String, required: true },
    currency: { type: String, required: true },
    amount: { type: Number, required: true },
    provider: { type: String, required: true },
    providerRef: { type: String },
    paymentRef: { type: String },
    checkoutUrl: { type: String },
    expiresAt: { type: Date },
    savedCard: {
      type: {
        _id: false,
        paymentMethod: String,
        customer: String,
        card: { type: { _id: false, brand: String, last4: String, expMonth: Number, expYear: Number } },
      },
      required: false,
    },
    status: { type: String, required: true },
    invoiceId: { type: String },
    packPurchaseId: { type: String },
    automatic: { type: Boolean, required: true },
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    failureReason: { type: String },
    creditEntryId: { type: String },
    reversalEntryId: { type: String },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
rechargeSchema.index({ accountId: 1, idempotencyKey: 1 }, { unique: true });
rechargeSchema.index({ providerRef: 1 });
rechargeSchema.index({ accountId: 1, createdAt: -1 });
