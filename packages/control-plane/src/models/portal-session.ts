import { Schema } from "mongoose";

/**
 * Access to one account's customer portal. A `login` is what an admin hands out (`POST
 * /v1/accounts/{id}/portal-sessions`): a secret for one exchange, short-lived. A `cookie` session is what the
 * exchange (of a login, or of the customer's own API key) gives the browser, as an HttpOnly cookie. `_id` is
 * the SHA-256 of the secret: the secret itself is never stored.
 */
export interface PortalSession {
  _id: string;
  /** `admin`: a staff member signed in to the admin console (an admin token traded for a cookie). */
  kind: "login" | "cookie" | "admin";
  accountId: string;
  actor: string;
  expiresAt: Date;
  createdAt: Date;
}

export const portalSessionSchema = new Schema<PortalSession>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    accountId: { type: String, default: "" },
    actor: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/** A login's single exchange: `_id` is the login's id; a second exchange collides on it. */
export interface PortalLoginUse {
  _id: string;
  usedAt: Date;
}
export const portalLoginUseSchema = new Schema<PortalLoginUse>(
  { _id: { type: String, required: true }, usedAt: { type: Date, required: true } },
  { versionKey: false, strict: "throw" },
);
