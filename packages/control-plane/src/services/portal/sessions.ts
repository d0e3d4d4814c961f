import { randomBytes } from "node:crypto";
import { hashApiKey } from "@tollgate/metering";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { insertOnce } from "../../models/index.js";
import { checkPassword } from "../staff/identity.js";
import { audit } from "../audit.js";
import { LINK_ACTOR, secretDigest as digest } from "./lookup.js";

/** How long a browser stays signed in to the portal after an exchange. */
export const PORTAL_COOKIE_TTL_MS = 60 * 60_000;

const secret = () => `tgps_${randomBytes(24).toString("base64url")}`;

/**
 * A short-lived portal login for one account (Stripe's customer-portal convention): the secret is returned
 * once, travels in the URL's fragment (never sent to a server, never in a log or a Referer), and is good for
 * one exchange before `ttlMs` runs out.
 */
export async function createPortalLogin(
  ctx: AppContext,
  input: { accountId: string; ttlMs: number; actor: string },
): Promise<Outcome<{ secret: string; expiresAt: Date }, "not_found">> {
  if ((await ctx.models.Account.findById(input.accountId, { _id: 1 }).lean()) === null) {
    return failure("not_found", `No account ${input.accountId}.`);
  }
  const login = secret();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  await ctx.models.PortalSession.create({
    _id: digest(login),
    kind: "login",
    accountId: input.accountId,
    actor: input.actor,
    expiresAt,
    createdAt: new Date(),
  });
  await audit(ctx, input.actor, "portal.login.create", input.accountId, { expiresAt: expiresAt.toISOString() });
  return ok({ secret: login, expiresAt });
}

/**
 * Trade a portal login (once) or the customer's own API key for a browser session: a new secret, for an
 * HttpOnly cookie. A login used, expired or unknown, and a key unknown or not active, are all the same 401.
 */
export async function exchangeForCookie(
  ctx: AppContext,
  input: { login?: string | undefined; apiKey?: string | undefined },
): Promise<Outcome<{ secret: string; accountId: string; expiresAt: Date }, "unauthorized">> {
  let accountId: string | undefined;
  let actor = "";
  if (input.login !== undefined) {
    const login = await ctx.models.PortalSession.findById(digest(input.login)).lean();
    if (login !== null && login.kind === "login" && login.expiresAt.getTime() > Date.now()) {
      // A link signs in once: the first use is a unique insert.
      if (await insertOnce(ctx.models.PortalLoginUse, { _id: login._id, usedAt: new Date() })) {
        accountId = login.accountId;
        actor = `${LINK_ACTOR}${login._id.slice(0, 12)}`;
      }
    }
  } else if (input.apiKey !== undefined) {
    const key = await ctx.models.ApiKey.findOne({ hash: hashApiKey(input.apiKey) }).lean();
    if (key !== null && key.status === "active") {
      accountId = key.accountId;
      actor = `key:${key._id}`;
    }
  }
  if (accountId === undefined) return failure("unauthorized", "The portal link is used, expired or unknown, or the key is not active.");
  const cookie = secret();
  const expiresAt = new Date(Date.now() + PORTAL_COOKIE_TTL_MS);
  await ctx.models.PortalSession.create({ _id: digest(cookie), kind: "cookie", accountId, actor, expiresAt, createdAt: new Date() });
  return ok({ secret: cookie, accountId, expiresAt });
}

export async function endBrowserSession(ctx: AppContext, cookie: string): Promise<void> {
  await ctx.models.PortalSession.deleteOne({ _id: digest(cookie) });
}

/** How long a staff member stays signed in to the admin console. */
export const CONSOLE_COOKIE_TTL_MS = 8 * 60 * 60_000;

/**
 * Sign a staff member in to the admin console: today with an admin token (users and roles will sign in the
 * same way and land in the same kind of session, naming their actor). The token is checked once, here; the
 * browser keeps only an HttpOnly cookie.
 */
export async function signInConsole(
  ctx: AppContext,
  token: string,
): Promise<Outcome<{ secret: string; actor: string; expiresAt: Date }, "unauthorized">> {
  const principal = await ctx.auth.authenticate({ authorization: `Bearer ${token}` });
  if (principal?.kind !== "admin") return failure("unauthorized", "That is not an admin token.");
  return ok(await openConsoleSession(ctx, principal.actor));
}

/**
 * A staff user's sign-in by email and password. Failures are limited per email and per client address
 * (`ctx.signInGuard`: a 429 past the budget, even for the right password) and every attempt is audited.
 */
export async function signInConsoleWithPassword(
  ctx: AppContext,
  email: string,
  password: string,
  address: string,
): Promise<Outcome<{ secret: string; actor: string; expiresAt: Date }, "unauthorized" | "rate_limited">> {
  const subject = email.toLowerCase();
  // A sign-in past its budget is refused (429, with its Retry-After header), even with the right password.
  const refused = await ctx.signInGuard.check(subject, address);
  if (refused !== undefined) {
    await audit(ctx, "anonymous", "console.sign_in_refused", subject, { address, reason: "rate_limited" });
    return refused;
  }
  const user = await checkPassword(ctx.models, subject, password);
  if (user === undefined) {
    await ctx.signInGuard.failed(subject, address);
    await audit(ctx, "anonymous", "console.sign_in_failed", subject, { address });
    return failure("unauthorized", "The email or the password is wrong, or the user is disabled.");
  }
  return ok(await openConsoleSession(ctx, `user:${user._id}`, { address }));
}

async function openConsoleSession(
  ctx: AppContext,
  actor: string,
  data: Record<string, unknown> = {},
): Promise<{ secret: string; actor: string; expiresAt: Date }> {
  const cookie = secret();
  const expiresAt = new Date(Date.now() + CONSOLE_COOKIE_TTL_MS);
  await ctx.models.PortalSession.create({ _id: digest(cookie), kind: "admin", accountId: "", actor, expiresAt, createdAt: new Date() });
  await audit(ctx, actor, "console.sign_in", actor, data);
  return { secret: cookie, actor, expiresAt };
}
