import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { IdempotencyConflictError, UnprocessableError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

/** Two products at a price of their own, and a price for the rest. */
const CATALOG = {
  products: [
    { id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } },
    { id: "translate", method: "GET", path: "/translate", price: { unitPrice: 500 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};

describe("bundles: units of a product, consumed before money", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const later = (ms: number) => new Date(Date.now() + ms).toISOString();
  const get = (s: Seeded, path: string) => call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": s.key } });
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
  const ingested = (s: Seeded, n: number) =>
    eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === n, 30_000, "usage ingested");
  /** The unit ledger of one bundle: its entries' types and units, and their sum. */
  const unitLedger = async (bundleId: string) => {
    const entries = await stack.ctx.models.UnitEntry.find({ bundleId }).sort({ createdAt: 1, _id: 1 }).lean();
    return { types: entries.map((e) => `${e.type} ${e.units}`).sort(), sum: entries.reduce((n, e) => n + e.units, 0) };
  };
  const charge = (s: Seeded, units: number, key: string) =>
    request(stack.controlPlaneUrl)
      .post("/v1/charges")
      .set({ authorization: `Bearer ${s.key}`, "idempotency-key": key })
      .send({ productId: "search", units });

  it("are issued by staff once per Idempotency-Key, paid for calls through the gateway, then money pays; the records say which bundle paid", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000);
    const input = { productId: "search", units: 3, expiresAt: later(3_600_000), reason: "welcome pack" };
    const bundle = await stack.admin.issueBundle(s.accountId, input, { idempotencyKey: "b1" });
    expect(bundle).toMatchObject({ productId: "search", units: 3, remaining: 3, overage: "charge", status: "active", source: "grant" });
    expect((await stack.admin.issueBundle(s.accountId, input, { idempotencyKey: "b1" })).id).toBe(bundle.id);
    await expect(stack.admin.issueBundle(s.accountId, { ...input, units: 4 }, { idempotencyKey: "b1" })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    await expect(stack.admin.issueBundle(s.accountId, { ...input, productId: "nothing" }, { idempotencyKey: "b2" })).rejects.toBeInstanceOf(
      UnprocessableError,
    );
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(1);

    for (let i = 0; i < 5; i++) expect((await get(s, "/search")).status).toBe(200);
    expect((await get(s, "/translate")).status).toBe(200);
    // Three calls paid by the bundle, two by money; another product is not the bundle's.
    expect(await available(s)).toBe(10_000 - 2 * 1_000 - 500);
    // The consumer's own view, with its key: what is left now.
    const mine = await stack.consumer(s.key).listBundles(s.accountId);
    expect(mine.items).toEqual([expect.objectContaining({ id: bundle.id, remaining: 0, status: "active" })]);

    await ingested(s, 6);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId, productId: "search" })
      .sort({ timestamp: 1, _id: 1 })
      .lean();
    expect(events.map((e) => [e.amount, e.bundles?.map((b) => `${b.bundleId}:${b.units}`) ?? []])).toEqual([
      [0, [`${bundle.id}:1`]],
      [0, [`${bundle.id}:1`]],
      [0, [`${bundle.id}:1`]],
      [1_000, []],
      [1_000, []],
    ]);
    const usage = await stack.admin.listUsage(s.accountId);
    expect(usage.items.filter((u) => u.bundles !== undefined)).toHaveLength(3);
    expect(await unitLedger(bundle.id)).toEqual({ types: ["issue 3", "usage -1", "usage -1", "usage -1"], sum: 0 });
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    await jobs.bookUsage(stack.ctx);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("refuse with 402 bundle_exhausted when a bundle refusing overage does not cover a call, never forwarding it; direct charges alike; a revoked bundle stops refusing", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000);
    const hard = await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 2, expiresAt: later(3_600_000), overage: "refuse" },
      { idempotencyKey: "hard" },
    );
    const forwarded = stack.upstream.count();
    expect((await get(s, "/search")).status).toBe(200);
    expect((await get(s, "/search")).status).toBe(200);
    const refused = await get(s, "/search");
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "bundle_exhausted", bundle: hard.id, units: 1 });
    expect(stack.upstream.count()).toBe(forwarded + 2);
    expect(await available(s)).toBe(10_000);

    // A direct charge goes through the same script: refused, then covered by a second bundle (the refusing
    // one stays live, so a charge its bundles do not cover whole is still refused).
    const exhausted = await charge(s, 1, "c1");
    expect(exhausted.status).toBe(402);
    expect(exhausted.body).toMatchObject({ code: "bundle_exhausted", bundle: hard.id });
    const soft = await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 5, priority: 1, expiresAt: later(3_600_000) },
      { idempotencyKey: "soft" },
    );
    expect((await charge(s, 3, "c2")).body).toMatchObject({ amount: 0 });
    expect((await charge(s, 3, "c3")).status).toBe(402);
    expect((await stack.admin.listBundles(s.accountId)).items.map((b) => [b.id, b.remaining])).toEqual([
      [hard.id, 0],
      [soft.id, 2],
    ]);

    const revoked = await stack.admin.revokeBundle(s.accountId, hard.id);
    expect(revoked).toMatchObject({ status: "revoked", remaining: 0 });
    expect((await stack.admin.revokeBundle(s.accountId, hard.id)).status).toBe("revoked");
    // Two from the soft bundle, one in money.
    expect((await charge(s, 3, "c4")).body).toMatchObject({ amount: 1_000 });
    expect(await available(s)).toBe(9_000);

    await ingested(s, 4);
    expect(await unitLedger(hard.id)).toEqual({ types: ["issue 2", "revoke 0", "usage -1", "usage -1"], sum: 0 });
    expect(await unitLedger(soft.id)).toEqual({ types: ["issue 5", "usage -2", "usage -3"], sum: 0 });
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("expire at their date: the gateway stops taking from one at once, and the job books what was left, once, however often it runs", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000);
    const expiresAt = later(1_500);
    const bundle = await stack.admin.issueBundle(s.accountId, { productId: "search", units: 5, expiresAt }, { idempotencyKey: "short" });
    expect((await get(s, "/search")).status).toBe(200);
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(10_000);
    // Before its date the job leaves it alone.
    expect(await jobs.expireBundles(stack.ctx, new Date(Date.parse(expiresAt) - 1))).toBe(0);
    // Past the boundary the gateway no longer takes from it, before the job has run: money pays.
    await eventually(() => Date.now() > Date.parse(expiresAt) + 1, 10_000, "the bundle's expiry");
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(9_000);

    await ingested(s, 3);
    expect(await jobs.expireBundles(stack.ctx)).toBe(1);
    expect(await jobs.expireBundles(stack.ctx)).toBe(0);
    const [expired] = (await stack.admin.listBundles(s.accountId)).items;
    expect(expired).toMatchObject({ id: bundle.id, status: "expired", remaining: 0 });
    expect(await unitLedger(bundle.id)).toEqual({ types: ["expiry -3", "issue 5", "usage -1", "usage -1"], sum: 0 });
    // A revocation after the expiry changes nothing: a bundle ends once.
    expect((await stack.admin.revokeBundle(s.accountId, bundle.id)).status).toBe("expired");
    expect(await stack.ctx.hot.bundles.remaining(s.accountId)).toEqual(new Map());
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("are decided exactly on a leased plan while a bundle of the product refuses overage: no lease holds its units", async () => {
    const s = await stack.seedCatalog({ pricePerCall: 1_000, metering: "leased" }, 10_000);
    // Issued before the key's first call: the gateway reads the key's record with its bundled product.
    const bundle = await stack.admin.issueBundle(
      s.accountId,
      { productId: "default", units: 2, expiresAt: later(3_600_000), overage: "refuse" },
      { idempotencyKey: "leased" },
    );
    const forwarded = stack.upstream.count();
    expect((await get(s, "/x")).status).toBe(200);
    expect((await get(s, "/x")).status).toBe(200);
    const refused = await get(s, "/x");
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "bundle_exhausted", bundle: bundle.id });
    expect(stack.upstream.count()).toBe(forwarded + 2);
    expect(await available(s)).toBe(10_000);
    await ingested(s, 2);
    expect(await unitLedger(bundle.id)).toEqual({ types: ["issue 2", "usage -1", "usage -1"], sum: 0 });
  });

  it("pay a two-phase call's units at settlement: the reservation holds the maximum, or nothing while a bundle refuses overage", async () => {
    const bytes = { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 10_000 } } };
    const s = await stack.seedCatalog(bytes, 20_000);
    const soft = await stack.admin.issueBundle(
      s.accountId,
      { productId: "default", units: 5_000, expiresAt: later(3_600_000) },
      { idempotencyKey: "bytes" },
    );
    expect((await get(s, "/bytes/3000")).status).toBe(200);
    expect((await get(s, "/bytes/4000")).status).toBe(200);
    // 7,000 bytes: 5,000 from the bundle, 2,000 at 1 micro.
    await ingested(s, 2);
    expect((await stack.admin.getBalance(s.accountId)).balances[0]).toMatchObject({ available: 18_000, reserved: 0 });
    expect(await unitLedger(soft.id)).toEqual({ types: ["issue 5000", "usage -2000", "usage -3000"], sum: 0 });

    // No money, a bundle refusing overage: nothing held, the units it has are taken at settlement, those beyond
    // are not charged (the stated bound), and with no unit left the call is refused before it is forwarded.
    const p = await stack.seedCatalog(bytes, 0);
    const hard = await stack.admin.issueBundle(
      p.accountId,
      { productId: "default", units: 1_000, expiresAt: later(3_600_000), overage: "refuse" },
      { idempotencyKey: "hard-bytes" },
    );
    expect((await get(p, "/bytes/800")).status).toBe(200);
    expect((await get(p, "/bytes/800")).status).toBe(200);
    const forwarded = stack.upstream.count();
    const refused = await get(p, "/bytes/10");
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "bundle_exhausted", bundle: hard.id });
    expect(stack.upstream.count()).toBe(forwarded);
    await ingested(p, 2);
    expect((await stack.admin.getBalance(p.accountId)).balances[0]).toMatchObject({ available: 0, reserved: 0 });
    expect(await unitLedger(hard.id)).toEqual({ types: ["issue 1000", "usage -200", "usage -800"], sum: 0 });
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId, p.accountId] })).drifts).toEqual([]);
  });

  it("pay a charging session's units first: its grants hold money only for what the bundles do not hold", async () => {
    const seconds = {
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
    const session = (s: Seeded) => ({
      open: (body: Record<string, unknown>, key: string) =>
        request(stack.controlPlaneUrl)
          .post("/v1/charging-sessions")
          .set({ authorization: `Bearer ${s.key}`, "idempotency-key": key })
          .send({ productId: "seconds", ...body }),
      update: (id: string, body: Record<string, unknown>) =>
        request(stack.controlPlaneUrl)
          .post(`/v1/charging-sessions/${id}/updates`)
          .set({ authorization: `Bearer ${s.key}` })
          .send(body),
      terminate: (id: string, body: Record<string, unknown>) =>
        request(stack.controlPlaneUrl)
          .post(`/v1/charging-sessions/${id}/terminate`)
          .set({ authorization: `Bearer ${s.key}` })
          .send(body),
    });
    // No money at all: the bundle's 60 seconds are granted, then the 15 it has left, then nothing.
    const poor = await stack.seedCatalog(seconds, 0);
    const minutes = await stack.admin.issueBundle(
      poor.accountId,
      { productId: "seconds", units: 60, expiresAt: later(3_600_000) },
      { idempotencyKey: "minute" },
    );
    const p = session(poor);
    const opened = await p.open({ requestedUnits: 60 }, "s1");
    expect(opened.body).toMatchObject({ status: "open", grantedUnits: 60 });
    const more = await p.update(opened.body.id as string, { request: 1, usedUnits: 45, requestedUnits: 60 });
    expect(more.body).toMatchObject({ grantedUnits: 15, usedUnits: 45, amount: 0 });
    const ended = await p.terminate(opened.body.id as string, { request: 2, usedUnits: 60 });
    expect(ended.body).toMatchObject({ status: "closed", usedUnits: 60, amount: 0 });
    expect((await stack.admin.listBundles(poor.accountId)).items[0]).toMatchObject({ id: minutes.id, remaining: 0 });

    // With money: 10 seconds of a bundle, 20 held and charged in money.
    const rich = await stack.seedCatalog(seconds, 100_000);
    await stack.admin.issueBundle(
      rich.accountId,
      { productId: "seconds", units: 10, expiresAt: later(3_600_000) },
      { idempotencyKey: "ten" },
    );
    const r = session(rich);
    const call = await r.open({ requestedUnits: 30 }, "s2");
    expect(call.body).toMatchObject({ grantedUnits: 30 });
    expect((await stack.admin.getBalance(rich.accountId)).balances[0]).toMatchObject({ available: 80_000, reserved: 20_000 });
    expect((await r.terminate(call.body.id as string, { request: 1, usedUnits: 30 })).body).toMatchObject({ amount: 20_000 });
    expect((await stack.admin.getBalance(rich.accountId)).balances[0]).toMatchObject({ available: 80_000, reserved: 0 });

    await ingested(poor, 2);
    await ingested(rich, 1);
    expect(await unitLedger(minutes.id)).toEqual({ types: ["issue 60", "usage -15", "usage -45"], sum: 0 });
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [poor.accountId, rich.accountId] })).drifts).toEqual([]);
  });

  it("come back with what the unit ledger says when Redis loses the account", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000);
    const bundle = await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 4, expiresAt: later(3_600_000) },
      { idempotencyKey: "kept" },
    );
    expect((await get(s, "/search")).status).toBe(200);
    await ingested(s, 1);
    await jobs.bookUsage(stack.ctx);
    await stack.redis.del(stack.keyspace.account(s.accountId));
    expect(
      (
        await request(stack.controlPlaneUrl)
          .post("/v1/admin/rebuild")
          .set({ authorization: `Bearer ${ADMIN_TOKEN}` })
          .send({})
      ).body,
    ).toMatchObject({
      restored: 1,
    });
    expect(await stack.ctx.hot.bundles.remaining(s.accountId)).toEqual(new Map([[bundle.id, 3]]));
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(10_000);
    expect((await jobs.reconcileBundles(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });
});
