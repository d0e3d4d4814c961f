import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import {
  type RedisClient,
  extractApiKey,
  CREDENTIAL_HEADERS,
  RESPONSE_HEADERS,
  UPSTREAM_HEADERS,
  Meter,
  type CallResult,
  canonicalTarget,
  problem,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  RateLimits,
  rateLimitHeaderPairs,
  type RateLimitFailurePolicy,
  type RateLimitHeaders,
  RedisChargeStore,
  type ChargeStoreOptions,
  Directory,
  type DirectoryOptions,
  HotStore,
  RedisLeases,
  type LeaseOptions,
  createKeyspace,
  DEFAULT_PARTITIONS,
  DEFAULT_PREFIX,
  type GatewayMetrics,
} from "@tollgate/metering";

export interface TollgateOptions {
  /** The hot-path connection. Create it with `createGatewayRedis` (no offline queue, no resends). */
  redis: RedisClient;
  /** Redis key prefix shared with the control plane. Default `tg:`. */
  prefix?: string;
  /** Partition count shared with the control plane. Default 64. */
  partitions?: number;
  /** Pass the caller's `Authorization` / `X-Api-Key` on to the upstream. Default false. */
  forwardCredentials?: boolean;
  /** When the rate limiter's store fails: refuse (`closed`, the default) or count locally (`open`). */
  rateLimitFailure?: RateLimitFailurePolicy;
  directory?: DirectoryOptions;
  store?: ChargeStoreOptions;
  /** Leased mode's block sizes and report interval (plans with `metering: "leased"`). */
  leases?: LeaseOptions;
  onError?: (error: unknown) => void;
  /** Where the calls' outcomes and decision times are counted (Prometheus): see metrics.ts. */
  metrics?: GatewayMetrics;
  /** Leave each call's `CallLog` in `res.locals.tollgate`, for a request logger (off: no work per call). */
  recordCalls?: boolean;
}

/** What a request's log line says of its call (`res.locals.tollgate`): who made it and what it was charged. */
export interface CallLog {
  accountId: string;
  keyId: string;
  eventId?: string;
  charge?: number;
  reserved?: number;
}

export interface TollgateMiddleware extends RequestHandler {
  /** Resolves once the key cache listens for invalidations. */
  readonly ready: Promise<void>;
  /** Voids of refused calls (their charge's outcome was lost) not yet delivered to Redis. */
  pendingVoids(): number;
  /** The key cache's hits and misses so far. */
  keyCacheStats(): { hits: number; misses: number };
  close(): Promise<void>;
}

/**
 * Express middleware that charges every call before it goes further: on success it sets the balance
 * headers and calls next(); otherwise it answers with problem+json and the call stops here. Works in front of
 * a proxy (createGateway) and in front of in-process routes alike: two-phase prices settle when the response
 * ends, whoever wrote it.
 */
