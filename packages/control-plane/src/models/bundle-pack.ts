import { Schema } from "mongoose";

/**
 * A bundle pack: a catalog item an account buys to get a bundle (`units` of `productId`, valid for `validity`,
 * with `priority` and `overage`), priced per currency in micros. Staff manage packs; an archived pack is no
 * longer sold, and what was bought of it stays as it was (a purchase copies the pack's terms).
 */
export interface BundlePack {
  _id: string;
  name: string;
  productId: string;
  units: number;
  /** How long a bundle bought from it lasts: `days` from the purchase, or `until` a date. */
  validity: { days?: number; until?: Date };
  priority: number;
  overage: "charge" | "refuse";
  /** Micros per ISO 4217 currency: an account buys in its plan's currency. */
  prices: { currency: string; amount: number }[];
  status: "active" | "archived";
  actor: string;
  createdAt: Date;
  archivedAt?: Date;
}

const validitySchema = new Schema<BundlePack["validity"]>(
  { days: { type: Number }, until: { type: Date } },
  { _id: false, strict: "throw" },
);
const priceSchema = new Schema<BundlePack["prices"][number]>(
  { currency: { type: String, required: true }, amount: { type: Number, required: true } },
  { _id: false, strict: "throw" },
);

export const bundlePackSchema: Schema<BundlePack> = new Schema<BundlePack>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    productId: { type: String, required: true },
    units: { type: Number, required: true },
    validity: { type: validitySchema, required: true },
    priority: { type: Number, required: true },
    overage: { type: String, required: true },
    prices: { type: [priceSchema], required: true },
    status: { type: String, required: true },
    actor: { type: String, required: true },
    createdAt: { type: Date, required: true },
    archivedAt: { type: Date },
  },
  { versionKey: false, strict: "throw" },
);
bundlePackSchema.index({ status: 1, createdAt: -1, _id: -1 });

/**
 * One purchase of a pack by an account, created once per account and Idempotency-Key (a unique insert) before
 * anything moves, with the pack's terms copied and the ids of what it will write named in advance: the `pack`
 * ledger entry that takes its price (`ledgerEntryId`, also the receipt of the wallet's debit in Redis) and the
 * bundle it issues (`bundleId`). Every step is keyed on those ids, so a retry or the sweep after a crash
 * finishes what the first run began and repeats nothing.
 *
 * Paid by `wallet` (the wallet's money: Redis debits it only if covered), `card` (a card payment through the
 * provider: `rechargeId`, the bundle issued when the payment succeeds) or `voucher` (a code that grants the
 * pack: `voucherId`). Card and voucher money arrive as a credit entry that the `pack` entry takes back.
 */
export interface PackPurchase {
  _id: string;
  accountId: string;
  packId: string;
  walletId: string;
  currency: string;
  /** Micros paid for the pack. */
  price: number;
  productId: string;
  units: number;
  priority: number;
  overage: "charge" | "refuse";
  expiresAt: Date;
  payment: "wallet" | "card" | "voucher";
  /**
   * `pending` until its bundle is issued; `failed`: a wallet purchase the wallet did not cover when Redis was
   * asked (nothing was taken; its key answers that 402 again, a new key opens a new purchase).
   */
  status: "pending" | "issued" | "failed";
  ledgerEntryId: string;
  bundleId: string;
  rechargeId?: string;
  voucherId?: string;
  idempotencyKey: string;
  requestHash: string;
  actor: string;
  createdAt: Date;
  issuedAt?: Date;
  /** A failed purchase: when, and the wallet Redis saw (what its 402 said). */
  failedAt?: Date;
  refused?: { balance: number; creditLimit: number };
}

export const packPurchaseSchema = new Schema<PackPurchase>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    packId: { type: String, required: true },
    walletId: { type: String, required: true },
    currency: { type: String, required: true },
    price: { type: Number, required: true },
    productId: { type: String, required: true },
    units: { type: Number, required: true },
    priority: { type: Number, required: true },
    overage: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    payment: { type: String, required: true },
    status: { type: String, required: true },
    ledgerEntryId: { type: String, required: true },
    bundleId: { type: String, required: true },
    rechargeId: { type: String },
    voucherId: { type: String },
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    actor: { type: String, required: true },
    createdAt: { type: Date, required: true },
    issuedAt: { type: Date },
    failedAt: { type: Date },
    refused: { type: new Schema({ balance: Number, creditLimit: Number }, { _id: false }) },
  },
  { versionKey: false, strict: "throw" },
);
packPurchaseSchema.index({ accountId: 1, idempotencyKey: 1 }, { unique: true });
packPurchaseSchema.index({ status: 1, createdAt: 1 });
packPurchaseSchema.index({ accountId: 1, createdAt: -1, _id: -1 });
