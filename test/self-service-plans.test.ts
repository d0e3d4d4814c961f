import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Stack } from "./support/stack.js";

const USD = 1_000_000;

describe("self-service plan changes: the account moves itself between the plans offered, seeing the proration first", () => {
  let stack: Stack;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("quotes a change, makes it as quoted, and refuses what the provider did not offer", async () => {
    const plan = (name: string, fee: number) =>
      stack.admin.createPlan({
        name,
        currency: "USD",
        pricePerCall: 1_000,
        recurring: { interval: "month", fee, seatPrice: 5 * USD, graceHours: 72 },
      });
    const basic = await plan("Basic", 10 * USD);
    const pro = await plan("Pro", 20 * USD);
    const custom = await plan("Custom", 100 * USD);
    for (const p of [basic, pro])
      expect((await api().put(`/v1/plans/${p.id}/self-service`).set(admin).send({ maxSeats: 3 })).status).toBe(200);
    expect((await api().put(`/v1/plans/${custom.id}/self-service`).set(admin).send({ maxSeats: 0 })).status).toBe(400);
    const account = await stack.admin.createAccount({ name: "self-serve", planId: basic.id, seats: 1 });
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 200 * USD }, { idempotencyKey: "seed" });
    const key = (await stack.admin.createApiKey(account.id)).key;
    const own = { "x-api-key": key };

    // What it may move to: the self-service plans in its currency, never the custom one.
    const offered = await api().get(`/v1/accounts/${account.id}/subscription/plans`).set(own);
    expect(offered.body.items.map((p: { name: string }) => p.name)).toEqual(["Basic", "Pro"]);
    expect(offered.body.items[0].selfService).toEqual({ maxSeats: 3 });

    // The quote: Basic with 1 seat (15 USD a period) to Pro with 2 (30 USD), prorated over the rest of the period.
    const quote = await api().get(`/v1/accounts/${account.id}/subscription/quote?planId=${pro.id}&seats=2`).set(own);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      planId: pro.id,
      seats: 2,
      currency: "USD",
      fromAmount: 15 * USD,
      toAmount: 30 * USD,
      newCycle: false,
    });
    expect(quote.body.selfService).toEqual({ allowed: true });
    expect(quote.body.amount).toBe(Math.trunc((15 * USD * quote.body.remainingSeconds) / quote.body.periodSeconds));
    expect((await api().get(`/v1/accounts/${account.id}/subscription/quote?planId=${custom.id}`).set(own)).body.selfService).toMatchObject({
      allowed: false,
    });
    expect((await api().get(`/v1/accounts/${account.id}/subscription/quote`).set(own)).status).toBe(400);

    const change = (body: object, idempotencyKey: string, credential: Record<string, string> = own) =>
      api().put(`/v1/accounts/${account.id}/subscription`).set(credential).set("idempotency-key", idempotencyKey).send(body);
    const before = (await stack.admin.getBalance(account.id)).balances[0]!.available;
    // Not offered, or too many seats: refused by name, and nothing changes.
    const toCustom = await change({ planId: custom.id }, "c-1");
    expect(toCustom.status).toBe(403);
    expect(toCustom.body.detail).toContain("Custom");
    expect((await change({ planId: pro.id, seats: 4 }, "c-2")).status).toBe(403);
    expect((await stack.admin.getBalance(account.id)).balances[0]!.available).toBe(before);
    // Offered: made, at the quoted rule; the same key again changes nothing more.
    const made = await change({ planId: pro.id, seats: 2 }, "c-3");
    expect(made.status).toBe(200);
    expect(made.body.subscription).toMatchObject({ planId: pro.id, seats: 2 });
    const fee = made.body.change;
    expect(fee.amount).toBe(Math.trunc((15 * USD * fee.change.remainingSeconds) / fee.change.periodSeconds));
    expect(fee.change.remainingSeconds).toBeLessThanOrEqual(quote.body.remainingSeconds);
    expect((await stack.admin.getBalance(account.id)).balances[0]!.available).toBe(before - fee.amount);
    expect((await change({ planId: pro.id, seats: 2 }, "c-3")).headers["idempotent-replayed"]).toBe("true");
    expect((await stack.admin.getBalance(account.id)).balances[0]!.available).toBe(before - fee.amount);
    // Staff are not bound by self-service; and once a plan is no longer offered, the account cannot leave it itself.
    expect((await change({ planId: custom.id }, "c-4", admin)).status).toBe(200);
    expect((await change({ planId: basic.id }, "c-5")).status).toBe(403);
    expect((await api().delete(`/v1/plans/${pro.id}/self-service`).set(admin)).body.selfService).toBeUndefined();
    // Another account's key sees nothing of it.
    const other = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    expect((await api().get(`/v1/accounts/${account.id}/subscription/quote?seats=2`).set("x-api-key", other.key)).status).toBe(403);
  });
});
