import { z } from "zod";
import { ANY_STAFF, MANAGERS, MONEY, SUPPORT } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams, currency, id, name, pageQuery, positiveAmount, seats } from "../http/schemas.js";
import { accountView, toAccountView, toWalletView, walletView } from "../http/views.js";
import { createAccount, getAccount } from "../services/accounts/create.js";
import { openWallet } from "../services/accounts/open-wallet.js";
import { accountWithCreditView, toCreditRequestView } from "../http/credit-views.js";
import { requestBilling } from "../services/credit/request.js";
import { setBillingDetails } from "../services/accounts/billing-details.js";
import { billingDetails } from "../http/party-schemas.js";
import { searchAccounts } from "../services/accounts/search.js";
import { setAccountStatus } from "../services/accounts/set-status.js";

const creditLimit = positiveAmount.or(z.literal(0));
const billing = {
  billingMode: z.enum(["prepaid", "postpaid", "hybrid"]).default("prepaid"),
  /** How far below zero the plan-currency wallet may go (postpaid and hybrid), in micros. */
  creditLimit: creditLimit.default(0),
  /**
   * When invoices are cut: monthly from anchor day 1–28, weekly from anchor weekday 1 (Monday) – 7, or yearly
   * from an anchor date (anchorMonth 1–12, anchorDay 1–28).
   */
  billingCycle: z
    .strictObject({
      interval: z.enum(["month", "week", "year"]),
      anchorDay: z.number().int().min(1).max(28),
      anchorMonth: z.number().int().min(1).max(12).optional(),
    })
    .refine((c) => c.interval !== "week" || c.anchorDay <= 7, {
      message: "a weekly anchor is a weekday, 1 (Monday) to 7",
      path: ["anchorDay"],
    })
    .refine((c) => c.interval === "year" || c.anchorMonth === undefined, {
      message: "only a yearly cycle has an anchor month",
      path: ["anchorMonth"],
    })
    .optional(),
};
function checkBilling(b: { billingMode: string; creditLimit: number }, ctx: z.RefinementCtx): void {
  if (b.billingMode === "prepaid" && b.creditLimit !== 0)
    ctx.addIssue({ code: "custom", path: ["creditLimit"], message: "a prepaid account has no credit limit" });
}

const createAccountBody = z
  .strictObject({ name, planId: id, seats: seats.default(1).describe("seats, priced by the plan's seat price"), ...billing })
  .superRefine(checkBilling);

export const createAccountRoute = defineRoute({
  method: "post",
  path: "/v1/accounts",
  operationId: "createAccount",
  summary:
    "Create an account on a plan, with an empty wallet in the plan's currency. On a plan with a recurring fee, its first period starts now and its fee is charged (a prepaid account with nothing to pay it is past due until a top-up).",
  access: "admin",
  roles: MANAGERS,
  body: createAccountBody,
  responses: {
    201: {
      description:
        "The account; when the credit asked for waits for a second staff member, the account is prepaid until then and `creditRequest` says why",
      schema: accountWithCreditView,
    },
    422: {
      description:
        "The plan does not exist, or cannot take the account (`unprocessable`); the credit asked for fails the credit rule, `unmet` listing each check (`credit_check_failed`)",
    },
  },
  problems: ["unprocessable", "credit_check_failed"],
  async handle({ body, principal, ctx }) {
    const userId = principal.kind === "admin" ? principal.userId : undefined;
    const created = await createAccount(ctx, { ...body, actor: principal.actor, userId });
    if (!created.ok) return created;
    const { account, wallet, creditRequest } = created.value;
    return {
      status: 201,
      body: {
        ...toAccountView(account, [wallet]),
        ...(creditRequest ? { creditRequest: toCreditRequestView({ request: creditRequest }) } : {}),
      },
    };
  },
});

export const getAccountRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId",
  operationId: "getAccount",
  summary: "Read an account and its wallets (admin, or the account's own API key).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The account", schema: accountView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const got = await getAccount(ctx, params.accountId);
    return got.ok ? { status: 200, body: toAccountView(got.value.account, got.value.wallets) } : got;
  },
});

