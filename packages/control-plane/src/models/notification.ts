import { Schema } from "mongoose";

export const NOTIFICATION_KINDS = [
  "balance_below",
  "balance_depleted",
  "quota_reached",
  "recharge_succeeded",
  "recharge_failed",
  "invoice_issued",
  "usage_anomaly",
  "fee_past_due",
  "bundle_below",
  "bundle_depleted",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A bundle's units left (percent of those issued) that are told until the account chooses others. */
export const DEFAULT_BUNDLE_PERCENTS = [20] as const;

/** Who hears about an account, and about what. */
export interface NotificationSettings {
  _id: string; // accountId
  emails: string[];
  webhooks: { id: string; url: string; secret: string }[];
  /** Kinds the account does not want; everything else is sent. */
  muted: NotificationKind[];
  /** Notify when a wallet's balance falls below each of these (micros). */
  balanceThresholds: number[];
  /** …and below each of these percentages of its last recharge. */
  percentOfLastRecharge: number[];
  /** Quota use at which to notify, in percent. */
  quotaPercents: number[];
  /**
   * A bundle's units left, in percent of those issued, at which to notify (and always at none left); absent
   * from settings saved before bundles were told: DEFAULT_BUNDLE_PERCENTS.
   */
  bundlePercents?: number[];
  updatedAt: Date;
}

export const notificationSettingsSchema = new Schema<NotificationSettings>(
  {
    _id: { type: String, required: true },
    emails: { type: [String], default: [] },
    webhooks: { type: [{ _id: false, id: String, url: String, secret: String }], default: [] },
    muted: { type: [String], default: [] },
    balanceThresholds: { type: [Number], default: [] },
    percentOfLastRecharge: { type: [Number], default: [] },
    quotaPercents: { type: [Number], default: [50, 80, 100] },
    bundlePercents: { type: [Number], default: () => [...DEFAULT_BUNDLE_PERCENTS] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/**
 * One notification, created once: its `_id` is its dedupe key (the account, what happened, and which crossing
 * or period), so a second detection of the same event inserts nothing. Delivered to each channel until it
 * succeeds or its attempts run out, with backoff.
 */
export interface Notification {
  _id: string;
  accountId: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  createdAt: Date;
  /** Channels still to deliver to: `email:<address>` or `webhook:<id>`. */
  pending: string[];
  delivered: string[];
  failed: string[];
  attempts: number;
  nextAttemptAt: Date;
}

export const notificationSchema = new Schema<Notification>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    pending: { type: [String], default: [] },
    delivered: { type: [String], default: [] },
    failed: { type: [String], default: [] },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw", minimize: false },
);
notificationSchema.index({ nextAttemptAt: 1 });
// An account's notifications newest first, a page at a time (GET …/notifications).
notificationSchema.index({ accountId: 1, createdAt: -1, _id: -1 });

/** The delivery log: every attempt on every channel. */
export interface NotificationDelivery {
  _id: string;
  notificationId: string;
  accountId: string;
  channel: string;
  attempt: number;
  ok: boolean;
  detail: string;
  at: Date;
}

export const notificationDeliverySchema = new Schema<NotificationDelivery>(
  {
    _id: { type: String, required: true },
    notificationId: { type: String, required: true, index: true },
    accountId: { type: String, required: true },
    channel: { type: String, required: true },
    attempt: { type: Number, required: true },
    ok: { type: Boolean, required: true },
    detail: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/** Whether a balance threshold has fired since the balance was last above it (re-armed on the way up). */
export interface ThresholdState {
  _id: string;
  fired: boolean;
  crossings: number;
}

export const thresholdStateSchema = new Schema<ThresholdState>(
  { _id: { type: String, required: true }, fired: { type: Boolean, required: true }, crossings: { type: Number, required: true } },
  { versionKey: false, strict: "throw" },
);
