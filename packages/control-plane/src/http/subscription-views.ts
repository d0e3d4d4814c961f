import { z } from "zod";
import type { Fee } from "../models/index.js";
import type { Subscription } from "../services/subscriptions/status.js";

export const subscriptionView = z.object({
  accountId: z.string(),
  planId: z.string(),
  planName: z.string(),
  status: z
    .enum(["none", "active", "past_due", "unpaid"])
    .describe("none: no recurring fee; past_due: a fee is due, calls pass until graceUntil; unpaid: calls are refused (402)"),
  currency: z.string(),
  interval: z.enum(["month", "week", "year"]).optional(),
  seats: z.number().int(),
  fee: z.number().int().describe("micros per period"),
  seatPrice: z.number().int().describe("micros per seat and period"),
  amount: z.number().int().describe("what a period costs now: fee + seats × seat price"),
  currentPeriod: z.object({ from: z.string(), to: z.string() }).optional(),
  renewsAt: z.string().optional().describe("when the next period's fee is charged"),
  due: z.array(z.object({ feeId: z.string(), amount: z.number().int(), graceUntil: z.string() })).describe("fees not yet paid"),
});
export const toSubscriptionView = ({ currentPeriod, renewsAt, ...s }: Subscription): z.infer<typeof subscriptionView> => ({
  ...s,
  ...(currentPeriod ? { currentPeriod: { from: currentPeriod.from.toISOString(), to: currentPeriod.to.toISOString() } } : {}),
  ...(renewsAt ? { renewsAt: renewsAt.toISOString() } : {}),
  due: s.due.map((d) => ({ ...d, graceUntil: d.graceUntil.toISOString() })),
});

export const feeView = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(["renewal", "change"]),
  status: z.enum(["due", "paid"]),
  currency: z.string(),
  amount: z.number().int().describe("micros the customer pays; negative: credited"),
  planId: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  fee: z.number().int(),
  seatPrice: z.number().int(),
  seats: z.number().int(),
  change: z
    .object({
      fromPlanId: z.string(),
      toPlanId: z.string(),
      fromSeats: z.number().int(),
      toSeats: z.number().int(),
      fromAmount: z.number().int().describe("a period's amount before the change"),
      toAmount: z.number().int().describe("…and after"),
      at: z.string(),
      remainingSeconds: z.number().int(),
      periodSeconds: z.number().int(),
    })
    .optional()
    .describe("changes: amount = trunc((toAmount − fromAmount) × remainingSeconds ÷ periodSeconds), or the old remainder credited"),
  ledgerEntryId: z.string().optional().describe("paid fees: the ledger entry that moved the money"),
  graceUntil: z.string().optional().describe("due fees: calls are refused from then on"),
  invoiceId: z.string().optional(),
  createdAt: z.string(),
  paidAt: z.string().optional(),
});
export const toFeeView = (f: Fee): z.infer<typeof feeView> => ({
  id: f._id,
  accountId: f.accountId,
  kind: f.kind,
  status: f.status,
  currency: f.currency,
  amount: f.amount,
  planId: f.planId,
  periodFrom: f.periodFrom.toISOString(),
  periodTo: f.periodTo.toISOString(),
  fee: f.fee,
  seatPrice: f.seatPrice,
  seats: f.seats,
  ...(f.change
    ? {
        change: {
          fromPlanId: f.change.fromPlanId,
          toPlanId: f.change.toPlanId,
          fromSeats: f.change.fromSeats,
          toSeats: f.change.toSeats,
          fromAmount: f.change.fromAmount,
          toAmount: f.change.toAmount,
          at: f.change.at.toISOString(),
          remainingSeconds: f.change.remainingSeconds,
          periodSeconds: f.change.periodSeconds,
        },
      }
    : {}),
  ...(f.status === "paid" && f.amount !== 0 ? { ledgerEntryId: f.ledgerEntryId } : {}),
  ...(f.status === "due" ? { graceUntil: f.graceUntil.toISOString() } : {}),
  ...(f.invoiceId ? { invoiceId: f.invoiceId } : {}),
  createdAt: f.createdAt.toISOString(),
  ...(f.paidAt ? { paidAt: f.paidAt.toISOString() } : {}),
});
