import type { Express, Request, Response } from "express";
import { z } from "zod";
import { pipeline } from "node:stream/promises";
import type { Principal } from "../domain/principal.js";
import { ProblemError } from "../domain/problem-error.js";
import type { AppContext } from "../context.js";
import type { ProblemCode } from "@tollgate/metering";
import { isFailure, type Failure } from "../domain/outcome.js";
import type { Role } from "../models/index.js";
import { audit, countingAudits } from "../services/audit.js";
import { answeredOnce } from "./first-answers.js";
import { isReplay, REPLAYED_HEADER, type Reply } from "./reply.js";
import { missingObject, unknownParameters } from "./path-objects.js";

/**
 * Who may call a route: `admin` (admin token), `owner` (admin, or a consumer key of the account named by
 * the `accountId` path parameter), `owner_link` (admin, or a portal session of that account opened by a
 * portal link: what an API key alone must not do, such as minting more keys, which would outlive the key's
 * revocation), `consumer` (a consumer key, acting on its own account), `metered` (a consumer key looked up
 * as the gateways look it up, in Redis, acting on its own account; or staff naming the account: the charging
 * routes), `public`.
 */
export type Access = "admin" | "owner" | "owner_link" | "consumer" | "metered" | "public";

type AnyObject = z.ZodObject<z.ZodRawShape>;
/** A body is an object schema, possibly refined or transformed (a pipe). */
type AnyBody = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export interface RouteInput<P extends AnyObject, Q extends AnyObject, B extends AnyBody> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  principal: Principal;
  /** The `Idempotency-Key` header: present when the route requires one; "" when an optional one was not sent. */
  idempotencyKey: string;
  /** The answer's form: `csv` when the route offers it and the client asked (`?format=csv` or `Accept: text/csv`). */
  format: "json" | "csv";
  /** The client's address, for limits on what a client may try. */
  address: string;
  /** Routes with `rawBody`: the body's bytes as sent and the request's headers (a signature is checked over them). */
  raw: { body: Buffer; headers: Record<string, string | string[] | undefined> };
  ctx: AppContext;
}

/** One answer a route gives: JSON (`schema`), also CSV (`csv`), or a rendered document of another media type. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  csv?: boolean;
  /** A body that is not JSON (a rendered invoice): its media type, so that the document says what comes. */
  media?: "text/html" | "application/pdf";
}

export interface RouteSpec<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends AnyBody = AnyBody,
  C extends ProblemCode = ProblemCode,
> {
  method: "get" | "post" | "put" | "delete";
  /** Express-style path, e.g. `/v1/accounts/:accountId`. */
  path: string;
  operationId: string;
  summary: string;
  access: Access;
  /**
   * The staff roles admitted (see http/roles.ts): required of every route, so that none is added without
   * deciding who may call it; empty for `consumer` and `public` routes.
   */
  roles: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** `true`: an `Idempotency-Key` header is required; `"optional"`: validated when sent. */
  idempotent?: boolean | "optional";
  /** The handler reads the body's bytes as sent (`raw`), unparsed by a schema: signed webhooks. */
  rawBody?: boolean;
  /**
   * `owner` routes without an `accountId` in the path: the account that owns what the path names (a
   * wallet), so a consumer may act on its own only. Unknown: undefined (refused as not the caller's).
   */
  ownerOf?: (params: Record<string, string>, ctx: AppContext) => Promise<string | undefined>;
  /** `csv`: the answer is also offered as `text/csv` (asked for by `Accept` or `?format=csv`). */
  responses: Record<number, ResponseSpec>;
  /**
   * The expected failures the handler may return (its services' typed outcomes): the compiler holds the
   * handler to them, and the OpenAPI document lists each one's status. What every route of its kind can
   * answer (validation, credentials, a path object that does not exist…) is added from the spec (http/openapi.ts).
   */
  problems?: readonly C[];
  handle(input: RouteInput<P, Q, B>): Promise<Reply | Failure<NoInfer<C>>>;
}

/** The answer to a request that repeats an earlier one (same Idempotency-Key): the first result, marked as such. */
export function replayHeaders(replayed: boolean): Record<string, string> {
  return replayed ? { [REPLAYED_HEADER]: "true" } : {};
}

