import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogInput } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/** Seconds of a call at 1,000 micros each (USD 0.06 a minute). */
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

describe("charging sessions: units granted ahead, reported, granted again, ended", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const as = (s: Seeded) => ({ authorization: `Bearer ${s.key}` });
  const open = (s: Seeded, body: Record<string, unknown>, key: string) =>
    request(stack.controlPlaneUrl)
      .post("/v1/charging-sessions")
      .set(as(s))
      .set("idempotency-key", key)
      .send({ productId: "seconds", ...body });
  const update = (s: Seeded, id: string, body: Record<string, unknown>) =>
    request(stack.controlPlaneUrl).post(`/v1/charging-sessions/${id}/updates`).set(as(s)).send(body);
  const terminate = (s: Seeded, id: string, body: Record<string, unknown>) =>
    request(stack.controlPlaneUrl).post(`/v1/charging-sessions/${id}/terminate`).set(as(s)).send(body);
  const wallet = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!;

  it("holds the grant, charges what is reported, returns the rest, and ends once", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 1_000_000);
    const opened = await open(s, { requestedUnits: 60 }, "call-1");
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: "open", request: 0, grantedUnits: 60, usedUnits: 0, amount: 0, final: false });
    expect(await wallet(s)).toMatchObject({ available: 940_000, reserved: 60_000 });
    const id = opened.body.id as string;

    const first = await update(s, id, { request: 1, usedUnits: 45, requestedUnits: 60 });
    expect(first.body).toMatchObject({ request: 1, grantedUnits: 60, usedUnits: 45, amount: 45_000 });
    expect(await wallet(s)).toMatchObject({ available: 895_000, reserved: 60_000 });
    // A repeat of request 1 (its answer was lost) gets the same answer and moves nothing.
    const repeat = await update(s, id, { request: 1, usedUnits: 45, requestedUnits: 60 });
    expect(repeat.headers["idempotent-replayed"]).toBe("true");
    expect(repeat.body).toEqual(first.body);

    const ended = await terminate(s, id, { request: 2, usedUnits: 70 });
    expect(ended.body).toMatchObject({ status: "closed", grantedUnits: 0, usedUnits: 70, amount: 70_000 });
    expect(await wallet(s)).toMatchObject({ available: 930_000, reserved: 0 });
    expect((await terminate(s, id, { request: 3, usedUnits: 70 })).status).toBe(409);
    expect((await request(stack.controlPlaneUrl).get(`/v1/charging-sessions/${id}`).set(as(s))).body).toMatchObject({
      status: "closed",
      amount: 70_000,
    });

    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 2, 30_000, "2 events");
    const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).sort({ timestamp: 1 }).lean();
    expect(events.map((e) => [e.units, e.amount, e.path])).toEqual([
      [45, 45_000, "/v1/charging-sessions"],
      [25, 25_000, "/v1/charging-sessions"],
    ]);
  });

  it("grants what the wallet covers, says when it is the last, and refuses a session not one unit is covered for", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 30_000);
    const opened = await open(s, { requestedUnits: 60 }, "short");
    expect(opened.body).toMatchObject({ grantedUnits: 30, final: true });
    const poor = await stack.seedCatalog({ ...CATALOG }, 999);
    const refused = await open(poor, { requestedUnits: 60 }, "none");
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: "insufficient_funds", coveredUnits: 0 });
    // Used up: the next update grants nothing more, and says why.
    const more = await update(s, opened.body.id, { request: 1, usedUnits: 30 });
    expect(more.body).toMatchObject({ grantedUnits: 0, usedUnits: 30, amount: 30_000, refusal: { code: "insufficient_funds" } });
    expect((await wallet(s)).available).toBe(0);
  });

  it("a session whose client vanished is ended by the reaper after its TTL, charged what it last reported", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const opened = await open(s, { requestedUnits: 20, ttlSeconds: 10 }, "vanish");
    await update(s, opened.body.id, { request: 1, usedUnits: 5, requestedUnits: 20 });
    expect(await wallet(s)).toMatchObject({ available: 75_000, reserved: 20_000 });
    const later = Date.now() + 11_000;
    for (let p = 0; p < stack.keyspace.partitions; p++) await stack.ctx.charging.store.reap(p, later);
    expect(await wallet(s)).toMatchObject({ available: 95_000, reserved: 0 });
    const gone = await request(stack.controlPlaneUrl).get(`/v1/charging-sessions/${opened.body.id}`).set(as(s));
    expect(gone.body).toMatchObject({ usedUnits: 5, amount: 5_000 });
  });

  it("reads `expired` only once its grant is back on the wallet, returned once however many readers race the reaper", async () => {
    // No reaper runs in this stack: whatever returns a lapsed grant here is the read itself.
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const read = (id: string) => request(stack.controlPlaneUrl).get(`/v1/charging-sessions/${id}`).set(as(s));
    const first = await open(s, { requestedUnits: 20, ttlSeconds: 10 }, "lapse-1");
    await update(s, first.body.id, { request: 1, usedUnits: 5, requestedUnits: 20 });
    expect(await wallet(s)).toMatchObject({ available: 75_000, reserved: 20_000 });
    const seen: { status: string; reserved: number; available: number }[] = [];
    await eventually(
      async () => {
        const { status } = (await read(first.body.id)).body as { status: string };
        const { reserved, available } = await wallet(s);
        seen.push({ status, reserved, available });
        return status === "expired";
      },
      30_000,
      "the session to read expired",
    );
    for (const r of seen.filter((r) => r.status === "expired")) expect(r).toMatchObject({ reserved: 0, available: 95_000 });
    expect((await read(first.body.id)).body).toMatchObject({ status: "expired", grantedUnits: 0, usedUnits: 5, amount: 5_000 });
    // A report after the lapse is refused, and moves nothing.
    expect((await update(s, first.body.id, { request: 2, usedUnits: 10 })).status).toBe(409);
    expect(await wallet(s)).toMatchObject({ available: 95_000, reserved: 0 });

    const second = await open(s, { requestedUnits: 30, ttlSeconds: 10 }, "lapse-2");
    expect(await wallet(s)).toMatchObject({ available: 65_000, reserved: 30_000 });
    const lapsesAt = Date.parse(second.body.expiresAt as string);
    await eventually(() => Date.now() > lapsesAt, 30_000, "the second session's grant to lapse");
    const later = Date.now() + 60_000;
    const [answers] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => read(second.body.id))),
      Promise.all(Array.from({ length: stack.keyspace.partitions }, (_, p) => stack.ctx.charging.store.reap(p, later))),
    ]);
    expect(answers.map((a) => a.body.status)).toEqual(Array(5).fill("expired"));
    expect(await wallet(s)).toMatchObject({ available: 95_000, reserved: 0 });
  });

  it("concurrent sessions never take the wallet past its limit", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000); // 100 seconds
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => open(s, { requestedUnits: 10 }, `many-${i}`)));
    const granted = answers.filter((a) => a.status === 201).reduce((n, a) => n + (a.body.grantedUnits as number), 0);
    expect(granted).toBe(100);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 402 && a.body.coveredUnits === 0)).toBe(true);
    await Promise.all(
      answers.filter((a) => a.status === 201).map((a) => terminate(s, a.body.id, { request: 1, usedUnits: a.body.grantedUnits })),
    );
    expect(await wallet(s)).toMatchObject({ available: 0, reserved: 0 });
  });

  it("the SDK opens, reports and ends a session; a repeated report is safe", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 50_000);
    const me = stack.consumer(s.key);
    const opened = await me.openChargingSession({ productId: "seconds", requestedUnits: 30 });
    expect(opened.grantedUnits).toBe(30);
    const update = await me.updateChargingSession(opened.id, { request: 1, usedUnits: 30, requestedUnits: 30 });
    expect(await me.updateChargingSession(opened.id, { request: 1, usedUnits: 30, requestedUnits: 30 })).toEqual(update);
    const ended = await me.terminateChargingSession(opened.id, { request: 2, usedUnits: 42 });
    expect(ended).toMatchObject({ status: "closed", amount: 42_000 });
    expect((await me.getChargingSession(opened.id)).status).toBe("closed");
    await expect(me.terminateChargingSession(opened.id, { request: 3, usedUnits: 42 })).rejects.toMatchObject({ status: 409 });
  });

  it("bad input gets a 4xx problem, and a session is its account's alone", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const other = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const opened = await open(s, { requestedUnits: 10 }, "mine");
    const id = opened.body.id as string;
    const before = await wallet(s);
    for (const [body, status] of [
      [{ requestedUnits: -1 }, 400],
      [{ requestedUnits: 1.5 }, 400],
      [{ requestedUnits: 10, ttlSeconds: 5 }, 400],
      [{ requestedUnits: 10, productId: "nothing" }, 422],
    ] as const) {
      const r = await open(s, body, `bad-${JSON.stringify(body)}`);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await update(s, id, { request: 1, usedUnits: 11 })).status).toBe(422); // more than granted
    expect((await update(s, id, { request: 2, usedUnits: 1 })).status).toBe(409); // not the next request
    expect((await update(s, id, { request: 1, usedUnits: -1 })).status).toBe(400);
    expect((await update(other, id, { request: 1, usedUnits: 1 })).status).toBe(404);
    expect((await request(stack.controlPlaneUrl).get(`/v1/charging-sessions/${id}`).set(as(other))).status).toBe(404);
    expect((await request(stack.controlPlaneUrl).get("/v1/charging-sessions/not-a-session").set(as(s))).status).toBe(404);
    expect(await wallet(s)).toEqual(before);
    const staff = await request(stack.controlPlaneUrl)
      .post("/v1/charging-sessions")
      .set({ authorization: `Bearer ${ADMIN_TOKEN}`, "idempotency-key": "staff" })
      .send({ accountId: s.accountId, productId: "seconds", requestedUnits: 5 });
    expect(staff.status).toBe(201);
  });
});
