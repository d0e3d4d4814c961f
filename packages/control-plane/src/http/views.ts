import { z } from "zod";
import type { Account, ApiKey, LedgerEntry, Plan, Recharge, UsageEvent, Wallet } from "../models/index.js";

/** What the API answers, one schema and one serializer per resource (the schemas feed /openapi.json). */
export const planView = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  catalog: z.record(z.string(), z.unknown()).describe("products and prices (integer micros), quotas, rate limits, refund policy"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const toPlanView = (p: Plan): z.infer<typeof planView> => ({
  id: p._id,
  name: p.name,
  currency: p.currency,
  catalog: p.catalog,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const walletView = z.object({
  id: z.string(),
  accountId: z.string(),
  currency: z.string(),
  creditLimit: z.number().int(),
  autoRecharge: z
    .object({
      threshold: z.number().int(),
      mode: z.enum(["fixed", "target"]),
      amount: z.number().int(),
      dailyLimit: z.number().int(),
      provider: z.string(),
      paymentMethod: z.string(),
    })
    .optional(),
  createdAt: z.string(),
});
export const toWalletView = (w: Wallet): z.infer<typeof walletView> => ({
  id: w._id,
  accountId: w.accountId,
  currency: w.currency,
  creditLimit: w.creditLimit ?? 0,
  ...(w.autoRecharge ? { autoRecharge: { ...w.autoRecharge } } : {}),
  createdAt: w.createdAt.toISOString(),
});

export const accountView = z.object({
  id: z.string(),
  name: z.string(),
  planId: z.string(),
  status: z.string(),
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]),
  billingCycle: z.object({ interval: z.enum(["month", "week"]), anchorDay: z.number().int() }),
  createdAt: z.string(),
  wallets: z.array(walletView),
});
export const toAccountView = (a: Account, wallets: Wallet[]): z.infer<typeof accountView> => ({
  id: a._id,
  name: a.name,
  planId: a.planId,
  status: a.status,
  billingMode: a.billingMode ?? "prepaid",
  billingCycle: a.billingCycle ?? { interval: "month", anchorDay: 1 },
  createdAt: a.createdAt.toISOString(),
  wallets: wallets.map(toWalletView),
});

export const apiKeyView = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  prefix: z.string().describe("the first characters of the key, to recognise it by"),
  status: z.enum(["active", "revoked"]),
  spendCap: z.object({ amount: z.number().int(), period: z.enum(["day", "month"]) }).optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export const toApiKeyView = (k: ApiKey): z.infer<typeof apiKeyView> => ({
  id: k._id,
  accountId: k.accountId,
  name: k.name,
  prefix: k.prefix,
  status: k.status,
  ...(k.spendCap ? { spendCap: { amount: k.spendCap.amount, period: k.spendCap.period } } : {}),
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
  usageCount: z.number().int().optional().describe("usage entries: how many calls the entry books"),
  balanceAfter: z.number().int().optional().describe("credits: the wallet's available balance right after this entry"),
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
  ...(e.usageCount === undefined ? {} : { usageCount: e.usageCount }),
  ...(e.balanceAfter === undefined ? {} : { balanceAfter: e.balanceAfter }),
  createdAt: e.createdAt.toISOString(),
});

export const usageEventView = z.object({
  id: z.string(),
  keyId: z.string(),
  planId: z.string(),
  productId: z.string(),
  method: z.string(),
  path: z.string(),
  units: z.number().int().describe("the priced units: 1 per call, or bytes, milliseconds, reported units"),
  price: z.number().int(),
  currency: z.string(),
  status: z.number().int().optional().describe("the response status (two-phase charges)"),
  durationMs: z.number().int().optional(),
  refunded: z.boolean(),
  quotasExceeded: z.array(z.string()).describe("soft quotas this call carried past their limit"),
  timestamp: z.string(),
});
export const toUsageEventView = (u: UsageEvent): z.infer<typeof usageEventView> => ({
  id: u._id,
  keyId: u.keyId,
  planId: u.planId,
  productId: u.productId ?? "default",
  method: u.method,
  path: u.path,
  units: u.units ?? 1,
  price: u.price,
  currency: u.currency,
  ...(u.status === undefined ? {} : { status: u.status }),
  ...(u.durationMs === undefined ? {} : { durationMs: u.durationMs }),
  refunded: u.refunded ?? false,
  quotasExceeded: u.quotasExceeded ?? [],
  timestamp: u.timestamp.toISOString(),
});

export const balanceView = z.object({
  accountId: z.string(),
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]),
  balances: z.array(
    z.object({
      walletId: z.string(),
      currency: z.string(),
      available: z.number().int().describe("the wallet's balance now, in micros (negative when credit is in use)"),
      reserved: z.number().int().describe("held by calls in flight (two-phase prices), released when they settle"),
      creditLimit: z.number().int().describe("how far below zero the balance may go"),
      spendable: z.number().int().describe("available + creditLimit: what the next calls may spend"),
      grants: z
        .array(z.object({ grantId: z.string(), kind: z.string(), remaining: z.number().int(), expiresAt: z.string() }))
        .describe("active grants (part of available), in consumption order; remaining as of the usage booked so far"),
    }),
  ),
});

export const usagePageView = z.object({ items: z.array(usageEventView), nextCursor: z.string().optional() });

export const rechargeView = z.object({
  id: z.string(),
  accountId: z.string(),
  walletId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  provider: z.string(),
  providerRef: z.string().optional(),
  status: z.enum(["pending", "succeeded", "failed", "refunded"]),
  automatic: z.boolean(),
  failureReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const toRechargeView = (r: Recharge): z.infer<typeof rechargeView> => ({
  id: r._id,
  accountId: r.accountId,
  walletId: r.walletId,
  amount: r.amount,
  currency: r.currency,
  provider: r.provider,
  ...(r.providerRef ? { providerRef: r.providerRef } : {}),
  status: r.status,
  automatic: r.automatic,
  ...(r.failureReason ? { failureReason: r.failureReason } : {}),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
