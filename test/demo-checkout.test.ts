import type { Server } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoCheckout } from "../load/src/demo-checkout.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { listen, startStack, STRIPE_WEBHOOK_SECRET, type Seeded, type Stack } from "./support/stack.js";

/**
 * `npm run demo` takes cards through stripe-mock and the demo's checkout page (load/src/demo-checkout.ts): a top-up
 * by card goes through the control plane's real path (Stripe's API, the signed webhook, the ledger) end to end.
 */
describe("the demo's card payments", () => {
  let stack: Stack;
  let checkout: { server: Server; url: string };
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
    stack = await startStack({
      stripe: {
        through: async (stripeMockUrl) => {
          checkout = await listen(
            createDemoCheckout({
              stripeMockUrl,
              webhookUrl: () => `${stack.controlPlaneUrl}/v1/webhooks/stripe`,
              webhookSecret: STRIPE_WEBHOOK_SECRET,
              publicUrl: () => checkout.url,
              onWebhook: (type, status) => {
                webhooks.push({ type, status });
                for (const w of waiting.splice(0)) w();
              },
            }),
          );
          return checkout.url;
        },
      },
    });
    a = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
  });
  afterAll(async () => {
    await stack?.close();
    checkout?.server.close();
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

    // Cancel on the checkout page: back to the portal, the top-up still pending, nothing credited.
    const other = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set("x-api-key", a.key)
      .set("idempotency-key", "demo-card-3")
      .send({ amount: 1_000_000, provider: "stripe", returnUrl });
    const cancelled = await request(`${other.body.checkoutUrl}/cancel`).post("");
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.location).toBe(`${returnUrl}?recharge=${other.body.id}`);
    expect(webhooks).toHaveLength(2);
    expect(await rechargeOf(other.body.id)).toMatchObject({ status: "pending" });
  });
});
