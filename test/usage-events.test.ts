import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogInput } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

const CATALOG: CatalogInput = {
  products: [
    {
      id: "minutes",
      method: "POST",
      path: "/v1/calls",
      price: { metric: "units", unitsHeader: "x-units", unitPrice: 1_000, maximum: 10_000_000 },
    },
  ],
  unmatched: { action: "price", price: { unitPrice: 500 } },
};
const DAY = 86_400_000;

describe("usage events in batches: usage already delivered, reported afterwards", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const report = (events: unknown[], credential: Record<string, string>) =>
    request(stack.controlPlaneUrl).post("/v1/usage-events").set(credential).send({ events });
  const balance = async (accountId: string) => (await stack.admin.getBalance(accountId)).balances[0]!.available;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  it("records each event once, as of its own time; a repeat is a duplicate and moves nothing", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const key = { authorization: `Bearer ${s.key}` };
    const events = [
      { id: "call-1", timestamp: ago(3 * DAY), productId: "minutes", units: 12 },
      { id: "call-2", timestamp: ago(60_000), productId: "minutes", units: 3 },
      { id: "job-1", timestamp: ago(1_000), productId: "default" },
    ];
    const first = await report(events, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0, refused: 0 });
    expect(first.body.results.map((r: { status: string; amount: number }) => [r.status, r.amount])).toEqual([
      ["accepted", 12_000],
      ["accepted", 3_000],
      ["accepted", 500],
    ]);
    expect(await balance(s.accountId)).toBe(84_500);

    const again = await report([...events, { id: "call-2", timestamp: ago(1), productId: "minutes", units: 99 }], key);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 4, refused: 0 });
    expect(await balance(s.accountId)).toBe(84_500);

    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 3, 30_000, "3 events");
    const old = await stack.ctx.models.UsageEvent.findById(first.body.results[0].eventId).lean();
    expect(old!.timestamp.toISOString()).toBe(events[0]!.timestamp);
    expect(old).toMatchObject({ productId: "minutes", units: 12, amount: 12_000, path: "/v1/usage-events" });
  });

  it("refuses what the wallet cannot cover, says why, keeps nothing of it, and takes it when sent again after a top-up", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 25_000);
    const key = { authorization: `Bearer ${s.key}` };
    const events = [1, 2, 3].map((n) => ({ id: `m-${n}`, timestamp: ago(n * 1_000), productId: "minutes", units: 10 }));
    const answer = await report(events, key);
    expect(answer.body).toMatchObject({ accepted: 2, refused: 1 });
    expect(answer.body.results[2]).toMatchObject({ id: "m-3", status: "refused", code: "insufficient_funds" });
    expect(await balance(s.accountId)).toBe(5_000);
    await stack.admin.creditWallet(s.walletId, { amount: 10_000 }, { idempotencyKey: "more" });
    const resent = await report(events, key);
    expect(resent.body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate", "accepted"]);
    expect(await balance(s.accountId)).toBe(5_000);
  });

  it("one bad event refuses the whole batch with a 4xx problem, and nothing changes", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const other = await stack.seedCatalog({ ...CATALOG }, 100_000);
    const key = { authorization: `Bearer ${s.key}` };
    const good = { id: "ok", timestamp: ago(1_000), productId: "minutes", units: 1 };
    const cases: [unknown[], Record<string, string>, number][] = [
      [Array.from({ length: 1_001 }, (_, i) => ({ ...good, id: `e-${i}` })), key, 400],
      [[good, { ...good, id: "old", timestamp: ago(40 * DAY) }], key, 400],
      [[good, { ...good, id: "future", timestamp: new Date(Date.now() + DAY).toISOString() }], key, 400],
      [[good, { ...good, id: "neg", units: -1 }], key, 400],
      [[good, { ...good, id: "frac", units: 2.5 }], key, 400],
      [[good, { ...good, id: "" }], key, 400],
      [[good, { ...good, id: "attrs", attributes: { to: 351 } }], key, 400],
      [[], key, 400],
      [[good, { ...good, id: "unknown", productId: "nothing" }], key, 422],
      [[good, { ...good, id: "theirs", accountId: other.accountId }], key, 403],
      [[good], admin, 400],
      [[{ ...good, accountId: "acct_AAAAAAAAAAAAAAAA" }], admin, 422],
    ];
    for (const [events, credential, status] of cases) {
      const r = await report(events, credential);
      expect(r.status, JSON.stringify(events).slice(0, 120)).toBe(status);
      expect(r.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await balance(s.accountId)).toBe(100_000);
    expect(await balance(other.accountId)).toBe(100_000);
    // The first event of each refused batch was never recorded: sent now, it is accepted.
    expect((await report([good], key)).body.accepted).toBe(1);
  });

  it("the SDK reports a batch, and sending it again is safe", async () => {
    const s = await stack.seedCatalog({ ...CATALOG }, 10_000);
    const me = stack.consumer(s.key);
    const batch = [{ id: "sdk-1", timestamp: ago(2_000), productId: "minutes", units: 4 }];
    expect(await me.reportUsage(batch)).toMatchObject({ accepted: 1, results: [{ status: "accepted", amount: 4_000, balance: 6_000 }] });
    expect(await me.reportUsage(batch)).toMatchObject({ duplicates: 1, results: [{ status: "duplicate", amount: 4_000 }] });
  });

  it("staff report for several accounts at once", async () => {
    const a: Seeded = await stack.seedCatalog({ ...CATALOG }, 10_000);
    const b: Seeded = await stack.seedCatalog({ ...CATALOG }, 10_000);
    const answer = await report(
      [
        { id: "x", timestamp: ago(5_000), accountId: a.accountId, productId: "minutes", units: 2 },
        { id: "x", timestamp: ago(5_000), accountId: b.accountId, productId: "minutes", units: 3 },
      ],
      admin,
    );
    expect(answer.body).toMatchObject({ accepted: 2 });
    expect([await balance(a.accountId), await balance(b.accountId)]).toEqual([8_000, 7_000]);
  });

  it("usage reported after its period was invoiced goes on the next invoice, saying which period it belongs to", async () => {
    const plan = await stack.admin.createPlan({ name: "metered", currency: "USD", ...CATALOG });
    const account = await stack.admin.createAccount({ name: "late", planId: plan.id, billingMode: "postpaid", creditLimit: 100_000_000 });
    const monthStart = new Date(`${new Date().toISOString().slice(0, 7)}-01T00:00:00Z`);
    const lastMonth = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 1, 1));
    const inLastMonth = new Date(monthStart.getTime() - 2 * 3_600_000).toISOString();
    const staff = (id: string, units: number) =>
      report([{ id, timestamp: inLastMonth, accountId: account.id, productId: "minutes", units }], admin);
    const close = (periodStart: string) =>
      request(stack.controlPlaneUrl).post(`/v1/accounts/${account.id}/invoices`).set(admin).send({ periodStart });
    const booked = (n: number) =>
      eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === n, 30_000, `${n} events`);

    expect((await staff("on-time", 1)).body.accepted).toBe(1);
    await booked(1);
    const previous = (await close(lastMonth.toISOString().slice(0, 10))).body.invoice;
    expect(previous.lines.map((l: { amount: number }) => l.amount)).toEqual([1_000]);

    expect((await staff("late", 7)).body.accepted).toBe(1);
    await booked(2);
    const current = (await close(monthStart.toISOString().slice(0, 10))).body.invoice;
    const lastMonthKey = lastMonth.toISOString().slice(0, 10);
    expect(current.lines).toEqual([
      expect.objectContaining({
        kind: "usage",
        description: `minutes (late usage of ${lastMonthKey} to ${monthStart.toISOString().slice(0, 10)})`,
        amount: 7_000,
      }),
    ]);
    // Nothing twice: the earlier invoice still holds only the on-time event.
    expect((await stack.ctx.models.InvoiceAssignment.find({ accountId: account.id, invoiceId: previous.id }).lean()).length).toBe(1);
  });
});
