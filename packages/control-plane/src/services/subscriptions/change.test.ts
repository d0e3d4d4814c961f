import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { subscribedAccount } from "../../../test-support/subscriptions.js";
import type { Recurring } from "../../models/fee.js";
import { createPlan } from "../plans/publish.js";
import { changeSubscription } from "./change.js";

describe("changeSubscription", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const DAY = 86_400_000;
  // A January period: 31 days from the 1st; a change on the 16th at 00:00 has 16 days of it left.
  const since = new Date(Date.UTC(2026, 0, 1));
  const at = new Date(Date.UTC(2026, 0, 16));
  const left = (amount: number) => Math.trunc((amount * 16) / 31);
  const recurring = { interval: "month" as const, fee: 10_000_000, seatPrice: 2_000_000, graceHours: 24 };
  const balance = async (accountId: string) => (await fx.ctx.hot.wallets(accountId)).get("USD")?.balance;
  const account = async (accountId: string) => (await fx.ctx.models.Account.findById(accountId).lean())!;
  async function planLike(planId: string, overrides: { currency?: string; recurring?: Recurring }) {
    const plan = (await fx.ctx.models.Plan.findById(planId).lean())!;
    return createPlan(fx.ctx, { name: "other", currency: plan.currency, catalog: plan.catalog, ...overrides, actor: "test" });
  }

  it("more seats within the period are charged at once, prorated and rounded down; the same key replays without moving money", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 50_000_000 });
    expect(await balance(accountId)).toBe(38_000_000);
    const { fee, replayed } = valueOf(
      await changeSubscription(fx.ctx, accountId, { seats: 3, idempotencyKey: "seats-3", actor: "test" }, at),
    );
    expect(replayed).toBe(false);
    expect(fee).toMatchObject({ kind: "change", status: "paid", amount: left(4_000_000), seats: 3 });
    expect(fee.amount).toBe(2_064_516);
    expect((await account(accountId)).seats).toBe(3);
    expect(await balance(accountId)).toBe(38_000_000 - 2_064_516);

    const again = valueOf(await changeSubscription(fx.ctx, accountId, { seats: 3, idempotencyKey: "seats-3", actor: "test" }, at));
    expect(again).toMatchObject({ replayed: true, fee: { _id: fee._id } });
    expect(await balance(accountId)).toBe(38_000_000 - 2_064_516);
  });

  it("the same key for another change is a 422 that changes nothing", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 50_000_000 });
    valueOf(await changeSubscription(fx.ctx, accountId, { seats: 2, idempotencyKey: "k", actor: "test" }, at));
    const before = await balance(accountId);
    expect(await changeSubscription(fx.ctx, accountId, { seats: 4, idempotencyKey: "k", actor: "test" }, at)).toMatchObject({
      ok: false,
      code: "idempotency_key_reused",
    });
    expect((await account(accountId)).seats).toBe(2);
    expect(await balance(accountId)).toBe(before);
  });

  it("fewer seats are credited at once, prorated", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 50_000_000, seats: 4 });
    expect(await balance(accountId)).toBe(32_000_000);
    const { fee } = valueOf(await changeSubscription(fx.ctx, accountId, { seats: 1, idempotencyKey: "down", actor: "test" }, at));
    expect(fee.amount).toBe(-left(6_000_000));
    expect(await balance(accountId)).toBe(32_000_000 + left(6_000_000));
  });

  it("a prepaid wallet that cannot pay the change refuses it (402) and nothing changes", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 13_000_000 });
    expect(await changeSubscription(fx.ctx, accountId, { seats: 5, idempotencyKey: "big", actor: "test" }, at)).toMatchObject({
      ok: false,
      code: "insufficient_funds",
      extensions: { balance: 1_000_000, amount: left(8_000_000) },
    });
    expect((await account(accountId)).seats).toBe(1);
    expect(await balance(accountId)).toBe(1_000_000);
    expect(await fx.ctx.models.Fee.countDocuments({ accountId, kind: "change" })).toBe(0);
  });

  it("waits until nothing is due (409), and refuses a plan in another currency or no plan at all (422)", async () => {
    const poor = await subscribedAccount(fx, { recurring, since, balance: 0 });
    expect(await changeSubscription(fx.ctx, poor.accountId, { seats: 2, idempotencyKey: "x", actor: "test" }, at)).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const rich = await subscribedAccount(fx, { recurring, since, balance: 50_000_000 });
    const euros = await planLike(rich.planId, { currency: "EUR", recurring });
    for (const planId of [euros._id, "plan_missing"]) {
      expect(await changeSubscription(fx.ctx, rich.accountId, { planId, idempotencyKey: planId, actor: "test" }, at)).toMatchObject({
        ok: false,
        code: "unprocessable",
      });
    }
    expect((await account(rich.accountId)).planId).toBe(rich.planId);
    expect(await changeSubscription(fx.ctx, "acct_missing", { seats: 2, idempotencyKey: "y", actor: "test" }, at)).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("to a plan of another interval: the old period's rest is credited and a new subscription starts now, its first period charged", async () => {
    const { accountId, planId } = await subscribedAccount(fx, { recurring, since, balance: 50_000_000 });
    const weekly = await planLike(planId, { recurring: { interval: "week", fee: 1_000_000, seatPrice: 0, graceHours: 24 } });
    const { fee } = valueOf(
      await changeSubscription(fx.ctx, accountId, { planId: weekly._id, idempotencyKey: "weekly", actor: "test" }, at),
    );
    expect(fee.amount).toBe(-left(12_000_000));
    const moved = await account(accountId);
    expect(moved).toMatchObject({ planId: weekly._id, subscription: { since: at, renewedTo: new Date(at.getTime() + 7 * DAY) } });
    expect(await balance(accountId)).toBe(38_000_000 + left(12_000_000) - 1_000_000);
  });
});
