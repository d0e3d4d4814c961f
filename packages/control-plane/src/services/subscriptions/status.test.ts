import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { subscribedAccount } from "../../../test-support/subscriptions.js";
import { renewSubscription } from "./renew.js";
import { gateStatus, getSubscription, listFees } from "./status.js";

describe("subscription status", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const HOUR = 3_600_000;
  const since = new Date(Date.UTC(2026, 2, 31, 12));
  const recurring = { interval: "month" as const, fee: 4_000_000, seatPrice: 500_000, graceHours: 48 };

  it("is `none` on a plan without a recurring fee", async () => {
    const { accountId, planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    expect(valueOf(await getSubscription(fx.ctx, accountId))).toMatchObject({ accountId, planId, status: "none", amount: 0, due: [] });
  });

  it("is `active` when nothing is due, with the current period (anchored on the 28th for a start past it) and what a period costs", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 10_000_000, seats: 2 });
    const at = new Date(Date.UTC(2026, 3, 5));
    expect(valueOf(await getSubscription(fx.ctx, accountId, at))).toMatchObject({
      status: "active",
      interval: "month",
      seats: 2,
      fee: 4_000_000,
      seatPrice: 500_000,
      amount: 5_000_000,
      currentPeriod: { from: new Date(Date.UTC(2026, 2, 28)), to: new Date(Date.UTC(2026, 3, 28)) },
      renewsAt: new Date(Date.UTC(2026, 3, 28)),
      due: [],
    });
  });

  it("is `past_due` while a due fee's grace period runs and `unpaid` from its end: the gateways are told `unpaid` from then on", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 0 });
    const graceUntil = new Date(since.getTime() + 48 * HOUR);
    const sub = valueOf(await getSubscription(fx.ctx, accountId, since));
    expect(sub).toMatchObject({ status: "past_due", due: [{ amount: 4_500_000, graceUntil }] });
    const account = { _id: accountId, status: "active" as const };
    expect(await gateStatus(fx.ctx, account, new Date(graceUntil.getTime() - 1))).toBe("active");
    expect(valueOf(await getSubscription(fx.ctx, accountId, graceUntil)).status).toBe("unpaid");
    expect(await gateStatus(fx.ctx, account, graceUntil)).toBe("unpaid");
    // A suspended account is told as suspended, whatever it owes.
    expect(await gateStatus(fx.ctx, { _id: accountId, status: "suspended" }, graceUntil)).toBe("suspended");
  });

  it("lists an account's fees newest first, a page at a time", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 100_000_000 });
    await renewSubscription(fx.ctx, accountId, new Date(Date.UTC(2026, 3, 29)));
    await renewSubscription(fx.ctx, accountId, new Date(Date.UTC(2026, 4, 29)));
    const first = await listFees(fx.ctx, accountId, 2);
    const second = await listFees(fx.ctx, accountId, 2, first.nextCursor);
    expect(first.nextCursor).toBeDefined();
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items];
    expect(all).toHaveLength(3);
    expect(new Set(all.map((f) => f._id)).size).toBe(3);
  });

  it("an unknown account is a 404", async () => {
    expect(await getSubscription(fx.ctx, "acct_missing")).toMatchObject({ ok: false, code: "not_found" });
  });
});
