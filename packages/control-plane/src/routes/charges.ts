import { z } from "zod";
import { RESPONSE_HEADERS, rateLimitHeaderPairs } from "@tollgate/metering";
import { chargeView, usageReportView } from "../http/charging-views.js";
import { MANAGERS } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { attributes, chargeUnits, id, productId, timestamp } from "../http/schemas.js";
import { reportUsage } from "../services/charges/batch.js";
import { CHARGE_REFUSALS, directCharge } from "../services/charges/direct.js";

const chargeBody = z.strictObject({
  accountId: id.optional().describe("the account to charge: required with a staff credential; a key charges its own"),
  productId,
  units: chargeUnits.default(1).describe("how many of the product's metric (calls, units, bytes, ms) this charge is for"),
  attributes: attributes.optional(),
});

export const createChargeRoute = defineRoute({
  method: "post",
  path: "/v1/charges",
  operationId: "createCharge",
  summary:
    "Charge usage that does not pass through the gateway (a job, a message, tokens counted afterwards): units of a product of the account's plan, rated and debited atomically like a gateway call, one usage event. Once per Idempotency-Key (remembered 24 h): a repeat answers the first charge. Refusals are the gateway's: 402, 429. Staff (naming `accountId`) are audited (`charge.create`) and named on the usage event (`actor`).",
  access: "metered",
  roles: MANAGERS,
  idempotent: true,
  body: chargeBody,
  responses: {
    201: { description: "The charge, and the balance right after it", schema: chargeView },
    402: { description: "Not covered by the balance, the key's spending cap, or the subscription is unpaid" },
    409: { description: "This key's first charge was refused as metering was unavailable: it will never be made" },
    429: { description: "A hard quota is used up (`quota_exceeded`), or a rate limit was reached (`rate_limited`)" },
    422: {
      description:
        "The product is not in the plan, the units could cost more than one movement may, the account is unknown (`unprocessable`), or no rate line rates the attribute (`no_rate`)",
    },
    503: { description: "Metering is unavailable: nothing was charged" },
  },
  problems: [...CHARGE_REFUSALS, "forbidden", "validation_failed"],
  async handle({ body, principal, idempotencyKey, ctx }) {
    const outcome = await directCharge(ctx, { principal, ...body, idempotencyKey });
    if (!outcome.ok) return outcome;
    const { rateLimit, replayed, eventId, ...charge } = outcome.value;
    const limitHeaders = rateLimit ? rateLimitHeaderPairs(rateLimit) : {};
    return {
      status: 201,
      body: { id: eventId, ...charge },
      headers: { ...limitHeaders, ...replayHeaders(replayed), [RESPONSE_HEADERS.balance]: String(charge.balance) },
    };
  },
});

const eventBody = z.strictObject({
  id: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/, "1 to 128 printable ASCII characters")
    .describe("your id for this usage: a repeat within 35 days is a duplicate"),
  timestamp: timestamp.describe("when the usage happened: at most 35 days ago, at most 5 minutes ahead"),
  accountId: id.optional().describe("required with a staff credential; a key reports for its own account"),
  productId,
  units: chargeUnits.default(1),
  attributes: attributes.optional(),
});

export const reportUsageRoute = defineRoute({
  method: "post",
  path: "/v1/usage-events",
  operationId: "reportUsageEvents",
  summary:
    "Record up to 1,000 events of usage already delivered (each with its own id, time, product and units), deduplicated by id over 35 days, each charged as of its own time like a call. One bad event refuses the whole batch (4xx, nothing changes); otherwise each event is accepted, a duplicate, or refused with its reason. Staff (naming `accountId`) are audited for each accepted event (`usage_event.create`) and named on it (`actor`).",
  access: "metered",
  roles: MANAGERS,
  body: z.strictObject({ events: z.array(eventBody).min(1).max(1_000) }),
  responses: {
    200: {
      description: "Each event's result, in the batch's order",
      schema: usageReportView,
    },
    422: {
      description:
        "An event cannot be charged (an unknown product or account, units that could cost more than one movement may, `unprocessable`; no rate line, `no_rate`): the whole batch is refused, naming it",
    },
  },
  problems: ["validation_failed", "forbidden", "unprocessable"],
  async handle({ body, principal, ctx }) {
    const reported = await reportUsage(
      ctx,
      principal,
      body.events.map((e) => ({ ...e, timestamp: new Date(e.timestamp) })),
    );
    if (!reported.ok) return reported;
    const results = reported.value;
    for (const r of results)
      ctx.metrics.charges.inc({
        form: "event",
        outcome: r.status === "accepted" ? "charged" : r.status,
        code: r.status === "refused" ? r.code : "",
      });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return { status: 200, body: { results, accepted: count("accepted"), duplicates: count("duplicate"), refused: count("refused") } };
  },
});
