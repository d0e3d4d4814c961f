import type { Server } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStackWithDemoCheckout } from "./support/demo-checkout.js";
import { eventually, type Seeded, type Stack } from "./support/stack.js";

/**
 * `npm run demo` takes cards through stripe-mock and the demo's checkout page (load/src/demo-checkout.ts): a top-up
 * by card goes through the control plane's real path (Stripe's API, the signed webhook, the ledger) end to end.
 */
describe("the demo's card payments", () => {
  let stack: Stack;
  let checkout: { server: Server; url: string };
  let close: (() => Promise<void>) | undefined;
  let a: Seeded;
  const webhooks: { type: string; status: number }[] = [];
  const waiting: (() => void)[] = [];
  /** Resolves once the demo checkout has sent `n` webhooks in all and the control plane answered them. */
  const sent = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (webhooks.length >= n ? resolve() : waiting.push(check));
      check();
    });

  beforeAll(async () => {
    ({ stack, checkout, close } = await startStackWithDemoCheckout((type, status) => {
      webhooks.push({ type, status });
      for (const w of waiting.splice(0)) w();
    }));
    a = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
  });
  afterAll(async () => {
    await close?.();
  });

  it("a top-up by card: the checkout page, the webhook, the credit once, the kept card; cancel leaves it unpaid", async () => {
    const api = () => request(stack.controlPlaneUrl);
    const returnUrl = `${stack.controlPlaneUrl}/portal/`;
    const rechargeOf = async (id: string) =>
      (
        (await api().get(`/v1/accounts/${a.accountId}/recharges`).set("authorization", `Bearer ${ADMIN_TOKEN}`)).body.items as {
          id: string;
        }[]
      ).find((r) => r.id === id);
    const started = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set("x-api-key", a.key)
      .set("idempotency-key", "demo-card-1")
      .send({ amount: 12_500_000, provider: "stripe", returnUrl, saveCard: true });
    expect(started.status).toBe(201);
    expect(started.body.checkoutUrl.startsWith(`${checkout.url}/pay/cs_demo_`)).toBe(true);

    const page = await request(started.body.checkoutUrl).get("");
    expect(page.status).toBe(200);
    expect(page.text).toContain("$12.50");
    const paid = await request(`${started.body.checkoutUrl}/pay`).post("");
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toBe(`${returnUrl}?recharge=${started.body.id}`);
    expect(webhooks).toEqual([{ type: "payment_intent.succeeded", status: 200 }]);
    // Paying twice (Back, then Pay again) sends nothing more.
    await request(`${started.body.checkoutUrl}/pay`).post("");
    expect(webhooks).toHaveLength(1);

    const balance = await api().get("/v1/me/balance").set("x-api-key", a.key);
    expect(balance.body.balances[0].available).toBe(1_000_000 + 12_500_000);
    expect(await rechargeOf(started.body.id)).toMatchObject({ status: "succeeded", cardSaved: true });

    // The kept card, charged off session (what auto-recharge does): Stripe's webhook follows the answer.
    const kept = await api()
      .put(`/v1/wallets/${a.walletId}/auto-recharge`)
      .set("x-api-key", a.key)
      .send({ threshold: 1_000_000, mode: "fixed", amount: 5_000_000, dailyLimit: 2, provider: "stripe", fromRecharge: started.body.id });
    expect(kept.status).toBe(200);
    const offSession = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .set("idempotency-key", "demo-card-2")
      .send({ amount: 5_000_000, provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(offSession.status).toBe(201);
    await sent(2);
    expect(webhooks[1]).toEqual({ type: "payment_intent.succeeded", status: 200 });
    expect((await api().get("/v1/me/balance").set("x-api-key", a.key)).body.balances[0].available).toBe(1_000_000 + 17_500_000);

    // The kept card, as the customer knows it; forgetting it turns off the auto-recharge that paid with it.
    const cards = await api().get(`/v1/accounts/${a.accountId}/cards`).set("x-api-key", a.key);
    expect(cards.body.items).toEqual([
      expect.objectContaining({
        rechargeId: started.body.id,
        provider: "stripe",
        usedByAutoRecharge: true,
        card: expect.objectContaining({ last4: expect.stringMatching(/^\d{4}$/) }),
      }),
    ]);
    expect(await rechargeOf(started.body.id)).toMatchObject({ card: cards.body.items[0].card });
    const b = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    expect((await api().delete(`/v1/accounts/${b.accountId}/cards/${started.body.id}`).set("x-api-key", b.key)).status).toBe(404);
    const forgotten = await api().delete(`/v1/accounts/${a.accountId}/cards/${started.body.id}`).set("x-api-key", a.key);
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toEqual({ autoRechargeOff: [a.walletId] });
    expect((await api().get(`/v1/accounts/${a.accountId}/cards`).set("x-api-key", a.key)).body.items).toEqual([]);
    expect((await api().get(`/v1/wallets/${a.walletId}`).set("authorization", `Bearer ${ADMIN_TOKEN}`)).body.autoRecharge).toBeUndefined();
    expect((await api().delete(`/v1/accounts/${a.accountId}/cards/${started.body.id}`).set("x-api-key", a.key)).status).toBe(404);

    // Cancel on the checkout page: back to the portal, the top-up still pending (the page could be opened again),
    // nothing credited; then the customer cancels it: its page stops taking payment, nothing is ever credited.
    const other = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set("x-api-key", a.key)
      .set("idempotency-key", "demo-card-3")
      .send({ amount: 1_000_000, provider: "stripe", returnUrl });
    expect(other.body.expiresAt).toBeDefined();
    const back = await request(`${other.body.checkoutUrl}/cancel`).post("");
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(`${returnUrl}?recharge=${other.body.id}`);
    expect(await rechargeOf(other.body.id)).toMatchObject({ status: "pending", checkoutUrl: other.body.checkoutUrl });
    const cancel = () => api().post(`/v1/accounts/${a.accountId}/recharges/${other.body.id}/cancel`).set("x-api-key", a.key).send({});
    const cancelled = await cancel();
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "failed", failureReason: "cancelled" });
    expect(cancelled.body.checkoutUrl).toBeUndefined();
    expect((await request(other.body.checkoutUrl).get("")).status).toBe(410);
    expect((await request(`${other.body.checkoutUrl}/pay`).post("")).status).toBe(410);
    expect((await cancel()).status).toBe(409);
    // Another account's key cannot cancel it, nor see that it exists.
    expect(
      (await api().post(`/v1/accounts/${b.accountId}/recharges/${other.body.id}/cancel`).set("x-api-key", b.key).send({})).status,
    ).toBe(404);
    // A paid one cannot be cancelled.
    expect(
      (await api().post(`/v1/accounts/${a.accountId}/recharges/${started.body.id}/cancel`).set("x-api-key", a.key).send({})).status,
    ).toBe(409);
    expect(webhooks).toHaveLength(2);

    // Abandoned: left pending, it expires by the sweep once its page has expired, whatever the webhooks did.
    const abandoned = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set("x-api-key", a.key)
      .set("idempotency-key", "demo-card-4")
      .send({ amount: 2_000_000, provider: "stripe", returnUrl });
    expect(await jobs.expireStaleCheckouts(stack.ctx, new Date(Date.now() + 30 * 60_000))).toBe(0);
    expect(await jobs.expireStaleCheckouts(stack.ctx, new Date(Date.now() + 2 * 3_600_000))).toBe(1);
    expect(await rechargeOf(abandoned.body.id)).toMatchObject({ status: "failed", failureReason: "the checkout page expired unpaid" });
    expect((await api().get("/v1/me/balance").set("x-api-key", a.key)).body.balances[0].available).toBe(1_000_000 + 17_500_000);
  });

  it("an open invoice paid by card from the portal: the invoice is paid once; a second payment's excess goes to the wallet", async () => {
    const api = () => request(stack.controlPlaneUrl);
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const plan = await stack.admin.createPlan({ name: "postpaid", currency: "USD", pricePerCall: 2_500_000 });
    const account = await stack.admin.createAccount({
      name: "Card payer",
      planId: plan.id,
      billingMode: "postpaid",
      creditLimit: 50_000_000,
    });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < 2; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status).toBe(200);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 2, 30_000, "usage");
    const invoice = (
      await api()
        .post(`/v1/accounts/${account.id}/invoices`)
        .set(admin)
        .send({ periodStart: `${new Date().toISOString().slice(0, 7)}-01` })
    ).body.invoice;
    expect(invoice.total).toBe(5_000_000);
    const returnUrl = `${stack.controlPlaneUrl}/portal/`;
    const pay = (idempotencyKey: string) =>
      api()
        .post(`/v1/accounts/${account.id}/invoices/${invoice.id}/card-payments`)
        .set("x-api-key", key)
        .set("idempotency-key", idempotencyKey)
        .send({ provider: "stripe", returnUrl });
    expect((await pay("x").send({ provider: "stripe", returnUrl: "https://evil.example/" })).status).toBe(400);
    expect((await stack.admin.listRecharges(account.id)).items).toEqual([]); // nothing started
    const first = await pay("card-1");
    const second = await pay("card-2");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ invoiceId: invoice.id, amount: 5_000_000, status: "pending" });
    expect((await request(first.body.checkoutUrl).get("")).text).toContain(`Invoice ${invoice.number}`);

    const before = webhooks.length;
    await request(`${first.body.checkoutUrl}/pay`).post("");
    await request(`${second.body.checkoutUrl}/pay`).post("");
    expect(webhooks.slice(before)).toEqual([
      { type: "payment_intent.succeeded", status: 200 },
      { type: "payment_intent.succeeded", status: 200 },
    ]);
    const paid = (await api().get(`/v1/accounts/${account.id}/invoices/${invoice.id}`).set(admin)).body;
    expect(paid).toMatchObject({ status: "paid", amountPaid: 5_000_000 });
    // The wallet: the invoice's payment freed the credit its usage took; the second payment is prepaid money now.
    const balance = (await api().get(`/v1/accounts/${account.id}/balance`).set(admin)).body.balances[0];
    expect(balance.available).toBe(5_000_000);
    // Paid: nothing more can be started, and a card payment of an invoice is corrected by a credit note, not a refund.
    expect((await pay("card-3")).status).toBe(409);
    expect((await api().post(`/v1/recharges/${first.body.id}/refund`).set(admin).send({})).status).toBe(409);
    const reconciled = await api()
      .post("/v1/admin/reconciliation")
      .set(admin)
      .send({ accountIds: [account.id] });
    expect(reconciled.body.drifts).toEqual([]);
  });
});
