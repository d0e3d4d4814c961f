import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where webhooks may be delivered. By default only to https URLs on globally routable unicast addresses, so
 * that an account's webhook endpoint can never make the control plane POST into the provider's own network
 * (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, the cloud metadata address,
 * and every other special-purpose range ipaddr.js knows). Self-hosted setups and tests may allow private
 * targets and plain http explicitly (WEBHOOK_ALLOW_PRIVATE, WEBHOOK_ALLOW_HTTP).
 */
export interface WebhookPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

export const STRICT_WEBHOOKS: WebhookPolicy = { allowPrivate: false, allowHttp: false };

/** One rule for every address, however it was spelled: IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== "unicast") return false;
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) is "unicast" to ipaddr.js but names an IPv4 address.
  return parsed.kind() === "ipv4" || !(parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0);
}

/** Why `url` may not receive webhooks under `policy`; undefined when it may (its name is checked again on delivery). */
export function refuseWebhookUrl(url: string, policy: WebhookPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a URL";
  }
  if (parsed.protocol !== "https:" && !(policy.allowHttp && parsed.protocol === "http:")) {
    return policy.allowHttp ? "http or https only" : "https only";
  }
  if (parsed.username !== "" || parsed.password !== "") return "no user name or password in the URL";
  if (policy.allowPrivate) return undefined;
  // WHATWG URL has already read decimal, hex and octal IPv4 forms (http://2130706433/ is 127.0.0.1).
  const host = parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? undefined : "a loopback, private, link-local or otherwise non-public address";
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "a loopback name";
  return undefined;
}

/**
 * The DNS lookup the delivery connects through: it resolves every address of the name and refuses the
 * connection if any of them is not public, so a name that resolves (or re-resolves) to 127.0.0.1 or
 * 169.254.169.254 is never reached, and the socket connects to the very address that was checked.
 */
export function guardedLookup(policy: WebhookPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const blocked = policy.allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked !== undefined || addresses.length === 0) {
        const refused = Object.assign(new Error(`${hostname} resolves to ${blocked?.address ?? "nothing"}, which webhooks may not reach`), {
          code: "EWEBHOOKTARGET",
        });
        return callback(refused, "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Resolve a webhook's name now, to refuse at once what delivery would refuse; a name that does not resolve yet is let through. */
export async function refuseResolvedWebhook(url: string, policy: WebhookPolicy): Promise<string | undefined> {
  if (policy.allowPrivate) return undefined;
  const host = new URL(url).hostname;
  if (host.startsWith("[") || ipaddr.isValid(host)) return undefined;
  return new Promise((resolve) => {
    guardedLookup(policy)(host, { all: true }, (error) => {
      resolve(error && (error as { code?: string }).code === "EWEBHOOKTARGET" ? error.message : undefined);
    });
  });
}

/**
 * POST one webhook: no redirects followed (a 3xx is a failed delivery, never a hop to somewhere else), the
 * target vetted again now, and names resolved through guardedLookup. Resolves to the HTTP status.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookPolicy,
  timeoutMs = 10_000,
): Promise<number> {
  const refused = refuseWebhookUrl(url, policy);
  if (refused !== undefined) return Promise.reject(new Error(`refused webhook target: ${refused}`));
  const request = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not ours to keep
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
