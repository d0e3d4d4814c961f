import { z } from "zod";
import { ownAccount } from "../http/auth.js";
import { recurringBody } from "../http/catalog-schemas.js";
import { ANY_STAFF, MANAGERS, NO_STAFF } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { accountParams, id, pageQuery, seats } from "../http/schemas.js";
import { feeView, subscriptionView, toFeeView, toSubscriptionView } from "../http/subscription-views.js";
import { planView, toPlanView } from "../http/views.js";
import { setRecurring } from "../services/plans/set-recurring.js";
import { changeSubscription } from "../services/subscriptions/change.js";
import { renewSubscription, renewSubscriptions } from "../services/subscriptions/renew.js";
import { getSubscription, listFees } from "../services/subscriptions/status.js";
import { quoteSubscriptionChange, selfServicePlans, setSelfService } from "../services/subscriptions/self-service.js";

const planParams = z.strictObject({ planId: id });

export const setRecurringRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/recurring",
  operationId: "setPlanRecurring",
  summary:
    "Set a plan's recurring fee and seat price (micros per period), its period (month, week or year) and the grace a prepaid account gets when it cannot pay. New amounts apply from each account's next renewal.",
  access: "admin",
  roles: MANAGERS,
  params: planParams,
  body: recurringBody,
  responses: {
    200: { description: "The plan", schema: planView },
    409: { description: "Accounts renew on another period on this plan (`conflict`): make another plan and move them" },
  },
  problems: ["not_found", "conflict"],
  async handle({ params, body, principal, ctx }) {
    const set = await setRecurring(ctx, params.planId, body, principal.actor);
    return set.ok ? { status: 200, body: toPlanView(set.value) } : set;
  },
});

export const removeRecurringRoute = defineRoute({
  method: "delete",
  path: "/v1/plans/:planId/recurring",
  operationId: "removePlanRecurring",
  summary: "Remove a plan's recurring fee: its accounts are not renewed again (fees already charged or due stay).",
  access: "admin",
  roles: MANAGERS,
  params: planParams,
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const removed = await setRecurring(ctx, params.planId, undefined, principal.actor);
    return removed.ok ? { status: 200, body: toPlanView(removed.value) } : removed;
  },
});

export const getSubscriptionRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/subscription",
  operationId: "getSubscription",
  summary: "An account's subscription: plan, seats, what a period costs, the current period, the next renewal, and any fee due.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The subscription", schema: subscriptionView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const subscription = await getSubscription(ctx, params.accountId);
    return subscription.ok ? { status: 200, body: toSubscriptionView(subscription.value) } : subscription;
  },
});

export const getMySubscriptionRoute = defineRoute({
  method: "get",
  path: "/v1/me/subscription",
  operationId: "getMySubscription",
  summary: "The calling API key's (or portal session's) account subscription.",
  access: "consumer",
  roles: NO_STAFF,
  responses: { 200: { description: "The subscription", schema: subscriptionView } },
  problems: ["not_found"],
  async handle({ principal, ctx }) {
    const subscription = await getSubscription(ctx, ownAccount(principal));
    return subscription.ok ? { status: 200, body: toSubscriptionView(subscription.value) } : subscription;
  },
});

const changeBody = z
  .strictObject({ planId: id.optional(), seats: seats.optional() })
  .refine((b) => b.planId !== undefined || b.seats !== undefined, { message: "name a plan, seats, or both" });

export const changeSubscriptionRoute = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/subscription",
  operationId: "changeSubscription",
  summary:
    "Change an account's plan or seats now (staff; or the account itself, from its portal or with its key, between self-service plans within their seat limit, else 403). The difference is prorated over the rest of the period (docs/concepts/recurring-fees.md; `GET …/subscription/quote` shows it first) and charged or credited once per Idempotency-Key; a prepaid wallet that cannot pay it refuses the change (402) and nothing changes.",
  access: "owner",
  roles: MANAGERS,
  idempotent: true,
  params: accountParams,
  body: changeBody,
  responses: {
    200: {
      description: "The subscription after the change, and the change's fee (its prorated amount)",
      schema: z.object({ subscription: subscriptionView, change: feeView }),
    },
    402: { description: "A prepaid wallet cannot pay what the change costs now (`insufficient_funds`); nothing changed" },
    409: { description: "A fee is due, the account is closed, or another change is under way (`conflict`)" },
    422: {
      description:
        "The plan does not exist, is in another currency, or the account has no wallet in it (`unprocessable`); or the key was used for another change (`idempotency_key_reused`)",
    },
  },
  problems: ["not_found", "conflict", "unprocessable", "idempotency_key_reused", "insufficient_funds", "forbidden"],
  async handle({ params, body, principal, idempotencyKey, ctx }) {
    const changed = await changeSubscription(ctx, params.accountId, {
      ...body,
      idempotencyKey,
      actor: principal.actor,
      selfService: principal.kind === "consumer",
    });
    if (!changed.ok) return changed;
    const subscription = await getSubscription(ctx, params.accountId);
    if (!subscription.ok) return subscription;
    return {
      status: 200,
      body: { subscription: toSubscriptionView(subscription.value), change: toFeeView(changed.value.fee) },
      headers: replayHeaders(changed.value.replayed),
    };
  },
});

