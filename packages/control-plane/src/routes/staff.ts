import { z } from "zod";
import type { Principal } from "../domain/principal.js";
import { ProblemError } from "../domain/problem-error.js";
import { ANY_STAFF, AUDITORS, OWNERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { id, name, pageBody, pageQuery, pageQueryOf, timestamp } from "../http/schemas.js";
import { ROLES } from "../models/index.js";
import { listAudit } from "../services/audit.js";
import {
  createToken,
  createUser,
  getUser,
  listTokens,
  listUsers,
  revokeToken,
  updateUser,
  userView,
  type StaffCaller,
} from "../services/staff/users.js";

const role = z.enum(ROLES);
/** 12 characters at least (NIST SP 800-63B asks for 8; a console that moves money asks for more), 256 at most. */
const password = z.string().min(12, "at least 12 characters").max(256);

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  status: z.enum(["active", "disabled"]),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  role,
  expiresAt: z.date().optional(),
  revokedAt: z.date().optional(),
  createdAt: z.date(),
});
const userParams = z.strictObject({ userId: id });
const tokenParams = z.strictObject({ userId: id, tokenId: id });
const tokenBody = z.strictObject({ name, role: role.optional(), expiresAt: timestamp.optional() });

export const createUserRoute = defineRoute({
  method: "post",
  path: "/v1/users",
  operationId: "createUser",
  summary:
    "Create a staff user (owners only; the first owner is created with a bootstrap admin token). The email is unique, in any case; the password is kept as an argon2id hash.",
  access: "admin",
  roles: OWNERS,
  body: z.strictObject({ email: z.string().email().max(254), name, role, password }),
  responses: { 201: { description: "The user", schema: userSchema }, 409: { description: "The email is taken" } },
  problems: ["forbidden", "conflict"],
  async handle({ body, principal, ctx }) {
    const created = await createUser(ctx, caller(principal), body);
    return created.ok ? { status: 201, body: created.value } : created;
  },
});

