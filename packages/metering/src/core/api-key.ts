import { hash } from "node:crypto";

type HeaderValue = string | string[] | undefined;

/**
 * The caller's API key, from `Authorization: Bearer <key>` or `X-Api-Key: <key>`: exactly the bytes after the
 * scheme, less HTTP's optional whitespace (spaces and tabs) at either end. Never `String.prototype.trim()`,
 * which also strips U+00A0 and the other Unicode spaces: `<key>\xA0` is another credential, and is refused.
 * Returns undefined when neither is present or the value is not a plausible key.
 */
export function extractApiKey(headers: Record<string, HeaderValue>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === "string" && auth.length > 7 && auth.slice(0, 7).toLowerCase() === "bearer ") {
    return plausible(trimOws(auth.slice(7)));
  }
  const header = headers["x-api-key"];
  if (typeof header === "string") return plausible(trimOws(header));
  return undefined;
}

/** RFC 9110 OWS: spaces and horizontal tabs, nothing else. */
function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 0x20 || value.charCodeAt(start) === 0x09)) start++;
  while (end > start && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end--;
  return value.slice(start, end);
}

// Keys we issue are short and printable; anything else is refused before it costs a hash or a lookup.
function plausible(key: string): string | undefined {
  return key.length >= 16 && key.length <= 256 && /^[\x21-\x7e]+$/.test(key) ? key : undefined;
}

/**
 * Keys are never stored in clear: every store knows them by this digest. One-shot `crypto.hash`: a Hash object
 * per call (createHash) cost the gateway about three times as much, most of it in garbage collection.
 */
export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}
