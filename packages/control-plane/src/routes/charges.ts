import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, RESPONSE_HEADERS, type RateLimitHeaders } from "@tollgate/gateway-plugin";
import { MANAGERS } from "../http/roles.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { id } from "../http/schemas.js";
import { directCharge } from "../services/charges/direct.js";

/** Units a direct charge may carry: whole, positive, and few enough that any price of them stays exact. */
export const MAX_CHARGE_UNITS = 1_000_000_000;

const chargeBody = z.strictObject({
  accountId: id.optional().describe("the account to charge: required with a staff credential; a key charges its own"),
  productId: z
    .string()
    .min(1)
    .max(100)
    .describe("a product of the account's plan, by id (`default`: the plan's price for unmatched routes)"),
  units: z
    .number()
    .int()
    .min(1)
    .max(MAX_CHARGE_UNITS)
    .default(1)
    .describe("how many of the product's metric (calls, units, bytes, ms) this charge is for"),
});

const chargeView = z.object({
  id: z.string().describe("the charge's usage event"),
  accountId: z.string(),
  keyId: z.string().describe("the key charged with, or `-` for a charge made by staff"),
  planId: z.string(),
  productId: z.string(),
  units: z.number().int(),
  amount: z.number().int().describe("micros charged"),
  currency: z.string(),
  balance: z.number().int().describe("the wallet's balance right after this charge"),
  quotasExceeded: z.array(z.string()).describe("soft quotas this charge carried past their limit"),
});

export const createChargeRoute = defineRoute({
  method: "post",
  path: "/v1/charges",
  operationId: "createCharge",
  summary:
    "Charge usage that does not pass through the gateway (a job, a message, tokens counted afterwards): units of a product of the account's plan, rated and debited atomically like a gateway call, one usage event. Once per Idempotency-Key (remembered 24 h): a repeat answers the first charge. Refusals are the gateway's: 402, 429.",
  access: "metered",
  roles: MANAGERS,
  idempotent: true,
  body: chargeBody,
  responses: {
    201: { description: "The charge, and the balance right after it", schema: chargeView },
    402: { description: "Not covered by the balance, the key's spending cap, or the subscription is unpaid" },
    409: { description: "This key's first charge was refused as metering was unavailable: it will never be made" },
    429: { description: "A hard quota is used up (`quota_exceeded`), or a rate limit was reached (`rate_limited`)" },
    503: { description: "Metering is unavailable: nothing was charged" },
  },
  async handle({ body, principal, idempotencyKey, ctx }) {
    const outcome = await directCharge(ctx, { principal, ...body, idempotencyKey });
    const limitHeaders = outcome.rateLimit ? rateLimitHeaders(outcome.rateLimit) : {};
    if (!outcome.ok) {
      return {
        status: outcome.problem.status,
        body: undefined,
        headers: {
          ...limitHeaders,
          ...(outcome.retryAfterSeconds === undefined ? {} : { "retry-after": String(outcome.retryAfterSeconds) }),
        },
        raw: { contentType: PROBLEM_CONTENT_TYPE, body: JSON.stringify(outcome.problem) },
      };
    }
    const { ok: _ok, rateLimit: _limits, replayed, eventId, ...charge } = outcome;
    return {
      status: 201,
      body: { id: eventId, ...charge },
      headers: { ...limitHeaders, ...replayHeaders(replayed), [RESPONSE_HEADERS.balance]: String(charge.balance) },
    };
  },
});

function rateLimitHeaders(h: RateLimitHeaders): Record<string, string> {
  return { ratelimit: h.state, "ratelimit-policy": h.policy };
}
