import type { ProblemCode } from "@tollgate/metering";

/**
 * What a service answers: its value, or an expected failure as a value (unkey's `{ valid: false, code }`,
 * lago's `result.not_found_failure!`). A failure names its code from the one problem table, so the route that
 * returns it declares the code (`problems`), the compiler checks the declaration against what the route's
 * services can fail with, and the OpenAPI document lists each declared code's status: the document is
 * generated from what a route can answer. Only http/route.ts turns a failure into problem+json.
 */
export interface Failure<C extends ProblemCode = ProblemCode> {
  readonly ok: false;
  readonly code: C;
  readonly detail: string;
  /** Members of the problem beside its detail (`errors`, `due`, `retryAfterSeconds`…). */
  readonly extensions?: Record<string, unknown>;
}

export type Outcome<T, C extends ProblemCode = never> = { readonly ok: true; readonly value: T } | Failure<C>;

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function failure<C extends ProblemCode>(code: C, detail: string, extensions?: Record<string, unknown>): Failure<C> {
  return { ok: false, code, detail, ...(extensions === undefined ? {} : { extensions }) };
}

/** A value that is a failure (a route's handler answers a Reply or a Failure). */
export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && "code" in value;
}
