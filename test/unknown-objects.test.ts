import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { snapshot } from "./support/snapshot.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

/** Well-formed ids of nothing: they pass every path schema, so only the lookup can refuse them. */
const UNKNOWN: Record<string, string> = {
  accountId: "acct_ZZZZZZZZZZZZZZZZ",
  walletId: "wal_ZZZZZZZZZZZZZZZZ",
  planId: "plan_ZZZZZZZZZZZZZZZZ",
  userId: "usr_ZZZZZZZZZZZZZZZZ",
  tokenId: "tok_ZZZZZZZZZZZZZZZZ",
  invoiceId: "inv_ZZZZZZZZZZZZZZZZ",
  rechargeId: "rch_ZZZZZZZZZZZZZZZZ",
  anomalyId: "acct_ZZZZZZZZZZZZZZZZ:USD:2026-01-01T00",
  keyId: "key_ZZZZZZZZZZZZZZZZ",
  bundleId: "bun_ZZZZZZZZZZZZZZZZ",
  taxRateId: "txr_ZZZZZZZZZZZZZZZZ",
  exportId: "exp_ZZZZZZZZZZZZZZZZ",
  packId: "bpk_ZZZZZZZZZZZZZZZZ",
  lineId: "acct_YYYYYYYYYYYYYYYY",
  sessionId: "ses_ZZZZZZZZZZZZZZZZZZZZZZZZ",
};
/** Bodies that pass validation where the route has one, so that nothing but the unknown object can refuse them. */
const BODIES: Record<string, unknown> = {
  putNotificationSettings: { emails: ["ops@example.com"] },
  updateChargingSession: { request: 1, usedUnits: 0 },
  terminateChargingSession: { request: 1, usedUnits: 0 },
  updateTaxRate: { name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01" },
  setPlanTax: { inclusive: true },
  issueBundle: { productId: "default", units: 1, expiresAt: "2099-01-01T00:00:00Z" },
  buyBundlePack: { packId: "bpk_ZZZZZZZZZZZZZZZZ" },
  createLine: { name: "a line" },
  attachLine: { accountId: "acct_YYYYYYYYYYYYYYYY" },
  setLineLimit: { limit: 1_000 },
};

/**
 * An unknown object in a path is a 404, whatever the route, and a write that names one stores nothing: every
 * route of the table whose path names an object, called by an owner with well-formed ids of nothing. A route
 * added with a new kind of path parameter fails to mount until its lookup is declared (http/path-objects.ts).
 */
describe("unknown objects in paths", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    s = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const json = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", "idempotency-key": "unknown-object" };

  it("answers 404 naming the object, on every route, and changes nothing", async () => {
    const named = routes.filter((r) => Object.keys(UNKNOWN).some((name) => r.path.includes(`:${name}`)));
    expect(named.length).toBeGreaterThan(40);
    const before = await snapshot(stack);
    const wrong: string[] = [];
    for (const route of named) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === "period" ? "2026-01" : UNKNOWN[name]!));
      const method = route.method.toUpperCase();
      const body = BODIES[route.operationId] ?? {};
      const answer = await call(stack.controlPlaneUrl + path, {
        method,
        headers: json,
        ...(method === "GET" || method === "DELETE" ? {} : { body: JSON.stringify(body) }),
      });
      const problem = answer.headers["content-type"]?.toString().startsWith("application/problem+json") ? JSON.parse(answer.body) : {};
      if (answer.status !== 404 || problem.code !== "not_found" || !/^No /.test(problem.detail ?? ""))
        wrong.push(`${method} ${route.path}: ${answer.status} ${answer.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(stack)).toBe(before);
  });

  it("stores no notification settings for an account that does not exist, and lists nothing of it", async () => {
    const put = await call(`${stack.controlPlaneUrl}/v1/accounts/${UNKNOWN.accountId}/notification-settings`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ emails: ["ops@example.com"] }),
    });
    expect(put.status).toBe(404);
    expect(JSON.parse(put.body)).toMatchObject({ code: "not_found", detail: `No account ${UNKNOWN.accountId}.` });
    expect(await stack.ctx.models.NotificationSettings.countDocuments({ _id: UNKNOWN.accountId })).toBe(0);
    for (const list of ["usage", "transactions", "invoices", "keys", "recharges", "notifications", "grants", "fees"]) {
      const answer = await call(`${stack.controlPlaneUrl}/v1/accounts/${UNKNOWN.accountId}/${list}`, { headers: json });
      expect(answer.status, list).toBe(404);
    }
  });

  it("finds a key or an invoice only under its own account", async () => {
    const other = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
    // s's key, asked for under another account: as unknown there as a key that never was.
    const revoke = await call(`${stack.controlPlaneUrl}/v1/accounts/${other.accountId}/keys/${s.keyId}`, {
      method: "DELETE",
      headers: json,
    });
    expect(revoke.status).toBe(404);
    expect(JSON.parse(revoke.body).detail).toBe(`No API key ${s.keyId}.`);
    const mine = await call(`${stack.controlPlaneUrl}/v1/accounts/${s.accountId}/keys`, { headers: json });
    expect(JSON.parse(mine.body).items.map((k: { id: string; status: string }) => [k.id, k.status])).toEqual([[s.keyId, "active"]]);
  });
});
