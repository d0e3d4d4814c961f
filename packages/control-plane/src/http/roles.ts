import { ROLES, type Role } from "../models/index.js";

/**
 * Which staff roles a route admits, named once: every route declares one of these in its spec (`roles`),
 * the OpenAPI document lists them, and `test/roles.test.ts` walks every route × role.
 */
/** Reading anything: every role. */
export const ANY_STAFF: readonly Role[] = ROLES;
/** The catalog, accounts, keys and operations. */
export const MANAGERS: readonly Role[] = ["owner", "admin"];
/** Money movements: credits, adjustments, grants, vouchers, recharges, refunds, invoices. */
export const MONEY: readonly Role[] = ["owner", "admin", "finance"];
/** Suspending and resuming accounts, clearing an anomaly's mitigation. */
export const SUPPORT: readonly Role[] = ["owner", "admin", "support"];
/** Users and their tokens. */
export const OWNERS: readonly Role[] = ["owner"];
/** Routes for API keys and portal sessions, and public ones: no staff role applies. */
export const NO_STAFF: readonly Role[] = [];
/** Reading the audit trail. */
export const AUDITORS: readonly Role[] = ["owner", "admin", "finance"];