/** Keeps the route's generic types while letting a list of routes hold them all. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends AnyBody, C extends ProblemCode = never>(
  spec: RouteSpec<P, Q, B, C>,
): RouteSpec {
  return spec;
}

const EMPTY = z.strictObject({});
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function mountRoute(app: Express, ctx: AppContext, spec: RouteSpec): void {
  const staffAccess = spec.access !== "consumer" && spec.access !== "public";
  if (staffAccess !== spec.roles.length > 0) {
    throw new Error(`${spec.operationId}: staff routes name the roles they admit; consumer and public routes name none`);
  }
  const unknown = unknownParameters(spec.path);
  if (unknown.length > 0)
    throw new Error(`${spec.operationId}: path parameters ${unknown.join(", ")} name no lookup (http/path-objects.ts)`);
  app[spec.method](spec.path, async (req: Request, res: Response) => {
    const principal = await authorize(req, ctx, spec);
    res.locals.who = { actor: principal.actor, ...(principal.kind === "consumer" ? { accountId: principal.accountId } : {}) };
    const params = parse("path", spec.params ?? EMPTY, req.params);
    const missing = await missingObject(ctx, params);
    if (missing !== undefined) throw new ProblemError("not_found", `No ${missing}.`);
    const query = parse("query", spec.query ?? EMPTY, req.query);
    let body: unknown = {};
    const rawBody = (req as unknown as { rawBody?: Buffer }).rawBody;
    if (spec.rawBody && rawBody === undefined) throw new ProblemError("unsupported_media_type");
    if (spec.body !== undefined) {
      if (!req.is("application/json")) throw new ProblemError("unsupported_media_type");
      body = parse("body", spec.body, req.body);
    }
    let idempotencyKey = "";
    const header = spec.idempotent ? req.get("idempotency-key") : undefined;
    if (spec.idempotent === true && header === undefined) throw new ProblemError("idempotency_key_missing");
    if (header !== undefined) {
      if (!IDEMPOTENCY_KEY.test(header)) {
        throw new ProblemError("validation_failed", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
      }
      idempotencyKey = header;
    }
    const address = req.socket.remoteAddress ?? "unknown";
    const format = spec.responses[200]?.csv && wantsCsv(req, query) ? "csv" : "json";
    const raw = { body: rawBody ?? Buffer.alloc(0), headers: req.headers };
    const input = { params, query, body, principal, idempotencyKey, format, address, raw, ctx } as RouteInput<
      AnyObject,
      AnyObject,
      AnyBody
    >;
    const outcome =
      principal.kind === "admin" && spec.access !== "public" && spec.method !== "get"
        ? await auditedChange(ctx, principal.actor, spec, params, () => spec.handle(input))
        : await spec.handle(input);
    // An expected failure becomes its problem+json here, and only here.
    if (isFailure(outcome)) throw ProblemError.failed(outcome);
    // A repeat gets the first answer back; the charging routes' services keep theirs with the charge (Redis).
    const reply =
      spec.idempotent && idempotencyKey !== "" && spec.access !== "metered"
        ? await answeredOnce(ctx, { operationId: spec.operationId, path: req.path, key: idempotencyKey }, outcome)
        : outcome;
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.status(reply.status);
    if (reply.stream) {
      res.type(reply.stream.contentType);
      await pipeline(reply.stream.body, res);
    } else if (reply.raw) res.type(reply.raw.contentType).send(reply.raw.body);
    else if (reply.body === undefined) res.end();
    else res.json(reply.body);
  });
}

/**
 * Every change a staff member makes is audited with its actor. Services write the records that say what
 * moved (`wallet.credit`, `charge.create`…); a change whose service wrote none is recorded here under its
 * operation, so a new route cannot forget it. A repeat of an earlier request (`Idempotent-Replayed`) changed
 * nothing and is not recorded again; neither is a refusal.
 */
async function auditedChange(
  ctx: AppContext,
  actor: string,
  spec: RouteSpec,
  params: Record<string, string>,
  change: () => Promise<Reply | Failure>,
): Promise<Reply | Failure> {
  const { value: reply, records } = await countingAudits(actor, change);
  const done = !isFailure(reply) && reply.status >= 200 && reply.status < 300 && !isReplay(reply);
  if (done && records === 0) {
    const target = params.accountId ?? Object.values(params)[0] ?? "-";
    await audit(ctx, actor, spec.operationId, target, { method: spec.method.toUpperCase(), path: spec.path, ...params });
  }
  return reply;
}

