import { createHash } from "node:crypto";

type HeaderValue = string | string[] | undefined;

/**
 * The caller's API key, from `Authorization: Bearer <key>` or `X-Api-Key: <key>`.
 * Returns undefined when neither is present or the value is not a plausible key.
 */
export function extractApiKey(headers: Record<string, HeaderValue>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === "string" && auth.length > 7 && auth.slice(0, 7).toLowerCase() === "bearer ") {
    return plausible(auth.slice(7).trim());
  }
  const header = headers["x-api-key"];
  if (typeof header === "string") return plausible(header.trim());
  return undefined;
}

// Keys we issue are short and printable; anything else is refused before it costs a hash or a lookup.
function plausible(key: string): string | undefined {
  return key.length >= 16 && key.length <= 256 && /^[\x21-\x7e]+$/.test(key) ? key : undefined;
}

/** Keys are never stored in clear: every store knows them by this digest. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
