import { z } from "zod";
import { ANY_STAFF, MANAGERS, SUPPORT } from "../http/roles.js";
import { csvReply } from "../http/csv.js";
import { defineRoute } from "../http/route.js";
import { id, pageQueryOf } from "../http/schemas.js";
import { planView, toPlanView } from "../http/views.js";
import { ANOMALY_CSV_COLUMNS, anomalyView, toAnomalyView } from "../http/report-views.js";
import { clearAnomaly, listAnomalies } from "../services/anomalies/clear.js";
import { setAnomalyPolicy } from "../services/plans/set-anomaly-policy.js";

const anomalyParams = z.strictObject({ anomalyId: z.string().min(1).max(200) });

export const listAnomaliesRoute = defineRoute({
  method: "get",
  path: "/v1/anomalies",
  operationId: "listAnomalies",
  summary:
    "Usage anomalies, newest first: hours in which an account's calls exceeded max(minCalls, factor × its average hour over the 7 days before), each listed once; cursor-paginated (1,000 a page unless `limit` says).",
  access: "admin",
  roles: ANY_STAFF,
  query: z.strictObject({
    status: z.enum(["open", "cleared"]).optional(),
    accountId: id.optional(),
    format: z.enum(["json", "csv"]).optional(),
    // 1,000 a page by default: what the list answered before it had pages.
    limit: pageQueryOf(1_000).shape.limit,
    cursor: pageQueryOf(1_000).shape.cursor,
  }),
  responses: {
    200: {
      description: "A page of anomalies",
      schema: z.object({ items: z.array(anomalyView), nextCursor: z.string().optional() }),
      csv: true,
    },
  },
  async handle({ query, ctx, format }) {
    const page = await listAnomalies(ctx, query);
    const items = page.items.map(toAnomalyView);
    if (format === "csv")
      return csvReply(
        "anomalies",
        ANOMALY_CSV_COLUMNS,
        items.map((a) => ({ ...a, ...a.policy, mitigation: a.mitigation })),
      );
    return { status: 200, body: { items, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) } };
  },
});

export const clearAnomalyRoute = defineRoute({
  method: "post",
  path: "/v1/anomalies/:anomalyId/clear",
  operationId: "clearAnomaly",
  summary: "Close an anomaly after review, undoing its mitigation (the key suspended is active again, a spending cap set is restored).",
  access: "admin",
  roles: SUPPORT,
  params: anomalyParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  responses: { 200: { description: "The anomaly, cleared", schema: anomalyView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const cleared = await clearAnomaly(ctx, { anomalyId: params.anomalyId, reason: body.reason, actor: principal.actor });
    return cleared.ok ? { status: 200, body: toAnomalyView(cleared.value) } : cleared;
  },
});

export const setAnomalyPolicyRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/anomaly-policy",
  operationId: "setAnomalyPolicy",
  summary:
    "How the plan's accounts are watched: an hour is anomalous above max(minCalls, factor × the account's average hour); mitigation none, suspend_key or cap_spending (the busiest key, until cleared).",
  access: "admin",
  roles: MANAGERS,
  params: z.strictObject({ planId: id }),
  body: z.strictObject({
    factor: z.number().min(1.5).max(1_000),
    minCalls: z.number().int().min(1).max(1_000_000_000),
    mitigation: z.enum(["none", "suspend_key", "cap_spending"]),
  }),
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx }) {
    const set = await setAnomalyPolicy(ctx, params.planId, body, principal.actor);
    return set.ok ? { status: 200, body: toPlanView(set.value) } : set;
  },
});
