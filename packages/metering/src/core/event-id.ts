import { randomBytes } from "node:crypto";

/**
 * Usage event ids: unique across processes (a random per-process part) and sortable by time, without
 * a random draw per call. Shape: <ms since epoch, base 36, 9 chars><process nonce, 10 chars><counter, 6 chars>;
 * the fixed widths keep ids from one process in order even within one millisecond.
 */
export function createEventIdGenerator(): () => string {
  const nonce = randomBytes(8).toString("base64url").slice(0, 10);
  const wrap = 36 ** 6;
  let counter = 0;
  return () => {
    counter = (counter + 1) % wrap;
    return `${Date.now().toString(36).padStart(9, "0")}${nonce}${counter.toString(36).padStart(6, "0")}`;
  };
}
