import { createHash } from "node:crypto";
import type { Models, PortalSession } from "../../models/index.js";

/** The actor of a portal session opened by a portal link (not by an API key). */
export const LINK_ACTOR = "portal-login:";

/** A secret's stored form: its SHA-256 (portal and console sessions, staff tokens; the secret is never stored). */
export function secretDigest(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** The session a browser cookie holds, of the kind asked for, while it lasts. */
export async function browserSessionOf(models: Models, cookie: string, kind: "cookie" | "admin"): Promise<PortalSession | undefined> {
  const session = await models.PortalSession.findById(secretDigest(cookie)).lean();
  if (session === null || session.kind !== kind || session.expiresAt.getTime() <= Date.now()) return undefined;
  return session;
}
