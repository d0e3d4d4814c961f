import { z } from "zod";
import type { CreditRequestState } from "../services/credit/decide.js";
import type { CreditCheck, CreditRecord } from "../services/credit/check.js";
import type { CreditRule } from "../models/index.js";
import { accountView } from "./views.js";

export const creditRuleView = z.object({
  paymentHistory: z
    .object({
      paidOnTime: z.number().int().describe("at least this many invoices paid by their due date"),
      overdue: z.number().int().describe("at most this many invoices overdue now"),
    })
    .optional()
    .describe("payment history on this system (absent: not a criterion)"),
  prepaidTenure: z
    .object({
      days: z.number().int().describe("at least this many days since the first top-up"),
      toppedUp: z.number().int().describe("at least this many micros topped up, in the plan's currency, refunds deducted"),
    })
    .optional()
    .describe("prepaid tenure (absent: not a criterion)"),
  qualifyBy: z.enum(["any", "all"]).describe("`any`: one configured criterion is enough; `all`: each must hold"),
  financeApproval: z.boolean().describe("every grant of credit waits for a staff member of the finance role"),
  autoLimit: z
    .number()
    .int()
    .optional()
    .describe("the largest credit limit given at once (micros); above it, a second staff member approves"),
  saved: z.boolean().describe("false: the defaults, never saved (every request for credit applies at once)"),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const toCreditRuleView = (r: CreditRule & { saved: boolean }): z.infer<typeof creditRuleView> => ({
  ...(r.paymentHistory ? { paymentHistory: { paidOnTime: r.paymentHistory.paidOnTime, overdue: r.paymentHistory.overdue } } : {}),
  ...(r.prepaidTenure ? { prepaidTenure: { days: r.prepaidTenure.days, toppedUp: r.prepaidTenure.toppedUp } } : {}),
  qualifyBy: r.qualifyBy,
  financeApproval: r.financeApproval,
  ...(r.autoLimit !== undefined ? { autoLimit: r.autoLimit } : {}),
  saved: r.saved,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});

const billingMode = z.enum(["prepaid", "postpaid", "hybrid"]);

export const creditRequestView = z.object({
  id: z.string(),
  accountId: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  billingMode,
  creditLimit: z.number().int(),
  billingCycle: z
    .object({ interval: z.enum(["month", "week", "year"]), anchorDay: z.number().int(), anchorMonth: z.number().int().optional() })
    .optional(),
  currency: z.string(),
  from: z.object({ billingMode, creditLimit: z.number().int() }).describe("the account's billing when it was asked"),
  holds: z
    .array(z.enum(["above_auto_limit", "finance_approval"]))
    .describe("why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant"),
  approverRoles: z.array(z.string()).describe("the roles that may decide it (never the requester)"),
  requestedBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  reason: z.string().optional(),
});
export const toCreditRequestView = ({ request: r, decision: d }: CreditRequestState): z.infer<typeof creditRequestView> => ({
  id: r._id,
  accountId: r.accountId,
  // The decision decides; the request's own mark may lag it (a decider that died before marking).
  status: d?.decision ?? r.status,
  billingMode: r.billingMode,
  creditLimit: r.creditLimit,
  ...(r.billingCycle ? { billingCycle: { ...r.billingCycle } } : {}),
  currency: r.currency,
  from: { billingMode: r.from.billingMode, creditLimit: r.from.creditLimit },
  holds: r.holds,
  approverRoles: r.approverRoles,
  requestedBy: r.requestedBy,
  createdAt: r.createdAt.toISOString(),
  ...(d ? { decidedBy: d.decidedBy, decidedAt: d.at.toISOString() } : {}),
  ...(d?.reason ? { reason: d.reason } : {}),
});

/** An account, and the credit request its change opened when the rule asks a second staff member (`202`). */
export const accountWithCreditView = accountView.extend({
  creditRequest: creditRequestView
    .optional()
    .describe("the credit asked for waits for a second staff member: the account is unchanged until then"),
});

export const creditCheckView = z.object({
  check: z.enum(["paid_on_time", "overdue", "prepaid_days", "topped_up"]),
  required: z.number().int(),
  actual: z.number().int(),
  met: z.boolean(),
});
export const toCreditCheckView = (c: CreditCheck): z.infer<typeof creditCheckView> => ({ ...c });

export const creditStandingView = z.object({
  accountId: z.string(),
  record: z.object({
    paidOnTime: z.number().int(),
    overdue: z.number().int(),
    prepaidDays: z.number().int(),
    toppedUp: z.number().int(),
  }),
  qualifies: z
    .boolean()
    .describe("the account meets the rule's criteria (credit up to `autoLimit` applies at once unless finance approves every grant)"),
  checks: z.array(creditCheckView),
});
export const toCreditStandingView = (
  accountId: string,
  record: CreditRecord,
  qualifies: boolean,
  checks: CreditCheck[],
): z.infer<typeof creditStandingView> => ({ accountId, record: { ...record }, qualifies, checks: checks.map(toCreditCheckView) });
