import { z } from "zod";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute, replayHeaders, type RouteSpec } from "../http/route.js";
import { failure } from "../domain/outcome.js";
import { MAX_AMOUNT } from "../domain/money.js";
import { id, name, positiveAmount, providerName } from "../http/schemas.js";
import { ledgerEntryView, toLedgerEntryView, toWalletView, walletView } from "../http/views.js";
import { clearAutoRecharge, setAutoRecharge } from "../services/wallets/auto-recharge.js";
import { postEntry } from "../services/ledger/post.js";

/** A wallet's account, so that an account's own key or portal session may use its own wallets. */
async function walletOwner(params: Record<string, string>, ctx: Parameters<NonNullable<RouteSpec["ownerOf"]>>[1]) {
  const walletId = params.walletId;
  if (walletId === undefined || !id.safeParse(walletId).success) return undefined;
  return (await ctx.models.Wallet.findById(walletId, { accountId: 1 }).lean())?.accountId;
}

export const getWallet = defineRoute({
  method: "get",
  path: "/v1/wallets/:walletId",
  operationId: "getWallet",
  summary: "Read a wallet (admin, or the account's own key or portal session).",
  access: "owner",
  roles: ANY_STAFF,
  ownerOf: walletOwner,
  params: z.strictObject({ walletId: id }),
  responses: { 200: { description: "The wallet", schema: walletView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const wallet = await ctx.models.Wallet.findById(params.walletId).lean();
    if (wallet === null) return failure("not_found", `No wallet ${params.walletId}.`);
    return { status: 200, body: toWalletView(wallet) };
  },
});

const creditWalletBody = z.strictObject({ amount: positiveAmount, reason: name.optional() });

export const creditWalletRoute = defineRoute({
  method: "post",
  path: "/v1/wallets/:walletId/credits",
  operationId: "creditWallet",
  summary:
    "Credit a wallet (integer micros). Requires an Idempotency-Key: a replay returns the first response " +
    "with `Idempotent-Replayed: true`; the same key with a different body is 422.",
  access: "admin",
  roles: MONEY,
  idempotent: true,
  params: z.strictObject({ walletId: id }),
  body: creditWalletBody,
  responses: { 201: { description: "The ledger entry, with the balance right after it", schema: ledgerEntryView } },
  problems: ["not_found", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const posted = await postEntry(ctx, {
      walletId: params.walletId,
      amount: body.amount,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!posted.ok) return posted;
    const { entry, replayed } = posted.value;
    return { status: 201, body: toLedgerEntryView(entry), headers: replayHeaders(replayed) };
  },
});

const adjustWalletBody = z.strictObject({
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
  roles: MONEY,
  idempotent: true,
  params: z.strictObject({ walletId: id }),
  body: adjustWalletBody,
  responses: { 201: { description: "The ledger entry", schema: ledgerEntryView } },
  problems: ["not_found", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const posted = await postEntry(ctx, {
      walletId: params.walletId,
      type: "adjustment",
      amount: body.amount,
      reason: body.reason,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!posted.ok) return posted;
    const { entry, replayed } = posted.value;
    return { status: 201, body: toLedgerEntryView(entry), headers: replayHeaders(replayed) };
  },
});

export const setAutoRechargeRoute = defineRoute({
  method: "put",
  path: "/v1/wallets/:walletId/auto-recharge",
  operationId: "setAutoRecharge",
  summary:
    "Turn auto-recharge on (or change it): when the balance falls below `threshold`, top up by `amount` (fixed) or up to `amount` (target), with at most one recharge in flight and `dailyLimit` a day. " +
    "The card is a saved `paymentMethod` (admin), or `fromRecharge`: the card the customer kept when paying that recharge (`saveCard`). Admin, or the account's own key or portal session.",
  access: "owner",
  roles: MONEY,
  ownerOf: walletOwner,
  params: z.strictObject({ walletId: id }),
  body: z
    .strictObject({
      threshold: z.number().int().safe().min(-1_000_000_000_000_000).max(1_000_000_000_000_000),
      mode: z.enum(["fixed", "target"]),
      amount: positiveAmount,
      dailyLimit: z.number().int().min(1).max(100),
      provider: providerName,
      paymentMethod: z
        .string()
        .regex(/^[A-Za-z0-9_]{1,64}$/)
        .optional(),
      fromRecharge: id.optional(),
    })
    .refine((b) => b.mode === "fixed" || b.amount > b.threshold, { path: ["amount"], message: "a target must be above the threshold" })
    .refine((b) => (b.paymentMethod === undefined) !== (b.fromRecharge === undefined), {
      path: ["paymentMethod"],
      message: "give exactly one of `paymentMethod` and `fromRecharge`",
    }),
  responses: {
    200: { description: "The wallet", schema: walletView },
    422: { description: "The recharge named by `fromRecharge` kept no card of that provider (`unprocessable`)" },
  },
  problems: ["forbidden", "not_found", "unprocessable"],
  handle: async ({ params, body, principal, ctx }) => {
    const { fromRecharge, paymentMethod, ...settings } = body;
    if (paymentMethod !== undefined && principal.kind !== "admin")
      return failure("forbidden", "A card is named by `fromRecharge`: a customer keeps one by paying on the provider's page.");
    const card = fromRecharge !== undefined ? { fromRecharge } : { paymentMethod: paymentMethod! };
    const wallet = await setAutoRecharge(ctx, params.walletId, settings, card, principal.actor);
    return wallet.ok ? { status: 200, body: toWalletView(wallet.value) } : wallet;
  },
});

export const clearAutoRechargeRoute = defineRoute({
  method: "delete",
  path: "/v1/wallets/:walletId/auto-recharge",
  operationId: "clearAutoRecharge",
  summary: "Turn auto-recharge off (a recharge already under way still completes). Admin, or the account's own key or portal session.",
  access: "owner",
  roles: MONEY,
  ownerOf: walletOwner,
  params: z.strictObject({ walletId: id }),
  responses: { 200: { description: "The wallet", schema: walletView } },
  problems: ["not_found"],
  handle: async ({ params, principal, ctx }) => {
    const wallet = await clearAutoRecharge(ctx, params.walletId, principal.actor);
    return wallet.ok ? { status: 200, body: toWalletView(wallet.value) } : wallet;
  },
});
