import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import { backlogCalls, eventually, startStack, type Seeded, type Stack } from "./support/stack.js";
import { walkPages } from "./support/walk.js";

describe("credit grants", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const later = (ms: number) => new Date(Date.now() + ms).toISOString();
  const spend = async (s: Seeded, calls: number) => {
    for (let i = 0; i < calls; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await eventually(async () => (await backlogCalls(stack, s.accountId)) === calls, 30_000, "ingestion");
    await jobs.bookUsage(stack.ctx);
  };
  const remaining = async (s: Seeded) =>
    Object.fromEntries((await stack.admin.listGrants(s.accountId)).items.map((g) => [g.reason, [g.remaining, g.status]]));
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;

  it("are spent before the wallet's own money, in the stated order: priority, then soonest expiry", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 2_000 });
    await stack.admin.issueGrant(
      s.walletId,
      { kind: "promotional", amount: 300, priority: 1, expiresAt: later(3_600_000), reason: "late-low" },
      { idempotencyKey: "g1" },
    );
    await stack.admin.issueGrant(
      s.walletId,
      { kind: "promotional", amount: 300, priority: 1, expiresAt: later(600_000), reason: "soon-low" },
      { idempotencyKey: "g2" },
    );
    await stack.admin.issueGrant(
      s.walletId,
      { kind: "paid", amount: 200, priority: 0, expiresAt: later(7_200_000), reason: "first" },
      { idempotencyKey: "g3" },
    );
    expect(await available(s)).toBe(2_800);
    const balance = await stack.admin.getBalance(s.accountId);
    expect(balance.balances[0]!.grants.map((g) => g.remaining)).toEqual([200, 300, 300]);

    await spend(s, 4); // 400: the priority-0 grant (200), then 200 of the sooner-expiring one
    expect(await remaining(s)).toEqual({ first: [0, "active"], "soon-low": [100, "active"], "late-low": [300, "active"] });
    await spend(s, 5); // 500: 100, then 300, then 100 of the wallet's own
    expect(await remaining(s)).toEqual({ first: [0, "active"], "soon-low": [0, "active"], "late-low": [0, "active"] });
    expect(await available(s)).toBe(2_800 - 900);
    // Booking the same usage again attributes nothing twice.
    await jobs.bookUsage(stack.ctx);
    expect((await stack.ctx.models.Grant.find({ accountId: s.accountId }).lean()).reduce((n, g) => n + g.allocations.length, 0)).toBe(4);
  });

  it("expire through the ledger: the unused remainder leaves, once; the statement shows every movement", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 1_000 });
    const grant = await stack.admin.issueGrant(
      s.walletId,
      { kind: "promotional", amount: 700, expiresAt: later(60_000), reason: "welcome" },
      { idempotencyKey: "welcome" },
    );
    const replay = await stack.admin.issueGrant(
      s.walletId,
      { kind: "promotional", amount: 700, expiresAt: grant.expiresAt, reason: "welcome" },
      { idempotencyKey: "welcome" },
    );
    expect(replay.id).toBe(grant.id);
    await spend(s, 3);
    expect(await remaining(s)).toEqual({ welcome: [400, "active"] });

    await jobs.expireGrants(stack.ctx, new Date(Date.now() + 120_000));
    await jobs.expireGrants(stack.ctx, new Date(Date.now() + 120_000));
    expect(await remaining(s)).toEqual({ welcome: [0, "expired"] });
    expect(await available(s)).toBe(1_000 + 700 - 300 - 400);
    const entries = await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId }).lean();
    expect(entries.filter((e) => e.type === "expiry").map((e) => e.amount)).toEqual([-400]);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);

    const period = new Date().toISOString().slice(0, 7);
    const statement = await stack.consumer(s.key).getStatement(s.accountId, period);
    expect(statement.wallets[0]).toMatchObject({
      opening: 0,
      movements: { credit: 1_000, adjustment: 0, grant: 700, usage: -300, expiry: -400, reversal: 0 },
      closing: 1_000,
      entries: 4,
    });
  });

  it("are listed in consumption order a page at a time, the whole list by default", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 1_000 });
    const grants: [string, number, number][] = [
      ["b", 1, 3_600_000],
      ["a", 0, 7_200_000],
      ["d", 2, 600_000],
      ["c", 1, 600_000],
      ["e", 1, 600_000], // the same priority and expiry as c: the older one first
    ];
    for (const [reason, priority, ms] of grants)
      await stack.admin.issueGrant(
        s.walletId,
        { kind: "promotional", amount: 100, priority, expiresAt: later(ms), reason },
        { idempotencyKey: `page-${reason}` },
      );
    // An expired grant comes after every active one.
    await stack.ctx.models.Grant.updateOne({ accountId: s.accountId, reason: "a" }, { $set: { status: "expired" } });
    const whole = await stack.admin.listGrants(s.accountId);
    expect(whole.nextCursor).toBeUndefined();
    expect(whole.items.map((g) => g.reason)).toEqual(["c", "e", "b", "d", "a"]);
    const pages = await walkPages((cursor) => stack.admin.listGrants(s.accountId, { limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    // No overlap, no gap: the pages, end to end, are the whole list in its order.
    expect(pages.flat().map((g) => g.id)).toEqual(whole.items.map((g) => g.id));

    // A cursor is good for its own list only.
    const first = await stack.admin.listGrants(s.accountId, { limit: 1 });
    const other = await stack.seedAccount({ pricePerCall: 100, balance: 0 });
    await expect(stack.admin.listGrants(other.accountId, { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
    await expect(stack.admin.listPlans({ cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });
});
