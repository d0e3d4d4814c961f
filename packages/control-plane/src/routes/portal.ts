import { z } from "zod";
import { getIssuerProfile } from "../services/invoices/issuer.js";
import { ANY_STAFF, MANAGERS, NO_STAFF } from "../http/roles.js";
import { CONSOLE_COOKIE, PORTAL_COOKIE, readCookie } from "../http/auth.js";
import { ProblemError } from "../domain/problem-error.js";
import { defineRoute } from "../http/route.js";
import { accountParams } from "../http/schemas.js";
import type { AppContext } from "../context.js";
import { ROLES } from "../models/index.js";
import {
  CONSOLE_COOKIE_TTL_MS,
  createPortalLogin,
  endBrowserSession,
  exchangeForCookie,
  PORTAL_COOKIE_TTL_MS,
  signInConsole,
  signInConsoleWithPassword,
} from "../services/portal/sessions.js";

const sessionView = z.object({ accountId: z.string(), expiresAt: z.string() });

function cookie(ctx: AppContext, value: string, maxAgeSeconds: number, name = PORTAL_COOKIE): string {
  // An embedded portal is a third party in its frame: its cookie must be sent there (SameSite=None), over https
  // only, and kept apart per embedding site (Partitioned, CHIPS). The console's cookie is always Strict.
  if (name === PORTAL_COOKIE && ctx.portalFrameAncestors.length > 0)
    return `${name}=${value}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned; Max-Age=${maxAgeSeconds}`;
  const secure = ctx.publicUrl?.startsWith("https://") ? "; Secure" : "";
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export const createPortalSessionRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/portal-sessions",
  operationId: "createPortalSession",
  summary:
    "A short-lived link to the account's customer portal (admin, or the provider's backend). The secret is in the URL's fragment: it never reaches a server log; it signs one browser in, once, before `expiresAt`.",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject({ ttlSeconds: z.number().int().min(60).max(3_600).default(600) }),
  responses: { 201: { description: "The portal link", schema: z.object({ url: z.string(), expiresAt: z.string() }) } },
  problems: ["not_found"],
  async handle({ params, body, principal, ctx, raw }) {
    const created = await createPortalLogin(ctx, { accountId: params.accountId, ttlMs: body.ttlSeconds * 1000, actor: principal.actor });
    if (!created.ok) return created;
    const login = created.value;
    const base = ctx.publicUrl ?? `http://${String(raw.headers.host ?? "localhost")}`;
    return { status: 201, body: { url: `${base}/portal/#login=${login.secret}`, expiresAt: login.expiresAt.toISOString() } };
  },
});

export const signInPortalRoute = defineRoute({
  method: "post",
  path: "/v1/portal/session",
  operationId: "signInPortal",
  summary:
    "Sign a browser in to the customer portal with a portal link's secret (once) or the customer's own API key: answers with an HttpOnly, SameSite=Strict session cookie (an hour).",
  access: "public",
  roles: NO_STAFF,
  body: z
    .strictObject({ login: z.string().max(200).optional(), apiKey: z.string().max(200).optional() })
    .refine((b) => (b.login === undefined) !== (b.apiKey === undefined), "send exactly one of login and apiKey"),
  responses: {
    200: { description: "Signed in", schema: sessionView },
    401: { description: "The link is used, expired or unknown, or the API key is not valid (`unauthorized`)" },
  },
  problems: ["unauthorized"],
  async handle({ body, ctx }) {
    const exchanged = await exchangeForCookie(ctx, body);
    if (!exchanged.ok) return exchanged;
    const session = exchanged.value;
    return {
      status: 200,
      body: { accountId: session.accountId, expiresAt: session.expiresAt.toISOString() },
      headers: { "set-cookie": cookie(ctx, session.secret, PORTAL_COOKIE_TTL_MS / 1000), "cache-control": "no-store" },
    };
  },
});

export const getPortalSessionRoute = defineRoute({
  method: "get",
  path: "/v1/portal/session",
  operationId: "getPortalSession",
  summary:
    "The account the caller (portal cookie or API key) acts for, and whether it may manage keys (`manageKeys`: a session opened by a portal link).",
  access: "consumer",
  roles: NO_STAFF,
  responses: {
    200: { description: "The session", schema: z.object({ accountId: z.string(), manageKeys: z.boolean() }) },
  },
  handle: ({ principal }) => {
    if (principal.kind !== "consumer") throw new ProblemError("forbidden");
    return Promise.resolve({ status: 200, body: { accountId: principal.accountId, manageKeys: principal.viaLink === true } });
  },
});

