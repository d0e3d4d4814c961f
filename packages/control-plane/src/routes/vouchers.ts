import { z } from "zod";
import { ANY_STAFF, MONEY, NO_STAFF } from "../http/roles.js";
import { defineRoute, type RouteInput } from "../http/route.js";
import { ownAccount } from "../http/auth.js";
import { ProblemError } from "../domain/problem-error.js";
import { accountParams, currency, id, pageQuery, positiveAmount, timestamp } from "../http/schemas.js";
import { ledgerEntryView, toLedgerEntryView, toVoucherBatchView, voucherBatchView } from "../http/views.js";
import { packPurchaseView, toPackPurchaseView } from "../http/bundle-pack-views.js";
import type { AppContext } from "../context.js";
import { issueVoucherBatch } from "../services/vouchers/issue.js";
import { listVoucherBatches } from "../services/vouchers/list-batches.js";
import { redeemVoucher } from "../services/vouchers/redeem.js";

export const createVoucherBatch = defineRoute({
  method: "post",
  path: "/v1/voucher-batches",
  operationId: "createVoucherBatch",
  summary:
    "Generate a batch of prepaid voucher codes (face value, currency, expiry), or codes that each grant a bundle pack (`packId` instead of `amount`: worth the pack's price in `currency`). The codes are in this response only; Tollgate keeps their hashes.",
  access: "admin",
  roles: MONEY,
  body: z.strictObject({
    amount: positiveAmount.optional(),
    packId: id.optional().describe("a bundle pack each code grants (instead of an amount)"),
    currency,
    count: z.number().int().min(1).max(1_000),
    expiresAt: timestamp,
  }),
  responses: {
    201: {
      description: "The batch and its codes",
      schema: z.object({
        batchId: z.string(),
        amount: z.number().int(),
        currency: z.string(),
        packId: z.string().optional(),
        expiresAt: z.string(),
        codes: z.array(z.string()),
      }),
    },
  },
  problems: ["validation_failed", "unprocessable"],
  async handle({ body, principal, ctx }) {
    const expiresAt = new Date(body.expiresAt);
    const issued = await issueVoucherBatch(ctx, {
      amount: body.amount,
      packId: body.packId,
      currency: body.currency,
      count: body.count,
      expiresAt,
      actor: principal.actor,
    });
    if (!issued.ok) return issued;
    const { batchId, codes, amount } = issued.value;
    return {
      status: 201,
      body: {
        batchId,
        amount,
        currency: body.currency,
        ...(body.packId ? { packId: body.packId } : {}),
        expiresAt: expiresAt.toISOString(),
        codes,
      },
    };
  },
});

export const listVoucherBatchesRoute = defineRoute({
  method: "get",
  path: "/v1/voucher-batches",
  operationId: "listVoucherBatches",
  summary:
    "Voucher batches, newest first, cursor-paginated: each code's face value, currency and expiry, how many codes were issued and how many redeemed. The codes are never listed: Tollgate keeps only their hashes.",
  access: "admin",
  roles: ANY_STAFF,
  query: pageQuery,
  responses: {
    200: {
      description: "A page of voucher batches",
      schema: z.object({ items: z.array(voucherBatchView), nextCursor: z.string().optional() }),
    },
  },
  async handle({ query, ctx }) {
    const page = await listVoucherBatches(ctx, query.limit, query.cursor);
    return {
      status: 200,
      body: { items: page.items.map(toVoucherBatchView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
    };
  },
});

const redeemBody = z.strictObject({ code: z.string().min(4).max(64) });

async function redeem(ctx: AppContext, accountId: string, code: string, actor: string, address: string) {
  const refused = await ctx.redeemGuard.check(accountId, address);
  if (refused !== undefined) return refused;
  try {
    const redeemed = await redeemVoucher(ctx, accountId, code, actor);
    if (!redeemed.ok) {
      await ctx.redeemGuard.failed(accountId, address);
      return redeemed;
    }
    const { entry, purchase } = redeemed.value;
    return {
      status: 201,
      body: { ...toLedgerEntryView(entry), ...(purchase ? { packPurchase: toPackPurchaseView(purchase) } : {}) },
    };
  } catch (error) {
    // An expected failure thrown below the service (the ledger's, a lock's) counts against the guard as before.
    if (error instanceof ProblemError) await ctx.redeemGuard.failed(accountId, address);
    throw error;
  }
}

/** What a redemption answers, by the account's staff or by its own key. */
const redeemResponses = {
  201: {
    description: "The credit (and, for a code that grants a pack, the purchase it paid)",
    schema: ledgerEntryView.extend({
      packPurchase: packPurchaseView
        .optional()
        .describe("a code that grants a bundle pack: the purchase its credit paid, its bundle issued (the credit is taken back by it)"),
    }),
  },
  422: {
    description:
      "The code is not valid, already redeemed, expired, or in a currency the account has no wallet for (`unprocessable`, with a `reason`)",
  },
  429: { description: "Too many invalid codes from this account or address (`rate_limited`, with `retryAfterSeconds`)" },
};
/** The failures a redemption returns: the service's, and the guard's 429 before the service is called. */
const redeemProblems = ["unprocessable", "rate_limited"] as const;

export const redeemForAccount = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/vouchers",
  operationId: "redeemVoucher",
  summary:
    "Redeem a voucher code into the account's wallet in the voucher's currency (admin, or the account's own key). A code that grants a bundle pack buys it: its credit pays the pack and the pack's bundle is issued, once. Failed attempts are limited and audited.",
  access: "owner",
  roles: MONEY,
  params: accountParams,
  body: redeemBody,
  responses: redeemResponses,
  problems: redeemProblems,
  handle: async ({
    params,
    body,
    principal,
    ctx,
    address,
  }: RouteInput<typeof accountParams, z.ZodObject<z.ZodRawShape>, typeof redeemBody>) =>
    redeem(ctx, params.accountId, body.code, principal.actor, address),
});

export const redeemMine = defineRoute({
  method: "post",
  path: "/v1/me/vouchers",
  operationId: "redeemMyVoucher",
  summary: "Redeem a voucher code into the calling key's account.",
  access: "consumer",
  roles: NO_STAFF,
  body: redeemBody,
  responses: redeemResponses,
  problems: redeemProblems,
  handle: async ({ body, principal, ctx, address }) => redeem(ctx, ownAccount(principal), body.code, principal.actor, address),
});
