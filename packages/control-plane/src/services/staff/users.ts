import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { insertOnce, type Role, type StaffToken, type StaffUser } from "../../models/index.js";
import { ROLE_INCLUDES } from "../../models/staff.js";
import { audit } from "../audit.js";
import { secretDigest } from "../portal/lookup.js";

/** A user as the API shows it: never the password hash. */
export type UserView = Omit<StaffUser, "passwordHash" | "_id"> & { id: string };
/** A token as the API shows it: never the secret's hash. */
export type TokenView = Omit<StaffToken, "secretHash" | "_id"> & { id: string };

export function userView({ passwordHash: _hidden, _id, ...user }: StaffUser): UserView {
  return { id: _id, ...user };
}
export function tokenView({ secretHash: _hidden, _id, ...token }: StaffToken): TokenView {
  return { id: _id, ...token };
}

/** Who is acting, with the role their credential carries now (a narrowed token's, not its user's). */
export interface StaffCaller {
  actor: string;
  role: Role;
}

/**
 * A credential never makes a credential, a session or a user with more than its own role: refused (403) before
 * anything is written, naming both roles.
 */
function mayGive(caller: StaffCaller, role: Role, what: string): Failure<"forbidden"> | undefined {
  if (ROLE_INCLUDES[caller.role].includes(role)) return undefined;
  return failure("forbidden", `A credential acting as ${caller.role} cannot ${what} with the role ${role}.`, {
    role: caller.role,
    requestedRole: role,
  });
}

/** A password's argon2id hash (the library's defaults: 19 MiB, 2 passes, as OWASP recommends). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function createUser(
  ctx: AppContext,
  caller: StaffCaller,
  input: { email: string; name: string; role: Role; password: string },
): Promise<Outcome<UserView, "forbidden" | "conflict">> {
  const refused = mayGive(caller, input.role, "create a user");
  if (refused !== undefined) return refused;
  const email = input.email.toLowerCase();
  const now = new Date();
  const user: StaffUser = {
    _id: newId("usr"),
    email,
    name: input.name,
    role: input.role,
    status: "active",
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  };
  // The email is taken first, by a unique insert: of two creations with one email, one wins.
  if (!(await insertOnce(ctx.models.StaffEmail, { _id: email, userId: user._id, at: now }))) {
    return failure("conflict", `A user with the email ${email} exists already.`);
  }
  await ctx.models.StaffUser.create(user);
  await audit(ctx, caller.actor, "user.create", user._id, { email, role: user.role });
  return ok(userView(user));
}

export async function getUser(ctx: AppContext, userId: string): Promise<Outcome<StaffUser, "not_found">> {
  const user = await ctx.models.StaffUser.findById(userId).lean();
  if (user === null) return failure("not_found", "No such user.");
  return ok(user);
}

/** Staff users, oldest first by (createdAt, id), a page at a time. */
export async function listUsers(ctx: AppContext, limit: number, cursor?: string): Promise<Page<UserView>> {
  const page = await ctx.cursors.paginate<StaffUser>(
    "users",
    "createdAt",
    limit,
    cursor,
    (after, sort, take) => ctx.models.StaffUser.find(after).sort(sort).limit(take).lean(),
    "oldest",
  );
  return { ...page, items: page.items.map(userView) };
}

/**
 * Change a user's name, role, status or password. The last active owner cannot be demoted or disabled (the
 * bootstrap tokens would be the only way back in). A changed password, role or status applies at the user's
 * next request: sessions and tokens are checked against the user each time.
 */
