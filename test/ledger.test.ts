import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingCallOf, jobs, packCalls, storeUsageEvents } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis.js";
import { ON_CLUSTER } from "./support/keys.js";
import { backlogCalls, deleteKeys, eventually, startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";

const ingested = (stack: Stack, s: Seeded, n: number) => usageIngested(stack, n, s.accountId);
const ledgerSum = async (stack: Stack, s: Seeded) =>
  (await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId }).lean()).reduce((total, e) => total + e.amount, 0);

describe("the ledger is the book of record", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("concurrent recharges, redemptions, adjustments and usage on one wallet end with ledger, Redis and the books in agreement", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 100_000 });
    const { codes } = await stack.admin.createVoucherBatch({
      amount: 10_000,
      currency: "USD",
      count: 3,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const credits = Array.from({ length: 20 }, (_, i) =>
      stack.admin.creditWallet(s.walletId, { amount: 5_000 }, { idempotencyKey: `topup-${i % 15}` }),
    );
    const redemptions = [...codes, ...codes].map((code) =>
      stack
        .consumer(s.key)
        .redeemVoucher(code)
        .catch(() => undefined),
    );
    const adjustments = [1, 2].map(() =>
      stack.admin.adjustWallet(s.walletId, { amount: -5_000, reason: "correction" }, { idempotencyKey: "adjust-1" }),
    );
    const calls = Array.from({ length: 230 }, () => call(`${stack.gatewayUrl}/x`, { agent, headers: { "x-api-key": s.key } }));
    const [answers] = await Promise.all([Promise.all(calls), Promise.all(credits), Promise.all(redemptions), Promise.all(adjustments)]);
    agent.destroy();
    let charged = answers.filter((a) => a.status === 200).length;
    // Calls refused while credits were still landing (a loaded machine) leave money for as many more: once
    // every credit is in, the rest buys exactly the rest, then 402.
    for (;;) {
      const more = await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
      if (more.status !== 200) {
        expect(more.status).toBe(402);
        break;
      }
      charged++;
    }
    // 100,000 + 15 distinct top-ups of 5,000 + 3 vouchers of 10,000 − one adjustment of 5,000 = 200 calls
    expect(charged).toBe(200);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]); // mid-flight

    await ingested(stack, s, charged);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]); // ingested, not booked
    await jobs.bookUsage(stack.ctx);
    const booked = await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean();
    expect(booked.reduce((n, e) => n + e.usageCount!, 0)).toBe(charged);
    expect(await ledgerSum(stack, s)).toBe(0);
    expect((await stack.admin.getBalance(s.accountId)).balances[0]!.available).toBe(0);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    expect(await backlogCalls(stack, s.accountId)).toBe(0);

    // The consumer sees the same book.
    const page = await stack.consumer(s.key).listTransactions({ limit: 100 });
    expect(page.items.reduce((total, e) => total + e.amount, 0)).toBe(0);
    expect(page.items.filter((e) => e.type === "credit")).toHaveLength(19);
    expect(page.items.filter((e) => e.type === "adjustment")).toHaveLength(1);
  });

  it("books a batch exactly once when the settler died between assigning it and writing its entry", async () => {
    const s = await stack.seedAccount({ pricePerCall: 700, balance: 7_000 });
    for (let i = 0; i < 4; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await ingested(stack, s, 4);
    // What the dead booker left: its mark, written a while ago, and two of the four calls assigned under an
    // entry id that was never written. Those still count as unbooked: no drift.
    const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).sort({ _id: 1 }).lean();
    const entryId = "led_orphanedorphaned";
    await stack.ctx.models.BookingMark.create({
      _id: entryId,
      accountId: s.accountId,
      currency: "USD",
      calls: packCalls(events.map(bookingCallOf)),
      createdAt: new Date(Date.now() - 120_000),
    });
    await stack.ctx.models.CallAssignment.insertMany(events.slice(0, 2).map((e) => ({ _id: e._id, entryId })));
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    await jobs.bookUsage(stack.ctx);
    await jobs.bookUsage(stack.ctx);
    const entries = await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean();
    expect(entries).toEqual([expect.objectContaining({ _id: "led_orphanedorphaned", amount: -2_800, usageCount: 4 })]);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("a booker that gives up midway says so: the next run books its calls at once, and until then they count as unbooked", async () => {
    const { BookingMark, LedgerEntry, UnbookedUsage, Wallet } = stack.ctx.models;
    const s = await stack.seedAccount({ pricePerCall: 500, balance: 5_000 });
    for (let i = 0; i < 4; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await ingested(stack, s, 4);
    // A real failure midway: the calls are assigned to the entry, then the entry finds no wallet to book to.
    await Wallet.updateOne({ _id: s.walletId }, { $set: { currency: "XTS" } });
    await expect(jobs.bookUsage(stack.ctx)).rejects.toThrow(/has no wallet/);
    await Wallet.updateOne({ _id: s.walletId }, { $set: { currency: "USD" } });
    const [abandoned, ...others] = await BookingMark.find({ accountId: s.accountId }).lean();
    expect(others).toEqual([]);
    expect(abandoned!.abandonedAt).toBeInstanceOf(Date);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    // The next run finishes it now, not after the grace a booker still at work gets: one entry, its id.
    expect(await jobs.bookUsage(stack.ctx)).toBe(4);
    expect(await LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean()).toEqual([
      expect.objectContaining({ _id: abandoned!._id, amount: -2_000, usageCount: 4 }),
    ]);
    expect(await BookingMark.countDocuments({ accountId: s.accountId })).toBe(0);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);

    // A young mark nobody gave up on (a booker still at work after its lock expired) whose calls another
    // booker took out of the backlog: they are the mark's alone, unbooked until it is finished, and no drift.
    for (let i = 0; i < 2; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await ingested(stack, s, 6);
    const unassigned = [];
    for (const e of await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).lean())
      if ((await stack.ctx.models.CallAssignment.findById(e._id).lean()) === null) unassigned.push(e);
    expect(unassigned).toHaveLength(2);
    const young = { _id: "led_youngyoungyoung", accountId: s.accountId, currency: "USD", calls: packCalls(unassigned.map(bookingCallOf)) };
    await BookingMark.create({ ...young, createdAt: new Date() });
    await UnbookedUsage.deleteMany({ accountId: s.accountId });
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    expect(await jobs.bookUsage(stack.ctx)).toBe(0);
    await BookingMark.updateOne({ _id: young._id }, { $set: { createdAt: new Date(Date.now() - 120_000) } });
    expect(await jobs.bookUsage(stack.ctx)).toBe(2);
    expect(await ledgerSum(stack, s)).toBe(5_000 - 6 * 500);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("a call ingested again after it was booked (its stream entry sent twice) is booked once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 300, balance: 3_000 });
    for (let i = 0; i < 3; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await ingested(stack, s, 3);
    await jobs.bookUsage(stack.ctx);
    // What an ingester that died before acknowledging leaves: the same events written again, to the backlog too.
    const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).lean();
    await storeUsageEvents(stack.ctx.models, events);
    // Booked already: no drift while they wait, none after.
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    expect(await jobs.bookUsage(stack.ctx)).toBe(0);
    const entries = await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean();
    expect(entries.map((e) => [e.amount, e.usageCount])).toEqual([[-900, 3]]);
    expect(await backlogCalls(stack, s.accountId)).toBe(0);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("a database booked the old way (events marked with their entry) is moved over without booking anything twice", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 10_000 });
    for (let i = 0; i < 6; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await ingested(stack, s, 6);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: s.accountId }).sort({ _id: 1 }).lean();
    const ids = events.map((e) => e._id);
    // The old state: no backlog, no assignments. Two events booked in an entry that exists, two marked for an
    // entry a dead booker never wrote, two never booked.
    await stack.ctx.models.UnbookedUsage.deleteMany({ accountId: s.accountId });
    const { walletId } = s;
    const now = new Date();
    await stack.ctx.models.LedgerEntry.create({
      _id: "led_legacybookedone",
      walletId,
      accountId: s.accountId,
      currency: "USD",
      type: "usage",
      amount: -200,
      usageCount: 2,
      idempotencyKey: "usage:led_legacybookedone",
      requestHash: "usage",
      actor: "system:booking",
      reason: "2 calls",
      createdAt: now,
      appliedAt: now,
    });
    const raw = stack.ctx.models.UsageEvent.collection;
    await raw.updateMany({ _id: { $in: ids.slice(0, 2) } } as never, { $set: { bookedIn: "led_legacybookedone" } });
    await raw.updateMany({ _id: { $in: ids.slice(2, 4) } } as never, { $set: { bookedIn: "led_legacyneverwrit", markedAt: new Date(0) } });
    await jobs.migrateLegacyBooking(stack.ctx, { again: true });
    await jobs.migrateLegacyBooking(stack.ctx, { again: true }); // twice: nothing more
    expect((await stack.ctx.models.CallAssignment.find({ _id: { $in: ids } }).lean()).map((c) => c.entryId)).toEqual([
      "led_legacybookedone",
      "led_legacybookedone",
    ]);
    expect(await backlogCalls(stack, s.accountId)).toBe(4);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
    await jobs.bookUsage(stack.ctx);
    const entries = await stack.ctx.models.LedgerEntry.find({ walletId, type: "usage" }).lean();
    expect(entries.reduce((n, e) => n + e.usageCount!, 0)).toBe(6);
    expect(entries.reduce((n, e) => n + e.amount, 0)).toBe(-600);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("settlers racing (in several processes' worth of calls) book every call exactly once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 100_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    await Promise.all(Array.from({ length: 60 }, () => call(`${stack.gatewayUrl}/x`, { agent, headers: { "x-api-key": s.key } })));
    agent.destroy();
    await ingested(stack, s, 60);
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 6 }, () => jobs.bookUsage(stack.ctx)));
    const booked = await stack.ctx.models.LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean();
    expect(booked.reduce((n, e) => n + e.usageCount!, 0)).toBe(60);
    expect(booked.reduce((n, e) => n + e.amount, 0)).toBe(-6_000);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });

  it("reports a wallet whose Redis balance drifted from the ledger, with the amount", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 10_000 });
    await stack.redis.hincrby(stack.keyspace.account(s.accountId), "b:USD", 5);
    const report = await stack.admin.reconcile([s.accountId]);
    expect(report.drifts).toEqual([expect.objectContaining({ accountId: s.accountId, ledger: 10_000, hotBalance: 10_005, drift: -5 })]);
    await stack.redis.hincrby(stack.keyspace.account(s.accountId), "b:USD", -5);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });
});

