import { problem, type Problem, type ProblemCode } from "@tollgate/metering";
import type { Failure } from "./outcome.js";

/** An expected failure on its way to the client as problem+json; anything else thrown is a bug (500). */
export class ProblemError extends Error {
  readonly problem: Problem;
  /** Headers the answer carries with it (`Retry-After`, the RateLimit headers). */
  readonly headers: Record<string, string>;
  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail ?? code);
    this.problem = problem(code, detail, extensions);
    this.headers = headers;
  }

  /** An expected failure a service returned, thrown by a caller that cannot answer it (a job, a flow that must stop). */
  static failed(f: Failure): ProblemError {
    return new ProblemError(f.code, f.detail, f.extensions, f.headers);
  }

  /** A problem the charging core answered, thrown as it is, with the headers that go with it. */
  static of(p: Problem, headers: Record<string, string> = {}): ProblemError {
    const { type: _type, title: _title, status: _status, code, detail, ...extensions } = p;
    return new ProblemError(code, detail, extensions, headers);
  }
}
