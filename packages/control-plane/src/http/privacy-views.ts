import { z } from "zod";
import type { PrivacyRequest } from "../models/index.js";

/** A data subject's request (docs/concepts/privacy.md): an export, or the account's erasure. */
export const privacyRequestView = z.object({
  id: z.string(),
  kind: z.enum(["export", "erasure"]),
  accountId: z.string(),
  status: z
    .enum(["pending", "ready", "downloaded", "expired", "done"])
    .describe("exports: pending, ready (downloadable once), downloaded, expired; erasures: pending, done"),
  requestedBy: z.string().describe("the staff member who asked"),
  createdAt: z.string(),
  finishedAt: z.string().optional().describe("an export's document written, or an erasure's last run finished"),
  bytes: z.number().int().optional().describe("an export's size, in bytes of JSON"),
  downloadedAt: z.string().optional(),
  downloadedBy: z.string().optional(),
});

export const toPrivacyRequestView = (r: PrivacyRequest): z.infer<typeof privacyRequestView> => ({
  id: r._id,
  kind: r.kind,
  accountId: r.accountId,
  status: r.status,
  requestedBy: r.actor,
  createdAt: r.createdAt.toISOString(),
  ...(r.finishedAt ? { finishedAt: r.finishedAt.toISOString() } : {}),
  ...(r.bytes !== undefined ? { bytes: r.bytes } : {}),
  ...(r.downloadedAt ? { downloadedAt: r.downloadedAt.toISOString() } : {}),
  ...(r.downloadedBy ? { downloadedBy: r.downloadedBy } : {}),
});

export const privacyStateView = z.object({
  erased: z.boolean().describe("the account's personal data is erased (its erasure is done)"),
  erasure: privacyRequestView.optional(),
  exports: z.array(privacyRequestView).describe("newest first, the last 100"),
});

export const toPrivacyStateView = (state: { erasure?: PrivacyRequest; exports: PrivacyRequest[] }): z.infer<typeof privacyStateView> => ({
  erased: state.erasure?.status === "done",
  ...(state.erasure ? { erasure: toPrivacyRequestView(state.erasure) } : {}),
  exports: state.exports.map(toPrivacyRequestView),
});

const records = z.array(z.record(z.string(), z.unknown()));

/** The export's document: everything kept about the account, as stored (dates as ISO strings, amounts in micros). */
export const privacyExportDocument = z.object({
  format: z.string().describe("tollgate.privacy-export/1"),
  exportId: z.string(),
  accountId: z.string(),
  requestedAt: z.string(),
  producedAt: z.string(),
  account: z.record(z.string(), z.unknown()).nullable().describe("the account, its billing details and subscription"),
  wallets: records,
  apiKeys: records.describe("metadata only: never a key or its hash"),
  notificationSettings: z.record(z.string(), z.unknown()).nullable().describe("webhook secrets redacted"),
  notifications: records,
  notificationDeliveries: records,
  portalSessions: records.describe("without their ids, which are their secrets' hashes"),
  usageEvents: records,
  retiredUsage: records.describe("what retention kept of removed usage events: sums per hour, product, key and plan"),
  ledgerEntries: records,
  recharges: records,
  invoices: records.describe("invoices, receipts and credit notes"),
  grants: records,
  fees: records.describe("the subscription's fees"),
  anomalies: records,
  vouchers: records.describe("vouchers the account redeemed, without their codes' hashes"),
  privacyRequests: records,
  auditRecords: records.describe("every audit record about the account or one of its things"),
});
