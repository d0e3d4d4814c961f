import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogInput } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";

const CATALOG: CatalogInput = {
  products: [
    {
      id: "seconds",
      method: "POST",
      path: "/v1/call",
      price: { metric: "units", unitsHeader: "x-units", unitPrice: 1_000, maximum: 1_000_000_000 },
    },
  ],
  unmatched: { action: "refuse" },
};

/**
 * Staff charging a customer through the charging API (charges, usage events, sessions) is a money movement:
 * each is audited with its actor, once however often it is replayed, and its usage events name the actor.
 */
describe("staff charges: audited and named on their usage events", () => {
  let stack: Stack;
  let actor: string;
  let staff: Record<string, string>;
  beforeAll(async () => {
    stack = await startStack();
    const user = await stack.admin.createUser({ email: "cara@example.com", name: "Cara", role: "admin", password: "cara's long password" });
    const { secret, token } = await stack.admin.createUserToken(user.id, { name: "billing job" });
    actor = `token:${token.id}`;
    staff = { authorization: `Bearer ${secret}` };
  });
  afterAll(async () => {
    await stack?.close();
  });

  const post = (path: string, credential: Record<string, string>, body: unknown, idempotencyKey?: string) => {
    const r = request(stack.controlPlaneUrl).post(path).set(credential);
    if (idempotencyKey !== undefined) r.set("idempotency-key", idempotencyKey);
    return r.send(body as object);
  };
  const trail = async (action: string, target: string) =>
    (await stack.admin.listAudit({ actor, action, target })).items.map((r) => ({ actor: r.actor, target: r.target, ...r.data }));
  /** The account's usage events as the API shows them, once `n` are ingested. */
  const usage = async (s: Seeded, n: number) => {
    await usageIngested(stack, n, s.accountId);
    const page = await request(stack.controlPlaneUrl)
      .get(`/v1/accounts/${s.accountId}/usage`)
      .set({ authorization: `Bearer ${ADMIN_TOKEN}` });
    return page.body.items as { id: string; keyId: string; amount: number; actor?: string }[];
  };

  it("audits a direct charge once (a replay writes nothing more), and its usage event names the actor", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 1_000_000);
    const body = { accountId: s.accountId, productId: "seconds", units: 5 };
    const first = await post("/v1/charges", staff, body, "staff-charge-1");
    expect(first.status).toBe(201);
    const again = await post("/v1/charges", staff, body, "staff-charge-1");
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(await trail("charge.create", s.accountId)).toEqual([
      expect.objectContaining({ actor, target: s.accountId, eventId: first.body.id, productId: "seconds", units: 5, amount: 5_000 }),
    ]);
    // An API key's own charge is usage, not an admin change: no record, and its event names its key.
    const own = await post("/v1/charges", { authorization: `Bearer ${s.key}` }, { productId: "seconds", units: 1 }, "own-1");
    expect(own.status).toBe(201);
    expect((await stack.admin.listAudit({ actor: `key:${s.keyId}` })).items).toEqual([]);

    const events = await usage(s, 2);
    expect(events.find((e) => e.id === first.body.id)).toMatchObject({ keyId: "-", amount: 5_000, actor });
    expect(events.find((e) => e.id === own.body.id)).not.toHaveProperty("actor");
  });

  it("audits each reported usage event once (duplicates write nothing), and each event names the actor", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 1_000_000);
    const at = new Date(Date.now() - 60_000).toISOString();
    const events = [
      { id: "cdr-1", timestamp: at, accountId: s.accountId, productId: "seconds", units: 7 },
      { id: "cdr-2", timestamp: at, accountId: s.accountId, productId: "seconds", units: 3 },
    ];
    const first = await post("/v1/usage-events", staff, { events });
    expect(first.body).toMatchObject({ accepted: 2 });
    expect((await post("/v1/usage-events", staff, { events })).body).toMatchObject({ duplicates: 2 });
    const eventIds = (first.body.results as { eventId: string }[]).map((r) => r.eventId);
    const records = await trail("usage_event.create", s.accountId);
    expect(records).toHaveLength(2);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor, target: s.accountId, eventId: eventIds[0], id: "cdr-1", units: 7, amount: 7_000 }),
        expect.objectContaining({ actor, target: s.accountId, eventId: eventIds[1], id: "cdr-2", units: 3, amount: 3_000 }),
      ]),
    );
    const stored = await usage(s, 2);
    for (const id of eventIds) expect(stored.find((e) => e.id === id)).toMatchObject({ keyId: "-", actor });
  });

  it("audits a session's opening, update and termination once each, and its usage events name the actor", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 1_000_000);
    const opening = { accountId: s.accountId, productId: "seconds", requestedUnits: 30 };
    const opened = await post("/v1/charging-sessions", staff, opening, "staff-session-1");
    expect(opened.status).toBe(201);
    expect((await post("/v1/charging-sessions", staff, opening, "staff-session-1")).headers["idempotent-replayed"]).toBe("true");
    const id = opened.body.id as string;
    const update = { request: 1, usedUnits: 10, requestedUnits: 30 };
    expect((await post(`/v1/charging-sessions/${id}/updates`, staff, update)).status).toBe(200);
    expect((await post(`/v1/charging-sessions/${id}/updates`, staff, update)).headers["idempotent-replayed"]).toBe("true");
    expect((await post(`/v1/charging-sessions/${id}/terminate`, staff, { request: 2, usedUnits: 25 })).body).toMatchObject({
      status: "closed",
      amount: 25_000,
    });

    expect(await trail("session.open", s.accountId)).toEqual([
      expect.objectContaining({ actor, target: s.accountId, sessionId: id, grantedUnits: 30, held: 30_000 }),
    ]);
    expect(await trail("session.update", s.accountId)).toEqual([
      expect.objectContaining({ sessionId: id, request: 1, usedUnits: 10, amount: 10_000 }),
    ]);
    expect(await trail("session.terminate", s.accountId)).toEqual([
      expect.objectContaining({ sessionId: id, request: 2, usedUnits: 25, amount: 15_000 }),
    ]);
    const stored = await usage(s, 2);
    expect(stored.map((e) => [e.keyId, e.amount, e.actor]).sort()).toEqual([
      ["-", 10_000, actor],
      ["-", 15_000, actor],
    ]);
  });
});
