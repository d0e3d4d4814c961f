import { z } from "zod";
import { ANY_STAFF, MONEY, NO_STAFF } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { checkoutProblem, fromRecharge, paymentCard, paymentMethod, returnUrl } from "../http/card-checkout.js";
import { accountParams, currency, id, pageQuery, positiveAmount, providerName } from "../http/schemas.js";
import { keptCardView, rechargeView, toKeptCardView, toRechargeView } from "../http/views.js";
import { startRecharge } from "../services/recharges/start.js";
import { applyPaymentEvent, refundRecharge } from "../services/recharges/confirm.js";
import { cancelRecharge } from "../services/recharges/cancel.js";
import { forgetKeptCard, listKeptCards } from "../services/recharges/cards.js";
import { failure } from "../domain/outcome.js";
import type { Recharge } from "../models/index.js";

export const createRecharge = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/recharges",
  operationId: "createRecharge",
  summary:
    "Start a paid recharge (admin, or the account's own key). It is pending until the provider's signed webhook confirms it; the wallet is then credited exactly once. " +
    "With `fromRecharge` the card the account kept on that top-up is charged at once (the portal's kept cards), with `paymentMethod` a card the provider knows; with `returnUrl` the answer has a `checkoutUrl`, the provider's hosted payment page (Stripe Checkout), which sends the customer back to `returnUrl` with `?recharge=<id>`; " +
    "`saveCard` keeps the card for auto-recharge. A consumer's `returnUrl` must be on this service's origin. Requires an Idempotency-Key.",
  access: "owner",
  roles: MONEY,
  idempotent: true,
  params: accountParams,
  body: z.strictObject({
    amount: positiveAmount,
    currency: currency.optional(),
    provider: providerName,
    paymentMethod,
    fromRecharge,
    returnUrl: returnUrl.optional(),
    saveCard: z.boolean().default(false),
  }),
  responses: {
    201: {
      description: "The recharge",
      schema: rechargeView.extend({
        clientSecret: z
          .string()
          .optional()
          .describe("for the provider's own card form, when neither a card nor a return address was given"),
        checkoutUrl: z.string().optional().describe("where the customer pays, when `returnUrl` was given"),
      }),
    },
    422: { description: "No such payment provider is configured, or the account has no wallet in the currency (`unprocessable`)" },
  },
  problems: ["validation_failed", "not_found", "unprocessable", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, raw, ctx }) {
    const refused = checkoutProblem(body, principal, raw.headers, ctx);
    if (refused !== undefined) return refused;
    if (body.returnUrl === undefined && body.saveCard)
      return failure("validation_failed", "`saveCard` needs a `returnUrl`: the card is saved on the provider's page.");
    const card = await paymentCard(ctx, params.accountId, body.provider, body);
    if (!card.ok) return card;
    const started = await startRecharge(ctx, {
      accountId: params.accountId,
      amount: body.amount,
      currency: body.currency,
      provider: body.provider,
      ...card.value,
      checkout: body.returnUrl !== undefined ? { returnUrl: body.returnUrl, saveCard: body.saveCard } : undefined,
      idempotencyKey,
      automatic: false,
      actor: principal.actor,
    });
    if (!started.ok) return started;
    const { recharge, clientSecret, checkoutUrl, replayed } = started.value;
    return {
      status: 201,
      body: { ...toRechargeView(recharge), ...(clientSecret ? { clientSecret } : {}), ...(checkoutUrl ? { checkoutUrl } : {}) },
      headers: replayHeaders(replayed),
    };
  },
});

