import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";
import { stripeWebhook } from "./support/stripe.js";

const webhook = stripeWebhook;

describe("self-service: what an account's own key (or portal session) may do to its own account, and nothing more", () => {
  let stack: Stack;
  let a: Seeded;
  let b: Seeded;
  const as = (s: Seeded) => ({ "x-api-key": s.key });
  const api = () => request(stack.controlPlaneUrl);

  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    a = await stack.seedCatalog(
      {
        pricePerCall: 1_000,
        quotas: [{ id: "daily", metric: "calls", period: "day", limit: 5, enforcement: "hard" }],
      },
      1_000_000,
      { name: "capped", spendCap: { amount: 2_500, period: "day" } },
    );
    b = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("keys: a portal session opened by the provider's link creates and revokes the account's keys; an API key cannot", async () => {
    const link = await api().post(`/v1/accounts/${a.accountId}/portal-sessions`).set("authorization", `Bearer ${ADMIN_TOKEN}`).send({});
    const login = new URL(link.body.url as string).hash.slice("#login=".length);
    const signedIn = await api().post("/v1/portal/session").send({ login });
    const session = { cookie: String(signedIn.headers["set-cookie"]).split(";")[0]!, origin: stack.controlPlaneUrl };
    expect((await api().get("/v1/portal/session").set(session)).body).toEqual({ accountId: a.accountId, manageKeys: true });

    const created = await api()
      .post(`/v1/accounts/${a.accountId}/keys`)
      .set(session)
      .send({ name: "ci", spendCap: { amount: 50_000, period: "month" } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tg_/);
    expect(created.body).toMatchObject({ name: "ci", status: "active", spendCap: { amount: 50_000, period: "month" } });
    const listed = await api().get(`/v1/accounts/${a.accountId}/keys`).set(as(a));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    // The new key works at the gateway.
    expect((await fetch(`${stack.gatewayUrl}/anything`, { headers: { "x-api-key": created.body.key } })).status).toBe(200);

    // An API key cannot mint keys (a leaked key would outlive its revocation), nor can a session it opened.
    const byKey = await api().post("/v1/portal/session").send({ apiKey: a.key });
    const keySession = { cookie: String(byKey.headers["set-cookie"]).split(";")[0]!, origin: stack.controlPlaneUrl };
    expect((await api().get("/v1/portal/session").set(keySession)).body).toEqual({ accountId: a.accountId, manageKeys: false });
    expect((await api().post(`/v1/accounts/${a.accountId}/keys`).set(as(a)).send({ name: "minted" })).status).toBe(403);
    expect((await api().post(`/v1/accounts/${a.accountId}/keys`).set(keySession).send({ name: "minted" })).status).toBe(403);
    expect((await api().delete(`/v1/accounts/${a.accountId}/keys/${created.body.id}`).set(as(a))).status).toBe(403);
    // Nor another account's, whoever asks.
    expect((await api().post(`/v1/accounts/${b.accountId}/keys`).set(session).send({ name: "intruder" })).status).toBe(403);
    expect((await api().delete(`/v1/accounts/${b.accountId}/keys/${b.keyId}`).set(session)).status).toBe(403);
    expect(await stack.ctx.models.ApiKey.countDocuments({ accountId: a.accountId })).toBe(2);
    expect(await stack.ctx.models.ApiKey.countDocuments({ accountId: b.accountId, status: "active" })).toBe(1);

    const revoked = await api().delete(`/v1/accounts/${a.accountId}/keys/${created.body.id}`).set(session);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    expect((await fetch(`${stack.gatewayUrl}/anything`, { headers: { "x-api-key": created.body.key } })).status).toBe(401);
  });

  it("limits: quota use and key spend this period, as the gateway counts them", async () => {
    // The capped key (2,500 a day at 1,000 a call): two calls go through, the third would pass the cap.
    for (let i = 0; i < 2; i++) expect((await fetch(`${stack.gatewayUrl}/q`, { headers: as(a) })).status).toBe(200);
    expect((await fetch(`${stack.gatewayUrl}/q`, { headers: as(a) })).status).toBe(402);
    const limits = await api().get(`/v1/accounts/${a.accountId}/limits`).set(as(a));
    expect(limits.status).toBe(200);
    expect(limits.body).toMatchObject({
      currency: "USD",
      timeZone: "UTC",
      // One call by the key made in the test before, two by the capped key; the refused call counts nowhere.
      quotas: [
        {
          id: "daily",
          metric: "calls",
          period: "day",
          used: 3,
          limit: 5,
          enforcement: "hard",
          periodKey: new Date().toISOString().slice(0, 10),
        },
      ],
      keys: [{ keyId: a.keyId, name: "capped", period: "day", periodKey: new Date().toISOString().slice(0, 10), spent: 2_000, cap: 2_500 }],
    });
    expect((await api().get(`/v1/accounts/${a.accountId}/limits`).set(as(b))).status).toBe(403);
    expect((await api().get(`/v1/accounts/${b.accountId}/limits`).set(as(b))).body).toEqual({
      currency: "USD",
      timeZone: "UTC",
      quotas: [],
      keys: [],
    });
  });

  it("notification settings: the defaults, then what the account saved; never another's", async () => {
    const before = await api().get(`/v1/accounts/${b.accountId}/notification-settings`).set(as(b));
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      accountId: b.accountId,
      emails: [],
      webhooks: [],
      muted: [],
      balanceThresholds: [],
      percentOfLastRecharge: [],
      quotaPercents: [50, 80, 100],
      bundlePercents: [20],
    });
    const put = await api()
      .put(`/v1/accounts/${b.accountId}/notification-settings`)
      .set(as(b))
      .send({ emails: ["ops@example.com"], balanceThresholds: [5_000_000], muted: ["invoice_issued"] });
    expect(put.status).toBe(200);
    const after = await api().get(`/v1/accounts/${b.accountId}/notification-settings`).set(as(b));
    expect(after.body).toMatchObject({ emails: ["ops@example.com"], balanceThresholds: [5_000_000], muted: ["invoice_issued"] });
    expect((await api().get(`/v1/accounts/${b.accountId}/notification-settings`).set(as(a))).status).toBe(403);
    expect(
      (await api().get(`/v1/accounts/acc_nosuchaccount/notification-settings`).set("authorization", `Bearer ${ADMIN_TOKEN}`)).status,
    ).toBe(404);
  });

  it("card top-up on Stripe's page: a checkout URL, the webhook credits once, the kept card drives auto-recharge", async () => {
    const origin = stack.controlPlaneUrl;
    const foreign = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set(as(a))
      .set("idempotency-key", "co-foreign")
      .send({ amount: 10_000_000, provider: "stripe", returnUrl: "https://evil.example/portal/" });
    expect(foreign.status).toBe(400);
    const started = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set(as(a))
      .set("idempotency-key", "co-1")
      .send({ amount: 10_000_000, provider: "stripe", returnUrl: `${origin}/portal/`, saveCard: true });
    expect(started.status).toBe(201);
    expect(started.body.providerRef).toMatch(/^cs_/);
    expect(started.body.checkoutUrl).toMatch(/^https:\/\//);
    expect(started.body).toMatchObject({ status: "pending", cardSaved: false });
    const replay = await api()
      .post(`/v1/accounts/${a.accountId}/recharges`)
      .set(as(a))
      .set("idempotency-key", "co-1")
      .send({ amount: 10_000_000, provider: "stripe", returnUrl: `${origin}/portal/`, saveCard: true });
    expect(replay.body).toMatchObject({ id: started.body.id, checkoutUrl: started.body.checkoutUrl });

    const before = (await stack.admin.getBalance(a.accountId)).balances[0]!.available;
    const paid = {
      id: "pi_from_checkout",
      object: "payment_intent",
      metadata: { rechargeId: started.body.id },
      setup_future_usage: "off_session",
      payment_method: "pm_card_visa",
      customer: "cus_kept",
    };
    expect((await webhook(stack, "payment_intent.succeeded", paid)).status).toBe(200);
    expect((await webhook(stack, "payment_intent.succeeded", paid)).status).toBe(200);
    expect((await stack.admin.getBalance(a.accountId)).balances[0]!.available).toBe(before + 10_000_000);
    const recharge = await stack.ctx.models.Recharge.findById(started.body.id).lean();
    expect(recharge).toMatchObject({
      status: "succeeded",
      paymentRef: "pi_from_checkout",
      // The kept card as people know it, as the provider describes it (stripe-mock: its fixture card).
      savedCard: {
        paymentMethod: "pm_card_visa",
        customer: "cus_kept",
        card: expect.objectContaining({ last4: expect.stringMatching(/^\d{4}$/) }),
      },
    });
    expect(recharge!.checkoutUrl).toBeUndefined();

    // Auto-recharge with the kept card, by the customer; naming a raw payment method is for admins.
    const auto = { threshold: 1_000_000, mode: "fixed", amount: 5_000_000, dailyLimit: 2, provider: "stripe" };
    expect(
      (
        await api()
          .put(`/v1/wallets/${a.walletId}/auto-recharge`)
          .set(as(a))
          .send({ ...auto, paymentMethod: "pm_card_visa" })
      ).status,
    ).toBe(403);
    expect(
      (
        await api()
          .put(`/v1/wallets/${a.walletId}/auto-recharge`)
          .set(as(b))
          .send({ ...auto, fromRecharge: started.body.id })
      ).status,
    ).toBe(403);
    expect(
      (
        await api()
          .put(`/v1/wallets/${b.walletId}/auto-recharge`)
          .set(as(b))
          .send({ ...auto, fromRecharge: started.body.id })
      ).status,
    ).toBe(422);
    const on = await api()
      .put(`/v1/wallets/${a.walletId}/auto-recharge`)
      .set(as(a))
      .send({ ...auto, fromRecharge: started.body.id });
    expect(on.status).toBe(200);
    expect(on.body.autoRecharge).toEqual({
      ...auto,
      paymentMethod: "pm_card_visa",
      customer: "cus_kept",
      card: expect.objectContaining({ brand: expect.any(String), last4: expect.stringMatching(/^\d{4}$/) }),
    });
    expect((await api().get(`/v1/wallets/${a.walletId}`).set(as(a))).body.autoRecharge).toMatchObject({ customer: "cus_kept" });
    expect((await api().get(`/v1/wallets/${a.walletId}`).set(as(b))).status).toBe(403);
    const off = await api().delete(`/v1/wallets/${a.walletId}/auto-recharge`).set(as(a));
    expect(off.status).toBe(200);
    expect(off.body.autoRecharge).toBeUndefined();

    // A top-up paid at once with the kept card, named by the top-up that kept it; never another account's, and
    // never beside another card or the provider's page.
    const topUp = (who: typeof a, key: string, body: Record<string, unknown>) =>
      api()
        .post(`/v1/accounts/${who.accountId}/recharges`)
        .set(as(who))
        .set("idempotency-key", key)
        .send({ amount: 3_000_000, provider: "stripe", ...body });
    expect((await topUp(b, "kept-foreign", { fromRecharge: started.body.id })).status).toBe(422);
    expect((await topUp(a, "kept-both", { fromRecharge: started.body.id, returnUrl: `${origin}/portal/` })).status).toBe(400);
    expect((await topUp(a, "kept-both-2", { fromRecharge: started.body.id, paymentMethod: "pm_card_visa" })).status).toBe(400);
    const withKept = await topUp(a, "kept-1", { fromRecharge: started.body.id });
    expect(withKept.status, withKept.text).toBe(201);
    expect(withKept.body).toMatchObject({ status: "pending", amount: 3_000_000 });
    expect(withKept.body.providerRef).toMatch(/^pi_/);
    expect(withKept.body.checkoutUrl).toBeUndefined();
    expect((await topUp(a, "kept-1", { fromRecharge: started.body.id })).body.id).toBe(withKept.body.id);
    const keptBefore = (await stack.admin.getBalance(a.accountId)).balances[0]!.available;
    const keptPaid = { id: withKept.body.providerRef, object: "payment_intent", metadata: { rechargeId: withKept.body.id } };
    expect((await webhook(stack, "payment_intent.succeeded", keptPaid)).status).toBe(200);
    expect((await stack.admin.getBalance(a.accountId)).balances[0]!.available).toBe(keptBefore + 3_000_000);

    // A refund goes to the payment itself (the PaymentIntent), not to the Checkout session.
    const refunded = await api().post(`/v1/recharges/${started.body.id}/refund`).set("authorization", `Bearer ${ADMIN_TOKEN}`).send({});
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe("refunded");
  });
});
