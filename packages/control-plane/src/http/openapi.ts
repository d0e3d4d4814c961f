import { z } from "zod";
import { PROBLEMS, type ProblemCode } from "@tollgate/metering";
import type { Access, RouteSpec } from "./route.js";
import { CONSOLE_COOKIE, PORTAL_COOKIE } from "./auth.js";

const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "code"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string", enum: Object.keys(PROBLEMS) },
    detail: { type: "string" },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    // A Date in an answer is written by JSON.stringify as an ISO 8601 string: say so, rather than "anything".
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (schema === undefined) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || required.includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate every request. */
/** Who may call each kind of route, as OpenAPI security requirements (any one of them). */
const SECURITY: Record<Access, Record<string, never[]>[]> = {
  public: [],
  admin: [{ adminToken: [] }, { consoleSession: [] }],
  owner: [{ adminToken: [] }, { consoleSession: [] }, { apiKey: [] }, { portalSession: [] }],
  owner_link: [{ adminToken: [] }, { consoleSession: [] }, { portalSession: [] }],
  consumer: [{ apiKey: [] }, { portalSession: [] }],
  metered: [{ apiKey: [] }, { adminToken: [] }, { consoleSession: [] }],
};

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/**
 * The errors every route of its kind can answer, from its spec: input it validates, a credential it checks,
 * a resource its path names, a JSON body, an idempotency key. A route adds its own (409, 429…) in `responses`.
 */
function errorsOf(route: RouteSpec): [number, string][] {
  const errors: [number, string][] = [];
  // Every route parses its query (one with none refuses any parameter), so every route can answer 400.
  errors.push([400, "The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`)"]);
  if (route.access !== "public") {
    errors.push([401, "No valid credential (`unauthorized`)"]);
    errors.push([403, "The credential may not do this (`forbidden`): a staff role the route does not admit, or another account"]);
  }
  if (route.params) errors.push([404, "No such resource (`not_found`), or a malformed id in the path"]);
  if (route.body) {
    errors.push([413, "The body is larger than 256 KiB (`payload_too_large`)"]);
    errors.push([415, "The body is not `application/json` (`unsupported_media_type`)"]);
  }
  if (route.idempotent) errors.push([422, "This Idempotency-Key was used with a different request (`idempotency_key_reused`)"]);
  // The expected failures its handler may return (typed outcomes), by status.
  const declared = new Map<number, ProblemCode[]>();
  for (const code of route.problems ?? []) {
    const status = PROBLEMS[code].status;
    declared.set(status, [...(declared.get(status) ?? []), code]);
  }
  for (const [status, codes] of declared) {
    const generic = errors.find(([s]) => s === status);
    // Each code said once: a generic answer of that status may name it already.
    const described = codes.filter((code) => !generic?.[1].includes(`\`${code}\``)).map((code) => `${PROBLEMS[code].title} (\`${code}\`)`);
    if (generic === undefined) errors.push([status, described.join("; ")]);
    else if (described.length > 0) generic[1] = `${generic[1]}; ${described.join("; ")}`;
  }
  return errors;
}

export function openApiDocument(routes: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const responses: Record<string, unknown> = {};
    for (const [status, description] of errorsOf(route)) responses[status] = problemResponse(description);
    for (const [status, r] of Object.entries(route.responses)) {
      if (Number(status) >= 400) {
        responses[status] = problemResponse(r.description);
        continue;
      }
      if (r.media !== undefined) {
        const schema = r.media === "application/pdf" ? { type: "string", contentMediaType: "application/pdf" } : { type: "string" };
        responses[status] = { description: r.description, content: { [r.media]: { schema } } };
        continue;
      }
      responses[status] = r.schema
        ? {
            description: r.description,
            content: {
              "application/json": { schema: jsonSchema(r.schema, "output") },
              ...(r.csv ? { "text/csv": { schema: { type: "string", description: "The report's rows, with a header line" } } } : {}),
            },
          }
        : { description: r.description };
    }
    responses.default = {
      description: "An error, as RFC 9457 problem details",
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
    const headers = route.idempotent
      ? [{ name: "Idempotency-Key", in: "header", required: route.idempotent === true, schema: { type: "string", maxLength: 255 } }]
      : [];
    (paths[path] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.roles.length > 0 ? { description: `Staff roles admitted: ${route.roles.join(", ")}.`, "x-roles": route.roles } : {}),
      security: SECURITY[route.access],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query"), ...headers],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } } }
        : route.rawBody
          ? { requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } } }
          : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tollgate control plane",
      version: "0.1.0",
      description: "Money is integer micros: 1 currency unit = 1,000,000.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/", description: "The control plane that serves this document" }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "A staff user's API token (`tgat_…`, acting with its role) or a bootstrap admin token (an owner)",
        },
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "A consumer API key (also accepted as a Bearer token)" },
        portalSession: {
          type: "apiKey",
          in: "cookie",
          name: PORTAL_COOKIE,
          description: "A customer portal session (POST /v1/portal/session); a change must come from the portal's own origin",
        },
        consoleSession: {
          type: "apiKey",
          in: "cookie",
          name: CONSOLE_COOKIE,
          description: "An admin console session (POST /v1/console/session); a change must come from the console's own origin",
        },
      },
    },
  };
}
