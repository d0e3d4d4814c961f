import { timingSafeEqual } from "node:crypto";
import { verify } from "@node-rs/argon2";
import type { Models, StaffToken, StaffUser } from "../../models/index.js";
import { ROLE_INCLUDES, type Role } from "../../models/staff.js";
import { secretDigest } from "../portal/lookup.js";

/*
 * Who a staff credential is, from the models alone: what the authenticator needs on every request (it is
 * built before any AppContext, so nothing here depends on one).
 */

/** Who a staff actor is now: its role, or undefined when its user, token or session no longer admits it. */
export interface StaffIdentity {
  actor: string;
  role: Role;
  userId?: string;
}

/** The user an email and password name, or undefined (the same answer for an unknown email and a wrong password). */
export async function checkPassword(models: Models, email: string, password: string): Promise<StaffUser | undefined> {
  const taken = await models.StaffEmail.findById(email.toLowerCase()).lean();
  const user = taken === null ? null : await models.StaffUser.findById(taken.userId).lean();
  // An unknown email costs a hash all the same, so that timing does not tell which emails exist.
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password);
  return ok && user !== null && user.status === "active" ? user : undefined;
}
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$/mTsUDoXRay69Bw9We66wA$2lwH4Lxn/GfUymh2hBMvlXCsGuSV1AdYN7fDmmANqJY";

const TOKEN_SECRET = /^tgat_([A-Za-z0-9_-]{16})_([A-Za-z0-9_-]{43})$/;

export function isStaffTokenSecret(credential: string): boolean {
  return credential.startsWith("tgat_");
}

/** The identity a token secret gives: the token's role, while the token is live and its user's role includes it. */
export async function tokenIdentity(models: Models, secret: string): Promise<StaffIdentity | undefined> {
  const match = TOKEN_SECRET.exec(secret);
  if (match === null) return undefined;
  const token = await models.StaffToken.findById(`tok_${match[1]}`).lean();
  if (token === null || !sameDigest(token.secretHash, secretDigest(secret))) return undefined;
  return standing(models, token);
}

/** What a token may do now: nothing once revoked or expired, or once its user is gone or no longer holds its role. */
async function standing(models: Models, token: StaffToken): Promise<StaffIdentity | undefined> {
  if (token.revokedAt !== undefined || (token.expiresAt !== undefined && token.expiresAt.getTime() <= Date.now())) return undefined;
  const user = await liveUser(models, token.userId);
  if (user === undefined || !ROLE_INCLUDES[user.role].includes(token.role)) return undefined;
  return { actor: `token:${token._id}`, role: token.role, userId: user._id };
}

/** A user who may act: present and active. */
async function liveUser(models: Models, userId: string): Promise<StaffUser | undefined> {
  const user = await models.StaffUser.findById(userId).lean();
  return user !== null && user.status === "active" ? user : undefined;
}

/**
 * Who a console session's actor is now: a bootstrap token (`admin:…`) is an owner; a user (`user:…`) and a
 * token (`token:…`) are looked up again, so a disabled user, a changed role or a revoked token takes effect
 * on the session's next request.
 */
export async function actorIdentity(models: Models, actor: string): Promise<StaffIdentity | undefined> {
  if (actor.startsWith("admin:")) return { actor, role: "owner" };
  if (actor.startsWith("user:")) {
    const user = await liveUser(models, actor.slice("user:".length));
    return user === undefined ? undefined : { actor, role: user.role, userId: user._id };
  }
  if (actor.startsWith("token:")) {
    const token = await models.StaffToken.findById(actor.slice("token:".length)).lean();
    return token === null ? undefined : standing(models, token);
  }
  return undefined;
}

function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