export const listRecharges = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/recharges",
  operationId: "listRecharges",
  summary: "An account's recharges, newest first, cursor-paginated (100 a page unless `limit` says).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  // 100 a page by default: what the list answered, whole, before it had pages.
  query: pageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
  responses: {
    200: { description: "A page of recharges", schema: z.object({ items: z.array(rechargeView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginate<Recharge>(
      `recharges:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.Recharge.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return { status: 200, body: { items: page.items.map(toRechargeView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },
});

export const refundRechargeRoute = defineRoute({
  method: "post",
  path: "/v1/recharges/:rechargeId/refund",
  operationId: "refundRecharge",
  summary: "Refund a succeeded recharge through its provider and reverse its credit in the ledger (once).",
  access: "admin",
  roles: MONEY,
  params: z.strictObject({ rechargeId: id }),
  body: z.strictObject({}),
  responses: {
    200: { description: "The refunded recharge", schema: rechargeView },
    409: { description: "Only a succeeded recharge can be refunded (`conflict`)" },
    422: { description: "The recharge's payment provider is not configured (`unprocessable`)" },
  },
  problems: ["not_found", "conflict", "unprocessable"],
  async handle({ params, principal, ctx }) {
    const refunded = await refundRecharge(ctx, params.rechargeId, principal.actor);
    return refunded.ok ? { status: 200, body: toRechargeView(refunded.value) } : refunded;
  },
});

export const cancelRechargeRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/recharges/:rechargeId/cancel",
  operationId: "cancelRecharge",
  summary:
    "Cancel a pending top-up (staff, or the account itself from its portal): the provider's page stops taking payment and the top-up fails (`cancelled`). One paid meanwhile is not cancelled (409): it is credited when the provider confirms it. Pending top-ups also expire on their own an hour after they started (`expiresAt`).",
  access: "owner",
  roles: MONEY,
  params: accountParams.extend({ rechargeId: id }),
  body: z.strictObject({}),
  responses: { 200: { description: "The cancelled recharge", schema: rechargeView } },
  problems: ["not_found", "conflict", "unprocessable"],
  async handle({ params, principal, ctx }) {
    const cancelled = await cancelRecharge(ctx, params.rechargeId, principal.actor);
    return cancelled.ok ? { status: 200, body: toRechargeView(cancelled.value) } : cancelled;
  },
});

export const listKeptCardsRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/cards",
  operationId: "listKeptCards",
  summary: "The cards the account kept when paying a top-up (brand, last four digits, expiry), and whether auto-recharge pays with each.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The kept cards", schema: z.object({ items: z.array(keptCardView) }) } },
  async handle({ params, ctx }) {
    return { status: 200, body: { items: (await listKeptCards(ctx, params.accountId)).map(toKeptCardView) } };
  },
});

export const forgetKeptCardRoute = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/cards/:rechargeId",
  operationId: "forgetKeptCard",
  summary:
    "Forget a kept card (named by the top-up that kept it): the provider stops keeping it, and auto-recharge that paid with it is turned off (`autoRechargeOff` names those wallets).",
  access: "owner",
  roles: MONEY,
  params: accountParams.extend({ rechargeId: id }),
  responses: { 200: { description: "Forgotten", schema: z.object({ autoRechargeOff: z.array(z.string()) }) } },
  problems: ["not_found", "unprocessable"],
  async handle({ params, principal, ctx }) {
    const forgotten = await forgetKeptCard(ctx, params.accountId, params.rechargeId, principal.actor);
    return forgotten.ok ? { status: 200, body: forgotten.value } : forgotten;
  },
});

export const paymentWebhook = defineRoute({
  method: "post",
  path: "/v1/webhooks/:provider",
  operationId: "paymentWebhook",
  summary:
    "A payment provider's signed webhook (Stripe: Stripe-Signature), authenticated by its signature over the body as sent. Applied exactly once however often it is delivered.",
  access: "public",
  roles: NO_STAFF,
  rawBody: true,
  params: z.strictObject({ provider: providerName }),
  responses: {
    200: { description: "Received", schema: z.object({ received: z.literal(true) }) },
    401: { description: "The signature does not verify over the body as sent (`unauthorized`)" },
    415: { description: "The body is not `application/json` (`unsupported_media_type`)" },
  },
  problems: ["not_found", "unauthorized", "conflict"],
  async handle({ params, raw, ctx }) {
    const provider = ctx.payments.get(params.provider);
    if (provider === undefined) return failure("not_found", "No such payment provider is configured.");
    let event;
    try {
      event = provider.parseWebhook(raw.body, raw.headers);
    } catch {
      return failure("unauthorized", "The webhook signature does not verify.");
    }
    const applied = await applyPaymentEvent(ctx, provider.name, event);
    return applied.ok ? { status: 200, body: { received: true } } : applied;
  },
});
