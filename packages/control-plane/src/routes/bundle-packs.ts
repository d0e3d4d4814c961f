import { z } from "zod";
import { ANY_STAFF, MANAGERS, MONEY } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { checkoutProblem, fromRecharge, paymentCard, paymentMethod, returnUrl } from "../http/card-checkout.js";
import { accountParams, currency, id, name, pageBody, pageQuery, positiveAmount, providerName, timestamp } from "../http/schemas.js";
import { bundleView, toBundleView } from "../http/views.js";
import { bundlePackView, packPurchaseView, toBundlePackView, toPackPurchaseView } from "../http/bundle-pack-views.js";
import { failure } from "../domain/outcome.js";
import type { BundlePack, PackPurchase } from "../models/index.js";
import { archivePack, createPack } from "../services/bundle-packs/create.js";
import { buyPackFromWallet } from "../services/bundle-packs/buy-from-wallet.js";
import { buyPackByCard } from "../services/bundle-packs/buy-by-card.js";
import { sellableTo } from "../services/bundle-packs/purchase.js";

export const createBundlePackRoute = defineRoute({
  method: "post",
  path: "/v1/bundle-packs",
  operationId: "createBundlePack",
  summary:
    "Put a bundle pack on sale: `units` of one product, valid `validity.days` from each purchase or `until` a date, with a `priority` and an `overage`, at a price in micros per currency (an account buys in its plan's currency).",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({
    name,
    productId: z.string().min(1).max(64),
    units: z.number().int().min(1).max(1_000_000_000_000),
    validity: z.union([
      z.strictObject({ days: z.number().int().min(1).max(3_660) }),
      z.strictObject({ until: timestamp.refine((at) => Date.parse(at) > Date.now(), "until must be in the future") }),
    ]),
    priority: z.number().int().min(0).max(1_000).default(0),
    overage: z.enum(["charge", "refuse"]).default("charge"),
    prices: z
      .array(z.strictObject({ currency, amount: positiveAmount }))
      .min(1)
      .max(50),
  }),
  responses: { 201: { description: "The pack", schema: bundlePackView } },
  problems: ["validation_failed"],
  async handle({ body, principal, ctx }) {
    const created = await createPack(
      ctx,
      {
        name: body.name,
        productId: body.productId,
        units: body.units,
        validity: "days" in body.validity ? { days: body.validity.days } : { until: new Date(body.validity.until) },
        priority: body.priority,
        overage: body.overage,
        prices: body.prices,
      },
      principal.actor,
    );
    return created.ok ? { status: 201, body: toBundlePackView(created.value) } : created;
  },
});

