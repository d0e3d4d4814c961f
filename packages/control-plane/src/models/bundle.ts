import { Schema } from "mongoose";

/**
 * A bundle: a bucket of units of one product (10,000 `search` calls, 2 GB of `response_bytes`), consumed before
 * money by the same script that decides the call. Consumption order, stated once (store/format.ts keeps it in
 * Redis): lowest `priority` number first, then the soonest `expiresAt`, then the oldest (`createdAt`), then the
 * id. `overage`: what the units its product's live bundles do not cover become, `charge` (the wallet pays at
 * the plan's price) or `refuse` (the call is refused with `402 bundle_exhausted` naming this bundle).
 *
 * Its units move only through the unit ledger (`UnitEntry`): the sum of a bundle's unit entries is what it
 * has left, and Redis holds the real-time view (`bu:<bundleId>`). `remaining` is booked when the bundle ends
 * (0, what its end entry took being in the ledger); while it is active, the view reads Redis.
 */
export interface Bundle {
  _id: string;
  accountId: string;
  productId: string;
  /** Units issued. */
  units: number;
  remaining: number;
  priority: number;
  expiresAt: Date;
  overage: "charge" | "refuse";
  status: "active" | "expired" | "revoked";
  /**
   * How the account had it: granted by staff, bought as a pack (`packPurchaseId` names the purchase), included
   * in its plan for a period (`plan`), or what a plan bundle had left at its period's end, carried into the
   * next period (`rollover`).
   */
  source: "grant" | "pack" | "plan" | "rollover";
  packPurchaseId?: string;
  /** Plan and rollover bundles: the plan that included it. */
  planId?: string;
  /** Plan bundles: the period it is valid for (its `expiresAt` is the period's end), named by its first day. */
  periodKey?: string;
  /** Plan bundles: at most this many of the units it has left when it expires roll over into the next period (0: none). */
  rolloverCap?: number;
  /** Plan bundles with a rollover cap: when the units that roll over expire (the next period's end). */
  rolloverUntil?: Date;
  /** Rollover bundles: the plan bundle whose units they are. */
  rolledFrom?: string;
  reason?: string;
  idempotencyKey: string;
  actor: string;
  /** When its issue reached Redis (its receipt says so too: a repeat moves nothing). */
  appliedAt?: Date;
  /**
   * An end asked for while leases held some of its units (leased mode): out of its product's list in Redis
   * already, it ends as this says once they are back (the expiry job finishes it).
   */
  endRequested?: "expiry" | "revoke";
  endedAt?: Date;
  createdAt: Date;
}

export const bundleSchema = new Schema<Bundle>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    productId: { type: String, required: true },
    units: { type: Number, required: true },
    remaining: { type: Number, required: true },
    priority: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    overage: { type: String, required: true },
    status: { type: String, required: true },
    source: { type: String, required: true },
    packPurchaseId: { type: String },
    planId: { type: String },
    periodKey: { type: String },
    rolloverCap: { type: Number },
    rolloverUntil: { type: Date },
    rolledFrom: { type: String },
    reason: { type: String },
    endRequested: { type: String },
    idempotencyKey: { type: String, required: true },
    actor: { type: String, required: true },
    appliedAt: { type: Date },
    endedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
bundleSchema.index({ accountId: 1, idempotencyKey: 1 }, { unique: true });
bundleSchema.index({ status: 1, expiresAt: 1 });
// An account's bundles a page at a time, in consumption order (GET …/bundles).
bundleSchema.index({ accountId: 1, status: 1, priority: 1, expiresAt: 1, createdAt: 1, _id: 1 });

/**
 * One immutable movement of a bundle's units, as the money ledger's entries are for a wallet: `issue` (+units),
 * `usage` (− what a usage event took from it), `refund` (+ what a void gave back), `expiry` and `revoke` (− what
 * was left when it ended). Each is written once, by a unique `_id` derived from what it books (UNIT_ENTRY_ID):
 * the sum of a bundle's entries equals its units in Redis plus what the usage streams hold for it.
 */
export interface UnitEntry {
  _id: string;
  bundleId: string;
  accountId: string;
  productId: string;
  type: "issue" | "usage" | "refund" | "expiry" | "revoke";
  /** `issue` entries: how the bundle came (its `source`). */
  source?: Bundle["source"];
  /** Signed units. */
  units: number;
  /** The usage event it books (usage, refund). */
  eventId?: string;
  /**
   * An `expiry` of a plan bundle with a rollover cap: how many of the units it took (`-units`) rolled over into
   * its rollover bundle, `min(left, cap)`; the rest expired. Fixed once with the entry: a unit is rolled or expired, never both.
   */
  rolled?: number;
  actor: string;
  createdAt: Date;
}

/** Each unit entry's one id: what it books names it, so that a repeat is a duplicate. */
export const UNIT_ENTRY_ID = {
  issue: (bundleId: string) => `uis:${bundleId}`,
  usage: (eventId: string, bundleId: string) => `use:${eventId}:${bundleId}`,
  refund: (eventId: string, bundleId: string) => `ret:${eventId}:${bundleId}`,
  /** A bundle ends once, by expiry or revocation, whichever comes first. */
  end: (bundleId: string) => `end:${bundleId}`,
} as const;

export const unitEntrySchema = new Schema<UnitEntry>(
  {
    _id: { type: String, required: true },
    bundleId: { type: String, required: true },
    accountId: { type: String, required: true },
    productId: { type: String, required: true },
    type: { type: String, required: true },
    source: { type: String },
    units: { type: Number, required: true },
    eventId: { type: String },
    rolled: { type: Number },
    actor: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
unitEntrySchema.index({ bundleId: 1 });
unitEntrySchema.index({ accountId: 1 });
