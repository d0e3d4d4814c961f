import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { extractApiKey, hashApiKey } from "@tollgate/gateway-plugin";
import type { Models } from "../models/index.js";

export type Principal = { kind: "admin"; actor: string } | { kind: "consumer"; actor: string; accountId: string; keyId: string };

/**
 * Admin tokens and consumer API keys arrive the same way (`Authorization: Bearer …` or `X-Api-Key`).
 * Admin tokens are compared by digest in constant time; API keys are looked up by their SHA-256.
 */
export class Authenticator {
  private readonly adminDigests: Buffer[];

  constructor(
    adminTokens: string[],
    private readonly models: Models,
  ) {
    this.adminDigests = adminTokens.map((t) => digest(t));
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal | undefined> {
    const credential = extractApiKey(headers);
    if (credential === undefined) return undefined;
    const presented = digest(credential);
    for (const admin of this.adminDigests) {
      if (timingSafeEqual(admin, presented)) return { kind: "admin", actor: `admin:${presented.toString("hex").slice(0, 12)}` };
    }
    const key = await this.models.ApiKey.findOne({ hash: hashApiKey(credential) }).lean();
    if (key === null || key.status !== "active") return undefined;
    return { kind: "consumer", actor: `key:${key._id}`, accountId: key.accountId, keyId: key._id };
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The account a consumer route acts on: the caller's own (routes with `consumer` access only). */
export function ownAccount(principal: Principal): string {
  if (principal.kind !== "consumer") throw new Error("ownAccount() called for an admin principal");
  return principal.accountId;
}
