import { Schema } from "mongoose";

/**
 * The provider's staff: who may do what in the control plane (docs/api.md, "Staff and roles").
 * - `owner`: everything, and manages users;
 * - `admin`: catalog, accounts, keys, money movements;
 * - `finance`: reports, invoices, credits and adjustments, refunds, and reading everything;
 * - `support`: reading accounts, usage, ledger and invoices; suspending and resuming; no money movement;
 * - `viewer`: reading only.
 */
export const ROLES = ["owner", "admin", "finance", "support", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The roles whose rights a role holds (itself included): a token may carry any of its user's. */
export const ROLE_INCLUDES: Record<Role, readonly Role[]> = {
  owner: ROLES,
  admin: ["admin", "finance", "support", "viewer"],
  finance: ["finance", "viewer"],
  support: ["support", "viewer"],
  viewer: ["viewer"],
};

export interface StaffUser {
  _id: string;
  /** Lower-case; unique (taken by a `StaffEmail` insert before the user is written). */
  email: string;
  name: string;
  role: Role;
  status: "active" | "disabled";
  /** An argon2id hash in PHC form (salt and parameters included). */
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export const staffUserSchema = new Schema<StaffUser>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    status: { type: String, required: true, enum: ["active", "disabled"] },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/** One email, taken for one user (`_id` = the lower-case email): a unique insert, so two users never share one. */
export interface StaffEmail {
  _id: string;
  userId: string;
  at: Date;
}

export const staffEmailSchema = new Schema<StaffEmail>(
  { _id: { type: String, required: true }, userId: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false, strict: "throw" },
);

/**
 * A user's API token for automation. The secret (`tgat_<id>_<random>`) is shown once; only its SHA-256 is
 * kept (it is random enough that a slow hash adds nothing), and the id inside it finds the token by `_id`.
 * It acts with `role`, which its user's role must still include when it is used.
 */
export interface StaffToken {
  _id: string;
  userId: string;
  name: string;
  role: Role;
  secretHash: string;
  expiresAt?: Date;
  revokedAt?: Date;
  createdAt: Date;
}

export const staffTokenSchema = new Schema<StaffToken>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    secretHash: { type: String, required: true },
    expiresAt: { type: Date },
    revokedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
