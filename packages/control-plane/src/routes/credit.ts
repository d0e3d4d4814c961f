import { z } from "zod";
import type { Principal } from "../domain/principal.js";
import { failure } from "../domain/outcome.js";
import { ANY_STAFF, MANAGERS, MONEY } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams, id, pageBody, pageQueryOf, positiveAmount } from "../http/schemas.js";
import {
  creditRequestView,
  creditRuleView,
  creditStandingView,
  toCreditRequestView,
  toCreditRuleView,
  toCreditStandingView,
} from "../http/credit-views.js";
import { creditRecord, judgeCredit } from "../services/credit/check.js";
import { decideCredit, listCreditRequests, type Decider } from "../services/credit/decide.js";
import { getCreditRule, setCreditRule } from "../services/credit/rule.js";

const count = z.number().int().min(0).max(10_000);

export const getCreditRuleRoute = defineRoute({
  method: "get",
  path: "/v1/credit-rule",
  operationId: "getCreditRule",
  summary:
    "The deployment's credit rule: what an account must show before it gets a credit limit or a postpaid or hybrid mode (the defaults until saved).",
  access: "admin",
  roles: ANY_STAFF,
  responses: { 200: { description: "The rule", schema: creditRuleView } },
  async handle({ ctx }) {
    return { status: 200, body: toCreditRuleView(await getCreditRule(ctx)) };
  },
});

export const setCreditRuleRoute = defineRoute({
  method: "put",
  path: "/v1/credit-rule",
  operationId: "setCreditRule",
  summary:
    "Replace the deployment's credit rule: payment history (invoices paid on time, overdue), prepaid tenure (days since the first top-up, micros topped up), `any` or `all` of them, finance's approval of every grant, and the largest limit given at once (`autoLimit`). Requests already waiting keep what they were held for.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({
    paymentHistory: z.strictObject({ paidOnTime: count, overdue: count.default(0) }).optional(),
    prepaidTenure: z.strictObject({ days: count, toppedUp: positiveAmount.or(z.literal(0)).default(0) }).optional(),
    qualifyBy: z.enum(["any", "all"]).default("any"),
    financeApproval: z.boolean().default(false),
    autoLimit: positiveAmount.or(z.literal(0)).optional(),
  }),
  responses: { 200: { description: "The rule", schema: creditRuleView } },
  async handle({ body, principal, ctx }) {
    const set = await setCreditRule(ctx, body, principal.actor);
    return set.ok ? { status: 200, body: toCreditRuleView(set.value) } : set;
  },
});

export const getCreditStandingRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/credit",
  operationId: "getCreditStanding",
  summary:
    "What the account shows the credit rule (invoices paid on time and overdue, days since its first top-up, micros topped up), each of the rule's checks, and whether it qualifies for credit.",
  access: "admin",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The account's credit standing", schema: creditStandingView } },
  async handle({ params, ctx }) {
    // The account exists: the route's path lookup answered 404 otherwise (http/path-objects.ts).
    const account = (await ctx.models.Account.findById(params.accountId).lean())!;
    const plan = await ctx.models.Plan.findById(account.planId, { currency: 1 }).lean();
    const record = await creditRecord(ctx, params.accountId, plan?.currency ?? "USD");
    // As if the account asked for credit from prepaid: whether it qualifies, whatever it has now.
    const verdict = judgeCredit(
      await getCreditRule(ctx),
      { billingMode: "prepaid", creditLimit: 0 },
      { billingMode: "postpaid", creditLimit: 0 },
      record,
    );
    return { status: 200, body: toCreditStandingView(params.accountId, record, verdict.verdict !== "refused", verdict.checks) };
  },
});

export const listCreditRequestsRoute = defineRoute({
  method: "get",
  path: "/v1/credit-requests",
  operationId: "listCreditRequests",
  summary:
    "Credit requests newest first, with what became of them, cursor-paginated (100 a page unless `limit` says): `status` (`pending` for those waiting for a second staff member), `accountId`.",
  access: "admin",
  roles: ANY_STAFF,
  query: pageQueryOf(100).extend({
    status: z.enum(["pending", "approved", "rejected"]).optional(),
    accountId: id.optional(),
  }),
  responses: {
    200: {
      description: "A page of credit requests",
      schema: z.object({ items: z.array(creditRequestView), nextCursor: z.string().optional() }),
    },
  },
  async handle({ query, ctx }) {
    return { status: 200, body: pageBody(await listCreditRequests(ctx, query), toCreditRequestView) };
  },
});

const requestParams = z.strictObject({ creditRequestId: id });

export const getCreditRequestRoute = defineRoute({
  method: "get",
  path: "/v1/credit-requests/:creditRequestId",
  operationId: "getCreditRequest",
  summary: "A credit request and what became of it.",
  access: "admin",
  roles: ANY_STAFF,
  params: requestParams,
  responses: { 200: { description: "The credit request", schema: creditRequestView } },
  async handle({ params, ctx }) {
    // It exists: the route's path lookup answered 404 otherwise.
    const request = (await ctx.models.CreditRequest.findById(params.creditRequestId).lean())!;
    const decision = await ctx.models.CreditDecision.findById(request._id).lean();
    return { status: 200, body: toCreditRequestView({ request, decision: decision ?? undefined }) };
  },
});

function decider(principal: Principal): Decider | undefined {
  return principal.kind === "admin" ? { actor: principal.actor, role: principal.role, userId: principal.userId } : undefined;
}

/** Approve or reject: the same route but for the decision. */
function decideRoute(action: "approve" | "reject", summary: string) {
  return defineRoute({
    method: "post",
    path: `/v1/credit-requests/:creditRequestId/${action}`,
    operationId: `${action}CreditRequest`,
    summary,
    access: "admin",
    roles: MONEY,
    params: requestParams,
    body: z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }),
    responses: {
      200: { description: "The credit request, decided", schema: creditRequestView },
      403: {
        description:
          "The requester may not decide their own request, nor may a role the request does not name (finance alone when the rule asks for finance's approval) (`forbidden`)",
      },
      409: { description: "Another staff member decided it otherwise first (`conflict`)" },
    },
    problems: ["not_found", "forbidden", "conflict"],
    async handle({ params, body, principal, ctx }) {
      const who = decider(principal);
      if (who === undefined) return failure("forbidden", "Staff credentials only.");
      const decided = await decideCredit(ctx, params.creditRequestId, action === "approve" ? "approved" : "rejected", who, body.reason);
      return decided.ok ? { status: 200, body: toCreditRequestView(decided.value) } : decided;
    },
  });
}

export const approveCreditRequestRoute = decideRoute(
  "approve",
  "Approve a pending credit request as a second staff member (never its requester): the billing asked for applies at once, audited with both people.",
);
export const rejectCreditRequestRoute = decideRoute(
  "reject",
  "Reject a pending credit request as a second staff member (never its requester), with an optional reason: the account keeps its billing.",
);
