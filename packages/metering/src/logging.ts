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

/** Where a logger from createLogger writes, and what its lines carry before their own fields. */
interface Sink {
  write(line: string): unknown;
  bindings: string;
}

/** Loggers made by createLogger: their line's shape is known, so the request logger may write its lines itself. */
const sinks = new WeakMap<Logger, Sink>();

/**
 * One JSON line per event on stdout (pino), at `level`. `buffered` (the gateway, a line per call): lines are
 * gathered and written 4 KB at a time, or at least once a second, instead of one write(2) per line, which cost
 * the gateway about a fifth of its CPU at its peak; they are written out on exit too, so only a SIGKILL or a
 * power cut loses the last second's lines (never a charge: money lives in Redis and the usage events). The
 * writes are synchronous, as pino's own default for stdout: no round trip through libuv's thread pool for
 * each 4 KB. `destination`: another file descriptor (tests).
 */
export function createLogger(
  service: string,
  level: (typeof LOG_LEVELS)[number] = "info",
  { buffered = false, destination = 1 }: { buffered?: boolean; destination?: number } = {},
): Logger {
  const options = {
    level,
    base: { service },
    timestamp: isoTime,
    redact: { paths: REDACTED, censor: "[redacted]" },
  };
  // sonic-boom's own periodic flush, not pino's flush(): that one also fsyncs the file, every time.
  const stream = pino.destination({
    dest: destination,
    sync: true,
    ...(buffered && { minLength: 4096, periodicFlush: FLUSH_INTERVAL_MS }),
  });
  const logger = pino(options, stream);
  sinks.set(logger, { write: (line) => stream.write(line), bindings: `,"service":${JSON.stringify(service)}` });
  if (buffered) flushedOnExit(stream);
  return logger;
}

const buffers = new Set<{ flushSync(): void }>();

/** pino flushes only its asynchronous streams on exit: a synchronous one that buffers is flushed here. */
function flushedOnExit(stream: { flushSync(): void }): void {
  if (buffers.size === 0) {
    process.once("exit", () => {
      for (const buffer of buffers) {
        try {
          buffer.flushSync();
        } catch {
          // A closed descriptor (a test's file): nothing more can be written to it.
        }
      }
    });
  }
  buffers.add(stream);
}

let isoSecond = Number.NaN;
let isoPrefix = "";

/**
 * `ms` as `Date.prototype.toISOString()` writes it, with the date and time up to the second formatted once a
 * second: a full `toISOString()` for every line was a tenth of what a request line cost the gateway.
 */
export function isoString(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -4); // up to and with the "."
    isoSecond = second;
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? "00" : milli < 100 ? "0" : ""}${milli}Z`;
}

/** pino's `time` field, as its `stdTimeFunctions.isoTime` writes it. */
const isoTime = () => `,"time":"${isoString(Date.now())}"`;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One line per request when its response is done (or the caller went away): the request id (the caller's
 * `X-Request-Id` when it is a plain token, else a new one, echoed in the response), method, path, status and
 * duration, plus what `props` adds from the request's own handling (account and key ids, the charge). Never
 * a header, never the query string. Written directly (one listener, one line): pino-http's per-request
 * child logger and serializers cost about 250 µs of CPU a call on the gateway's benchmark. For a logger from
 * createLogger the line is put together here, field for field as pino would write it, and written to the
 * logger's own stream: pino's generic serialization was about a third of what the line cost.
 */
export function requestLogger(logger: Logger, props: (req: IncomingMessage, res: ServerResponse) => Record<string, unknown>): Middleware {
  // A request line holds nothing secret by construction (above), so it skips the redaction pass: a walk of
  // every censored path for every call.
  const lines = logger.child({}, { redact: [] });
  const sink = sinks.get(logger);
  return (req, res, next) => {
    const started = performance.now();
    const sent = req.headers["x-request-id"];
    const id = typeof sent === "string" && REQUEST_ID.test(sent) ? sent : randomUUID();
    res.setHeader("x-request-id", id);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const method = req.method ?? "";
    const path = query < 0 ? url : url.slice(0, query);
    res.once("close", () => {
      const aborted = !res.writableFinished;
      const status = res.statusCode;
      const level = aborted ? "warn" : status >= 500 ? "error" : "info";
      if (!lines.isLevelEnabled(level)) return;
      const responseTime = Math.round(performance.now() - started);
      const message = aborted ? "request aborted" : "request";
      if (sink !== undefined) {
        sink.write(requestLine(sink.bindings, level, id, method, path, status, responseTime, props(req, res), aborted, message));
        return;
      }
      const done = { req: { id, method, path }, res: { status }, responseTime, ...props(req, res), ...(aborted && { aborted }) };
      lines[level](done, message);
    });
    next();
  };
}

const LEVEL_NUMBERS = { info: 30, warn: 40, error: 50 } as const;

/** A request's line as pino writes it for a logger from createLogger: the same fields in the same order. */
export function requestLine(
  bindings: string,
  level: keyof typeof LEVEL_NUMBERS,
  id: string,
  method: string,
  path: string,
  status: number,
  responseTime: number,
  extra: Record<string, unknown>,
  aborted: boolean,
  message: string,
): string {
  let line = `{"level":${LEVEL_NUMBERS[level]}${isoTime()}${bindings},"req":{"id":"${id}","method":${JSON.stringify(method)},"path":${JSON.stringify(path)}},"res":{"status":${status}},"responseTime":${responseTime}`;
  for (const name in extra) {
    const value = extra[name];
    if (value !== undefined) line += `,${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
  if (aborted) line += ',"aborted":true';
  return `${line},"msg":${JSON.stringify(message)}}\n`;
}
