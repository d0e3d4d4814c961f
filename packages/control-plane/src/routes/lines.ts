import { z } from "zod";
import { ANY_STAFF, MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams, id, name, positiveAmount } from "../http/schemas.js";
import { accountView, toAccountView } from "../http/views.js";
import { lineView, toLineView } from "../http/line-views.js";
import { attachLine, detachLine, getOwnLine, listLines, setLineLimit } from "../services/lines/lines.js";
import { startLine } from "../services/lines/start.js";

const lineParams = z.strictObject({ accountId: id, lineId: id });
const limit = positiveAmount.describe("the most the line may spend of its payer's wallet per calendar month, in micros");

export const createLineRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/lines",
  operationId: "createLine",
  summary:
    "Create a line of a hierarchy: a new account, on a plan with no recurring fee (the payer's when `planId` is absent), whose calls spend from this account's wallet in the plan's currency, within `limit` micros a calendar month (none when absent). The line has no wallet of its own; its usage events name the payer. Its plan's included bundles are issued for the current period at once.",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject({ name, planId: id.optional(), limit: limit.optional() }),
  responses: {
    201: { description: "The line", schema: lineView },
    409: { description: "The payer is a line itself, or closed (`conflict`)" },
    422: { description: "The plan does not exist, has a recurring fee, or is in a currency the payer has no wallet in (`unprocessable`)" },
  },
  problems: ["not_found", "conflict", "unprocessable"],
  async handle({ params, body, principal, ctx }) {
    const created = await startLine(ctx, { payerId: params.accountId, ...body, actor: principal.actor });
    return created.ok ? { status: 201, body: toLineView(created.value) } : created;
  },
});

export const attachLineRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/lines/attach",
  operationId: "attachLine",
  summary:
    "Make an existing account a line of this account from its next call (its own wallet keeps what it holds; nothing charged moves). An account of another Redis partition is moved to its payer's first: its calls meanwhile are refused (`503`, retry at once).",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject({ accountId: id, limit: limit.optional() }),
  responses: {
    200: { description: "The line", schema: lineView },
    409: {
      description:
        "Either account is already in a hierarchy, or the account to move has reservations, leases or charging sessions open or usage not yet ingested: try again (`conflict`)",
    },
    422: { description: "No such account, its plan has a recurring fee, or the payer has no wallet in its currency (`unprocessable`)" },
  },
  problems: ["not_found", "conflict", "unprocessable"],
  async handle({ params, body, principal, ctx }) {
    const attached = await attachLine(ctx, { payerId: params.accountId, ...body, actor: principal.actor });
    return attached.ok ? { status: 200, body: toLineView(attached.value) } : attached;
  },
});

export const listLinesRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/lines",
  operationId: "listLines",
  summary:
    "The lines this account pays for, oldest first, each with its limit and what it has spent this month (staff, or the payer's own key or portal session; a line's credentials cannot read its payer's).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The lines", schema: z.object({ items: z.array(lineView) }) } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const lines = await listLines(ctx, params.accountId);
    return lines.ok ? { status: 200, body: { items: lines.value.map(toLineView) } } : lines;
  },
});

export const setLineLimitRoute = defineRoute({
  method: "put",
  path: "/v1/accounts/:accountId/lines/:lineId",
  operationId: "setLineLimit",
  summary:
    "Raise, lower or remove (`limit: null`) a line's monthly limit, from its next call (staff, or the payer's own key or portal session). A limit below what the line spent this month refuses its calls until the month ends.",
  access: "owner",
  roles: MANAGERS,
  params: lineParams,
  body: z.strictObject({ limit: limit.nullable() }),
  responses: { 200: { description: "The line", schema: lineView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const set = await setLineLimit(ctx, { payerId: params.accountId, lineId: params.lineId, limit: body.limit, actor: principal.actor });
    return set.ok ? { status: 200, body: toLineView(set.value) } : set;
  },
});

export const detachLineRoute = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/lines/:lineId",
  operationId: "detachLine",
  summary:
    "Take a line out of the hierarchy: from its next call it pays from a wallet of its own (opened empty in its plan's currency if it has none). What it was charged stays on the payer's wallet.",
  access: "admin",
  roles: MANAGERS,
  params: lineParams,
  responses: {
    200: { description: "The account, no longer a line", schema: accountView },
    409: { description: "Another change to the hierarchy is under way: retry shortly (`conflict`)" },
  },
  problems: ["not_found", "conflict"],
  async handle({ params, principal, ctx }) {
    const detached = await detachLine(ctx, { payerId: params.accountId, lineId: params.lineId, actor: principal.actor });
    if (!detached.ok) return detached;
    return { status: 200, body: toAccountView(detached.value, await ctx.models.Wallet.find({ accountId: params.lineId }).lean()) };
  },
});

export const getOwnLineRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/line",
  operationId: "getLine",
  summary:
    "A line as it sees itself: its payer, its monthly limit, what it has spent and what is left (staff, or the line's own key or portal session). 404 for an account that is not a line.",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "The line", schema: lineView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const line = await getOwnLine(ctx, params.accountId);
    return line.ok ? { status: 200, body: toLineView(line.value) } : line;
  },
});
