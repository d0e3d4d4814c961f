import { z } from "zod";

/** The answers of the charging routes: direct charges, batches of usage events, charging sessions. */

export const chargeView = z.object({
  id: z.string().describe("the charge's usage event"),
  accountId: z.string(),
  keyId: z.string().describe("the key charged with, or `-` for a charge made by staff"),
  planId: z.string(),
  productId: z.string(),
  units: z.number().int(),
  amount: z.number().int().describe("micros charged"),
  currency: z.string(),
  balance: z.number().int().describe("the wallet's balance right after this charge"),
  quotasExceeded: z.array(z.string()).describe("soft quotas this charge carried past their limit"),
});

export const eventResult = z.object({
  id: z.string(),
  status: z.enum(["accepted", "duplicate", "refused"]),
  eventId: z.string().describe("the usage event it is (or would have been) recorded as"),
  amount: z.number().int().optional(),
  currency: z.string().optional(),
  balance: z.number().int().optional().describe("the wallet's balance right after it (a duplicate: after the first)"),
  code: z.string().optional().describe("refused: the problem code (insufficient_funds, quota_exceeded, metering_unavailable…)"),
  detail: z.string().optional(),
});

export const usageReportView = z.object({
  results: z.array(eventResult),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
});

export const sessionView = z.object({
  id: z.string(),
  accountId: z.string(),
  productId: z.string(),
  attributes: z.record(z.string(), z.string()).optional().describe("what the usage is, as the session was opened"),
  status: z.enum(["open", "closed", "expired"]).describe("expired: no request came in time; its grant was returned"),
  request: z.number().int().describe("the number of the request this answers (0: the opening)"),
  grantedUnits: z.number().int().describe("units that may be used now beyond those reported (0: stop)"),
  usedUnits: z.number().int(),
  amount: z.number().int().describe("micros charged for the units reported so far"),
  currency: z.string(),
  final: z.boolean().describe("the grant is less than asked: the wallet covers no more, stop when it is used"),
  expiresAt: z.string().describe("when the grant lapses unless a request comes"),
  balance: z.number().int().optional(),
  refusal: z.object({ code: z.string(), detail: z.string() }).optional().describe("why nothing more was granted"),
});
