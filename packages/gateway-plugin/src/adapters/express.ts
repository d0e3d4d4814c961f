import type { ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Redis } from "ioredis";
import { extractApiKey } from "../core/api-key.js";
import { CREDENTIAL_HEADERS, RESPONSE_HEADERS, UPSTREAM_HEADERS } from "../core/headers.js";
import { Meter } from "../core/meter.js";
import { PROBLEM_CONTENT_TYPE, type Problem } from "../core/problems.js";
import { Directory, type DirectoryOptions } from "../store/directory.js";
import { HotStore, type HotStoreOptions } from "../store/hot-store.js";
import { createKeyspace, DEFAULT_PARTITIONS, DEFAULT_PREFIX } from "../store/keyspace.js";

export interface TollgateOptions {
  /** The hot-path connection. Create it with `createGatewayRedis` (no offline queue, no resends). */
  redis: Redis;
  /** Redis key prefix shared with the control plane. Default `tg:`. */
  prefix?: string;
  /** Partition count shared with the control plane. Default 64. */
  partitions?: number;
  /** Pass the caller's `Authorization` / `X-Api-Key` on to the upstream. Default false. */
  forwardCredentials?: boolean;
  directory?: DirectoryOptions;
  store?: HotStoreOptions;
  onError?: (error: unknown) => void;
}

export interface TollgateMiddleware extends RequestHandler {
  /** Resolves once the key cache listens for invalidations. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Express middleware that charges every call before it goes further: on success it sets the balance
 * headers and calls next(); otherwise it answers with problem+json and the call stops here.
 */
export function createTollgate(options: TollgateOptions): TollgateMiddleware {
  const keyspace = createKeyspace(options.prefix ?? DEFAULT_PREFIX, options.partitions ?? DEFAULT_PARTITIONS);
  const store = new HotStore(options.redis, keyspace, options.store);
  const directory = new Directory(store, options.directory);
  const meter = new Meter({ store, directory, ...(options.onError ? { onError: options.onError } : {}) });
  const forwardCredentials = options.forwardCredentials ?? false;
  const ready = directory.listen(options.redis);

  const handler = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const headers = req.headers;
    const outcome = await meter.charge({ apiKey: extractApiKey(headers), method: req.method, path: req.path });
    if (!outcome.ok) return sendProblem(res, outcome.problem);
    res.setHeader(RESPONSE_HEADERS.balance, outcome.balance);
    res.setHeader(RESPONSE_HEADERS.charge, outcome.price);
    res.setHeader(RESPONSE_HEADERS.currency, outcome.currency);
    res.setHeader(RESPONSE_HEADERS.eventId, outcome.eventId);
    if (!forwardCredentials) for (const name of CREDENTIAL_HEADERS) delete headers[name];
    headers[UPSTREAM_HEADERS.accountId] = outcome.accountId;
    headers[UPSTREAM_HEADERS.keyId] = outcome.keyId;
    headers[UPSTREAM_HEADERS.eventId] = outcome.eventId;
    next();
  };
  return Object.assign(handler, { ready, close: () => directory.close() });
}

export function sendProblem(res: ServerResponse, body: Problem): void {
  const payload = JSON.stringify(body);
  res.statusCode = body.status;
  res.setHeader("content-type", PROBLEM_CONTENT_TYPE);
  res.setHeader("content-length", Buffer.byteLength(payload));
  if (body.status === 401) res.setHeader("www-authenticate", 'Bearer realm="tollgate"');
  res.end(payload);
}
