import { randomBytes } from "node:crypto";

/** Opaque, prefixed, unguessable ids: `plan_…`, `acct_…`, `key_…`, `wal_…`, `led_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

export const ID_PATTERN = /^[a-z]{2,5}_[A-Za-z0-9_-]{16}$/;
