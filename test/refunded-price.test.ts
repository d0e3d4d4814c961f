import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { productById, ratedCall, rateLineOf, type RatedCall } from "@tollgate/gateway-plugin";
import { ADMIN_TOKEN } from "./support/env.js";
import { eventually, startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";

const PRICE = 10_000;
const CATALOG = {
  products: [{ id: "sms", method: "POST", path: "/v1/sms", price: { unitPrice: PRICE } }],
  unmatched: { action: "refuse" },
};

interface UsageView {
  id: string;
  amount: number;
  price: number;
  refunded: boolean;
  refundedAmount: number;
}

/**
 * A refunded usage event's price is 0 whenever its void came, and `refundedAmount` says what was taken and
 * given back; the events' prices add up to the ledger's usage. The void is issued through the store, as the
 * gateway issues it for a charge whose answer was lost, at a chosen point: after the charge was booked.
 */
describe("refunded usage events: price 0, whenever the void came", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack();
    s = await stack.seedCatalog(CATALOG, 1_000_000);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const charge = async (key: string) => {
    const r = await request(stack.controlPlaneUrl)
      .post("/v1/charges")
      .set({ authorization: `Bearer ${s.key}` })
      .set("idempotency-key", key)
      .send({ productId: "sms", units: 1 });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  /** The charge of a usage event as the gateway's core rated it: what its void undoes. */
  const chargedCall = async (eventId: string): Promise<RatedCall> => {
    // Not ingested yet: its time is only what a void that arrives first records.
    const at = (await stack.ctx.models.UsageEvent.findById(eventId).lean())?.timestamp.getTime() ?? Date.now();
    const published = await stack.ctx.charging.plans.plan(s.planId);
    if (!published.ok) throw new Error(published.detail);
    const plan = published.value;
    const product = productById(plan, "sms")!;
    const key = { keyId: s.keyId, accountId: s.accountId, planId: s.planId, status: "active" as const };
    return ratedCall(key, plan, product, eventId, at, "POST", "/v1/charges", { line: rateLineOf(product, undefined)! });
  };
  const usage = async (): Promise<Map<string, UsageView>> => {
    const r = await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/usage?limit=100`).set(admin);
    expect(r.status).toBe(200);
    return new Map((r.body.items as UsageView[]).map((u) => [u.id, u]));
  };
  const usageEntries = async (): Promise<{ amount: number; usageCount?: number }[]> => {
    const r = await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/transactions?limit=100`).set(admin);
    return (r.body.items as { type: string; amount: number; usageCount?: number }[]).filter((e) => e.type === "usage");
  };

  it("a charge booked before its void: price 0, refundedAmount its price, refunded by a usage entry of its own", async () => {
    const kept = await charge("kept");
    const late = await charge("voided-after-booking");
    await usageIngested(stack, 2, s.accountId);
    await jobs.bookUsage(stack.ctx);
    await eventually(async () => (await stack.ctx.models.CallAssignment.countDocuments({ _id: late })) === 1, 30_000, "the charge booked");
    expect(await usageEntries()).toEqual([expect.objectContaining({ amount: -2 * PRICE, usageCount: 2 })]);

    expect(await stack.ctx.charging.store.voidCharge(await chargedCall(late))).toBe("refunded");
    // A void right after its charge: ingested with it, or after it (either way before booking).
    const early = await charge("voided-before-booking");
    expect(await stack.ctx.charging.store.voidCharge(await chargedCall(early))).toBe("refunded");
    await eventually(async () => (await usage()).get(late)?.refunded === true, 30_000, "the late void ingested");
    await eventually(async () => (await usage()).get(early)?.refunded === true, 30_000, "the early void ingested");
    await usageIngested(stack, 3, s.accountId);
    await jobs.bookUsage(stack.ctx);

    const events = await usage();
    for (const id of [late, early]) expect(events.get(id)).toMatchObject({ refunded: true, amount: 0, price: 0, refundedAmount: PRICE });
    expect(events.get(kept)).toMatchObject({ refunded: false, amount: PRICE, price: PRICE, refundedAmount: 0 });
    // Sums over the events reconcile with the ledger: prices with the usage entries, the rest with the balance.
    const entries = await usageEntries();
    const prices = [...events.values()].reduce((sum, e) => sum + e.amount, 0);
    expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(-prices);
    expect(prices).toBe(PRICE);
    expect((await stack.admin.getBalance(s.accountId)).balances[0]).toMatchObject({ available: 1_000_000 - PRICE, reserved: 0 });
    expect((await jobs.reconcile(stack.ctx, { accountIds: [s.accountId] })).drifts).toEqual([]);
  });
});
