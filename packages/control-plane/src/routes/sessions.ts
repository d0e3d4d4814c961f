import { z } from "zod";
import { MANAGERS } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { attributes, chargeUnits as units, id, productId } from "../http/schemas.js";
import { GRANT_REFUSALS } from "../services/sessions/grant.js";
import { openSession } from "../services/sessions/open.js";
import { reportSession } from "../services/sessions/report.js";
import { readSession } from "../services/sessions/read.js";
import { sessionView } from "../http/charging-views.js";
const sessionParams = z.strictObject({ sessionId: z.string().regex(/^ses_[A-Za-z0-9_-]{24}$/) });
/** What a report (an update or the termination) can be refused with (see reportSession). */
const REPORT_FAILURES = ["not_found", "conflict", "unprocessable", "no_rate", "metering_unavailable"] as const;

export const openSessionRoute = defineRoute({
  method: "post",
  path: "/v1/charging-sessions",
  operationId: "openChargingSession",
  summary:
    "Open a charging session (a call, a stream, a job): units of a product granted ahead and held on the wallet, as many as asked or as the wallet covers. Refused (402, coveredUnits 0) when not one unit is covered. Once per Idempotency-Key. Staff (naming `accountId`) are audited for the opening, each update and the termination (`session.open`, `session.update`, `session.terminate`) and named on its usage events (`actor`).",
  access: "metered",
  roles: MANAGERS,
  idempotent: true,
  body: z.strictObject({
    accountId: id.optional().describe("required with a staff credential"),
    productId,
    requestedUnits: units.default(60),
    attributes: attributes.optional(),
    ttlSeconds: z.number().int().min(10).max(3_600).default(120).describe("how long a grant lasts with no request"),
  }),
  responses: {
    201: { description: "The session and its first grant", schema: sessionView },
    402: { description: "Not one unit is covered (`coveredUnits: 0`), or the subscription is unpaid" },
    409: { description: "The session is being opened by another request" },
    422: {
      description:
        "The product is not in the plan, the units could cost more than one movement may (`unprocessable`), or no rate line rates its attribute (`no_rate`)",
    },
    429: { description: "A hard quota is used up (`quota_exceeded`)" },
    503: { description: "Metering is unavailable: nothing was granted (`metering_unavailable`)" },
  },
  problems: [...GRANT_REFUSALS, "forbidden", "validation_failed", "unprocessable", "conflict"],
  async handle({ body, principal, idempotencyKey, ctx }) {
    const opened = await openSession(ctx, { principal, ...body, idempotencyKey });
    if (!opened.ok) return opened;
    const { answer, replayed } = opened.value;
    return { status: 201, body: answer, headers: replayHeaders(replayed) };
  },
});

const reportBody = z.strictObject({
  request: z.number().int().min(1).max(1_000_000).describe("1, 2, 3… in order; the same number again repeats the answer"),
  usedUnits: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe("all units used since the session opened"),
});

export const updateSessionRoute = defineRoute({
  method: "post",
  path: "/v1/charging-sessions/:sessionId/updates",
  operationId: "updateChargingSession",
  summary:
    "Report a session's use and ask for more: what was used since the last report is charged from the grant, the rest returns, and units are granted again, as many as asked or as the wallet covers (0: stop).",
  access: "metered",
  roles: MANAGERS,
  params: sessionParams,
  body: reportBody.extend({ requestedUnits: units.optional() }),
  responses: {
    200: { description: "Where the session stands, and its new grant", schema: sessionView },
    409: { description: "Terminated, expired, another request in progress, or not the next request number" },
    422: { description: "More units reported than were granted (`unprocessable`)" },
  },
  problems: REPORT_FAILURES,
  async handle({ params, body, principal, ctx }) {
    const reported = await reportSession(ctx, { principal, sessionId: params.sessionId, ...body, final: false });
    if (!reported.ok) return reported;
    const { answer, replayed } = reported.value;
    return { status: 200, body: answer, headers: replayHeaders(replayed) };
  },
});

export const terminateSessionRoute = defineRoute({
  method: "post",
  path: "/v1/charging-sessions/:sessionId/terminate",
  operationId: "terminateChargingSession",
  summary: "End a session with its final use: charged from the grant, the rest returns. A second terminate is refused (409).",
  access: "metered",
  roles: MANAGERS,
  params: sessionParams,
  body: reportBody,
  responses: {
    200: { description: "The closed session", schema: sessionView },
    409: { description: "Already terminated, expired, another request in progress, or not the next request number" },
    422: { description: "More units reported than were granted (`unprocessable`)" },
  },
  problems: REPORT_FAILURES,
  async handle({ params, body, principal, ctx }) {
    const reported = await reportSession(ctx, { principal, sessionId: params.sessionId, ...body, final: true });
    if (!reported.ok) return reported;
    const { answer, replayed } = reported.value;
    return { status: 200, body: answer, headers: replayHeaders(replayed) };
  },
});

export const getSessionRoute = defineRoute({
  method: "get",
  path: "/v1/charging-sessions/:sessionId",
  operationId: "getChargingSession",
  summary: "A session: its status, what it was granted and used, and what it was charged.",
  access: "metered",
  roles: MANAGERS,
  params: sessionParams,
  responses: { 200: { description: "The session", schema: sessionView } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const session = await readSession(ctx, principal, params.sessionId);
    return session.ok ? { status: 200, body: session.value } : session;
  },
});
