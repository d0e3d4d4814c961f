import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffUser } from "@tollgate/sdk";
import { call, type Answer } from "./support/http.js";
import { startStack, type Stack } from "./support/stack.js";

type Role = "owner" | "admin" | "finance" | "support" | "viewer";
const ROLES: Role[] = ["owner", "admin", "finance", "support", "viewer"];
/** What each role may hand on (docs/api.md, "Staff and roles"): itself and the roles below it. */
const INCLUDES: Record<Role, Role[]> = {
  owner: ROLES,
  admin: ["admin", "finance", "support", "viewer"],
  finance: ["finance", "viewer"],
  support: ["support", "viewer"],
  viewer: ["viewer"],
};

/** A credential as a test presents it: a token's Bearer header, or a console session's cookie (with its origin, for writes). */
interface Credential {
  what: string;
  role: Role;
  headers: Record<string, string>;
}

/**
 * A narrower credential never makes a broader one: not a token (its own or a user's), not a console session,
 * not a user, not a role change. The check is against the calling credential's role, never its user's.
 */
describe("privileges: a credential gives at most its own role", () => {
  let stack: Stack;
  let owner: StaffUser;
  let admin: StaffUser;
  const credentials: Credential[] = [];

  const request = (path: string, headers: Record<string, string>, method = "GET", body?: unknown) =>
    call(`${stack.controlPlaneUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = (answer: Answer) => JSON.parse(answer.body) as Record<string, unknown>;
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const session = async (body: unknown): Promise<Record<string, string>> => {
    const answer = await request("/v1/console/session", {}, "POST", body);
    expect(answer.status).toBe(200);
    return { cookie: String(answer.headers["set-cookie"]).split(";")[0]!, origin: stack.controlPlaneUrl };
  };
  const tokenOf = async (userId: string, role: Role) => (await stack.admin.createUserToken(userId, { name: `as ${role}`, role })).secret;
  const expectRefused = (answer: Answer, role: Role, asked: Role) => {
    expect(answer.status).toBe(403);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    const detail = String(json(answer).detail);
    expect(detail).toContain(role);
    expect(detail).toContain(asked);
  };

  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    owner = await stack.admin.createUser({ email: "otto@example.com", name: "Otto", role: "owner", password: "otto's long password" });
    admin = await stack.admin.createUser({ email: "anna@example.com", name: "Anna", role: "admin", password: "anna's long password" });
    for (const role of ROLES.filter((r) => r !== "owner")) {
      // An owner's token narrowed to the role, and a console session that token opened.
      const secret = await tokenOf(owner.id, role);
      credentials.push({ what: `an owner's token narrowed to ${role}`, role, headers: bearer(secret) });
      credentials.push({ what: `a console session opened by an owner's ${role} token`, role, headers: await session({ token: secret }) });
    }
    credentials.push({ what: "an admin user's token", role: "admin", headers: bearer(await tokenOf(admin.id, "admin")) });
    credentials.push({
      what: "an admin user's token narrowed to support",
      role: "support",
      headers: bearer(await tokenOf(admin.id, "support")),
    });
    credentials.push({
      what: "an admin user's password session",
      role: "admin",
      headers: await session({ email: "anna@example.com", password: "anna's long password" }),
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("acts with the narrowed role, not the user's, whether by token or by the console session it opened", async () => {
    for (const c of credentials) {
      const who = await request("/v1/console/session", c.headers);
      expect(json(who).role, c.what).toBe(c.role);
    }
  });

  it("refuses a token broader than the calling credential (/v1/tokens), naming both roles, and creates nothing", async () => {
    for (const c of credentials) {
      const before = (await stack.admin.listUserTokens(owner.id)).items.length + (await stack.admin.listUserTokens(admin.id)).items.length;
      for (const asked of ROLES.filter((r) => !INCLUDES[c.role].includes(r))) {
        expectRefused(await request("/v1/tokens", c.headers, "POST", { name: "broader", role: asked }), c.role, asked);
        // The refused token does not exist: it reads nothing and never reaches the audit trail.
      }
      const after = (await stack.admin.listUserTokens(owner.id)).items.length + (await stack.admin.listUserTokens(admin.id)).items.length;
      expect(after, c.what).toBe(before);
    }
    expect(
      (await stack.admin.listAudit({ action: "token.create" })).items.every((r) => (r.data as { name: string }).name !== "broader"),
    ).toBe(true);
  });

  it("gives a token made without a role the calling credential's role, and one it includes when asked", async () => {
    for (const c of credentials) {
      const made = await request("/v1/tokens", c.headers, "POST", { name: "default role" });
      expect(made.status, c.what).toBe(201);
      const { token, secret } = json(made) as { token: { role: Role }; secret: string };
      expect(token.role, c.what).toBe(c.role);
      expect(json(await request("/v1/console/session", bearer(secret))).role, c.what).toBe(c.role);
      // What the minted token may do is what its maker may: the audit trail only for owner, admin and finance.
      expect((await request("/v1/audit", bearer(secret))).status, c.what).toBe(["admin", "finance"].includes(c.role) ? 200 : 403);
      for (const asked of INCLUDES[c.role]) {
        const narrower = await request("/v1/tokens", c.headers, "POST", { name: `as ${asked}`, role: asked });
        expect(narrower.status, `${c.what} asking ${asked}`).toBe(201);
        expect((json(narrower).token as { role: Role }).role).toBe(asked);
      }
    }
  });

  it("refuses a narrower credential users, role changes and other users' tokens, changing nothing", async () => {
    const users = (await stack.admin.listUsers()).items;
    for (const c of credentials) {
      for (const asked of ROLES) {
        const created = await request("/v1/users", c.headers, "POST", {
          email: `new-${asked}@example.com`,
          name: "New",
          role: asked,
          password: "a long enough password",
        });
        expect(created.status, `${c.what} creating a ${asked}`).toBe(403);
        expect(created.headers["content-type"]).toContain("application/problem+json");
        const promoted = await request(`/v1/users/${admin.id}`, c.headers, "PUT", { role: asked });
        expect(promoted.status, `${c.what} making Anna ${asked}`).toBe(403);
        const minted = await request(`/v1/users/${admin.id}/tokens`, c.headers, "POST", { name: "for Anna", role: asked });
        expect(minted.status, `${c.what} making Anna a ${asked} token`).toBe(403);
      }
    }
    expect((await stack.admin.listUsers()).items).toEqual(users);
    expect((await stack.admin.listUserTokens(admin.id)).items.some((t) => t.name === "for Anna")).toBe(false);
  });

  it("lets an owner credential give any role, and a user's token at most that user's role", async () => {
    const ownerToken = bearer(await tokenOf(owner.id, "owner"));
    const ownerSession = await session({ token: ownerToken.authorization.slice("Bearer ".length) });
    for (const headers of [ownerToken, ownerSession]) {
      const mine = await request("/v1/tokens", headers, "POST", { name: "full" });
      expect((json(mine).token as { role: Role }).role).toBe("owner");
      // For Anna (admin): her role by default; never more than hers.
      const hers = await request(`/v1/users/${admin.id}/tokens`, headers, "POST", { name: "for Anna" });
      expect((json(hers).token as { role: Role }).role).toBe("admin");
      expectRefused(await request(`/v1/users/${admin.id}/tokens`, headers, "POST", { name: "too much", role: "owner" }), "admin", "owner");
    }
    const made = await request("/v1/users", ownerSession, "POST", {
      email: "second-owner@example.com",
      name: "Second",
      role: "owner",
      password: "a long enough password",
    });
    expect(made.status).toBe(201);
  });
});
