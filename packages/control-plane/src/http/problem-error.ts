import { problem, type Problem, type ProblemCode } from "@tollgate/gateway-plugin";

/** An expected failure on its way to the client as problem+json; anything else thrown is a bug (500). */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ?? code);
    this.problem = problem(code, detail, extensions);
  }

  /** A problem the charging core answered, thrown as it is. */
  static of(p: Problem): ProblemError {
    const { type: _type, title: _title, status: _status, code, detail, ...extensions } = p;
    return new ProblemError(code, detail, extensions);
  }
}
