import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { postEntry } from "./post.js";
import { sum } from "./sums.js";

describe("postEntry", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const hot = async (accountId: string) => (await fx.ctx.hot.wallets(accountId)).get("USD")?.balance;
  const ledger = (walletId: string) => sum(fx.ctx, "LedgerEntry", { walletId }, "$amount");

  it("writes the entry, applies it to the hot balance once, and records the balance after it; the hot balance and the ledger agree", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    const { entry, replayed } = valueOf(
      await postEntry(fx.ctx, {
        walletId,
        amount: 2_500_000,
        reason: "goodwill",
        idempotencyKey: "c1",
        actor: "admin:ops",
      }),
    );
    expect(replayed).toBe(false);
    expect(entry).toMatchObject({
      walletId,
      accountId,
      currency: "USD",
      type: "credit",
      amount: 2_500_000,
      reason: "goodwill",
      balanceAfter: 3_500_000,
    });
    expect(entry.appliedAt).toBeInstanceOf(Date);
    expect(await hot(accountId)).toBe(3_500_000);
    expect(await ledger(walletId)).toBe(3_500_000);
    expect(await fx.ctx.models.AuditRecord.findOne({ action: "wallet.credit", "data.entryId": entry._id }).lean()).toMatchObject({
      actor: "admin:ops",
      target: walletId,
      data: { amount: 2_500_000, currency: "USD" },
    });
  });

  it("the same key replays the first entry and moves nothing more, even when both requests arrive at once", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const input = { walletId, amount: 700_000, idempotencyKey: "c2", actor: "test" };
    const first = valueOf(await postEntry(fx.ctx, input));
    const again = valueOf(await postEntry(fx.ctx, input));
    expect(again).toMatchObject({ replayed: true, entry: { _id: first.entry._id, balanceAfter: 700_000 } });
    const both = (
      await Promise.all([postEntry(fx.ctx, { ...input, idempotencyKey: "c3" }), postEntry(fx.ctx, { ...input, idempotencyKey: "c3" })])
    ).map(valueOf);
    expect(both[0]!.entry._id).toBe(both[1]!.entry._id);
    expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId })).toBe(2);
    expect(await fx.ctx.models.AuditRecord.countDocuments({ action: "wallet.credit", target: walletId })).toBe(2);
    expect(await hot(accountId)).toBe(1_400_000);
    expect(await ledger(walletId)).toBe(1_400_000);
  });

  it("the same key with another amount, type or reason is a 422 that changes nothing", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    valueOf(await postEntry(fx.ctx, { walletId, amount: 500_000, reason: "r", idempotencyKey: "k", actor: "test" }));
    for (const other of [{ amount: 500_001 }, { reason: "other" }, { type: "adjustment" as const }]) {
      expect(await postEntry(fx.ctx, { walletId, amount: 500_000, reason: "r", idempotencyKey: "k", actor: "test", ...other })).toEqual({
        ok: false,
        code: "idempotency_key_reused",
        detail: "This Idempotency-Key was first used for a different amount or reason.",
      });
    }
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId })).toBe(1);
    expect(await hot(accountId)).toBe(500_000);
  });

  it("an unknown wallet is a 404 and writes nothing", async () => {
    expect(await postEntry(fx.ctx, { walletId: "wal_missing", amount: 1, idempotencyKey: "x", actor: "test" })).toEqual({
      ok: false,
      code: "not_found",
      detail: "No wallet wal_missing.",
    });
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId: "wal_missing" })).toBe(0);
  });

  it("an adjustment is not held to the balance: it may take even a prepaid wallet below zero, the hot balance and the ledger agreeing", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 300_000 });
    const { entry } = valueOf(
      await postEntry(fx.ctx, {
        walletId,
        type: "adjustment",
        amount: -800_000,
        reason: "chargeback",
        idempotencyKey: "adj",
        actor: "test",
      }),
    );
    expect(entry).toMatchObject({ type: "adjustment", amount: -800_000, balanceAfter: -500_000 });
    expect(await hot(accountId)).toBe(-500_000);
    expect(await ledger(walletId)).toBe(-500_000);
  });

  it("a hot balance Redis lost is restored from the ledger before the entry is applied on top", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 2_000_000 });
    await fx.redis.del(fx.keyspace.account(accountId));
    const { entry } = valueOf(await postEntry(fx.ctx, { walletId, amount: 1_000_000, idempotencyKey: "after-loss", actor: "test" }));
    expect(entry.balanceAfter).toBe(3_000_000);
    expect(await hot(accountId)).toBe(3_000_000);
    expect(await ledger(walletId)).toBe(3_000_000);
  });
});
