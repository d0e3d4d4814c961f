import { z } from "zod";
import type { Account, ApiKey, LedgerEntry, Plan, UsageEvent, Wallet } from "../models/index.js";

/** What the API answers, one schema and one serializer per resource (the schemas feed /openapi.json). */
export const planView = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  pricePerCall: z.number().int().describe("integer micros per call"),
  createdAt: z.string(),
});
export const toPlanView = (p: Plan): z.infer<typeof planView> => ({
  id: p._id,
  name: p.name,
  currency: p.currency,
  pricePerCall: p.pricePerCall,
  createdAt: p.createdAt.toISOString(),
});

export const walletView = z.object({ id: z.string(), accountId: z.string(), currency: z.string(), createdAt: z.string() });
export const toWalletView = (w: Wallet): z.infer<typeof walletView> => ({
  id: w._id,
  accountId: w.accountId,
  currency: w.currency,
  createdAt: w.createdAt.toISOString(),
});

export const accountView = z.object({
  id: z.string(),
  name: z.string(),
  planId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  wallets: z.array(walletView),
});
export const toAccountView = (a: Account, wallets: Wallet[]): z.infer<typeof accountView> => ({
  id: a._id,
  name: a.name,
  planId: a.planId,
  status: a.status,
  createdAt: a.createdAt.toISOString(),
  wallets: wallets.map(toWalletView),
});

export const apiKeyView = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  prefix: z.string().describe("the first characters of the key, to recognise it by"),
  status: z.enum(["active", "revoked"]),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export const toApiKeyView = (k: ApiKey): z.infer<typeof apiKeyView> => ({
  id: k._id,
  accountId: k.accountId,
  name: k.name,
  prefix: k.prefix,
  status: k.status,
  createdAt: k.createdAt.toISOString(),
  ...(k.revokedAt ? { revokedAt: k.revokedAt.toISOString() } : {}),
});

export const ledgerEntryView = z.object({
  id: z.string(),
  walletId: z.string(),
  accountId: z.string(),
  type: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string().optional(),
  balanceAfter: z.number().int().optional().describe("the wallet's available balance right after this entry"),
  createdAt: z.string(),
});
export const toLedgerEntryView = (e: LedgerEntry): z.infer<typeof ledgerEntryView> => ({
  id: e._id,
  walletId: e.walletId,
  accountId: e.accountId,
  type: e.type,
  amount: e.amount,
  currency: e.currency,
  ...(e.reason === undefined ? {} : { reason: e.reason }),
  ...(e.balanceAfter === undefined ? {} : { balanceAfter: e.balanceAfter }),
  createdAt: e.createdAt.toISOString(),
});

export const usageEventView = z.object({
  id: z.string(),
  keyId: z.string(),
  planId: z.string(),
  method: z.string(),
  path: z.string(),
  price: z.number().int(),
  currency: z.string(),
  timestamp: z.string(),
});
export const toUsageEventView = (u: UsageEvent): z.infer<typeof usageEventView> => ({
  id: u._id,
  keyId: u.keyId,
  planId: u.planId,
  method: u.method,
  path: u.path,
  price: u.price,
  currency: u.currency,
  timestamp: u.timestamp.toISOString(),
});

export const balanceView = z.object({
  accountId: z.string(),
  balances: z.array(
    z.object({
      walletId: z.string(),
      currency: z.string(),
      available: z.number().int().describe("integer micros available to spend now"),
    }),
  ),
});

export const usagePageView = z.object({ items: z.array(usageEventView), nextCursor: z.string().optional() });
