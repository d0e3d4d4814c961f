import type { AppContext } from "../../context.js";
import { unpack, type Cell } from "../reports/rollup-format.js";

/**
 * The ids that name an account's things: the audit trail's targets about it. An audit record is about the account
 * when its target is one of these, or when its data names the account.
 */
export async function idsOfAccount(ctx: AppContext, accountId: string): Promise<string[]> {
  const m = ctx.models;
  const only = { _id: 1 } as const;
  const lists = await Promise.all([
    m.Wallet.find({ accountId }, only).lean(),
    m.ApiKey.find({ accountId }, only).lean(),
    m.Grant.find({ accountId }, only).lean(),
    m.Recharge.find({ accountId }, only).lean(),
    m.Invoice.find({ accountId }, only).lean(),
    m.Anomaly.find({ accountId }, only).lean(),
    m.Fee.find({ accountId }, only).lean(),
    m.PrivacyRequest.find({ accountId }, only).lean(),
  ]);
  return [accountId, ...lists.flat().map((d) => d._id)];
}

/** The audit records about an account (see idsOfAccount). */
export async function auditAbout(ctx: AppContext, accountId: string, ids: string[]) {
  return ctx.models.AuditRecord.find({ $or: [{ target: { $in: ids } }, { "data.accountId": accountId }] })
    .sort({ at: 1, _id: 1 })
    .lean();
}

/** Drop the fields an export never carries (secrets' hashes, the request digests that guard idempotency). */
function without<T extends object, K extends string>(doc: T, ...fields: K[]): Omit<T, K> {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as Omit<T, K>;
}

/**
 * Everything the system keeps about one account, as one JSON-ready object: the account with its billing details,
 * wallets, API keys' metadata (never a key or its hash), notification settings (webhook secrets redacted) and
 * the notifications sent, portal sessions (never their secret's hash, which is their id), usage events and what
 * retention kept of removed ones, the ledger, recharges, documents, grants, the subscription's fees, anomalies,
 * vouchers redeemed, its privacy requests, and the audit records about any of these. Nothing of another account:
 * every read names this account (or ids of its things).
 */
export async function collectAccountData(ctx: AppContext, accountId: string) {
  const m = ctx.models;
  const account = await m.Account.findById(accountId).lean();
  const byAccount = { accountId };
  const [
    wallets,
    apiKeys,
    settings,
    notifications,
    deliveries,
    portalSessions,
    usageEvents,
    retired,
    ledgerEntries,
    recharges,
    invoices,
    grants,
    fees,
    anomalies,
    vouchers,
    requests,
  ] = await Promise.all([
    m.Wallet.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.ApiKey.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.NotificationSettings.findById(accountId).lean(),
    m.Notification.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.NotificationDelivery.find(byAccount).sort({ at: 1 }).lean(),
    m.PortalSession.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.UsageEvent.find(byAccount).sort({ timestamp: 1, _id: 1 }).lean(),
    m.RetiredUsage.find(byAccount).sort({ from: 1 }).lean(),
    m.LedgerEntry.find(byAccount).sort({ createdAt: 1, _id: 1 }).lean(),
    m.Recharge.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.Invoice.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.Grant.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.Fee.find(byAccount).sort({ createdAt: 1 }).lean(),
    m.Anomaly.find(byAccount).sort({ detectedAt: 1 }).lean(),
    m.Voucher.find({ redeemedBy: accountId }).sort({ redeemedAt: 1 }).lean(),
    m.PrivacyRequest.find(byAccount).sort({ createdAt: 1 }).lean(),
  ]);
  const audit = await auditAbout(ctx, accountId, await idsOfAccount(ctx, accountId));
  return {
    account,
    wallets,
    apiKeys: apiKeys.map((k) => without(k, "hash")),
    notificationSettings:
      settings === null ? null : { ...settings, webhooks: settings.webhooks.map((w) => ({ id: w.id, url: w.url, secret: "[redacted]" })) },
    notifications,
    notificationDeliveries: deliveries,
    // A portal session's id is its secret's hash: the export says what the session was, not how to find it.
    portalSessions: portalSessions.map(({ _id: _secretHash, ...session }) => session),
    usageEvents,
    retiredUsage: retired.map(({ cells, ...summary }) => ({
      ...summary,
      cells: unpack<Cell[]>(cells).map(([hour, productId, keyId, planId, calls, units, amount]) => ({
        hour: new Date(hour),
        productId,
        keyId,
        planId,
        calls,
        units,
        amount,
      })),
    })),
    ledgerEntries: ledgerEntries.map((e) => without(e, "requestHash")),
    recharges: recharges.map((r) => without(r, "requestHash")),
    invoices,
    grants,
    fees: fees.map((f) => (f.change ? { ...f, change: without(f.change, "requestHash") } : f)),
    anomalies,
    vouchers: vouchers.map((v) => without(v, "codeHash")),
    privacyRequests: requests.map((r) => without(r, "values")),
    auditRecords: audit,
  };
}
