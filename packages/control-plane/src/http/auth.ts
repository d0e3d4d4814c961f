import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { extractApiKey, hashApiKey } from "@tollgate/metering";
import type { KeyRecord } from "@tollgate/metering/store";
import type { CredentialCheck, Principal } from "../domain/principal.js";
import type { Models } from "../models/index.js";
import { browserSessionOf, LINK_ACTOR } from "../services/portal/lookup.js";
import { actorIdentity, isStaffTokenSecret, tokenIdentity } from "../services/staff/identity.js";

/** The portal's and the admin console's session cookies (HttpOnly, SameSite=Strict). */
export const PORTAL_COOKIE = "tg_portal";
export const CONSOLE_COOKIE = "tg_console";

/**
 * Admin tokens and consumer API keys arrive the same way (`Authorization: Bearer …` or `X-Api-Key`).
 * Admin tokens are compared by digest in constant time; API keys are looked up by their SHA-256.
 */
export class Authenticator implements CredentialCheck {
  private readonly adminDigests: Buffer[];

  constructor(
    adminTokens: string[],
    private readonly models: Models,
    /** An API key's record as published to the gateways (Redis), by the key's SHA-256. */
    private readonly publishedKey: (keyHash: string) => Promise<KeyRecord | undefined> = () => Promise.resolve(undefined),
  ) {
    this.adminDigests = adminTokens.map((t) => digest(t));
  }

  /**
   * `keys: "published"` looks API keys up where the gateways do (the records the control plane publishes to
   * Redis, revoked ones included, as fast as a gateway call) instead of in MongoDB: for the charging routes.
   */
  async authenticate(headers: IncomingHttpHeaders, options: { keys?: "stored" | "published" } = {}): Promise<Principal | undefined> {
    const credential = extractApiKey(headers);
    if (credential === undefined) return this.fromCookie(headers.cookie);
    if (isStaffTokenSecret(credential)) {
      const staff = await tokenIdentity(this.models, credential);
      return staff === undefined ? undefined : { kind: "admin", ...staff };
    }
    const presented = digest(credential);
    for (const admin of this.adminDigests) {
      if (timingSafeEqual(admin, presented))
        return { kind: "admin", actor: `admin:${presented.toString("hex").slice(0, 12)}`, role: "owner" };
    }
    if (options.keys === "published") {
      const record = await this.publishedKey(hashApiKey(credential));
      if (record === undefined || record.status !== "active") return undefined;
      return { kind: "consumer", actor: `key:${record.keyId}`, accountId: record.accountId, keyId: record.keyId, key: record };
    }
    const key = await this.models.ApiKey.findOne({ hash: hashApiKey(credential) }).lean();
    if (key === null || key.status !== "active") return undefined;
    return { kind: "consumer", actor: `key:${key._id}`, accountId: key.accountId, keyId: key._id };
  }

  private async fromCookie(header: string | undefined): Promise<Principal | undefined> {
    if (header === undefined) return undefined;
    const staff = readCookie(header, CONSOLE_COOKIE);
    if (staff !== undefined && SECRET.test(staff)) {
      const session = await browserSessionOf(this.models, staff, "admin");
      const identity = session === undefined ? undefined : await actorIdentity(this.models, session.actor);
      if (identity !== undefined) return { kind: "admin", ...identity, viaCookie: true };
    }
    const cookie = readCookie(header, PORTAL_COOKIE);
    if (cookie === undefined || !SECRET.test(cookie)) return undefined;
    const session = await browserSessionOf(this.models, cookie, "cookie");
    if (session === undefined) return undefined;
    return {
      kind: "consumer",
      actor: `portal:${session._id.slice(0, 12)}`,
      accountId: session.accountId,
      keyId: "",
      viaCookie: true,
      viaLink: session.actor.startsWith(LINK_ACTOR),
    };
  }
}

const SECRET = /^tgps_[A-Za-z0-9_-]{32}$/;

/** One cookie's value from a Cookie header. */
export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The account a consumer route acts on: the caller's own (routes with `consumer` access only). */
export function ownAccount(principal: Principal): string {
  if (principal.kind !== "consumer") throw new Error("ownAccount() called for an admin principal");
  return principal.accountId;
}
