import { createHash } from "node:crypto";
import type { BillingDetails } from "../../models/index.js";

/** What an erased free-text field (a reason, an address line) reads. */
export const REDACTED = "[erased]";

/**
 * An erased account's pseudonym: derived from its id alone, so every run of an erasure writes the same values
 * (a retry rewrites what a killed run wrote, changing nothing), and two erased accounts never share one. The
 * account id is not personal data; the pseudonym only stands where the personal values stood.
 */
export function pseudonymOf(accountId: string): string {
  return `anon-${createHash("sha256").update(`tollgate-erasure\u0000${accountId}`).digest("hex").slice(0, 12)}`;
}

/** The pseudonyms each kind of field takes, valid where the field is validated (an email stays an email). */
export function pseudonyms(accountId: string) {
  const p = pseudonymOf(accountId);
  return {
    name: `Erased customer ${p}`,
    email: (n: number) => `${p}${n === 0 ? "" : `-${n}`}@erased.invalid`,
    url: (n: number) => `https://erased.invalid/${p}/${n}`,
  };
}

/** What an erased tax id reads: still a tax id's shape, so a business stays one for the tax rules (reverse charge). */
export const ERASED_TAX_ID = "ERASED";

/** Billing details with every personal field replaced (the country and region stay: a document's tax needs them). */
export function erasedBillingDetails(accountId: string, details: BillingDetails): BillingDetails {
  const erased: BillingDetails = {
    ...details,
    legalName: pseudonyms(accountId).name,
    address: {
      ...details.address,
      line1: REDACTED,
      city: REDACTED,
      ...(details.address.line2 === undefined ? {} : { line2: REDACTED }),
      ...(details.address.postalCode === undefined ? {} : { postalCode: REDACTED }),
    },
  };
  if (details.taxId !== undefined) erased.taxId = ERASED_TAX_ID;
  if (details.email !== undefined) erased.email = pseudonyms(accountId).email(0);
  return erased;
}

/** The personal values billing details hold (what an erasure then looks for in free text). */
export function billingValues(details: BillingDetails | undefined): string[] {
  if (details === undefined) return [];
  const a = details.address;
  return [details.legalName, details.taxId, details.email, a?.line1, a?.line2, a?.city, a?.postalCode].filter(
    (v): v is string => typeof v === "string",
  );
}

/**
 * Replace every occurrence of the personal values in a text by the pseudonym (longest first, so a value that
 * contains another goes whole). An occurrence counts only where it stands on its own: not inside an id or a
 * longer word (a key named `test` leaves `led_…test…` alone, so a stored answer's ids stay what they were).
 * Values shorter than 3 characters are not looked for.
 */
export function scrubText(text: string, values: readonly string[], replacement: string): string {
  let out = text;
  for (const value of searchable(values)) {
    if (!out.includes(value)) continue;
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, "g"), () => replacement);
  }
  return out;
}

export function searchable(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v.length >= 3 && v !== REDACTED && v !== ERASED_TAX_ID))].sort((a, b) => b.length - a.length);
}

/**
 * A JSON-like value with personal data removed: free-text fields named `reason` (or ending in `Reason`) become
 * REDACTED, and every string has the personal values replaced. Keys stay; numbers, booleans and dates are kept
 * as they are (amounts never change).
 */
export function scrubValue(value: unknown, values: readonly string[], replacement: string, key = ""): unknown {
  if (typeof value === "string") return /^reason$|Reason$/.test(key) ? REDACTED : scrubText(value, values, replacement);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, values, replacement));
  // Only plain objects are walked: dates, buffers, BSON ids and the like stay as they are.
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, values, replacement, k)]));
}

/** Whether scrubbing changed anything (a run after the first writes nothing). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
