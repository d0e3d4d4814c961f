/**
 * The one table of Tollgate's error codes: each maps to its HTTP status and title, rendered as
 * RFC 9457 problem details by the gateway and the control plane alike.
 */
export const PROBLEMS = {
  bad_request: { status: 400, title: "The request is malformed" },
  validation_failed: { status: 400, title: "The request did not pass validation" },
  invalid_path: { status: 400, title: "The request's path cannot be normalized safely" },
  idempotency_key_missing: { status: 400, title: "An Idempotency-Key header is required" },
  unauthorized: { status: 401, title: "A valid API key or admin token is required" },
  insufficient_funds: { status: 402, title: "The wallet's balance does not cover the price of this call" },
  spend_cap_reached: { status: 402, title: "This API key has reached its spending cap for the period" },
  line_limit_reached: { status: 402, title: "This line has spent its limit of the payer's wallet for the period" },
  subscription_unpaid: { status: 402, title: "The account's recurring fee is unpaid past its grace period" },
  no_wallet: { status: 402, title: "The account has no wallet in the plan's currency" },
  bundle_exhausted: { status: 402, title: "The product's bundles do not cover this call, and a bundle refuses overage" },
  forbidden: { status: 403, title: "This credential may not act on this resource" },
  account_inactive: { status: 403, title: "The account is not active" },
  not_found: { status: 404, title: "No such resource" },
  not_in_plan: { status: 403, title: "This route is not part of the caller's plan" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "The request conflicts with the resource's state" },
  length_required: { status: 411, title: "This route is priced by request size: send Content-Length" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "The request body must be application/json" },
  idempotency_key_reused: { status: 422, title: "This Idempotency-Key was used with a different request" },
  no_rate: { status: 422, title: "No rate line of the product matches the usage's attribute" },
  unprocessable: { status: 422, title: "The request refers to something that cannot be used" },
  credit_check_failed: { status: 422, title: "The account does not meet the deployment's credit rule" },
  quota_exceeded: { status: 429, title: "A quota of the plan is used up for this period" },
  rate_limited: { status: 429, title: "Too many calls: a rate limit of the plan was reached" },
  internal: { status: 500, title: "Internal error" },
  upstream_unavailable: { status: 502, title: "The upstream API did not answer" },
  metering_unavailable: { status: 503, title: "Metering is unavailable, so the call was not forwarded" },
  unavailable: { status: 503, title: "The service is temporarily unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  [extension: string]: unknown;
}

export function problemType(code: ProblemCode): string {
  return `urn:tollgate:problem:${code}`;
}

export function problem(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: problemType(code), title, status, code, ...(detail === undefined ? {} : { detail }), ...extensions };
}