const quoteView = z.object({
  planId: z.string(),
  seats: z.number().int(),
  currency: z.string(),
  fromAmount: z.number().int().describe("micros a period costs now"),
  toAmount: z.number().int().describe("micros a period costs after the change"),
  amount: z.number().int().describe("micros the change moves now, prorated: positive charged, negative credited"),
  periodFrom: z.string(),
  periodTo: z.string(),
  remainingSeconds: z.number().int(),
  periodSeconds: z.number().int(),
  newCycle: z.boolean().describe("the new plan renews on another period: its first period is charged in full at once"),
  selfService: z.union([z.object({ allowed: z.literal(true) }), z.object({ allowed: z.literal(false), reason: z.string() })]),
});

export const quoteSubscriptionRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/subscription/quote",
  operationId: "quoteSubscriptionChange",
  summary:
    "What a change of plan or seats would cost now, without making it: the period amounts before and after, the prorated amount charged (positive) or credited (negative) now, whether the new plan's first period is charged at once (another period), and whether the account may make it itself (self-service).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: z
    .strictObject({ planId: id.optional(), seats: z.coerce.number().pipe(seats).optional() })
    .refine((q) => q.planId !== undefined || q.seats !== undefined, { message: "name a plan, seats, or both" }),
  responses: { 200: { description: "The quote", schema: quoteView } },
  problems: ["not_found", "unprocessable"],
  async handle({ params, query, ctx }) {
    const quote = await quoteSubscriptionChange(ctx, params.accountId, query);
    if (!quote.ok) return quote;
    const q = quote.value;
    return {
      status: 200,
      body: {
        ...q,
        periodFrom: q.periodFrom.toISOString(),
        periodTo: q.periodTo.toISOString(),
      },
    };
  },
});

export const selfServicePlansRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/subscription/plans",
  operationId: "listSelfServicePlans",
  summary: "The plans the account may move to by itself (self-service plans in its currency), its own among them when it is one.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The plans", schema: z.object({ items: z.array(planView) }) } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const plans = await selfServicePlans(ctx, params.accountId);
    return plans.ok ? { status: 200, body: { items: plans.value.map(toPlanView) } } : plans;
  },
});

export const setSelfServiceRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/self-service",
  operationId: "setPlanSelfService",
  summary: "Let customers move to and from this plan themselves (their portal), with at most `maxSeats` seats.",
  access: "admin",
  roles: MANAGERS,
  params: planParams,
  body: z.strictObject({ maxSeats: seats.pipe(z.number().min(1)) }),
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const set = await setSelfService(ctx, params.planId, body, principal.actor);
    return set.ok ? { status: 200, body: toPlanView(set.value) } : set;
  },
});

export const removeSelfServiceRoute = defineRoute({
  method: "delete",
  path: "/v1/plans/:planId/self-service",
  operationId: "removePlanSelfService",
  summary: "Stop offering this plan for self-service: only staff move accounts to or from it.",
  access: "admin",
  roles: MANAGERS,
  params: planParams,
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const removed = await setSelfService(ctx, params.planId, undefined, principal.actor);
    return removed.ok ? { status: 200, body: toPlanView(removed.value) } : removed;
  },
});

export const listFeesRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/fees",
  operationId: "listFees",
  summary: "An account's fees (renewals and prorated changes, due or paid), newest first, cursor-paginated.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  query: pageQuery,
  responses: {
    200: { description: "A page of fees", schema: z.object({ items: z.array(feeView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await listFees(ctx, params.accountId, query.limit, query.cursor);
    return { status: 200, body: { items: page.items.map(toFeeView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },
});

export const renewSubscriptionsRoute = defineRoute({
  method: "post",
  path: "/v1/admin/subscriptions/renew",
  operationId: "renewSubscriptions",
  summary:
    "Run the renewal job now (it also runs every minute): charge each period's fee that has begun, collect what is due, block accounts past their grace period. Idempotent.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({ accountIds: z.array(id).max(1_000).optional() }),
  responses: {
    200: { description: "How many accounts were looked at", schema: z.object({ accounts: z.number().int() }) },
    409: { description: "Another renewal run holds the lock (`conflict`): try again shortly" },
  },
  async handle({ body, ctx }) {
    if (body.accountIds === undefined) return { status: 200, body: { accounts: await renewSubscriptions(ctx) } };
    for (const accountId of body.accountIds) await renewSubscription(ctx, accountId);
    return { status: 200, body: { accounts: body.accountIds.length } };
  },
});
