import type { Problem } from "./types.js";

/** Any answer that is not a success: `code` is Tollgate's error code (e.g. `insufficient_funds`). */
export class TollgateError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = new.target.name;
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export class UnauthorizedError extends TollgateError {}
export class ForbiddenError extends TollgateError {}
export class NotFoundError extends TollgateError {}
export class ValidationError extends TollgateError {}
export class InsufficientFundsError extends TollgateError {}
export class IdempotencyConflictError extends TollgateError {}

const byCode: Record<string, new (p: Problem) => TollgateError> = {
  unauthorized: UnauthorizedError,
  forbidden: ForbiddenError,
  not_found: NotFoundError,
  validation_failed: ValidationError,
  bad_request: ValidationError,
  insufficient_funds: InsufficientFundsError,
  idempotency_key_reused: IdempotencyConflictError,
};

export function errorFor(problem: Problem): TollgateError {
  const Type = byCode[problem.code] ?? TollgateError;
  return new Type(problem);
}
