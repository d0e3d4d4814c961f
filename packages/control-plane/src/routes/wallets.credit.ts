import { z } from "zod";
import { defineRoute, replayHeaders } from "../http/route.js";
import { id, MAX_AMOUNT, name, positiveAmount } from "../http/schemas.js";
import { ledgerEntryView, toLedgerEntryView } from "../http/views.js";
import { creditWallet } from "../services/wallets/credit.js";

export const creditWalletBody = z.strictObject({ amount: positiveAmount, reason: name.optional() });
export type CreditWalletRequest = z.infer<typeof creditWalletBody>;

export const creditWalletRoute = defineRoute({
  method: "post",
  path: "/v1/wallets/:walletId/credits",
  operationId: "creditWallet",
  summary:
    "Credit a wallet (integer micros). Requires an Idempotency-Key: a replay returns the first response " +
    "with `Idempotent-Replayed: true`; the same key with a different body is 422.",
  access: "admin",
  idempotent: true,
  params: z.strictObject({ walletId: id }),
  body: creditWalletBody,
  responses: { 201: { description: "The ledger entry, with the balance right after it", schema: ledgerEntryView } },
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const { entry, replayed } = await creditWallet(ctx, {
      walletId: params.walletId,
      amount: body.amount,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    return { status: 201, body: toLedgerEntryView(entry), headers: replayHeaders(replayed) };
  },
});

export const adjustWalletBody = z.strictObject({
  amount: z
    .number()
    .int()
    .safe()
    .min(-MAX_AMOUNT)
    .max(MAX_AMOUNT)
    .refine((n) => n !== 0, "an adjustment moves money: not 0"),
  reason: name,
});

export const adjustWalletRoute = defineRoute({
  method: "post",
  path: "/v1/wallets/:walletId/adjustments",
  operationId: "adjustWallet",
  summary:
    "An admin's correction: a signed amount with a required reason, booked in the ledger and applied once. Requires an Idempotency-Key.",
  access: "admin",
  idempotent: true,
  params: z.strictObject({ walletId: id }),
  body: adjustWalletBody,
  responses: { 201: { description: "The ledger entry", schema: ledgerEntryView } },
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const { entry, replayed } = await creditWallet(ctx, {
      walletId: params.walletId,
      type: "adjustment",
      amount: body.amount,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    return { status: 201, body: toLedgerEntryView(entry), headers: replayHeaders(replayed) };
  },
});
