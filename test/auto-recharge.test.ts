import { Agent } from "node:http";
import request from "supertest";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, STRIPE_WEBHOOK_SECRET, type Seeded, type Stack } from "./support/stack.js";

const stripe = new Stripe("sk_test_unused");

describe("auto-recharge", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ stripe: true, autoRecharge: true, ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const configure = (s: Seeded, settings: Record<string, unknown>) =>
    request(stack.controlPlaneUrl)
      .put(`/v1/wallets/${s.walletId}/auto-recharge`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ provider: "stripe", paymentMethod: "pm_card_visa", ...settings });
  const recharges = (s: Seeded) =>
    stack.ctx.models.Recharge.find({ accountId: s.accountId, automatic: true }).sort({ createdAt: 1 }).lean();
  /** One automatic recharge, started at the provider: its document is written first, its payment's reference after. */
  const rechargeStarted = (s: Seeded) =>
    eventually(
      async () => {
        const found = await recharges(s);
        return found.length === 1 && found[0]!.providerRef !== undefined;
      },
      10_000,
      "the recharge, started at the provider",
    );
  const hook = (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, type, data: { object } });
    return request(stack.controlPlaneUrl)
      .post("/v1/webhooks/stripe")
      .set("content-type", "application/json")
      .set("stripe-signature", stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET }))
      .send(payload);
  };
  const burst = async (s: Seeded, n: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 40 });
    const answers = await Promise.all(
      Array.from({ length: n }, () => call(`${stack.gatewayUrl}/x`, { agent, headers: { "x-api-key": s.key } })),
    );
    agent.destroy();
    return answers;
  };
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;

  it("a burst that crosses the threshold starts exactly one recharge, promptly; its confirmation tops up once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 200, balance: 10_000 });
    const started = async () =>
      (await stack.ctx.metrics.autoRecharges.get()).values.find((v) => v.labels.outcome === "started")?.value ?? 0;
    const startedBefore = await started();
    expect((await configure(s, { threshold: 5_000, mode: "fixed", amount: 1_000_000, dailyLimit: 3 })).status).toBe(200);
    const answers = await burst(s, 40);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await rechargeStarted(s);
    // More signals (another crossing, a redelivery) while it is in flight start nothing more.
    const stream = stack.keyspace.signalStream(stack.keyspace.partitionOf(s.accountId));
    await stack.redis.xadd(stream, "*", "a", s.accountId, "c", "USD", "b", "0", "t", "5000");
    await stack.redis.xadd(stream, "*", "a", s.accountId, "c", "USD", "b", "0", "t", "5000");
    await eventually(async () => (await stack.redis.xlen(stream)) === 0, 10_000, "signals consumed");
    const [recharge] = await recharges(s);
    expect(recharge).toMatchObject({ status: "pending", amount: 1_000_000, automatic: true });
    expect(await recharges(s)).toHaveLength(1);
    expect((await started()) - startedBefore).toBe(1); // the metric: one started, the other signals counted as in flight

    await hook("payment_intent.succeeded", { id: recharge!.providerRef });
    expect(await available(s)).toBe(10_000 - 40 * 200 + 1_000_000);
    expect((await stack.ctx.models.Wallet.findById(s.walletId).lean())!.autoRechargeInFlight).toBeUndefined();
  });

  it("tops up to a target, and stops at the daily limit", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 3_000 });
    await configure(s, { threshold: 2_500, mode: "target", amount: 1_000_000, dailyLimit: 1 });
    await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } }); // 2,000: crosses
    await rechargeStarted(s);
    const [first] = await recharges(s);
    expect(first!.amount).toBe(990_000); // up to the target, in whole cents: 998,000 rounds down
    await hook("payment_intent.succeeded", { id: first!.providerRef });
    expect(await available(s)).toBe(992_000);

    // Below the threshold again (a reversal takes 990,500): the day's one recharge is used.
    const spend = await stack.ctx.models.LedgerEntry.create({
      _id: "led_spenddownspendd",
      walletId: s.walletId,
      accountId: s.accountId,
      currency: "USD",
      type: "reversal",
      amount: -990_500,
      idempotencyKey: "spend-down",
      requestHash: "x",
      actor: "test",
      createdAt: new Date(),
    });
    await stack.ctx.hot.applyEntry(s.accountId, spend._id, "USD", -990_500); // 1,500: crosses again
    await eventually(
      async () => (await stack.ctx.models.AuditRecord.countDocuments({ target: s.accountId, action: "auto_recharge.daily_limit" })) === 1,
      10_000,
      "daily limit noted",
    );
    expect(await recharges(s)).toHaveLength(1);
  });

  it("a failed automatic payment frees the slot and is recorded for notification", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 2_000 });
    await configure(s, { threshold: 1_500, mode: "fixed", amount: 500_000, dailyLimit: 5 });
    await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await rechargeStarted(s);
    const [r] = await recharges(s);
    await hook("payment_intent.payment_failed", { id: r!.providerRef, last_payment_error: { message: "insufficient funds on card" } });
    expect((await stack.ctx.models.Wallet.findById(s.walletId).lean())!.autoRechargeInFlight).toBeUndefined();
    expect(await stack.ctx.models.AuditRecord.countDocuments({ target: s.accountId, action: "auto_recharge.failed" })).toBe(1);
    expect(await available(s)).toBe(1_000);
  });
});
