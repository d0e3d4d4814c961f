import type { Problem, ProblemCode } from "./types.js";

/** Any answer that is not a success: `code` is Tollgate's error code (e.g. `insufficient_funds`). */
export class TollgateError extends Error {
  readonly status: number;
  readonly code: Problem["code"];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = new.target.name;
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** The input was refused (400, 411, 413, 415): `problem.errors` points at each offending field. */
export class ValidationError extends TollgateError {}
/** No valid API key, token or session (401). */
export class UnauthorizedError extends TollgateError {}
/** The call was not paid for (402): see the subclasses. */
export class PaymentRequiredError extends TollgateError {}
export class InsufficientFundsError extends PaymentRequiredError {}
export class SpendCapReachedError extends PaymentRequiredError {}
/** A line of a hierarchy has spent its limit of its payer's wallet for the period: `problem.limit`, `problem.spent`. */
export class LineLimitReachedError extends PaymentRequiredError {}
export class NoWalletError extends PaymentRequiredError {}
/** The account's recurring fee is due past its grace period: a top-up pays it. */
export class SubscriptionUnpaidError extends PaymentRequiredError {}
/** The product's bundles do not cover the call and one refuses overage: `problem.bundle` names it. */
export class BundleExhaustedError extends PaymentRequiredError {}
/** The credential may not do this (403): a staff role the route does not admit, another account. */
export class ForbiddenError extends TollgateError {}
export class AccountInactiveError extends ForbiddenError {}
export class NotInPlanError extends ForbiddenError {}
export class NotFoundError extends TollgateError {}
export class MethodNotAllowedError extends TollgateError {}
/** The request conflicts with the resource's state (409). */
export class ConflictError extends TollgateError {}
/** This Idempotency-Key was used with a different request (422). */
export class IdempotencyConflictError extends TollgateError {}
/** The request refers to something that cannot be used (422). */
export class UnprocessableError extends TollgateError {}
/** The account does not meet the deployment's credit rule (422): `problem.unmet` lists each check it fails. */
export class CreditCheckFailedError extends UnprocessableError {}
/** The product rates by an attribute (a destination, a model) and no rate line matches the usage's (422). */
export class NoRateError extends UnprocessableError {}
/** Too many calls (429): `retryAfterSeconds` says when to try again, when known. */
export class RateLimitError extends TollgateError {
  get retryAfterSeconds(): number | undefined {
    const value = (this.problem as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return typeof value === "number" ? value : undefined;
  }
}
export class QuotaExceededError extends RateLimitError {}
/** The server failed (500). */
export class ServerError extends TollgateError {}
/** The service, its upstream or its metering is unavailable (502, 503): try again later. */
export class UnavailableError extends TollgateError {}
/** No answer at all: the connection failed or the request timed out (after any retries). */
export class ConnectionError extends TollgateError {
  constructor(message: string, cause?: unknown) {
    super({ type: "about:blank", title: message, status: 0, code: "connection_error" });
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** Every problem code the API answers with, and its error class (a code the API adds fails to compile here). */
export const ERROR_TYPES: Record<ProblemCode, new (p: Problem) => TollgateError> = {
  bad_request: ValidationError,
  validation_failed: ValidationError,
  invalid_path: ValidationError,
  idempotency_key_missing: ValidationError,
  length_required: ValidationError,
  payload_too_large: ValidationError,
  unsupported_media_type: ValidationError,
  unauthorized: UnauthorizedError,
  insufficient_funds: InsufficientFundsError,
  spend_cap_reached: SpendCapReachedError,
  line_limit_reached: LineLimitReachedError,
  no_wallet: NoWalletError,
  subscription_unpaid: SubscriptionUnpaidError,
  bundle_exhausted: BundleExhaustedError,
  forbidden: ForbiddenError,
  account_inactive: AccountInactiveError,
  not_in_plan: NotInPlanError,
  not_found: NotFoundError,
  method_not_allowed: MethodNotAllowedError,
  conflict: ConflictError,
  idempotency_key_reused: IdempotencyConflictError,
  unprocessable: UnprocessableError,
  credit_check_failed: CreditCheckFailedError,
  no_rate: NoRateError,
  quota_exceeded: QuotaExceededError,
  rate_limited: RateLimitError,
  internal: ServerError,
  upstream_unavailable: UnavailableError,
  metering_unavailable: UnavailableError,
  unavailable: UnavailableError,
};

export function errorFor(problem: Problem): TollgateError {
  // A newer server may answer with a code this SDK does not know yet: a plain TollgateError then.
  const Type = (ERROR_TYPES as Partial<Record<string, new (p: Problem) => TollgateError>>)[problem.code] ?? TollgateError;
  return new Type(problem);
}
