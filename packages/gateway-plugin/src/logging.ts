import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";

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

/** How often a buffered logger writes out what it holds, however little. */
const FLUSH_INTERVAL_MS = 1_000;

/**
 * One JSON line per event on stdout (pino), at `level`. `buffered` (the gateway, a line per call): lines are
 * gathered and written 4 KB at a time, or at least once a second, instead of one write(2) per line, which cost
 * the gateway about a fifth of its CPU at its peak; they are written out on exit too, so only a SIGKILL or a
 * power cut loses the last second's lines (never a charge: money lives in Redis and the usage events).
 */
export function createLogger(service: string, level: (typeof LOG_LEVELS)[number] = "info", { buffered = false } = {}): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: "[redacted]" },
  };
  if (!buffered) return pino(options);
  const logger = pino(options, pino.destination({ dest: 1, minLength: 4096, sync: false }));
  setInterval(() => logger.flush(), FLUSH_INTERVAL_MS).unref();
  return logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One line per request when its response is done (or the caller went away): the request id (the caller's
 * `X-Request-Id` when it is a plain token, else a new one, echoed in the response), method, path, status and
 * duration, plus what `props` adds from the request's own handling (account and key ids, the charge). Never
 * a header, never the query string. Written directly (one listener, one pino call): pino-http's per-request
 * child logger and serializers cost about 250 µs of CPU a call on the gateway's benchmark.
 */
export function requestLogger(logger: Logger, props: (req: IncomingMessage, res: ServerResponse) => Record<string, unknown>): Middleware {
  // A request line holds nothing secret by construction (above), so it skips the redaction pass: a walk of
  // every censored path for every call.
  const lines = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = performance.now();
    const sent = req.headers["x-request-id"];
    const id = typeof sent === "string" && REQUEST_ID.test(sent) ? sent : randomUUID();
    res.setHeader("x-request-id", id);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const line = { id, method: req.method, path: query < 0 ? url : url.slice(0, query) };
    res.once("close", () => {
      const done = {
        req: line,
        res: { status: res.statusCode },
        responseTime: Math.round(performance.now() - started),
        ...props(req, res),
      };
      if (!res.writableFinished) lines.warn({ ...done, aborted: true }, "request aborted");
      else if (res.statusCode >= 500) lines.error(done, "request");
      else lines.info(done, "request");
    });
    next();
  };
}