export function createTollgate(options: TollgateOptions): TollgateMiddleware {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const keyspace = createKeyspace(prefix, options.partitions ?? DEFAULT_PARTITIONS);
  const directory = new Directory(new HotStore(options.redis, keyspace), options.directory);
  const metrics = options.metrics;
  if (metrics !== undefined) options.redis.on("error", () => metrics.storeErrors.inc({ store: "redis", kind: "connection" }));
  // A call's metering failed on Redis (answered 503): counted, then told to the caller's handler.
  const onError = (error: unknown) => {
    metrics?.storeErrors.inc({ store: "redis", kind: "operation" });
    options.onError?.(error);
  };
  const meter = new Meter({
    store: new RedisChargeStore(options.redis, keyspace, {
      receiptsUntilAnswered: true,
      ...options.store,
      ...(metrics && { onBatch: (size: number) => metrics.meterBatch.observe(size) }),
    }),
    directory,
    rateLimits: new RateLimits(options.redis, prefix, options.rateLimitFailure),
    leases: new RedisLeases(options.redis, keyspace, onError, options.leases),
    onError,
  });
  // What the caller sent that the upstream never sees from the caller: the gateway's own headers (set below
  // from the decision, never as sent) and, unless asked, the credentials.
  const dropped = new Set<string>([...Object.values(UPSTREAM_HEADERS), ...(options.forwardCredentials === true ? [] : CREDENTIAL_HEADERS)]);
  const ready = directory.listen(options.redis);
  const recordCalls = options.recordCalls === true;

  const handler = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // One path is decided, priced and passed on: whatever runs after this (the proxy, a route) sees it.
    const target = canonicalTarget(req.url);
    if (!target.ok) return sendProblem(res, problem("invalid_path", target.reason));
    req.url = target.path + target.query;
    const headers = req.headers;
    const declared = headers["content-length"];
    const requestBytes = declared === undefined ? undefined : Number(declared);
    const started = Date.now();
    const deciding = metrics === undefined ? 0 : performance.now();
    const outcome = await meter.charge({ apiKey: extractApiKey(headers), method: req.method, path: target.path, requestBytes, headers });
    if (metrics !== undefined) {
      metrics.decision.observe((performance.now() - deciding) / 1000);
      if (!outcome.ok) metrics.calls.inc({ outcome: "refused", code: outcome.problem.code });
      else metrics.calls.inc({ outcome: outcome.charged ? "charged" : "free", code: "" });
    }
    if (outcome.rateLimit) setRateLimitHeaders(res, outcome.rateLimit);
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds !== undefined) res.setHeader("retry-after", outcome.retryAfterSeconds);
      return sendProblem(res, outcome.problem);
    }
    const charged = outcome.charged;
    const upstream = passedOn(headers, dropped);
    if (charged) {
      res.setHeader(RESPONSE_HEADERS.balance, charged.balance);
      res.setHeader(charged.reserved ? RESPONSE_HEADERS.reserved : RESPONSE_HEADERS.charge, charged.amount);
      res.setHeader(RESPONSE_HEADERS.currency, charged.currency);
      res.setHeader(RESPONSE_HEADERS.eventId, charged.eventId);
      upstream[UPSTREAM_HEADERS.eventId] = charged.eventId;
    }
    if (recordCalls) {
      (res.locals as { tollgate?: CallLog }).tollgate = {
        accountId: outcome.accountId,
        keyId: outcome.keyId,
        ...(charged && { eventId: charged.eventId, [charged.reserved ? "reserved" : "charge"]: charged.amount }),
      };
    }
    upstream[UPSTREAM_HEADERS.accountId] = outcome.accountId;
    upstream[UPSTREAM_HEADERS.keyId] = outcome.keyId;
    req.headers = upstream;
    const pending = outcome.pending;
    if (pending) settleWhenDone(res, (result) => meter.settle(pending, result), pending.price.unitsHeader, started, requestBytes ?? 0);
    next();
  };
  return Object.assign(handler, {
    ready,
    pendingVoids: () => meter.pendingVoids,
    keyCacheStats: () => directory.stats,
    close: async () => {
      await meter.close();
      await directory.close();
    },
  });
}

/**
 * The caller's headers less `dropped`, as a new object. Never `delete` on `req.headers`: it turns the object
 * into a slow dictionary for everything that reads it afterwards (the proxy copies it for every call), which
 * cost the gateway more than the copy does.
 */
function passedOn(headers: IncomingHttpHeaders, dropped: ReadonlySet<string>): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const name in headers) if (!dropped.has(name)) kept[name] = headers[name];
  return kept;
}

/** Count what the response sends and settle once, when it has finished or the caller has gone. */
function settleWhenDone(
  res: Response,
  settle: (r: CallResult) => Promise<void>,
  unitsHeader: string | undefined,
  started: number,
  requestBytes: number,
): void {
  let responseBytes = 0;
  // The originals, called below with the response as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const write = res.write;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const end = res.end;
  const count = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string")
      responseBytes += Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    else if (chunk instanceof Uint8Array) responseBytes += chunk.byteLength;
  };
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    count(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response["write"];
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== "function") count(chunk, rest[0]);
    return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
  } as Response["end"];

  let settled = false;
  const done = (aborted: boolean) => {
    if (settled) return;
    settled = true;
    const reported = unitsHeader === undefined ? undefined : Number(res.getHeader(unitsHeader));
    const units = reported !== undefined && Number.isSafeInteger(reported) && reported >= 0 ? reported : 0;
    void settle({ status: res.statusCode, durationMs: Date.now() - started, requestBytes, responseBytes, units, aborted });
  };
  res.once("finish", () => done(false));
  res.once("close", () => done(!res.writableFinished));
}

function setRateLimitHeaders(res: ServerResponse, limit: RateLimitHeaders): void {
  for (const [name, value] of Object.entries(rateLimitHeaderPairs(limit))) res.setHeader(name, value);
}

export function sendProblem(res: ServerResponse, body: Problem): void {
  const payload = JSON.stringify(body);
  res.statusCode = body.status;
  res.setHeader("content-type", PROBLEM_CONTENT_TYPE);
  res.setHeader("content-length", Buffer.byteLength(payload));
  if (body.status === 401) res.setHeader("www-authenticate", 'Bearer realm="tollgate"');
  res.end(payload);
}
