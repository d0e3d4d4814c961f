import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import type { Fee, Subscription } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

const USD = 1_000_000;
const HOUR = 3_600_000;

describe("recurring fees and seats", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  /** A plan of 49 USD a month plus 10 USD a seat, calls at 0.001 USD; an account on it with `seats`. */
  async function subscribed(options: { seats?: number; graceHours?: number; billingMode?: "prepaid" | "postpaid"; balance?: number } = {}) {
    const plan = await stack.admin.createPlan({
      name: "Team",
      currency: "USD",
      pricePerCall: 1_000,
      recurring: { interval: "month", fee: 49 * USD, seatPrice: 10 * USD, graceHours: options.graceHours ?? 72 },
    });
    const account = await stack.admin.createAccount({
      name: "subscriber",
      planId: plan.id,
      seats: options.seats ?? 3,
      ...(options.billingMode === "postpaid" ? { billingMode: "postpaid", creditLimit: 1_000 * USD } : {}),
    });
    const walletId = account.wallets[0]!.id;
    if (options.balance) await stack.admin.creditWallet(walletId, { amount: options.balance }, { idempotencyKey: `seed-${account.id}` });
    const key = (await stack.admin.createApiKey(account.id)).key;
    return { planId: plan.id, accountId: account.id, walletId, key };
  }

  const balanceOf = async (accountId: string) => (await stack.admin.getBalance(accountId)).balances[0]!.available;
  const feeEntries = (accountId: string) => stack.ctx.models.LedgerEntry.find({ accountId, type: "fee" }).sort({ createdAt: 1 }).lean();
  const subscription = async (accountId: string): Promise<Subscription> => stack.admin.getSubscription(accountId);

  it("a renewal run twice, and concurrently, charges each period once, from the wallet", async () => {
    const s = await subscribed({ balance: 200 * USD });
    // The first period was charged when the credit arrived: 49 + 3 × 10.
    expect(await balanceOf(s.accountId)).toBe(121 * USD);
    const first = await subscription(s.accountId);
    expect(first).toMatchObject({ status: "active", interval: "month", seats: 3, amount: 79 * USD, due: [] });
    const next = new Date(new Date(first.renewsAt!).getTime() + HOUR);

    await Promise.all([1, 2, 3].map(() => jobs.renewSubscriptions(stack.ctx, next)));
    await jobs.renewSubscriptions(stack.ctx, next);
    await request(stack.controlPlaneUrl)
      .post("/v1/admin/subscriptions/renew")
      .set(admin)
      .send({ accountIds: [s.accountId] })
      .expect(200);

    const entries = await feeEntries(s.accountId);
    expect(entries.map((e) => e.amount)).toEqual([-79 * USD, -79 * USD]);
    expect(await stack.ctx.models.Fee.countDocuments({ accountId: s.accountId, kind: "renewal" })).toBe(2);
    expect(await balanceOf(s.accountId)).toBe(42 * USD);
    const fees = (await stack.admin.listFees(s.accountId)).items;
    expect(fees.map((f) => [f.kind, f.status, f.amount, f.seats])).toEqual([
      ["renewal", "paid", 79 * USD, 3],
      ["renewal", "paid", 79 * USD, 3],
    ]);
    expect(fees[0]!.periodFrom).toBe(first.renewsAt);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("a renewal whose writer died between the Redis debit and the ledger entry is booked once by the next run", async () => {
    const s = await subscribed({ balance: 100 * USD });
    const fee = (await stack.ctx.models.Fee.findOne({ accountId: s.accountId, kind: "renewal" }).lean())!;
    expect(fee.status).toBe("paid");
    // The state such a death leaves: Redis debited under the entry's id (its receipt kept), no ledger entry, the fee due.
    await stack.ctx.models.LedgerEntry.deleteOne({ _id: fee.ledgerEntryId });
    await stack.ctx.models.Fee.updateOne({ _id: fee._id }, { $set: { status: "due" }, $unset: { paidAt: 1 } });
    expect((await stack.admin.reconcile([s.accountId])).drifts).toHaveLength(1);

    await jobs.renewSubscriptions(stack.ctx);
    const entries = await feeEntries(s.accountId);
    expect(entries.map((e) => [e._id, e.amount])).toEqual([[fee.ledgerEntryId, -79 * USD]]);
    expect(await balanceOf(s.accountId)).toBe(21 * USD);
    expect((await stack.ctx.models.Fee.findById(fee._id).lean())!.status).toBe("paid");
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("an unpaid renewal lets calls pass during the grace period, refuses them after it (402), notifies once, and a top-up unblocks at once", async () => {
    const s = await subscribed({ graceHours: 2 });
    await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set(admin)
      .send({ emails: [`billing+${s.accountId}@example.com`] })
      .expect(200);
    // 10 USD does not pay the 79 USD fee: the account is past due, and its calls still pass.
    await stack.admin.creditWallet(s.walletId, { amount: 10 * USD }, { idempotencyKey: "small" });
    expect(await balanceOf(s.accountId)).toBe(10 * USD);
    const due = await subscription(s.accountId);
    expect(due.status).toBe("past_due");
    expect(due.due).toHaveLength(1);
    expect(due.due[0]!.amount).toBe(79 * USD);
    const hits = stack.upstream.count();
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);

    // The grace period ends: the job blocks the account, and the gateway refuses before forwarding.
    const later = new Date(new Date(due.due[0]!.graceUntil).getTime() + 1);
    await jobs.renewSubscriptions(stack.ctx, later);
    await jobs.renewSubscriptions(stack.ctx, later);
    const refused = await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    expect(refused.status).toBe(402);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(refused.body)).toMatchObject({ code: "subscription_unpaid", status: 402 });
    expect(stack.upstream.count()).toBe(hits + 1);
    expect(await balanceOf(s.accountId)).toBe(10 * USD - 1_000); // the refused call was not charged
    expect(await stack.ctx.models.Notification.countDocuments({ accountId: s.accountId, kind: "fee_past_due" })).toBe(1);

    // A top-up pays the fee at once, and the next call passes.
    await stack.admin.creditWallet(s.walletId, { amount: 100 * USD }, { idempotencyKey: "top-up" });
    expect(await balanceOf(s.accountId)).toBe(10 * USD - 1_000 + 100 * USD - 79 * USD);
    expect((await subscription(s.accountId)).status).toBe("active");
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    expect((await feeEntries(s.accountId)).map((e) => e.amount)).toEqual([-79 * USD]);
  });

  it("a seat change mid-period charges the prorated amount to the micro, once per Idempotency-Key; a downgrade credits", async () => {
    const s = await subscribed({ balance: 500 * USD });
    const before = await balanceOf(s.accountId);
    const change = (seats: number, key: string) =>
      request(stack.controlPlaneUrl).put(`/v1/accounts/${s.accountId}/subscription`).set(admin).set("idempotency-key", key).send({ seats });

    const up = await change(5, "seats-5");
    expect(up.status).toBe(200);
    const fee = up.body.change as Fee;
    const c = fee.change!;
    const period = (new Date(fee.periodTo).getTime() - new Date(fee.periodFrom).getTime()) / 1000;
    const remaining = Math.floor((new Date(fee.periodTo).getTime() - new Date(c.at).getTime()) / 1000);
    expect(c).toMatchObject({ fromSeats: 3, toSeats: 5, fromAmount: 79 * USD, toAmount: 99 * USD, periodSeconds: period });
    expect(c.remainingSeconds).toBe(remaining);
    expect(fee.amount).toBe(Number((20_000_000n * BigInt(remaining)) / BigInt(period)));
    expect(fee.amount).toBeGreaterThan(0);
    expect(up.body.subscription).toMatchObject({ seats: 5, amount: 99 * USD, status: "active" });
    expect(await balanceOf(s.accountId)).toBe(before - fee.amount);

    // The same key again: the first answer, nothing more moves; with another body: refused.
    const replay = await change(5, "seats-5");
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.change.id).toBe(fee.id);
    expect((await change(6, "seats-5")).status).toBe(422);
    expect(await balanceOf(s.accountId)).toBe(before - fee.amount);

    const down = (await change(2, "seats-2")).body.change as Fee;
    expect(down.change).toMatchObject({ fromSeats: 5, toSeats: 2 });
    expect(down.amount).toBe(-Number((30_000_000n * BigInt(down.change!.remainingSeconds)) / BigInt(period)));
    expect(await balanceOf(s.accountId)).toBe(before - fee.amount - down.amount);
    expect((await feeEntries(s.accountId)).map((e) => e.amount)).toEqual([-79 * USD, -fee.amount, -down.amount]);
    expect((await stack.admin.getAccount(s.accountId)).seats).toBe(2);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("a change the prepaid wallet cannot pay is refused with 402 and changes nothing; bad input is a 4xx problem that changes nothing", async () => {
    const s = await subscribed({ balance: 80 * USD }); // 1 USD left after the first period
    const otherCurrency = await stack.admin.createPlan({ name: "euro", currency: "EUR", pricePerCall: 1 });
    const snapshot = async () => ({
      balance: await balanceOf(s.accountId),
      fees: await stack.ctx.models.Fee.countDocuments({ accountId: s.accountId }),
      entries: await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId }),
      account: await stack.ctx.models.Account.findById(s.accountId, { planId: 1, seats: 1, subscription: 1 }).lean(),
    });
    const start = await snapshot();
    const put = (body: unknown, key: string | null) => {
      const r = request(stack.controlPlaneUrl).put(`/v1/accounts/${s.accountId}/subscription`).set(admin);
      if (key !== null) r.set("idempotency-key", key);
      return r.send(body as object);
    };
    const refused = await put({ seats: 50 }, "too-many");
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: "insufficient_funds", balance: 1 * USD });
    for (const [body, key, status] of [
      [{ seats: -1 }, "a", 400],
      [{ seats: 1.5 }, "b", 400],
      [{ seats: 100_001 }, "c", 400],
      [{}, "d", 400],
      [{ seats: 4, extra: true }, "e", 400],
      [{ seats: 4 }, null, 400],
      [{ planId: "plan_AAAAAAAAAAAAAAAA" }, "f", 422],
      [{ planId: otherCurrency.id }, "g", 422],
      [{ planId: "not an id" }, "h", 400],
    ] as const) {
      const r = await put(body, key);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await snapshot()).toEqual(start);
    // Nothing was kept of the refused change: the same key may be used again once it can be paid.
    await stack.admin.creditWallet(s.walletId, { amount: 1_000 * USD }, { idempotencyKey: "more" });
    expect((await put({ seats: 50 }, "too-many")).status).toBe(200);
  });

  it("a plan change prorates both plans' amounts; a move to a plan without a fee credits the rest of the period", async () => {
    const s = await subscribed({ balance: 500 * USD, seats: 1 });
    const pro = await stack.admin.createPlan({
      name: "Pro",
      currency: "USD",
      pricePerCall: 500,
      recurring: { interval: "month", fee: 99 * USD, seatPrice: 5 * USD },
    });
    const free = await stack.admin.createPlan({ name: "Free", currency: "USD", pricePerCall: 2_000 });
    const toPro = await stack.admin.changeSubscription(s.accountId, { planId: pro.id }, { idempotencyKey: "to-pro" });
    expect(toPro.change.change).toMatchObject({ fromAmount: 59 * USD, toAmount: 104 * USD });
    const { remainingSeconds, periodSeconds } = toPro.change.change!;
    expect(toPro.change.amount).toBe(Number((45_000_000n * BigInt(remainingSeconds)) / BigInt(periodSeconds)));
    expect(toPro.subscription).toMatchObject({ planId: pro.id, planName: "Pro", amount: 104 * USD });
    // The gateways price calls on the new plan at once.
    const before = await balanceOf(s.accountId);
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    expect(await balanceOf(s.accountId)).toBe(before - 500);

    const toFree = await stack.admin.changeSubscription(s.accountId, { planId: free.id }, { idempotencyKey: "to-free" });
    const left = toFree.change.change!.remainingSeconds;
    expect(toFree.change.amount).toBe(-Number((104_000_000n * BigInt(left)) / BigInt(toFree.change.change!.periodSeconds)));
    expect(toFree.subscription).toMatchObject({ status: "none", planId: free.id, amount: 0 });
    expect(await stack.ctx.models.Account.exists({ _id: s.accountId, subscription: { $exists: true } })).toBeNull();
    await jobs.renewSubscriptions(stack.ctx, new Date(Date.now() + 40 * 24 * HOUR));
    expect(await stack.ctx.models.Fee.countDocuments({ accountId: s.accountId, kind: "renewal" })).toBe(1);
  });

  it("a postpaid account's invoice shows the fee, the seats, a prorated change and the usage on separate lines", async () => {
    const s = await subscribed({ billingMode: "postpaid", seats: 2 });
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    const change = (await stack.admin.changeSubscription(s.accountId, { seats: 4 }, { idempotencyKey: "seats-4" })).change;
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 3, 30_000, "usage");
    const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
    const closed = await request(stack.controlPlaneUrl).post(`/v1/accounts/${s.accountId}/invoices`).set(admin).send({ periodStart });
    expect(closed.status).toBe(200);
    const invoice = closed.body.invoice;
    const lines = invoice.lines as { kind: string; quantity: number; unitPrice: number; amount: number; description: string }[];
    expect(lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.amount])).toEqual([
      ["fee", 1, 49 * USD, 49 * USD],
      ["seats", 2, 10 * USD, 20 * USD],
      ["proration", 1, change.amount, change.amount],
      ["usage", 3, 1_000, 3_000],
    ]);
    expect(lines[0]!.description).toMatch(/^Team: recurring fee, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(lines[2]!.description).toContain("seats 2 to 4");
    expect(invoice.subtotal).toBe(69 * USD + change.amount + 3_000);
    // Paying it gives the wallet back exactly what the fees and the calls took.
    const paid = await request(stack.controlPlaneUrl).post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({});
    expect(paid.body.status).toBe("paid");
    expect(await balanceOf(s.accountId)).toBe(0);
  });

  it("a plan's recurring fee is set and removed through the API; its period cannot change under subscribed accounts", async () => {
    const s = await subscribed({ balance: 100 * USD });
    const set = await request(stack.controlPlaneUrl)
      .put(`/v1/plans/${s.planId}/recurring`)
      .set(admin)
      .send({ interval: "month", fee: 59 * USD, seatPrice: 10 * USD });
    expect(set.body.recurring).toEqual({ interval: "month", fee: 59 * USD, seatPrice: 10 * USD, graceHours: 72 });
    expect((await subscription(s.accountId)).amount).toBe(89 * USD);
    const yearly = await request(stack.controlPlaneUrl)
      .put(`/v1/plans/${s.planId}/recurring`)
      .set(admin)
      .send({ interval: "year", fee: 1 });
    expect(yearly.status).toBe(409);
    for (const body of [
      { interval: "day", fee: 1 },
      { interval: "month", fee: -1 },
      { interval: "month", fee: 1.5 },
      { interval: "month" },
    ]) {
      const r = await request(stack.controlPlaneUrl).put(`/v1/plans/${s.planId}/recurring`).set(admin).send(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await stack.admin.getPlan(s.planId)).recurring?.fee).toBe(59 * USD);
    const removed = await request(stack.controlPlaneUrl).delete(`/v1/plans/${s.planId}/recurring`).set(admin);
    expect(removed.body.recurring).toBeUndefined();
    expect((await subscription(s.accountId)).status).toBe("none");
    // A fee set again later charges the period under way then, never the periods the plan had none.
    await request(stack.controlPlaneUrl)
      .put(`/v1/plans/${s.planId}/recurring`)
      .set(admin)
      .send({ interval: "month", fee: 5 * USD })
      .expect(200);
    await jobs.renewSubscriptions(stack.ctx, new Date(Date.now() + 70 * 24 * HOUR));
    const renewals = await stack.ctx.models.Fee.find({ accountId: s.accountId, kind: "renewal" }).sort({ periodFrom: 1 }).lean();
    expect(renewals.map((f) => f.amount)).toEqual([79 * USD, 5 * USD]);
    expect(renewals[1]!.periodTo.getTime()).toBeGreaterThan(Date.now() + 70 * 24 * HOUR);
    // The customer sees it too, with its own key.
    const mine = await stack.consumer(s.key).getSubscription(s.accountId);
    expect(mine.planId).toBe(s.planId);
    const foreign = await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/subscription`).set("x-api-key", "tg_nope");
    expect(foreign.status).toBe(401);
  });
});