describe("Redis loses everything", () => {
  // On one server, a Redis of the test's own, flushed; on a cluster (shared), every key of this deployment
  // deleted on every master, which is all this deployment has in Redis.
  let redis: PrivateRedis | undefined;
  let stack: Stack;
  beforeAll(async () => {
    redis = ON_CLUSTER ? undefined : await startPrivateRedis();
    stack = await startStack(redis ? { redisUrl: redis.url } : {});
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it("is rebuilt from the ledger with no account changed, and the gateway charges again", async () => {
    const prepaid = await stack.seedAccount({ pricePerCall: 300, balance: 10_000 });
    const plan = await stack.admin.createPlan({ name: "post", currency: "USD", pricePerCall: 400 });
    const acct = await stack.admin.createAccount({ name: "postpaid", planId: plan.id, billingMode: "postpaid", creditLimit: 5_000 });
    const postpaidKey = (await stack.admin.createApiKey(acct.id)).key;
    const idle = await stack.seedAccount({ pricePerCall: 1, balance: 42 });
    for (let i = 0; i < 7; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": prepaid.key } });
    for (let i = 0; i < 3; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": postpaidKey } });
    await ingested(stack, prepaid, 7);
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: acct.id })) === 3,
      30_000,
      "postpaid ingestion",
    );
    await jobs.bookUsage(stack.ctx);
    const ids = [prepaid.accountId, acct.id, idle.accountId];
    const before = await Promise.all(ids.map((id) => stack.admin.getBalance(id)));
    expect(before.map((b) => b.balances[0]!.available)).toEqual([10_000 - 7 * 300, -1_200, 42]);

    if (redis)
      await stack.redis.flushall(); // a private Redis: nobody else's data
    else await deleteKeys(stack.redis, stack.prefix);
    const lost = await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": prepaid.key } });
    expect(lost.status).toBe(401);

    expect(await stack.admin.rebuild()).toEqual({ restored: 3 });
    expect(await Promise.all(ids.map((id) => stack.admin.getBalance(id)))).toEqual(before);
    expect((await stack.admin.reconcile()).drifts).toEqual([]);
    await eventually(
      async () => (await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": prepaid.key } })).status === 200,
      10_000,
      "gateway charging again",
    );
    expect((await stack.admin.getBalance(prepaid.accountId)).balances[0]!.available).toBe(10_000 - 8 * 300);
    // The ingester found its groups gone and made them again: the new call is ingested too.
    await ingested(stack, prepaid, 8);
    expect(await stack.admin.rebuild()).toEqual({ restored: 0 }); // live accounts are never overwritten
  });
});
