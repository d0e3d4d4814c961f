import { Schema } from "mongoose";
import type { CardDetails } from "../payments/provider.js";

/** One wallet per account and currency. Its balance lives in the ledger and, in real time, in Redis. */
export interface Wallet {
  _id: string;
  accountId: string;
  currency: string;
  /** How far below zero this wallet may go, in micros: 0 for prepaid accounts. */
  creditLimit: number;
  autoRecharge?: AutoRecharge;
  /** The auto-recharge under way, if any: there is never more than one. */
  autoRechargeInFlight?: string;
  autoRechargeStartedAt?: Date;
  createdAt: Date;
}

/**
 * Top the wallet up when its balance falls below `threshold`: by a fixed `amount`, or up to `amount` as a
 * target. At most one recharge in flight and `dailyLimit` recharges a day (in UTC).
 */
export interface AutoRecharge {
  threshold: number;
  mode: "fixed" | "target";
  amount: number;
  dailyLimit: number;
  provider: string;
  paymentMethod: string;
  /** The provider's customer the card is saved with (a card kept at a Checkout payment). */
  customer?: string;
  /** What the card is, when the provider said (a card kept at a Checkout payment). */
  card?: CardDetails;
}

export const walletSchema = new Schema<Wallet>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    creditLimit: { type: Number, required: true, default: 0 },
    autoRecharge: {
      type: {
        _id: false,
        threshold: Number,
        mode: String,
        amount: Number,
        dailyLimit: Number,
        provider: String,
        paymentMethod: String,
        customer: String,
        card: { type: { _id: false, brand: String, last4: String, expMonth: Number, expYear: Number } },
      },
      required: false,
    },
    autoRechargeInFlight: { type: String },
    autoRechargeStartedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
walletSchema.index({ accountId: 1, currency: 1 }, { unique: true });
