import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountField } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { newId } from "../../ids.js";
import { issueGrant } from "../grants/issue.js";
import { applyEntry } from "../wallets/apply.js";
import { postEntry } from "./post.js";
import { recordEntry } from "./record.js";
import { reconcile, reconcileWallet } from "./reconcile.js";

describe("reconcile", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("finds no drift after normal movements: credits, a negative adjustment, a grant, a replay", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 5_000_000 });
    valueOf(await postEntry(fx.ctx, { walletId, amount: 1_000_000, idempotencyKey: "a", actor: "test" }));
    valueOf(await postEntry(fx.ctx, { walletId, amount: 1_000_000, idempotencyKey: "a", actor: "test" }));
    valueOf(await postEntry(fx.ctx, { walletId, type: "adjustment", amount: -250_000, reason: "fix", idempotencyKey: "b", actor: "test" }));
    valueOf(
      await issueGrant(fx.ctx, {
        walletId,
        kind: "paid",
        amount: 400_000,
        priority: 1,
        expiresAt: new Date(Date.UTC(2099, 0, 1)),
        idempotencyKey: "g",
        actor: "test",
      }),
    );
    const wallet = (await fx.ctx.models.Wallet.findById(walletId).lean())!;
    expect(await reconcileWallet(fx.ctx, wallet)).toMatchObject({ ledger: 6_150_000, hotBalance: 6_150_000, pendingCredits: 0, drift: 0 });
    expect(await reconcile(fx.ctx, { accountIds: [accountId] })).toEqual({ checked: 1, drifts: [] });
  });

  it("an entry written and not yet applied is pending, not a drift", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    await recordPending(walletId, accountId, 600_000);
    const wallet = (await fx.ctx.models.Wallet.findById(walletId).lean())!;
    expect(await reconcileWallet(fx.ctx, wallet)).toMatchObject({
      ledger: 1_600_000,
      pendingCredits: 600_000,
      hotBalance: 1_000_000,
      drift: 0,
    });
    expect((await reconcile(fx.ctx, { accountIds: [accountId] })).drifts).toEqual([]);
  });

  it("reports a drift that every read shows, for that wallet only", async () => {
    const drifting = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    const fine = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    await fx.redis.hincrby(fx.keyspace.account(drifting.accountId), accountField("balance", "USD"), -1_234);
    const { checked, drifts } = await reconcile(fx.ctx, { accountIds: [drifting.accountId, fine.accountId] });
    expect(checked).toBe(2);
    expect(drifts).toMatchObject([{ walletId: drifting.walletId, ledger: 1_000_000, hotBalance: 998_766, drift: 1_234 }]);
  });

  it("does not report money that moved while it was read: the drift is not seen twice", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    const pending = await recordPending(walletId, accountId, 500_000);
    // The entry is applied just after the ledger's sums were read and before Redis is: the first read of the
    // wallet shows a drift of -500,000 that the next reads do not.
    const wallets = fx.ctx.hot.wallets.bind(fx.ctx.hot);
    const spy = vi.spyOn(fx.ctx.hot, "wallets").mockImplementationOnce(async (id) => {
      await applyEntry(fx.ctx, pending);
      return wallets(id);
    });
    try {
      expect(await reconcile(fx.ctx, { accountIds: [accountId] })).toEqual({ checked: 1, drifts: [] });
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  /** A credit in the ledger that no writer has applied to Redis yet (as a writer dying in between leaves it). */
  async function recordPending(walletId: string, accountId: string, amount: number) {
    const { entry } = await recordEntry(fx.ctx, {
      _id: newId("led"),
      walletId,
      accountId,
      currency: "USD",
      type: "credit",
      amount,
      idempotencyKey: `pending-${amount}`,
      requestHash: "x",
      actor: "test",
      createdAt: new Date(),
    });
    return entry;
  }
});
