import type { Readable } from "node:stream";

/** What a route's handler answers: a status and a JSON body, or a rendered document, or a stream. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A body that is not JSON (a rendered document): sent as is, with its content type. */
  raw?: { contentType: string; body: string | Buffer };
  /** A body streamed as it is produced (a CSV export). */
  stream?: { contentType: string; body: Readable };
}

/** The header that marks an answer as the first answer to a repeated request (the same Idempotency-Key). */
export const REPLAYED_HEADER = "idempotent-replayed";

/** The answer repeats an earlier request's. */
export function isReplay(reply: Reply): boolean {
  return reply.headers?.[REPLAYED_HEADER] === "true";
}
