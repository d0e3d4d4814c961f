import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

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
