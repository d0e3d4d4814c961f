import type { IncomingMessage, ServerResponse } from "node:http";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

/**
 * The OpenAPI document as a contract every answer is held to, in every end-to-end test: each answer of the
 * control plane is checked against the document it serves (its status listed for the operation, not only
 * covered by `default`; its media type listed for that status; a JSON body valid against that status's
 * schema, with a JSON Schema 2020-12 validator). The stack records every request to its API this way and
 * fails the test file at close when any answer broke the contract, so the document cannot drift from what the
 * product answers without a test failing.
 */

interface Content {
  schema?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, Content> }>;
}
interface Document {
  paths: Record<string, Record<string, Omit<Operation, "method" | "pattern">>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

export interface Contract {
  /** Called with each request before the API sees it: checks its answer when it names an operation of the document. */
  record(req: IncomingMessage, res: ServerResponse): void;
  /** Answers that broke the document, one line each. */
  violations: string[];
  /** Every operation answered, with the statuses it answered. */
  seen: Map<string, Set<number>>;
}

export function contractOf(document: unknown): Contract {
  const doc = document as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  const problem = doc.components.schemas.Problem!;
  const inline = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema), (_key, value: unknown) =>
      value !== null && typeof value === "object" && (value as { $ref?: string }).$ref === "#/components/schemas/Problem" ? problem : value,
    );
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`);
    for (const [method, op] of Object.entries(methods)) operations.push({ ...op, method: method.toUpperCase(), pattern });
  }
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, schema: Record<string, unknown>) => {
    let v = validators.get(key);
    if (v === undefined) validators.set(key, (v = ajv.compile(inline(schema) as Record<string, unknown>)));
    return v;
  };
  const violations: string[] = [];
  const seen = new Map<string, Set<number>>();

  function check(op: Operation, status: number, contentType: string | undefined, body: Buffer): void {
    (seen.get(op.operationId) ?? seen.set(op.operationId, new Set()).get(op.operationId)!).add(status);
    const where = `${op.operationId} ${status}`;
    const response = op.responses[String(status)];
    if (response === undefined) return void violations.push(`${where}: the status is not listed (${body.toString("utf8").slice(0, 200)})`);
    const media = contentType?.split(";")[0]!.trim();
    if (response.content === undefined) {
      if (body.length > 0) violations.push(`${where}: a body (${media}) where the document lists none`);
      return;
    }
    const content = media === undefined ? undefined : response.content[media];
    if (content === undefined)
      return void violations.push(`${where}: media type ${media} not listed (${Object.keys(response.content).join(", ")})`);
    if (content.schema === undefined || !/json$/.test(media!)) return;
    let value: unknown;
    try {
      value = JSON.parse(body.toString("utf8"));
    } catch {
      return void violations.push(`${where}: ${media} that is not JSON`);
    }
    const validate = validatorOf(`${op.operationId} ${status} ${media}`, content.schema);
    if (!validate(value))
      violations.push(
        `${where}: the body does not match its schema: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value).slice(0, 300)}`,
      );
  }

  function record(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const op = operations.find((o) => o.method === req.method && o.pattern.test(path));
    if (op === undefined) return;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
      );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as ServerResponse["end"];
    res.on("finish", () => {
      // A 304 is HTTP's own revalidation of a cached answer (ETag), the same for every GET: not the API's.
      if (req.method === "HEAD" || res.statusCode === 304) return;
      check(op, res.statusCode, res.getHeader("content-type")?.toString(), Buffer.concat(chunks));
    });
  }

  return { record, violations, seen };
}
