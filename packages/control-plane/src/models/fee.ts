import { Schema } from "mongoose";

/**
 * A plan's recurring fee: `fee` per period plus `seatPrice` per seat of the account, in micros of the plan's
 * currency, charged at the start of each period of `interval`. A prepaid account that cannot pay is past due
 * for `graceHours`, then its calls are refused (402 `subscription_unpaid`) until the fee is paid.
 */
export interface Recurring {
  interval: "month" | "week" | "year";
  fee: number;
  seatPrice: number;
  graceHours: number;
}

/**
 * What a subscription charges, once: a period's `renewal` (the plan's fee plus seats × seat price), or a
 * `change` of plan or seats within a period, prorated (positive: charged; negative: credited). The id is unique
 * to what it charges: `fee_<account>_<period start>` for a renewal, `fee_<account>_chg_<digest of the idempotency key>` for
 * a change, so a fee is created once however many runs race. It moves money once, through the ledger entry
 * named by `ledgerEntryId` (type `fee`); until then it is `due`.
 */
export interface Fee {
  _id: string;
  accountId: string;
  walletId: string;
  currency: string;
  kind: "renewal" | "change";
  planId: string;
  /** The period it belongs to. */
  periodFrom: Date;
  periodTo: Date;
  /** Renewals: the plan's fee and seat price, and the seats, when it was created. */
  fee: number;
  seatPrice: number;
  seats: number;
  /** Changes: what changed, when, and the fraction of the period left (whole seconds). */
  change?: FeeChange;
  /** Micros the customer pays (negative: credited to the wallet). */
  amount: number;
  ledgerEntryId: string;
  status: "due" | "paid";
  /** Due fees: calls are refused from this instant on while it is unpaid. */
  graceUntil: Date;
  createdAt: Date;
  paidAt?: Date;
  /** Postpaid and hybrid accounts: the invoice that bills it. */
  invoiceId?: string;
}

export interface FeeChange {
  fromPlanId: string;
  toPlanId: string;
  fromSeats: number;
  toSeats: number;
  /** The amount per period before and after the change. */
  fromAmount: number;
  toAmount: number;
  at: Date;
  remainingSeconds: number;
  periodSeconds: number;
  idempotencyKey: string;
  requestHash: string;
  actor: string;
  /** When the account took the new plan and seats (after the money moved). */
  appliedAt?: Date;
}

export const feeSchema = new Schema<Fee>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    walletId: { type: String, required: true },
    currency: { type: String, required: true },
    kind: { type: String, required: true },
    planId: { type: String, required: true },
    periodFrom: { type: Date, required: true },
    periodTo: { type: Date, required: true },
    fee: { type: Number, required: true },
    seatPrice: { type: Number, required: true },
    seats: { type: Number, required: true },
    change: {
      type: {
        _id: false,
        fromPlanId: String,
        toPlanId: String,
        fromSeats: Number,
        toSeats: Number,
        fromAmount: Number,
        toAmount: Number,
        at: Date,
        remainingSeconds: Number,
        periodSeconds: Number,
        idempotencyKey: String,
        requestHash: String,
        actor: String,
        appliedAt: Date,
      },
      required: false,
    },
    amount: { type: Number, required: true },
    ledgerEntryId: { type: String, required: true },
    status: { type: String, required: true },
    graceUntil: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    paidAt: { type: Date },
    invoiceId: { type: String },
  },
  { versionKey: false, strict: "throw" },
);
feeSchema.index({ accountId: 1, createdAt: -1 });
feeSchema.index({ status: 1 });
