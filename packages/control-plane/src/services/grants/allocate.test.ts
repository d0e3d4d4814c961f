import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { allocateUsage } from "./allocate.js";
import { issueGrant } from "./issue.js";

describe("allocateUsage: the consumption order", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const DAY = 86_400_000;
  /** A grant of `amount`, created `age` days ago (so that "oldest" does not hang on the clock's resolution). */
  async function grant(walletId: string, name: string, amount: number, priority: number, expiresInDays: number, age = 0) {
    const { grant } = valueOf(
      await issueGrant(fx.ctx, {
        walletId,
        kind: "promotional",
        amount,
        priority,
        expiresAt: new Date(Date.UTC(2090, 0, 1) + expiresInDays * DAY),
        idempotencyKey: name,
        actor: "test",
      }),
    );
    await fx.ctx.models.Grant.updateOne({ _id: grant._id }, { $set: { createdAt: new Date(Date.now() - age * DAY) } });
    return grant._id;
  }
  const remaining = async (walletId: string) =>
    Object.fromEntries((await fx.ctx.models.Grant.find({ walletId }).lean()).map((g) => [g.idempotencyKey, g.remaining]));

  it("takes from the lowest priority number, then the soonest expiry, then the oldest, and the wallet's own money last", async () => {
    const { walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 10_000_000 });
    await grant(walletId, "p2", 100, 2, 1);
    await grant(walletId, "p1-late", 100, 1, 30);
    await grant(walletId, "p1-soon-new", 100, 1, 5, 1);
    await grant(walletId, "p1-soon-old", 100, 1, 5, 2);

    await allocateUsage(fx.ctx, walletId, "led_usage1", 150);
    expect(await remaining(walletId)).toEqual({ p2: 100, "p1-late": 100, "p1-soon-new": 50, "p1-soon-old": 0 });
    await allocateUsage(fx.ctx, walletId, "led_usage2", 200);
    expect(await remaining(walletId)).toEqual({ p2: 50, "p1-late": 0, "p1-soon-new": 0, "p1-soon-old": 0 });
    // More than the grants hold: they give all they have; the rest is the wallet's own money, recorded nowhere.
    await allocateUsage(fx.ctx, walletId, "led_usage3", 1_000);
    expect(await remaining(walletId)).toEqual({ p2: 0, "p1-late": 0, "p1-soon-new": 0, "p1-soon-old": 0 });
    const allocations = (await fx.ctx.models.Grant.find({ walletId }).lean()).flatMap((g) => g.allocations);
    expect(allocations.reduce((sum, a) => sum + a.amount, 0)).toBe(400);
    expect(allocations.filter((a) => a.entryId === "led_usage3")).toEqual([{ entryId: "led_usage3", amount: 50 }]);
  });

  it("attributes an entry once, however often it is allocated, even at once", async () => {
    const { walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    await grant(walletId, "a", 100, 1, 1);
    await grant(walletId, "b", 100, 1, 2);
    await allocateUsage(fx.ctx, walletId, "led_once", 120);
    await Promise.all([allocateUsage(fx.ctx, walletId, "led_once", 120), allocateUsage(fx.ctx, walletId, "led_once", 120)]);
    expect(await remaining(walletId)).toEqual({ a: 0, b: 80 });
  });

  it("skips expired grants and other wallets' grants", async () => {
    const mine = await fx.seedAccount({ pricePerCall: 1_000 });
    const theirs = await fx.seedAccount({ pricePerCall: 1_000 });
    const expired = await grant(mine.walletId, "expired", 100, 0, 1);
    await fx.ctx.models.Grant.updateOne({ _id: expired }, { $set: { status: "expired" } });
    await grant(mine.walletId, "live", 100, 5, 1);
    await grant(theirs.walletId, "theirs", 100, 0, 1);
    await allocateUsage(fx.ctx, mine.walletId, "led_x", 30);
    expect(await remaining(mine.walletId)).toEqual({ expired: 100, live: 70 });
    expect(await remaining(theirs.walletId)).toEqual({ theirs: 100 });
  });
});
