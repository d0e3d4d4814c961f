import { Schema } from "mongoose";

/** One wallet per account and currency. Its balance lives in the ledger and, in real time, in Redis. */
export interface Wallet {
  _id: string;
  accountId: string;
  currency: string;
  /** How far below zero this wallet may go, in micros: 0 for prepaid accounts. */
  creditLimit: number;
  createdAt: Date;
}

export const walletSchema = new Schema<Wallet>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    creditLimit: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
walletSchema.index({ accountId: 1, currency: 1 }, { unique: true });