/** The request comes from a page of this origin: the Host it was sent to, or PUBLIC_URL behind a proxy. */
function sameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const origin = req.get("origin");
  return origin !== undefined && isOwnOrigin(origin, req.headers.host, publicUrl);
}

/** `url` is on this service's origin: the Host a request was sent to, or PUBLIC_URL behind a proxy. */
export function isOwnOrigin(url: string, host: string | undefined, publicUrl: string | undefined): boolean {
  try {
    const to = new URL(url);
    return (host !== undefined && to.host === host) || (publicUrl !== undefined && to.origin === new URL(publicUrl).origin);
  } catch {
    return false;
  }
}

function wantsCsv(req: Request, query: unknown): boolean {
  const asked = (query as { format?: string }).format;
  if (asked !== undefined) return asked === "csv";
  return req.accepts(["application/json", "text/csv"]) === "text/csv";
}

async function authorize(req: Request, ctx: AppContext, spec: RouteSpec): Promise<Principal> {
  if (spec.access === "public") return { kind: "admin", actor: "public", role: "viewer" };
  const principal = await ctx.auth.authenticate(req.headers, { keys: spec.access === "metered" ? "published" : "stored" });
  if (principal === undefined) throw new ProblemError("unauthorized");
  const used = credentialName(principal);
  if (principal.viaCookie && req.method !== "GET" && !sameOrigin(req, ctx.publicUrl)) {
    // A cookie rides along with any request the browser makes: a change must come from the page's own origin.
    const page = principal.kind === "admin" ? "console" : "portal";
    throw new ProblemError("forbidden", `A ${page} session's changes must come from the ${page}'s own origin.`);
  }
  if (principal.kind === "admin") {
    if (spec.access === "consumer")
      throw new ProblemError(
        "forbidden",
        `This endpoint is for API keys and portal sessions, not ${used}: staff use /v1/accounts/{accountId}/….`,
      );
    if (!spec.roles.includes(principal.role)) {
      throw new ProblemError(
        "forbidden",
        `The role ${principal.role} may not ${spec.operationId}: it is for ${spec.roles.join(", ")} (${used} acting as ${principal.role}).`,
        { role: principal.role, roles: spec.roles },
      );
    }
    return principal;
  }
  if (spec.access === "admin") throw new ProblemError("forbidden", `This endpoint is for staff credentials, not ${used}.`);
  if (spec.access === "metered" && principal.key === undefined)
    throw new ProblemError("forbidden", `Charges are made with the account's API key (or by staff naming the account), not ${used}.`);
  if (spec.access === "owner_link" && !(principal.kind === "consumer" && principal.viaLink)) {
    throw new ProblemError(
      "forbidden",
      `Keys are created and revoked by staff, or in a portal session opened by the provider's portal link, not with ${used}: an API key cannot mint keys.`,
    );
  }
  if (spec.access === "owner" || spec.access === "owner_link") {
    const owner = spec.ownerOf ? await spec.ownerOf(req.params as Record<string, string>, ctx) : req.params.accountId;
    if (owner !== principal.accountId) throw new ProblemError("forbidden", `${capitalized(used)} may only use its own account.`);
  }
  return principal;
}

/**
 * What the caller presented, in the words a problem's detail uses: refusals name the credential actually
 * used, never another kind of session. Staff: a console session (by password or by token), a staff token, a
 * bootstrap admin token; consumers: an API key, a portal session (opened by a link or by an API key).
 */
function credentialName(principal: Principal): string {
  if (principal.kind === "admin") {
    if (principal.viaCookie) return "a console session";
    return principal.actor.startsWith("admin:") ? "a bootstrap admin token" : "a staff token";
  }
  if (!principal.viaCookie) return "an API key";
  return principal.viaLink ? "a portal session opened by a portal link" : "a portal session signed in with an API key";
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function parse<T extends z.ZodType>(where: "path" | "query" | "body", schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  if (where === "path") throw new ProblemError("not_found");
  throw new ProblemError("validation_failed", `The ${where} is invalid.`, {
    errors: result.error.issues.map((issue) => ({
      location: where,
      pointer: `/${issue.path.map(String).join("/")}`,
      message: issue.message,
    })),
  });
}
