import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

describe("postpaid invoices: every call billed once, and paying frees the credit", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
  const close = (accountId: string) =>
    request(stack.controlPlaneUrl).post(`/v1/accounts/${accountId}/invoices`).set(admin).send({ periodStart });
  const pay = (invoiceId: string, body: Record<string, unknown> = {}, key?: string) => {
    const req = request(stack.controlPlaneUrl).post(`/v1/invoices/${invoiceId}/pay`).set(admin);
    return (key === undefined ? req : req.set("idempotency-key", key)).send(body);
  };

  async function postpaid(pricePerCall: number, creditLimit: number) {
    const plan = await stack.admin.createPlan({ name: "postpaid plan", currency: "USD", pricePerCall });
    const account = await stack.admin.createAccount({ name: "postpaid", planId: plan.id, billingMode: "postpaid", creditLimit });
    const key = (await stack.admin.createApiKey(account.id)).key;
    const get = () => call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } });
    const spend = async (calls: number, ingestedTotal: number) => {
      for (let i = 0; i < calls; i++) expect((await get()).status).toBe(200);
      await eventually(
        async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === ingestedTotal,
        30_000,
        "usage ingested",
      );
    };
    const available = async () => (await stack.admin.getBalance(account.id)).balances[0]!.available;
    return { accountId: account.id, get, spend, available };
  }

  it("a customer blocked at its credit limit is served again once its invoice is paid, and the payment is booked once", async () => {
    const a = await postpaid(1_000, 20_000);
    await a.spend(20, 20);
    expect(await a.available()).toBe(-20_000);
    const blocked = await a.get();
    expect(blocked.status).toBe(402);

    const invoice = (await close(a.accountId)).body.invoice;
    expect(invoice).toMatchObject({ status: "finalized", subtotal: 20_000, total: 20_000, amountPaid: 0 });
    const paid = await pay(invoice.id);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: "paid", amountPaid: 20_000 });
    expect(await a.available()).toBe(0);
    expect((await a.get()).status).toBe(200);

    // Paying again (a retry) moves nothing more.
    expect((await pay(invoice.id)).body).toMatchObject({ status: "paid", amountPaid: 20_000 });
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: a.accountId, type: "payment" }).lean();
    expect(entries.map((e) => e.amount)).toEqual([20_000]);
    expect(await a.available()).toBe(-1_000);
    await eventually(async () => (await jobs.reconcile(stack.ctx, { accountIds: [a.accountId] })).drifts.length === 0, 30_000, "no drift");
  });

  it("partial payments, each once by its key; the rounding of the total is booked when the invoice is complete", async () => {
    const b = await postpaid(12_345, 100_000);
    await b.spend(2, 2);
    const invoice = (await close(b.accountId)).body.invoice;
    expect(invoice).toMatchObject({ subtotal: 24_690, total: 20_000, rounding: -4_690 }); // USD 0.02469 → USD 0.02

    expect((await pay(invoice.id, { amount: 10_000 })).status).toBe(400); // a partial payment needs a key
    expect((await pay(invoice.id, { amount: 5 }, "p1")).status).toBe(422); // not whole cents
    expect((await pay(invoice.id, { amount: 30_000 }, "p1")).status).toBe(422); // more than is due
    const first = await pay(invoice.id, { amount: 10_000 }, "p1");
    expect(first.body).toMatchObject({ status: "finalized", amountPaid: 10_000 });
    expect((await pay(invoice.id, { amount: 10_000 }, "p1")).body).toMatchObject({ amountPaid: 10_000 }); // replay
    expect((await pay(invoice.id, { amount: 20_000 }, "p1")).status).toBe(422); // same key, other amount
    expect(await b.available()).toBe(-24_690 + 10_000);
    expect((await request(stack.controlPlaneUrl).post(`/v1/invoices/${invoice.id}/void`).set(admin).send({})).status).toBe(409);

    const rest = await pay(invoice.id, { amount: 10_000 }, "p2");
    expect(rest.body).toMatchObject({ status: "paid", amountPaid: 20_000 });
    expect(await b.available()).toBe(0); // exactly the usage billed came back, rounding included
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: b.accountId, invoiceId: invoice.id })
      .sort({ createdAt: 1 })
      .lean();
    expect(entries.map((e) => [e.type, e.amount])).toEqual([
      ["payment", 10_000],
      ["payment", 10_000],
      ["adjustment", 4_690],
    ]);
  });

  it("a credit note frees the credit it forgives; paying the rest settles the invoice", async () => {
    const c = await postpaid(10_000, 100_000);
    await c.spend(3, 3);
    const invoice = (await close(c.accountId)).body.invoice;
    const note = await request(stack.controlPlaneUrl)
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(admin)
      .set("idempotency-key", "sorry")
      .send({ amount: 10_000, reason: "outage" });
    expect(note.status).toBe(201);
    expect(await c.available()).toBe(-20_000);
    expect((await pay(invoice.id)).body).toMatchObject({ status: "paid", amountPaid: 20_000 });
    expect(await c.available()).toBe(0);
  });

  it("an early close ends the invoice now; the rest of the period, late usage included, lands on the next one, each call once", async () => {
    const d = await postpaid(1_000, 1_000_000);
    await d.spend(10, 10);
    const early = (await close(d.accountId)).body.invoice;
    expect(early.lines).toEqual([expect.objectContaining({ quantity: 10 })]);
    expect(new Date(early.cutoff).getTime()).toBeLessThanOrEqual(Date.now());
    // Closing again with nothing new is the same invoice.
    expect((await close(d.accountId)).body.invoice.id).toBe(early.id);

    await d.spend(5, 15);
    // A call charged before the early close but ingested only now (the ingester was behind).
    const late = new Date(new Date(early.cutoff).getTime() - 1);
    const plan = (await stack.ctx.models.Account.findById(d.accountId).lean())!.planId;
    await stack.ctx.models.UsageEvent.create({
      _id: "evt_late_ingested_0001",
      accountId: d.accountId,
      keyId: "key_x",
      planId: plan,
      currency: "USD",
      amount: 1_000,
      method: "GET",
      path: "/x",
      productId: "default",
      units: 1,
      timestamp: late,
      ingestedAt: new Date(),
    });

    const periodEnd = new Date((await stack.ctx.models.Invoice.findById(early.id).lean())!.periodTo!.getTime() + 60_000);
    await Promise.all([jobs.closeEndedPeriods(stack.ctx, periodEnd), jobs.closeEndedPeriods(stack.ctx, periodEnd)]);
    await jobs.closeEndedPeriods(stack.ctx, periodEnd);
    const invoices = await stack.ctx.models.Invoice.find({ accountId: d.accountId, kind: "invoice" }).sort({ cutoff: 1 }).lean();
    expect(invoices.map((i) => i.lines.reduce((n, l) => n + l.quantity, 0))).toEqual([10, 6]);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: d.accountId }).lean();
    expect(events).toHaveLength(16);
    // Each call billed by exactly one of them (its one assignment).
    const billedBy = await stack.ctx.models.InvoiceAssignment.find({ accountId: d.accountId }).lean();
    expect(billedBy.map((a) => a._id).sort()).toEqual(events.map((e) => e._id).sort());
    expect(new Set(billedBy.map((a) => a.invoiceId))).toEqual(new Set(invoices.map((i) => i._id)));
    expect(invoices.reduce((total, i) => total + i.subtotal, 0)).toBe(16_000);
  });
});