export async function updateUser(
  ctx: AppContext,
  caller: StaffCaller,
  userId: string,
  change: { name?: string | undefined; role?: Role | undefined; status?: "active" | "disabled" | undefined; password?: string | undefined },
): Promise<Outcome<UserView, "forbidden" | "not_found" | "conflict">> {
  if (change.role !== undefined) {
    const refused = mayGive(caller, change.role, "give a user");
    if (refused !== undefined) return refused;
  }
  const found = await getUser(ctx, userId);
  if (!found.ok) return found;
  const user = found.value;
  const { password, ...fields } = change;
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<StaffUser>;
  const next: StaffUser = {
    ...user,
    ...given,
    ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
    updatedAt: new Date(),
  };
  const wasOwner = user.role === "owner" && user.status === "active";
  const staysOwner = next.role === "owner" && next.status === "active";
  if (wasOwner && !staysOwner) {
    const owners = await ctx.models.StaffUser.find({ role: "owner", status: "active" }, { _id: 1 }).lean();
    if (owners.length <= 1) return failure("conflict", "This is the last active owner: make another user owner first.");
  }
  await ctx.models.StaffUser.replaceOne({ _id: userId }, next);
  await audit(ctx, caller.actor, "user.update", userId, { ...given, ...(password === undefined ? {} : { password: "changed" }) });
  return ok(userView(next));
}

/**
 * Create a token for a user, with a role both the user's and the caller's include: by default the user's, or
 * the caller's when it is narrower (a viewer token of an owner makes viewer tokens). The secret is returned once.
 */
export async function createToken(
  ctx: AppContext,
  caller: StaffCaller,
  user: StaffUser,
  input: { name: string; role?: Role | undefined; expiresAt?: Date | undefined },
): Promise<Outcome<{ token: TokenView; secret: string }, "forbidden" | "validation_failed">> {
  const role = input.role ?? (ROLE_INCLUDES[caller.role].includes(user.role) ? user.role : caller.role);
  const refused = mayGive(caller, role, "create a token");
  if (refused !== undefined) return refused;
  if (!ROLE_INCLUDES[user.role].includes(role)) {
    return failure("forbidden", `A token carries at most its user's role: ${user.role} does not include ${role}.`);
  }
  if (input.expiresAt !== undefined && input.expiresAt.getTime() <= Date.now()) {
    return failure("validation_failed", "expiresAt must be in the future.", {
      errors: [{ location: "body", pointer: "/expiresAt", message: "must be in the future" }],
    });
  }
  const id = newId("tok");
  const secret = `tgat_${id.slice(4)}_${randomBytes(32).toString("base64url")}`;
  const token: StaffToken = {
    _id: id,
    userId: user._id,
    name: input.name,
    role,
    secretHash: secretDigest(secret),
    ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
    createdAt: new Date(),
  };
  await ctx.models.StaffToken.create(token);
  await audit(ctx, caller.actor, "token.create", id, { userId: user._id, role, name: input.name });
  return ok({ token: tokenView(token), secret });
}

/** A user's tokens, oldest first by (createdAt, id), a page at a time. */
export async function listTokens(ctx: AppContext, userId: string, limit: number, cursor?: string): Promise<Page<TokenView>> {
  const page = await ctx.cursors.paginate<StaffToken>(
    `tokens:${userId}`,
    "createdAt",
    limit,
    cursor,
    (after, sort, take) =>
      ctx.models.StaffToken.find({ userId, ...after })
        .sort(sort)
        .limit(take)
        .lean(),
    "oldest",
  );
  return { ...page, items: page.items.map(tokenView) };
}

/** Revoke one of a user's tokens; revoking it again changes nothing. */
export async function revokeToken(
  ctx: AppContext,
  actor: string,
  userId: string,
  tokenId: string,
): Promise<Outcome<TokenView, "not_found">> {
  const token = await ctx.models.StaffToken.findById(tokenId).lean();
  if (token === null || token.userId !== userId) return failure("not_found", "No such token.");
  if (token.revokedAt !== undefined) return ok(tokenView(token));
  const revoked = { ...token, revokedAt: new Date() };
  await ctx.models.StaffToken.replaceOne({ _id: tokenId }, revoked);
  await audit(ctx, actor, "token.revoke", tokenId, { userId });
  return ok(tokenView(revoked));
}
