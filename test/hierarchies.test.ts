import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from "@tollgate/sdk";
import { call } from "./support/http.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

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

  it("refuse what a hierarchy cannot be: a line of a line, a payer without the plan's currency, an account of another partition, a plan with a recurring fee", async () => {
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
    // An existing account of another partition cannot join; one in the payer's can.
    const ks = stack.ctx.hot.keyspace;
    let other = await stack.admin.createAccount({ name: "other", planId: payer.planId });
    while (ks.partitionOf(other.id) === ks.partitionOf(payer.accountId))
      other = await stack.admin.createAccount({ name: "other", planId: payer.planId });
    await expect(stack.admin.attachLine(payer.accountId, { accountId: other.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(stack.admin.attachLine(payer.accountId, { accountId: l.id })).rejects.toBeInstanceOf(ConflictError);
    expect((await stack.admin.listLines(payer.accountId)).items.map((x) => x.accountId)).toEqual([l.id]);
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
