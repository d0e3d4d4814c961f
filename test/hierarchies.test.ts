import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlPlaneEnv as parseEnv, createApp, createContext, jobs, startControlPlane } from "@tollgate/control-plane";
import { createKeyspace, fnv1a32, inPartition } from "@tollgate/metering/store";
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from "@tollgate/sdk";
import { call } from "./support/http.js";
import { controlPlaneEnv, eventually, listen, startStack, TEST_PARTITIONS, type Seeded, type Stack } from "./support/stack.js";

/** One product at 100 micros a call. */
const CATALOG = {
  products: [{ id: "voice", method: "GET" as const, path: "/voice", price: { unitPrice: 100 } }],
  unmatched: { action: "refuse" as const },
};

describe("hierarchies: a payer's wallet pays for its lines, within each line's monthly limit", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const voice = (key: string) => call(`${stack.gatewayUrl}/voice`, { headers: { "x-api-key": key } });
  const available = async (accountId: string) => (await stack.admin.getBalance(accountId)).balances[0]!.available;
  /** A line of `payer` with a key of its own. */
  const line = async (payer: Seeded, name: string, limit?: number) => {
    const created = await stack.admin.createLine(payer.accountId, { name, ...(limit !== undefined && { limit }) });
    const key = await stack.admin.createApiKey(created.accountId);
    return { id: created.accountId, key: key.key, view: created };
  };
  const ingested = (accountIds: string[], n: number) =>
    eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: { $in: accountIds } })) === n,
      30_000,
      "usage ingested",
    );

  it("charge each line's calls to the payer's wallet, refuse a line past its limit (402 line_limit_reached, never forwarded), and book it all on the payer", async () => {
    const payer = await stack.seedCatalog(CATALOG, 10_000);
    const [a, b, c] = [await line(payer, "line a", 300), await line(payer, "line b", 500), await line(payer, "line c")];
    expect(a.view).toMatchObject({ payerId: payer.accountId, limit: 300, spent: 0, left: 300, currency: "USD", planId: payer.planId });
    expect(c.view).toMatchObject({ limit: null, left: null });
    // A line has no wallet of its own while it is one.
    expect((await stack.admin.getAccount(a.id)).wallets).toEqual([]);
    expect((await stack.admin.getAccount(a.id)).payerId).toBe(payer.accountId);

    const forwarded = stack.upstream.count();
    for (let i = 0; i < 3; i++) expect((await voice(a.key)).status).toBe(200);
    const refused = await voice(a.key);
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "line_limit_reached", spent: 300, limit: 300, currency: "USD" });
    expect((await voice(b.key)).status).toBe(200);
    expect((await voice(c.key)).status).toBe(200);
    expect(stack.upstream.count()).toBe(forwarded + 5);
    expect(await available(payer.accountId)).toBe(10_000 - 500);

    // What each sees: the payer its lines; a line itself.
    const lines = await stack.consumer(payer.key).listLines(payer.accountId);
    expect(lines.items.map((l) => [l.accountId, l.spent, l.left])).toEqual([
      [a.id, 300, 0],
      [b.id, 100, 400],
      [c.id, 100, null],
    ]);
    expect(await stack.consumer(b.key).getLine(b.id)).toMatchObject({ payerId: payer.accountId, limit: 500, spent: 100, left: 400 });
    // A line's credentials read neither its payer's nor a sibling's.
    await expect(stack.consumer(b.key).listLines(payer.accountId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(stack.consumer(b.key).getLine(a.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(stack.consumer(b.key).setLineLimit(payer.accountId, b.id, 10_000)).rejects.toBeInstanceOf(ForbiddenError);
    const payerBalance = await request(stack.controlPlaneUrl).get(`/v1/accounts/${payer.accountId}/balance`).set("x-api-key", b.key);
    expect(payerBalance.status).toBe(403);
    await expect(stack.admin.getLine(payer.accountId)).rejects.toBeInstanceOf(NotFoundError);

    // The payer raises a limit from its own credentials: the line's next call passes.
    expect(await stack.consumer(payer.key).setLineLimit(payer.accountId, a.id, 400)).toMatchObject({ limit: 400, left: 100 });
    expect((await voice(a.key)).status).toBe(200);
    expect((await voice(a.key)).status).toBe(402);

    // Each line keeps its own usage; the money is booked on the payer's wallet, and both reconcile.
    await ingested([a.id, b.id, c.id], 6);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: { $in: [a.id, b.id, c.id] } }).lean();
    expect(events.every((e) => e.payerId === payer.accountId && e.amount === 100)).toBe(true);
    expect((await stack.admin.listUsage(a.id)).items).toHaveLength(4);
    await jobs.bookUsage(stack.ctx);
    const usage = await stack.ctx.models.LedgerEntry.find({ accountId: payer.accountId, type: "usage" }).lean();
    expect(usage.reduce((sum, e) => sum + e.amount, 0)).toBe(-600);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ accountId: { $in: [a.id, b.id, c.id] } })).toBe(0);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [payer.accountId] })).drifts).toEqual([]);
    // The reports keep each line's usage as the line's (its portal's chart reads it), though the payer paid.
    const range = { from: "2026-01-01T00:00:00Z", to: new Date(Date.now() + 3_600_000).toISOString().slice(0, 13) + ":00:00Z" };
    const totalsOf = async (accountId: string) =>
      (await stack.admin.getUsageReport({ ...range, bucket: "month", groupBy: "none", accountId })).totals;
    expect(await totalsOf(a.id)).toEqual([{ currency: "USD", calls: 4, units: 4, amount: 400 }]);
    expect(await totalsOf(b.id)).toEqual([{ currency: "USD", calls: 1, units: 1, amount: 100 }]);
    expect((await stack.consumer(c.key).getUsageReport({ ...range, bucket: "month", groupBy: "none" })).totals).toEqual([
      { currency: "USD", calls: 1, units: 1, amount: 100 },
    ]);
    expect((await totalsOf(payer.accountId)).filter((t) => t.calls > 0)).toEqual([]);
    const byAccount = await stack.admin.getUsageReport({ ...range, bucket: "month", groupBy: "account" });
    const grouped = new Map(byAccount.groups.map((g) => [g.group, g.amount]));
    expect([grouped.get(a.id), grouped.get(b.id), grouped.get(c.id), grouped.get(payer.accountId)]).toEqual([400, 100, 100, undefined]);
  });

  it("let lines spending at once never pass the payer's last money nor their own limits", async () => {
    // 1,000 at the payer, three lines of 400: 20 calls of 100 per line at once, exactly 10 pass.
    const payer = await stack.seedCatalog(CATALOG, 1_000);
    const lines = [await line(payer, "a", 400), await line(payer, "b", 400), await line(payer, "c", 400)];
    const forwarded = stack.upstream.count();
    const answers = await Promise.all(lines.flatMap((l) => Array.from({ length: 20 }, () => voice(l.key))));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 402)).toBe(true);
    expect(stack.upstream.count()).toBe(forwarded + 10);
    expect(await available(payer.accountId)).toBe(0);
    const spent = (await stack.admin.listLines(payer.accountId)).items.map((l) => l.spent);
    expect(spent.every((s) => s <= 400)).toBe(true);
    expect(spent.reduce((x, y) => x + y, 0)).toBe(1_000);

    // With money to spare, each stops at its own limit exactly.
    const rich = await stack.seedCatalog(CATALOG, 100_000);
    const capped = [await line(rich, "x", 300), await line(rich, "y", 700)];
    await Promise.all(capped.flatMap((l) => Array.from({ length: 12 }, () => voice(l.key))));
    expect((await stack.admin.listLines(rich.accountId)).items.map((l) => l.spent)).toEqual([300, 700]);
    expect(await available(rich.accountId)).toBe(99_000);
  });

  it("charge a line's direct charges to its payer; take a line out without moving what it was charged", async () => {
    const payer = await stack.seedCatalog(CATALOG, 5_000);
    const l = await line(payer, "moving", 1_000);
    const charged = await request(stack.controlPlaneUrl)
      .post("/v1/charges")
      .set({ authorization: `Bearer ${l.key}`, "idempotency-key": "line-charge" })
      .send({ productId: "voice", units: 2 });
    expect(charged.status).toBe(201);
    expect(charged.body).toMatchObject({ amount: 200 });
    expect(await available(payer.accountId)).toBe(4_800);

    // Out of the hierarchy: it pays from a wallet of its own (opened empty), the payer keeps what was charged.
    const detached = await stack.admin.detachLine(payer.accountId, l.id);
    expect(detached.payerId).toBeUndefined();
    expect(detached.wallets).toEqual([expect.objectContaining({ currency: "USD" })]);
    const broke = await voice(l.key);
    expect(broke.status).toBe(402);
    expect(JSON.parse(broke.body)).toMatchObject({ code: "insufficient_funds" });
    expect(await available(payer.accountId)).toBe(4_800);
    await stack.admin.creditWallet(detached.wallets[0]!.id, { amount: 1_000 }, { idempotencyKey: `own-${l.id}` });
    expect((await voice(l.key)).status).toBe(200);
    expect(await available(l.id)).toBe(900);
    expect(await available(payer.accountId)).toBe(4_800);
    expect((await stack.admin.listLines(payer.accountId)).items).toEqual([]);

    // Back in (it shares its old payer's partition): the payer pays again; its own wallet keeps its money.
    expect(await stack.admin.attachLine(payer.accountId, { accountId: l.id, limit: 500 })).toMatchObject({
      payerId: payer.accountId,
      limit: 500,
    });
    expect((await voice(l.key)).status).toBe(200);
    expect(await available(payer.accountId)).toBe(4_700);
    expect(await available(l.id)).toBe(900);
  });

  it("refuse what a hierarchy cannot be: a line of a line, a payer without the plan's currency, a plan with a recurring fee", async () => {
    const payer = await stack.seedCatalog(CATALOG, 0);
    const l = await line(payer, "first");
    await expect(stack.admin.createLine(l.id, { name: "grandchild" })).rejects.toBeInstanceOf(ConflictError);
    const eurPlan = await stack.admin.createPlan({ name: "eur", currency: "EUR", ...CATALOG });
    await expect(stack.admin.createLine(payer.accountId, { name: "in euros", planId: eurPlan.id })).rejects.toBeInstanceOf(
      UnprocessableError,
    );
    const fee = await stack.admin.createPlan({
      name: "with a fee",
      currency: "USD",
      ...CATALOG,
      recurring: { interval: "month", fee: 1_000 },
    });
    await expect(stack.admin.createLine(payer.accountId, { name: "fee", planId: fee.id })).rejects.toBeInstanceOf(UnprocessableError);
    // A line is a line once.
    await expect(stack.admin.attachLine(payer.accountId, { accountId: l.id })).rejects.toBeInstanceOf(ConflictError);
    expect((await stack.admin.listLines(payer.accountId)).items.map((x) => x.accountId)).toEqual([l.id]);
  });
  /** An account paying for itself on a plan of `catalog`, with `balance` and a key, in another partition than `payer`'s. */
  const elsewhere = async (payer: Seeded, catalog: Record<string, unknown>, balance: number) => {
    const ks = stack.ctx.hot.keyspace;
    for (;;) {
      const s = await stack.seedCatalog(catalog, balance);
      if (ks.partitionOf(s.accountId) !== ks.partitionOf(payer.accountId)) return s;
    }
  };
  const month = () => new Date().toISOString().slice(0, 7);

  it("bring in an account of another partition: its hot state moves to its payer's slot, its calls spend the payer's wallet within its limit, and nothing already charged changes", async () => {
    const payer = await stack.seedCatalog(CATALOG, 10_000);
    const quota = { id: "monthly", metric: "calls", period: "month", limit: 6, enforcement: "hard" };
    const x = await elsewhere(payer, { ...CATALOG, quotas: [quota] }, 1_000);
    const ks = stack.ctx.hot.keyspace;
    const from = ks.partitionOf(x.accountId);
    for (let i = 0; i < 3; i++) expect((await voice(x.key)).status).toBe(200);
    await ingested([x.accountId], 3);
    await jobs.bookUsage(stack.ctx);
    const sorted = { sort: { _id: 1 as const } };
    const ledgerBefore = await stack.ctx.models.LedgerEntry.find({ accountId: x.accountId }, null, sorted).lean();
    const usageBefore = await stack.ctx.models.UsageEvent.find({ accountId: x.accountId }, null, sorted).lean();
    const statementBefore = await stack.admin.getStatement(x.accountId, month());

    expect(await stack.admin.attachLine(payer.accountId, { accountId: x.accountId, limit: 200 })).toMatchObject({
      payerId: payer.accountId,
      limit: 200,
      spent: 0,
    });
    // Its keys now share its payer's slot; the hash it left is a tombstone naming where it went.
    const to = ks.partitionOf(payer.accountId);
    expect(ks.partitionOf(x.accountId)).toBe(to);
    expect(await stack.redis.hgetall(inPartition(ks.account(x.accountId), from))).toEqual({ status: "moved", mv: String(to) });

    // Through the gateway (which heard of the move), with the key it had: the payer pays, within the limit.
    expect((await voice(x.key)).status).toBe(200);
    expect((await voice(x.key)).status).toBe(200);
    const limited = await voice(x.key);
    expect(limited.status).toBe(402);
    expect(JSON.parse(limited.body)).toMatchObject({ code: "line_limit_reached", spent: 200, limit: 200 });
    expect(await available(payer.accountId)).toBe(10_000 - 200);
    // What it had left of its own wallet is still its own (it pays for nothing while it is a line).
    expect(await available(x.accountId)).toBe(700);
    // Its quota counted on where it left off: 3 calls before, 2 since, one left.
    expect((await stack.admin.getLimits(x.accountId)).quotas).toEqual([expect.objectContaining({ id: "monthly", used: 5 })]);
    await stack.admin.setLineLimit(payer.accountId, x.accountId, 1_000);
    expect((await voice(x.key)).status).toBe(200);
    const quotaRefused = await voice(x.key);
    expect(quotaRefused.status).toBe(429);
    expect(JSON.parse(quotaRefused.body)).toMatchObject({ code: "quota_exceeded", quota: "monthly" });

    // Nothing already charged changed: its ledger, its usage events, its statement's wallet.
    await ingested([x.accountId], 6);
    await jobs.bookUsage(stack.ctx);
    expect(await stack.ctx.models.LedgerEntry.find({ accountId: x.accountId }, null, sorted).lean()).toEqual(ledgerBefore);
    const usageAfter = await stack.ctx.models.UsageEvent.find({ accountId: x.accountId }, null, sorted).lean();
    expect(usageAfter.filter((e) => e.payerId === undefined)).toEqual(usageBefore);
    expect(usageAfter.filter((e) => e.payerId === payer.accountId)).toHaveLength(3);
    const statementAfter = await stack.admin.getStatement(x.accountId, month());
    expect(statementAfter.wallets).toEqual(statementBefore.wallets);
    expect(statementAfter.paidByPayer).toEqual([expect.objectContaining({ payerId: payer.accountId, calls: 3, amount: 300 })]);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [payer.accountId, x.accountId] })).drifts).toEqual([]);
  });

  it("charge calls racing the move once, at one place, or refuse them (503); leave a line taken out where it moved; fence a process that has not heard of the move", async () => {
    const payer = await stack.seedCatalog(CATALOG, 100_000);
    const x = await elsewhere(payer, CATALOG, 100_000);
    const ks = stack.ctx.hot.keyspace;
    const from = ks.partitionOf(x.accountId);
    expect((await voice(x.key)).status).toBe(200);
    expect((await voice(x.key)).status).toBe(200);

    // Calls keep coming, four at a time, until the attach has answered.
    const forwarded = stack.upstream.count();
    let moving = true;
    const attached = stack.admin.attachLine(payer.accountId, { accountId: x.accountId }).finally(() => {
      moving = false;
    });
    const statuses: number[] = [];
    const caller = async () => {
      while (moving) statuses.push((await voice(x.key)).status);
    };
    await Promise.all([attached, caller(), caller(), caller(), caller()]);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const passed = statuses.filter((s) => s === 200).length;
    expect(stack.upstream.count()).toBe(forwarded + passed);

    // Each call that passed was charged once, to one wallet: its own before the move, its payer's after.
    await ingested([x.accountId], 2 + passed);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: x.accountId }).lean();
    const own = events.filter((e) => e.payerId === undefined).length;
    expect(own + events.filter((e) => e.payerId === payer.accountId).length).toBe(2 + passed);
    expect(await available(x.accountId)).toBe(100_000 - 100 * own);
    expect(await available(payer.accountId)).toBe(100_000 - 100 * (2 + passed - own));
    await jobs.bookUsage(stack.ctx);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [payer.accountId, x.accountId] })).drifts).toEqual([]);

    // Taken out again, it stays where it moved (its payer's partition) and pays from its own wallet.
    await stack.admin.detachLine(payer.accountId, x.accountId);
    expect(ks.partitionOf(x.accountId)).toBe(ks.partitionOf(payer.accountId));
    expect((await voice(x.key)).status).toBe(200);
    expect(await available(x.accountId)).toBe(100_000 - 100 * (own + 1));

    // A second process that missed the announcement (its view of the account set back to where it was): its
    // charge reaches the tombstone and is refused there (503, nothing written), it looks the account up again,
    // and the same charge sent again is made where the account is now.
    const stale = createContext({
      models: stack.ctx.models,
      redis: stack.redis,
      keyspace: createKeyspace(stack.prefix, TEST_PARTITIONS),
      adminTokens: [],
    });
    const server = await listen(createApp(stale));
    try {
      const charge = () =>
        request(server.url)
          .post("/v1/charges")
          .set({ "x-api-key": x.key, "idempotency-key": "stale" })
          .send({ productId: "voice", units: 1 });
      // It listens, having loaded the moved partitions as it began to; then it forgets this one.
      expect((await stale.charging.plans.plan(x.planId)).ok).toBe(true);
      expect(stale.hot.keyspace.partitionOf(x.accountId)).toBe(ks.partitionOf(payer.accountId));
      stale.hot.keyspace.setPartition(x.accountId, fnv1a32(x.accountId) % TEST_PARTITIONS);
      expect(stale.hot.keyspace.partitionOf(x.accountId)).toBe(from);
      const before = await available(x.accountId);
      const refused = await charge();
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: "unavailable" });
      expect(await stack.redis.hgetall(inPartition(ks.account(x.accountId), from))).toEqual({
        status: "moved",
        mv: String(ks.partitionOf(payer.accountId)),
      });
      expect(stale.hot.keyspace.partitionOf(x.accountId)).toBe(ks.partitionOf(payer.accountId));
      expect((await charge()).status).toBe(201);
      expect(await available(x.accountId)).toBe(before - 100);
    } finally {
      await new Promise((resolve) => server.server.close(resolve));
      await stale.charging.plans.close();
    }
  });

  it("tell a control-plane process started before the move where the account went, though it never looked a key or plan up (the jobs' process)", async () => {
    const worker = await startControlPlane(parseEnv.parse(controlPlaneEnv(stack)), { api: false, ingester: false });
    try {
      const payer = await stack.seedCatalog(CATALOG, 10_000);
      const x = await elsewhere(payer, CATALOG, 1_000);
      await stack.admin.attachLine(payer.accountId, { accountId: x.accountId });
      const to = stack.ctx.hot.keyspace.partitionOf(payer.accountId);
      await eventually(() => worker.ctx.hot.keyspace.partitionOf(x.accountId) === to, 10_000, "the move heard");
      // What it reads of the account (reconciliation, auto-recharge, grant expiry) is the live hash, not the tombstone.
      expect((await worker.ctx.hot.wallets(x.accountId)).get("USD")).toMatchObject({ balance: 1_000 });
    } finally {
      await worker.close();
    }
  });

  it("decide a line's calls exactly on a plan in leased mode: no lease holds its payer's money, and its limit stays exact", async () => {
    const payer = await stack.seedCatalog({ ...CATALOG, metering: "leased" as const }, 10_000);
    const l = await line(payer, "leased", 250);
    const answers = await Promise.all(Array.from({ length: 6 }, () => voice(l.key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 402, 402, 402, 402]);
    const hash = await stack.redis.hgetall(stack.keyspace.account(payer.accountId));
    expect({ balance: Number(hash["b:USD"]), reserved: Number(hash["h:USD"] ?? 0) }).toEqual({ balance: 9_800, reserved: 0 });
  });
});
