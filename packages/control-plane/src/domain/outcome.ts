import type { Problem, ProblemCode } from "@tollgate/metering";

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
  /** Absent only when the charging core's problem has none (`metering_unavailable`). */
  readonly detail?: string;
  /** Members of the problem beside its detail (`errors`, `due`, `retryAfterSeconds`…). */
  readonly extensions?: Record<string, unknown>;
  /** Headers the answer carries with it (`Retry-After`, the RateLimit headers). */
  readonly headers?: Record<string, string>;
}

export type Outcome<T, C extends ProblemCode = never> = { readonly ok: true; readonly value: T } | Failure<C>;

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function failure<C extends ProblemCode>(
  code: C,
  detail: string,
  extensions?: Record<string, unknown>,
  headers?: Record<string, string>,
): Failure<C> {
  return { ok: false, code, detail, ...(extensions === undefined ? {} : { extensions }), ...(headers === undefined ? {} : { headers }) };
}

/**
 * A problem the charging core answered (a refusal of the charge script or the meter), as a failure with the
 * headers that go with it. `codes` are those the caller declares it can fail with: another code is a bug.
 */
export function refusal<C extends ProblemCode>(p: Problem, codes: readonly C[], headers?: Record<string, string>): Failure<C> {
  const { type: _type, title: _title, status: _status, code, detail, ...extensions } = p;
  if (!(codes as readonly ProblemCode[]).includes(code))
    throw new Error(`The charging core refused with ${code}, which is not one of ${codes.join(", ")}.`);
  return {
    ok: false,
    code: code as C,
    ...(detail === undefined ? {} : { detail }),
    ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
    ...(headers === undefined || Object.keys(headers).length === 0 ? {} : { headers }),
  };
}

/** A value that is a failure (a route's handler answers a Reply or a Failure). */
export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && "code" in value;
}
