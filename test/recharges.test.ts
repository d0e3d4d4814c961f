import request from "supertest";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";
import { stripeWebhook } from "./support/stripe.js";

const stripe = new Stripe("sk_test_unused");
const webhook = stripeWebhook;

describe("recharges through Stripe (against stripe-mock)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ stripe: true, ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const start = (s: Seeded, amount: number, key: string) =>
    request(stack.controlPlaneUrl)
      .post(`/v1/accounts/${s.accountId}/recharges`)
      .set("x-api-key", s.key)
      .set("idempotency-key", key)
      .send({ amount, provider: "stripe", paymentMethod: "pm_card_visa" });
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;

  it("is pending until the signed webhook confirms it; three deliveries credit once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const started = await start(s, 5_000_000, "topup-1");
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", amount: 5_000_000, currency: "USD", provider: "stripe", automatic: false });
    expect(started.body.providerRef).toMatch(/^pi_/);
    expect(await available(s)).toBe(0);

    const replay = await start(s, 5_000_000, "topup-1");
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.id).toBe(started.body.id);
    expect(replay.body.providerRef).toBe(started.body.providerRef);

    const succeeded = { id: started.body.providerRef, object: "payment_intent", metadata: { rechargeId: started.body.id } };
    const first = await webhook(stack, "payment_intent.succeeded", succeeded, "evt_same");
    expect(first.status).toBe(200);
    await Promise.all([
      webhook(stack, "payment_intent.succeeded", succeeded, "evt_same"),
      webhook(stack, "payment_intent.succeeded", succeeded, "evt_again"),
    ]);
    expect(await available(s)).toBe(5_000_000);
    expect(
      await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId, idempotencyKey: `recharge:${started.body.id}` }),
    ).toBe(1);
    expect((await stack.ctx.models.Recharge.findById(started.body.id).lean())!.status).toBe("succeeded");
    // A receipt, once, however often the webhook came.
    const receipts = await stack.ctx.models.Invoice.find({ accountId: s.accountId, kind: "receipt" }).lean();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ status: "paid", total: 5_000_000, subject: started.body.id });
    expect(receipts[0]!.number).toMatch(/^TG-\d{6}$/);
  });

  it("refuses forged or unsigned webhooks, changing nothing", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const started = await start(s, 1_000_000, "topup-forged");
    const payload = JSON.stringify({
      id: "evt_forged",
      type: "payment_intent.succeeded",
      data: { object: { id: started.body.providerRef } },
    });
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_ours" });
    for (const signature of [forged, undefined]) {
      let req = request(stack.controlPlaneUrl).post("/v1/webhooks/stripe").set("content-type", "application/json");
      if (signature) req = req.set("stripe-signature", signature);
      const answer = await req.send(payload);
      expect(answer.status).toBe(401);
      expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    expect(await available(s)).toBe(0);
    expect((await stack.ctx.models.Recharge.findById(started.body.id).lean())!.status).toBe("pending");
  });

  it("a failed payment credits nothing; amounts must be whole cents", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const started = await start(s, 2_000_000, "topup-fails");
    await webhook(stack, "payment_intent.payment_failed", {
      id: started.body.providerRef,
      last_payment_error: { message: "card declined" },
    });
    expect(await stack.ctx.models.Recharge.findById(started.body.id).lean()).toMatchObject({
      status: "failed",
      failureReason: "card declined",
    });
    expect(await available(s)).toBe(0);
    const fractional = await start(s, 2_000_001, "topup-fraction");
    expect(fractional.status).toBe(400);
    expect(await stack.ctx.models.Recharge.countDocuments({ accountId: s.accountId })).toBe(1);
  });

  it("a refund reverses the credit through the ledger, once, however the refund is learnt of", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const started = await start(s, 3_000_000, "topup-refund");
    await webhook(stack, "payment_intent.succeeded", { id: started.body.providerRef });
    expect(await available(s)).toBe(3_000_000);
    const refunded = await request(stack.controlPlaneUrl)
      .post(`/v1/recharges/${started.body.id}/refund`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({});
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe("refunded");
    await webhook(stack, "charge.refunded", { id: "ch_1", object: "charge", payment_intent: started.body.providerRef });
    await webhook(stack, "charge.refunded", { id: "ch_1", object: "charge", payment_intent: started.body.providerRef });
    expect(await available(s)).toBe(0);
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: s.accountId }).sort({ createdAt: 1 }).lean();
    expect(entries.map((e) => [e.type, e.amount])).toEqual([
      ["credit", 3_000_000],
      ["reversal", -3_000_000],
    ]);
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });
});