export const portalBrandingRoute = defineRoute({
  method: "get",
  path: "/v1/portal/branding",
  operationId: "getPortalBranding",
  summary:
    "How the portal presents the provider, before and after sign-in: its name, logo and accent colour (from the issuer profile, as printed on its documents), and whether the portal may be embedded in the provider's own site (`embeddable`).",
  access: "public",
  roles: NO_STAFF,
  responses: {
    200: {
      description: "The branding",
      schema: z.object({
        name: z.string(),
        logo: z.string().optional().describe("a data: URL (PNG or JPEG)"),
        accentColor: z.string().optional().describe("#rrggbb"),
        embeddable: z.boolean().describe("the deployment lets its own sites frame the portal (PORTAL_FRAME_ANCESTORS)"),
      }),
    },
  },
  async handle({ ctx }) {
    const { profile } = await getIssuerProfile(ctx);
    return {
      status: 200,
      body: {
        name: profile.legalName,
        ...(profile.logo ? { logo: profile.logo } : {}),
        ...(profile.accentColor ? { accentColor: profile.accentColor } : {}),
        embeddable: ctx.portalFrameAncestors.length > 0,
      },
      headers: { "cache-control": "public, max-age=60" },
    };
  },
});

export const signOutPortalRoute = defineRoute({
  method: "delete",
  path: "/v1/portal/session",
  operationId: "signOutPortal",
  summary: "Sign the browser out of the portal: the session ends and its cookie is cleared.",
  access: "consumer",
  roles: NO_STAFF,
  responses: { 204: { description: "Signed out" } },
  async handle({ ctx, raw }) {
    const value = typeof raw.headers.cookie === "string" ? readCookie(raw.headers.cookie, PORTAL_COOKIE) : undefined;
    if (value !== undefined) await endBrowserSession(ctx, value);
    return { status: 204, body: undefined, headers: { "set-cookie": cookie(ctx, "", 0) } };
  },
});

export const signInConsoleRoute = defineRoute({
  method: "post",
  path: "/v1/console/session",
  operationId: "signInConsole",
  summary:
    "Sign a staff member in to the admin console, with an email and password or with a token (a bootstrap admin token or a user's API token), checked once: answers with an HttpOnly, SameSite=Strict session cookie (8 hours). Failed sign-ins are limited per email (5) and per client address (20) in 15 minutes, then refused with 429; every attempt is audited.",
  access: "public",
  roles: NO_STAFF,
  body: z.union([
    z.strictObject({ token: z.string().min(1).max(256) }),
    z.strictObject({ email: z.string().email().max(254), password: z.string().min(1).max(256) }),
  ]),
  responses: {
    200: { description: "Signed in", schema: z.object({ actor: z.string(), expiresAt: z.string() }) },
    401: { description: "Wrong credentials" },
    429: { description: "Too many failed sign-ins" },
  },
  problems: ["unauthorized", "rate_limited"],
  async handle({ body, ctx, address }) {
    const signedIn =
      "token" in body ? await signInConsole(ctx, body.token) : await signInConsoleWithPassword(ctx, body.email, body.password, address);
    if (!signedIn.ok) return signedIn;
    const session = signedIn.value;
    return {
      status: 200,
      body: { actor: session.actor, expiresAt: session.expiresAt.toISOString() },
      headers: { "set-cookie": cookie(ctx, session.secret, CONSOLE_COOKIE_TTL_MS / 1000, CONSOLE_COOKIE), "cache-control": "no-store" },
    };
  },
});

export const getConsoleSessionRoute = defineRoute({
  method: "get",
  path: "/v1/console/session",
  operationId: "getConsoleSession",
  summary: "Who is signed in to the admin console (or calling with a token), with the role they act with.",
  access: "admin",
  roles: ANY_STAFF,
  responses: {
    200: {
      description: "The session",
      schema: z.object({
        actor: z.string(),
        role: z.enum(ROLES),
        userId: z.string().optional(),
        name: z.string().optional(),
        email: z.string().optional(),
      }),
    },
  },
  async handle({ principal, ctx }) {
    if (principal.kind !== "admin") return { status: 200, body: {} };
    const user = principal.userId === undefined ? null : await ctx.models.StaffUser.findById(principal.userId).lean();
    return {
      status: 200,
      body: { actor: principal.actor, role: principal.role, ...(user ? { userId: user._id, name: user.name, email: user.email } : {}) },
    };
  },
});

export const signOutConsoleRoute = defineRoute({
  method: "delete",
  path: "/v1/console/session",
  operationId: "signOutConsole",
  summary: "Sign out of the admin console: the session ends and its cookie is cleared.",
  access: "admin",
  roles: ANY_STAFF,
  responses: { 204: { description: "Signed out" } },
  async handle({ ctx, raw }) {
    const value = typeof raw.headers.cookie === "string" ? readCookie(raw.headers.cookie, CONSOLE_COOKIE) : undefined;
    if (value !== undefined) await endBrowserSession(ctx, value);
    return { status: 204, body: undefined, headers: { "set-cookie": cookie(ctx, "", 0, CONSOLE_COOKIE) } };
  },
});