export const setBillingRoute = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/billing",
  operationId: "setBilling",
  summary:
    "Set an account's billing mode and its plan-currency wallet's credit limit, held to the deployment's credit rule: what gives no more credit, or what the rule allows, applies at once (gateways too); what the account does not qualify for is refused (`credit_check_failed`, `unmet` listing each check); what it qualifies for beyond what the rule gives at once waits for a second staff member (`202`, `creditRequest`).",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject(billing).superRefine(checkBilling),
  responses: {
    200: { description: "The account, its billing applied", schema: accountWithCreditView },
    202: {
      description: "The account, unchanged: the credit asked for waits for a second staff member (`creditRequest`)",
      schema: accountWithCreditView,
    },
    409: { description: "Another credit request for the account is pending (`conflict`, `pendingRequestId`)" },
    422: { description: "The account does not meet the credit rule: `unmet` lists each check it fails (`credit_check_failed`)" },
  },
  problems: ["not_found", "credit_check_failed", "conflict"],
  async handle({ params, body, principal, ctx }) {
    const userId = principal.kind === "admin" ? principal.userId : undefined;
    const asked = await requestBilling(ctx, params.accountId, body, { actor: principal.actor, userId });
    if (!asked.ok) return asked;
    if (asked.value.kind === "applied") return { status: 200, body: toAccountView(asked.value.account, asked.value.wallets) };
    const got = await getAccount(ctx, params.accountId);
    if (!got.ok) return got;
    return {
      status: 202,
      body: {
        ...toAccountView(got.value.account, got.value.wallets),
        creditRequest: toCreditRequestView({ request: asked.value.request }),
      },
    };
  },
});

export const setBillingDetailsRoute = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/billing-details",
  operationId: "setBillingDetails",
  summary:
    "Who the account's documents are addressed to: legal name, postal address, tax id and billing email (staff, or the account itself from its portal). Documents finalized from now on print them; finalized ones keep theirs.",
  access: "owner",
  roles: MONEY,
  params: accountParams,
  body: billingDetails,
  responses: { 200: { description: "The account", schema: accountView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const set = await setBillingDetails(ctx, params.accountId, body, principal.actor);
    return set.ok ? { status: 200, body: toAccountView(set.value.account, set.value.wallets) } : set;
  },
});

export const removeBillingDetailsRoute = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/billing-details",
  operationId: "removeBillingDetails",
  summary: "Remove the account's billing details: documents finalized from now on are addressed to its name only.",
  access: "owner",
  roles: MONEY,
  params: accountParams,
  responses: { 200: { description: "The account", schema: accountView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const set = await setBillingDetails(ctx, params.accountId, undefined, principal.actor);
    return set.ok ? { status: 200, body: toAccountView(set.value.account, set.value.wallets) } : set;
  },
});

export const openWalletRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/wallets",
  operationId: "createWallet",
  summary: "Open a wallet in another currency (one per currency; nothing is ever converted between them).",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject({ currency, creditLimit: creditLimit.default(0) }),
  responses: {
    201: { description: "The wallet", schema: walletView },
    409: { description: "The account already has a wallet in that currency (`conflict`)" },
  },
  problems: ["not_found", "validation_failed", "conflict"],
  async handle({ params, body, principal, ctx }) {
    const opened = await openWallet(ctx, { accountId: params.accountId, ...body, actor: principal.actor });
    return opened.ok ? { status: 201, body: toWalletView(opened.value) } : opened;
  },
});

export const searchAccountsRoute = defineRoute({
  method: "get",
  path: "/v1/accounts",
  operationId: "searchAccounts",
  summary: "Accounts newest first, with their wallets: `query` matches a name (any case) or an id's start; `status` filters.",
  access: "admin",
  roles: ANY_STAFF,
  query: z.strictObject({
    query: z.string().max(100).optional(),
    status: z.enum(["active", "suspended", "closed"]).optional(),
    limit: pageQuery.shape.limit,
    cursor: pageQuery.shape.cursor,
  }),
  responses: {
    200: { description: "A page of accounts", schema: z.object({ items: z.array(accountView), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    const page = await searchAccounts(ctx, query);
    return {
      status: 200,
      body: {
        items: page.items.map((i) => toAccountView(i.account, i.wallets)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  },
});

const statusBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** Suspend or resume: the same route but for the status it sets. */
function statusRoute(action: "suspend" | "resume", summary: string) {
  return defineRoute({
    method: "post",
    path: `/v1/accounts/:accountId/${action}`,
    operationId: `${action}Account`,
    summary,
    access: "admin",
    roles: SUPPORT,
    params: accountParams,
    body: statusBody,
    responses: {
      200: { description: "The account", schema: accountView },
      409: { description: "A closed account cannot be suspended or resumed (`conflict`)" },
    },
    problems: ["not_found", "conflict"],
    async handle({ params, body, principal, ctx }) {
      const status = action === "suspend" ? "suspended" : "active";
      const set = await setAccountStatus(ctx, { accountId: params.accountId, status, reason: body.reason, actor: principal.actor });
      if (!set.ok) return set;
      const got = await getAccount(ctx, params.accountId);
      return got.ok ? { status: 200, body: toAccountView(got.value.account, got.value.wallets) } : got;
    },
  });
}

export const suspendAccountRoute = statusRoute(
  "suspend",
  "Suspend an account, with a reason: its calls are refused (403 account_inactive) until it is resumed.",
);
export const resumeAccountRoute = statusRoute("resume", "Resume a suspended account, with a reason.");