export const listBundlePacksRoute = defineRoute({
  method: "get",
  path: "/v1/bundle-packs",
  operationId: "listBundlePacks",
  summary: "Bundle packs, newest first, cursor-paginated; `status` picks those on sale (`active`) or `archived`.",
  access: "admin",
  roles: ANY_STAFF,
  query: pageQuery.extend({ status: z.enum(["active", "archived"]).optional() }),
  responses: {
    200: { description: "A page of packs", schema: z.object({ items: z.array(bundlePackView), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    const page = await ctx.cursors.paginate<BundlePack>(
      `bundle-packs:${query.status ?? ""}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.BundlePack.find({ ...(query.status ? { status: query.status } : {}), ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return { status: 200, body: pageBody(page, toBundlePackView) };
  },
});

export const listAccountBundlePacksRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/bundle-packs",
  operationId: "listAccountBundlePacks",
  summary:
    "The bundle packs the account can buy now: on sale, still valid, of a product of its plan and priced in its currency; newest first, cursor-paginated (staff, or the account's own key or portal session).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: pageQuery,
  responses: {
    200: { description: "A page of packs", schema: z.object({ items: z.array(bundlePackView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const sellable = await sellableTo(ctx, params.accountId);
    const page = await ctx.cursors.paginate<BundlePack>(
      `bundle-packs-of:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.BundlePack.find({ $and: [sellable, after] })
          .sort(sort)
          .limit(take)
          .lean<BundlePack[]>(),
    );
    return { status: 200, body: pageBody(page, toBundlePackView) };
  },
});

export const archiveBundlePackRoute = defineRoute({
  method: "delete",
  path: "/v1/bundle-packs/:packId",
  operationId: "archiveBundlePack",
  summary:
    "Take a bundle pack off sale: no one buys it any more (vouchers already sold for it still grant it); what was bought stays as it was.",
  access: "admin",
  roles: MANAGERS,
  params: z.strictObject({ packId: id }),
  responses: { 200: { description: "The archived pack", schema: bundlePackView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const archived = await archivePack(ctx, params.packId, principal.actor);
    return archived.ok ? { status: 200, body: toBundlePackView(archived.value) } : archived;
  },
});

export const buyBundlePackRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/pack-purchases",
  operationId: "buyBundlePack",
  summary:
    "Buy a bundle pack for the account (staff, or the account's own key or portal session), once per Idempotency-Key. " +
    "`payment: wallet` (the default) takes its price from the wallet of the plan's currency and issues the bundle at once, or refuses with 402 insufficient_funds and changes nothing; " +
    "`payment: card` starts a card payment of its price with `provider` (a kept card named by `fromRecharge`, a saved `paymentMethod`, or the provider's page with `returnUrl`, as a recharge does) and issues the bundle once the provider's signed webhook confirms it. " +
    "A voucher that grants a pack is redeemed at POST …/vouchers.",
  access: "owner",
  roles: MONEY,
  idempotent: true,
  params: accountParams,
  body: z.strictObject({
    packId: id,
    payment: z.enum(["wallet", "card"]).default("wallet"),
    provider: providerName.optional(),
    paymentMethod,
    fromRecharge,
    returnUrl: returnUrl.optional(),
  }),
  responses: {
    201: {
      description: "The purchase: issued with its bundle (wallet), or pending its card payment",
      schema: packPurchaseView.extend({
        bundle: bundleView.optional().describe("the bundle issued (issued purchases)"),
        clientSecret: z
          .string()
          .optional()
          .describe("card: for the provider's own card form, when neither a card nor a return address was given"),
        checkoutUrl: z.string().optional().describe("card: where the customer pays, when `returnUrl` was given"),
      }),
    },
    402: { description: "The wallet does not cover the pack's price (`insufficient_funds`): nothing was taken or issued" },
    422: {
      description: "The pack is unknown, archived, not of the account's plan or currency, or no such payment provider (`unprocessable`)",
    },
  },
  problems: ["validation_failed", "not_found", "unprocessable", "idempotency_key_reused", "insufficient_funds"],
  async handle({ params, body, principal, idempotencyKey, raw, ctx }) {
    if (body.payment === "wallet") {
      if (
        body.provider !== undefined ||
        body.paymentMethod !== undefined ||
        body.returnUrl !== undefined ||
        body.fromRecharge !== undefined
      )
        return failure("validation_failed", "`provider`, `paymentMethod`, `fromRecharge` and `returnUrl` are for `payment: card`.");
      const bought = await buyPackFromWallet(ctx, {
        accountId: params.accountId,
        packId: body.packId,
        idempotencyKey,
        actor: principal.actor,
      });
      if (!bought.ok) return bought;
      const { purchase, bundle, replayed } = bought.value;
      return { status: 201, body: { ...toPackPurchaseView(purchase), bundle: toBundleView(bundle) }, headers: replayHeaders(replayed) };
    }
    if (body.provider === undefined) return failure("validation_failed", "`payment: card` names its `provider`.");
    const refused = checkoutProblem(body, principal, raw.headers, ctx);
    if (refused !== undefined) return refused;
    const card = await paymentCard(ctx, params.accountId, body.provider, body);
    if (!card.ok) return card;
    const started = await buyPackByCard(ctx, {
      accountId: params.accountId,
      packId: body.packId,
      provider: body.provider,
      ...card.value,
      checkout: body.returnUrl !== undefined ? { returnUrl: body.returnUrl, saveCard: false } : undefined,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!started.ok) return started;
    const { purchase, clientSecret, checkoutUrl, replayed } = started.value;
    return {
      status: 201,
      body: { ...toPackPurchaseView(purchase), ...(clientSecret ? { clientSecret } : {}), ...(checkoutUrl ? { checkoutUrl } : {}) },
      headers: replayHeaders(replayed),
    };
  },
});

export const listPackPurchasesRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/pack-purchases",
  operationId: "listPackPurchases",
  summary: "An account's bundle pack purchases, newest first, cursor-paginated (staff, or the account's own key or portal session).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: pageQuery,
  responses: {
    200: { description: "A page of purchases", schema: z.object({ items: z.array(packPurchaseView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginate<PackPurchase>(
      `pack-purchases:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.PackPurchase.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return {
      status: 200,
      body: pageBody(page, toPackPurchaseView),
    };
  },
});
