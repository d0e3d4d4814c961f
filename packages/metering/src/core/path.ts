/**
 * The one canonical form of a request target, decided before anything is matched, priced or forwarded: the
 * gateway prices this path and forwards exactly this path, so an upstream can never be handed a path other
 * than the one the plan was asked about.
 *
 * The rule (RFC 3986 §6.2.2 normalization, as Envoy's `normalize_path` + `merge_slashes` apply it):
 * 1. Percent-encodings of unreserved characters (`A-Z a-z 0-9 - . _ ~`) are decoded; every other
 *    percent-encoding is kept, with upper-case hex digits.
 * 2. Bytes that may not appear in a path (space, `"`, `<`, `>`, `{`, `|`, non-ASCII, …) are percent-encoded.
 * 3. Runs of `/` are merged into one.
 * 4. Dot segments (`.` and `..`, also when spelled `%2e`) are removed (RFC 3986 §5.2.4).
 * Refused, because no normalization is safe for every upstream: an encoded `/` or `\` (`%2F`, `%5C`), a raw
 * `\`, an encoded NUL, a malformed percent-encoding, a `..` that climbs above the root, a dot segment hiding
 * behind path parameters (`..;x`, which some servers read as `..`), and any target that is not a path
 * (absolute-form `http://…`, `*`).
 * The query is kept as sent, except that bytes which may not appear in a query are percent-encoded.
 */
export type CanonicalTarget = { ok: true; path: string; query: string } | { ok: false; reason: string };

// RFC 3986: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"; pchar adds sub-delims, ":" and "@".
const UNRESERVED = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");
const PCHAR = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@");
const QUERY = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");
const HEX = "0123456789ABCDEF";

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const refuse = (reason: string): CanonicalTarget => ({ ok: false, reason });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function encodeByte(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

/** The bytes of one character of a request target (Node hands the target over as latin1: one byte each). */
function encodeChar(code: number): string | undefined {
  return code > 0xff ? undefined : encodeByte(code);
}

/** Steps 1 and 2 for one segment; undefined when the segment must be refused (the reason is set). */
function normalizeSegment(raw: string, out: { reason: string }): string | undefined {
  let segment = "";
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x25 /* % */) {
      const high = hexValue(raw.charCodeAt(i + 1));
      const low = hexValue(raw.charCodeAt(i + 2));
      if (high < 0 || low < 0) {
        out.reason = "The path has a malformed percent-encoding.";
        return undefined;
      }
      const byte = high * 16 + low;
      if (byte === 0x2f || byte === 0x5c) {
        out.reason = "The path has an encoded slash or backslash (%2F, %5C), which upstreams read differently.";
        return undefined;
      }
      if (byte === 0) {
        out.reason = "The path has an encoded NUL (%00).";
        return undefined;
      }
      segment += byte < 128 && UNRESERVED[byte] === 1 ? String.fromCharCode(byte) : encodeByte(byte);
      i += 2;
    } else if (code === 0x5c /* \ */) {
      out.reason = "The path has a backslash, which some upstreams read as a slash.";
      return undefined;
    } else if (code < 128 && PCHAR[code] === 1) {
      segment += raw[i];
    } else {
      const encoded = encodeChar(code);
      if (encoded === undefined) {
        out.reason = "The path has a character outside of what HTTP carries.";
        return undefined;
      }
      segment += encoded;
    }
  }
  return segment;
}

function normalizeQuery(raw: string): string | undefined {
  let query = "";
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x25) {
      const high = hexValue(raw.charCodeAt(i + 1));
      const low = hexValue(raw.charCodeAt(i + 2));
      if (high < 0 || low < 0) return undefined;
      query += raw.slice(i, i + 3);
      i += 2;
    } else if (code < 128 && QUERY[code] === 1) {
      query += raw[i];
    } else {
      const encoded = encodeChar(code);
      if (encoded === undefined) return undefined;
      query += encoded;
    }
  }
  return query;
}

/** A segment that is `.` or `..` once its path parameters (`;…`) are set aside. */
function dotSegment(segment: string): "." | ".." | undefined {
  const bare = segment.includes(";") ? segment.slice(0, segment.indexOf(";")) : segment;
  return bare === "." || bare === ".." ? bare : undefined;
}

/**
 * Where the query of `target` starts (its length when it has none) when the target is already canonical by a
 * quick look, as nearly every call's is: a path from `/` of plain pchars and slashes with no `//` and no
 * segment starting with a dot, then a query of plain query characters (no `%` anywhere, so nothing to decode
 * or check). -1 when it needs the full walk.
 */
function plainQueryStart(target: string): number {
  if (target.charCodeAt(0) !== 0x2f) return -1;
  let previous = 0;
  let mark = 0;
  for (; mark < target.length; mark++) {
    const code = target.charCodeAt(mark);
    if (code === 0x3f /* ? */) break;
    if (code === 0x2f /* / */ || code === 0x2e /* . */) {
      if (previous === 0x2f) return -1;
    } else if (code >= 128 || PCHAR[code] !== 1) return -1;
    previous = code;
  }
  for (let i = mark + 1; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code >= 128 || QUERY[code] !== 1) return -1;
  }
  return mark;
}

/** The canonical form of a request target (`req.url`): its path and its query (with the `?`, or empty). */
export function canonicalTarget(target: string): CanonicalTarget {
  const mark = plainQueryStart(target);
  if (mark < 0) return normalizeTarget(target);
  return mark === target.length
    ? { ok: true, path: target, query: "" }
    : { ok: true, path: target.slice(0, mark), query: target.slice(mark) };
}

/** The full walk of canonicalTarget(), for any target (tested against the quick look above). */
export function normalizeTarget(target: string): CanonicalTarget {
  if (target.charCodeAt(0) !== 0x2f) return refuse("The request target must be a path starting with `/`.");
  const mark = target.indexOf("?");
  const rawPath = mark < 0 ? target : target.slice(0, mark);
  let query = "";
  if (mark >= 0) {
    const normalized = normalizeQuery(target.slice(mark + 1));
    if (normalized === undefined) return refuse("The query has a malformed percent-encoding or a character HTTP does not carry.");
    query = `?${normalized}`;
  }

  const out = { reason: "" };
  const stack: string[] = [];
  const raws = rawPath.split("/");
  let trailingSlash = false;
  for (let i = 1; i < raws.length; i++) {
    const last = i === raws.length - 1;
    const segment = normalizeSegment(raws[i]!, out);
    if (segment === undefined) return refuse(out.reason);
    if (segment === "") {
      if (last) trailingSlash = stack.length > 0;
      continue; // merge_slashes
    }
    const dot = dotSegment(segment);
    if (dot !== undefined && segment !== dot)
      return refuse("The path has a dot segment with parameters (`..;`), which some upstreams read as `..`.");
    if (dot === ".") {
      trailingSlash = last && stack.length > 0;
      continue;
    }
    if (dot === "..") {
      if (stack.length === 0) return refuse("The path climbs above the root with `..`.");
      stack.pop();
      trailingSlash = last && stack.length > 0;
      continue;
    }
    stack.push(segment);
    trailingSlash = false;
  }
  const path = `/${stack.join("/")}${trailingSlash ? "/" : ""}`;
  return { ok: true, path, query };
}
