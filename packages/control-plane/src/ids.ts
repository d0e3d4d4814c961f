import { createHash, randomBytes } from "node:crypto";

/** Opaque, prefixed, unguessable ids: `plan_…`, `acct_…`, `key_…`, `wal_…`, `led_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

/**
 * An id derived from what names a thing once (an account and an Idempotency-Key, a session and its chunk): the
 * same parts always give the same 24 characters, so a repeat finds what the first request made.
 */
export function derivedId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 24);
}

export const ID_PATTERN = /^[a-z]{2,5}_[A-Za-z0-9_-]{16}$/;