export const listUsersRoute = defineRoute({
  method: "get",
  path: "/v1/users",
  operationId: "listUsers",
  summary: "Staff users, oldest first, cursor-paginated (1,000 a page unless `limit` says).",
  access: "admin",
  roles: OWNERS,
  // 1,000 a page by default: every user, as the list answered before it had pages.
  query: pageQueryOf(1_000),
  responses: {
    200: { description: "A page of users", schema: z.object({ items: z.array(userSchema), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    return { status: 200, body: pageBody(await listUsers(ctx, query.limit, query.cursor), (user) => user) };
  },
});

export const getUserRoute = defineRoute({
  method: "get",
  path: "/v1/users/:userId",
  operationId: "getUser",
  summary: "One staff user.",
  access: "admin",
  roles: OWNERS,
  params: userParams,
  responses: { 200: { description: "The user", schema: userSchema } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const user = await getUser(ctx, params.userId);
    return user.ok ? { status: 200, body: userView(user.value) } : user;
  },
});

export const updateUserRoute = defineRoute({
  method: "put",
  path: "/v1/users/:userId",
  operationId: "updateUser",
  summary:
    "Change a user's name, role, status (`disabled` signs them out everywhere: sessions and tokens are checked on each request) or password. The last active owner cannot be demoted or disabled.",
  access: "admin",
  roles: OWNERS,
  params: userParams,
  body: z
    .strictObject({
      name: name.optional(),
      role: role.optional(),
      status: z.enum(["active", "disabled"]).optional(),
      password: password.optional(),
    })
    .refine((b) => Object.keys(b).length > 0, { message: "name, role, status or password" }),
  responses: { 200: { description: "The user", schema: userSchema }, 409: { description: "The last active owner" } },
  problems: ["forbidden", "not_found", "conflict"],
  async handle({ params, body, principal, ctx }) {
    const updated = await updateUser(ctx, caller(principal), params.userId, body);
    return updated.ok ? { status: 200, body: updated.value } : updated;
  },
});

export const listUserTokensRoute = defineRoute({
  method: "get",
  path: "/v1/users/:userId/tokens",
  operationId: "listUserTokens",
  summary: "A user's API tokens (never their secrets), oldest first, cursor-paginated (1,000 a page unless `limit` says).",
  access: "admin",
  roles: OWNERS,
  params: userParams,
  query: pageQueryOf(1_000),
  responses: {
    200: { description: "A page of tokens", schema: z.object({ items: z.array(tokenSchema), nextCursor: z.string().optional() }) },
  },
  problems: ["not_found"],
  async handle({ params, query, ctx }) {
    const user = await getUser(ctx, params.userId);
    if (!user.ok) return user;
    return { status: 200, body: pageBody(await listTokens(ctx, params.userId, query.limit, query.cursor), (token) => token) };
  },
});

export const createUserTokenRoute = defineRoute({
  method: "post",
  path: "/v1/users/:userId/tokens",
  operationId: "createUserToken",
  summary:
    "Create an API token for a user, with the user's role or a narrower one, never broader than the calling credential's (403 naming both roles); the secret is in this answer only.",
  access: "admin",
  roles: OWNERS,
  params: userParams,
  body: tokenBody,
  responses: { 201: { description: "The token and its secret", schema: z.object({ token: tokenSchema, secret: z.string() }) } },
  problems: ["not_found", "forbidden", "validation_failed"],
  async handle({ params, body, principal, ctx }) {
    const user = await getUser(ctx, params.userId);
    if (!user.ok) return user;
    const created = await createToken(ctx, caller(principal), user.value, tokenInput(body));
    return created.ok ? { status: 201, body: created.value, headers: { "cache-control": "no-store" } } : created;
  },
});

export const revokeUserTokenRoute = defineRoute({
  method: "delete",
  path: "/v1/users/:userId/tokens/:tokenId",
  operationId: "revokeUserToken",
  summary: "Revoke a user's token: it stops working at once. Revoking it again changes nothing.",
  access: "admin",
  roles: OWNERS,
  params: tokenParams,
  responses: { 200: { description: "The revoked token", schema: tokenSchema } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const revoked = await revokeToken(ctx, principal.actor, params.userId, params.tokenId);
    return revoked.ok ? { status: 200, body: revoked.value } : revoked;
  },
});

/** Who acts, with the role of the credential they act with: what they may give is bounded by it. */
function caller(principal: Principal): StaffCaller {
  if (principal.kind !== "admin") throw new ProblemError("forbidden", "Staff credentials only.");
  return { actor: principal.actor, role: principal.role };
}

/** The signed-in user (a session or a token of theirs); a bootstrap token has none. */
function ownUserId(principal: Principal): string {
  if (principal.kind !== "admin" || principal.userId === undefined) {
    throw new ProblemError("forbidden", "Bootstrap admin tokens belong to no user: sign in as a user to manage your own tokens.");
  }
  return principal.userId;
}

function tokenInput(body: z.infer<typeof tokenBody>) {
  return { name: body.name, role: body.role, expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt) };
}

export const listMyTokensRoute = defineRoute({
  method: "get",
  path: "/v1/tokens",
  operationId: "listMyTokens",
  summary: "The signed-in user's own API tokens, oldest first, cursor-paginated (1,000 a page unless `limit` says).",
  access: "admin",
  roles: ANY_STAFF,
  query: pageQueryOf(1_000),
  responses: {
    200: { description: "A page of tokens", schema: z.object({ items: z.array(tokenSchema), nextCursor: z.string().optional() }) },
  },
  async handle({ query, principal, ctx }) {
    return { status: 200, body: pageBody(await listTokens(ctx, ownUserId(principal), query.limit, query.cursor), (token) => token) };
  },
});

export const createMyTokenRoute = defineRoute({
  method: "post",
  path: "/v1/tokens",
  operationId: "createMyToken",
  summary:
    "Create an API token for automation, for the signed-in user: named, with an optional expiry, carrying the role of the credential that creates it (by default) or a narrower one, never a broader one, whatever the user's role (403 naming both roles). The secret is in this answer only; only its hash is kept.",
  access: "admin",
  roles: ANY_STAFF,
  body: tokenBody,
  responses: { 201: { description: "The token and its secret", schema: z.object({ token: tokenSchema, secret: z.string() }) } },
  problems: ["not_found", "forbidden", "validation_failed"],
  async handle({ body, principal, ctx }) {
    const user = await getUser(ctx, ownUserId(principal));
    if (!user.ok) return user;
    const created = await createToken(ctx, caller(principal), user.value, tokenInput(body));
    return created.ok ? { status: 201, body: created.value, headers: { "cache-control": "no-store" } } : created;
  },
});

export const revokeMyTokenRoute = defineRoute({
  method: "delete",
  path: "/v1/tokens/:tokenId",
  operationId: "revokeMyToken",
  summary: "Revoke one of the signed-in user's tokens.",
  access: "admin",
  roles: ANY_STAFF,
  params: z.strictObject({ tokenId: id }),
  responses: { 200: { description: "The revoked token", schema: tokenSchema } },
  problems: ["not_found"],
  async handle({ params, principal, ctx }) {
    const revoked = await revokeToken(ctx, principal.actor, ownUserId(principal), params.tokenId);
    return revoked.ok ? { status: 200, body: revoked.value } : revoked;
  },
});

const auditSchema = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.date(),
});

export const listAuditRoute = defineRoute({
  method: "get",
  path: "/v1/audit",
  operationId: "listAudit",
  summary:
    "The audit trail, newest first: every admin change, money movement and sign-in, with who did it (`user:…`, `token:…`, `admin:…` for a bootstrap token, `key:…`, `portal:…`, `system:…`). Filters: `actor`, `target` (an account, a wallet, a user…), `action`, and `from`/`to`. Records are never changed or deleted through the API.",
  access: "admin",
  roles: AUDITORS,
  query: z.strictObject({
    actor: z.string().min(1).max(200).optional(),
    target: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    limit: pageQuery.shape.limit,
    cursor: pageQuery.shape.cursor,
  }),
  responses: {
    200: { description: "A page of audit records", schema: z.object({ items: z.array(auditSchema), nextCursor: z.string().optional() }) },
  },
  async handle({ query, ctx }) {
    const page = await listAudit(ctx, {
      ...query,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    });
    return {
      status: 200,
      body: {
        items: page.items.map(({ _id, ...record }) => ({ id: _id, ...record })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  },
});
