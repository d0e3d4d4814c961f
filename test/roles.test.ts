import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@tollgate/control-plane";
import type { Role } from "@tollgate/sdk";
import { call } from "./support/http.js";
import { startStack, type Stack } from "./support/stack.js";

const ROLES: Role[] = ["owner", "admin", "finance", "support", "viewer"];

/**
 * Every route of the control plane × every staff role, generated from the route table itself: a route added
 * without deciding who may call it fails to mount (its spec must name its roles), and its decision is checked
 * here by a real call with a real token of each role. An admitted call may still be refused for its input
 * (400, 404, 409…), never for its credential; a refused one is a 403 problem that names the role.
 */
describe("staff roles × the route table", () => {
  let stack: Stack;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    for (const role of ROLES) {
      const user = await stack.admin.createUser({
        email: `${role}@roles.example`,
        name: `The ${role}`,
        role,
        password: `a long password for ${role}`,
      });
      tokens.set(role, (await stack.admin.createUserToken(user.id, { name: "table walk" })).secret);
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("admits exactly the roles each route names, and refuses the others with a 403 that says why", async () => {
    const staffRoutes = routes.filter((r) => r.access !== "public");
    expect(staffRoutes.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const route of staffRoutes) {
      // Any well-formed ids: admitted calls then fail on input or existence, and change nothing.
      const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
        name === "period" ? "2026-01" : `${name.slice(0, 3)}_AAAAAAAAAAAAAAAA`,
      );
      const method = route.method.toUpperCase();
      for (const role of ROLES) {
        const answer = await call(stack.controlPlaneUrl + path, {
          method,
          headers: {
            authorization: `Bearer ${tokens.get(role)!}`,
            ...(method === "GET" || method === "DELETE" ? {} : { "content-type": "application/json" }),
          },
          ...(method === "GET" || method === "DELETE" ? {} : { body: "{}" }),
        });
        const admitted = route.roles.includes(role);
        const refused = answer.status === 403 && /"code":"forbidden"/.test(answer.body);
        if (answer.status === 401 || admitted === refused)
          wrong.push(`${role} ${method} ${route.path}: ${answer.status} ${answer.body.slice(0, 120)}`);
        if (refused && route.roles.length > 0) expect(answer.body).toContain(`The role ${role} may not`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets viewers only read, and support change nothing but an account's status (the role table in docs/api.md)", () => {
    const changes = (role: Role) =>
      routes
        .filter((r) => r.method !== "get" && r.roles.includes(role))
        .map((r) => r.operationId)
        .sort();
    const ownSession = ["createMyToken", "revokeMyToken", "signOutConsole"];
    expect(changes("viewer")).toEqual(ownSession);
    expect(changes("support")).toEqual([...ownSession, "clearAnomaly", "resumeAccount", "suspendAccount"].sort());
    // Users and their tokens are the owner's alone.
    for (const route of routes.filter((r) => r.path.startsWith("/v1/users"))) expect(route.roles).toEqual(["owner"]);
    // Finance moves money but does not change the catalog, accounts or keys.
    for (const op of ["createPlan", "replacePlanCatalog", "createAccount", "createApiKey", "revokeApiKey", "suspendAccount"]) {
      expect(routes.find((r) => r.operationId === op)!.roles, op).not.toContain("finance");
    }
    for (const op of ["creditWallet", "adjustWallet", "refundRecharge", "issueCreditNote", "payInvoice", "voidInvoice", "issueGrant"]) {
      expect(routes.find((r) => r.operationId === op)!.roles, op).toEqual(["owner", "admin", "finance"]);
    }
  });

  it("lists each operation's roles in the OpenAPI document", async () => {
    const doc = JSON.parse((await call(`${stack.controlPlaneUrl}/openapi.json`)).body) as {
      paths: Record<string, Record<string, { operationId: string; "x-roles"?: string[] }>>;
    };
    const documented = new Map<string, string[] | undefined>();
    for (const operations of Object.values(doc.paths))
      for (const op of Object.values(operations)) documented.set(op.operationId, op["x-roles"]);
    for (const route of routes) expect(documented.get(route.operationId) ?? [], route.operationId).toEqual([...route.roles]);
  });
});
