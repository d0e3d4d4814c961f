import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";
import { pinoHttp, type HttpLogger } from "pino-http";

export type { Logger } from "pino";

/** Levels a process may be started with (`LOG_LEVEL`); `silent` logs nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Secrets never reach a log line: requests are logged by their method and path only (no header, no query
 * string, which may carry a portal sign-in token), and these paths are censored wherever a caller passes
 * an object that holds them.
 */
const REDACTED = [
  "authorization",
  "cookie",
  "token",
  "secret",
  "apiKey",
  "key",
  "password",
  "*.authorization",
  "*.cookie",
  "*.token",
  "*.secret",
  "*.apiKey",
  "*.key",
  "*.password",
  'headers["x-api-key"]',
  "headers.authorization",
  "headers.cookie",
];

/** One JSON line per event on stdout (pino), at `level`. */
export function createLogger(service: string, level: (typeof LOG_LEVELS)[number] = "info"): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: "[redacted]" },
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One line per request when its response ends: the request id (the caller's `X-Request-Id` when it is a
 * plain token, else a new one, echoed in the response), method, path, status and duration, plus what
 * `props` adds from the request's own handling (account and key ids, the charge). Never a header.
 */
export function requestLogger(logger: Logger, props: (req: IncomingMessage, res: ServerResponse) => Record<string, unknown>): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const sent = req.headers["x-request-id"];
      const id = typeof sent === "string" && REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps: props,
    customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? "error" : "info"),
    customSuccessMessage: () => "request",
    customErrorMessage: () => "request failed",
  });
}
