import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";
import { walkPages } from "./support/walk.js";

describe("accounts for the provider's staff: search, suspend and resume", () => {
  let stack: Stack;
  let s: Seeded;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.controlPlaneUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    });
  const list = async (query: string) =>
    (await (await api(`/v1/accounts?${query}`)).json()) as {
      items: { id: string; name: string; status: string; wallets: unknown[] }[];
      nextCursor?: string;
    };

  beforeAll(async () => {
    stack = await startStack();
    s = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
    for (const name of ["Acme Robotics", "acme labs", "Globex"]) await stack.admin.createAccount({ name, planId: s.planId });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("finds accounts by a part of the name in any case or by the start of the id, newest first, page by page", async () => {
    expect((await list("query=ACME")).items.map((a) => a.name)).toEqual(["acme labs", "Acme Robotics"]);
    expect((await list(`query=${s.accountId.slice(0, 10)}`)).items.map((a) => a.id)).toContain(s.accountId);
    expect((await list("query=.*")).items).toEqual([]); // the query is text, not a pattern
    const first = await list("limit=2");
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.wallets).toHaveLength(1);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(new Set([...first.items, ...second.items].map((a) => a.id)).size).toBe(4);
    expect((await api("/v1/accounts?limit=2&cursor=forged")).status).toBe(400);
  });

  it("pages an account's keys oldest first and the plans newest first, the whole list by default", async () => {
    for (const name of ["k1", "k2", "k3", "k4", "k5"]) await stack.admin.createApiKey(s.accountId, { name });
    const keys = await stack.admin.listApiKeys(s.accountId);
    expect(keys.nextCursor).toBeUndefined();
    expect(keys.items.length).toBeGreaterThanOrEqual(6); // the seeded key and five more
    const keyPages = await walkPages((cursor) => stack.admin.listApiKeys(s.accountId, { limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(keyPages.every((p) => p.length <= 2)).toBe(true);
    // No overlap, no gap: the pages, end to end, are the whole list in its order.
    expect(keyPages.flat().map((k) => k.id)).toEqual(keys.items.map((k) => k.id));
    expect(keys.items.map((k) => k.name).slice(-5)).toEqual(["k1", "k2", "k3", "k4", "k5"]);

    for (const name of ["p1", "p2", "p3"]) await stack.admin.createPlan({ name, currency: "USD", pricePerCall: 1_000 });
    const plans = await stack.admin.listPlans();
    expect(plans.nextCursor).toBeUndefined();
    expect(plans.items.slice(0, 3).map((p) => p.name)).toEqual(["p3", "p2", "p1"]);
    const planPages = await walkPages((cursor) => stack.admin.listPlans({ limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(planPages.length).toBeGreaterThan(1);
    expect(planPages.flat().map((p) => p.id)).toEqual(plans.items.map((p) => p.id));

    // A cursor is good for its own list only.
    const first = await stack.admin.listPlans({ limit: 1 });
    await expect(stack.admin.listApiKeys(s.accountId, { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });

  it("a suspended account's calls are refused until it is resumed, each with a reason, audited", async () => {
    const get = () => call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    expect((await get()).status).toBe(200);
    expect((await api(`/v1/accounts/${s.accountId}/suspend`, { method: "POST", body: "{}" })).status).toBe(400);
    const suspended = await api(`/v1/accounts/${s.accountId}/suspend`, { method: "POST", body: JSON.stringify({ reason: "chargeback" }) });
    expect(((await suspended.json()) as { status: string }).status).toBe("suspended");
    const refused = await get();
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).code).toBe("account_inactive");
    expect((await list("status=suspended")).items.map((a) => a.id)).toEqual([s.accountId]);
    await api(`/v1/accounts/${s.accountId}/resume`, { method: "POST", body: JSON.stringify({ reason: "paid" }) });
    expect((await get()).status).toBe(200);
    const audits = await stack.ctx.models.AuditRecord.find({ action: { $in: ["account.suspend", "account.resume"] } }).lean();
    expect(audits.map((a) => [a.action, a.data.reason])).toEqual([
      ["account.suspend", "chargeback"],
      ["account.resume", "paid"],
    ]);
  });
});
