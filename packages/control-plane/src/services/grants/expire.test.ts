import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { postEntry } from "../ledger/post.js";
import { sum } from "../ledger/sums.js";
import { allocateUsage } from "./allocate.js";
import { expireGrants } from "./expire.js";
import { issueGrant } from "./issue.js";

describe("expireGrants", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const expiresAt = new Date(Date.UTC(2030, 0, 1));
  const after = new Date(expiresAt.getTime() + 1);
  const grant = async (walletId: string, key: string, amount: number, expires = expiresAt) =>
    valueOf(
      await issueGrant(fx.ctx, {
        walletId,
        kind: "promotional",
        amount,
        priority: 1,
        expiresAt: expires,
        idempotencyKey: key,
        actor: "test",
      }),
    ).grant;
  const hot = async (accountId: string) => (await fx.ctx.hot.wallets(accountId)).get("USD")?.balance;

  it("takes a grant's remainder out of the wallet through one `expiry` entry, once however often it runs; a live grant stays", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    const old = await grant(walletId, "old", 500_000);
    const live = await grant(walletId, "live", 200_000, new Date(Date.UTC(2031, 0, 1)));
    await allocateUsage(fx.ctx, walletId, "led_used", 150_000); // of the old grant, soonest to expire

    expect(await expireGrants(fx.ctx, after)).toBe(1);
    expect(await expireGrants(fx.ctx, after)).toBe(0);
    const expired = (await fx.ctx.models.Grant.findById(old._id).lean())!;
    expect(expired).toMatchObject({ status: "expired", remaining: 0 });
    const entry = (await fx.ctx.models.LedgerEntry.findById(expired.expiryEntryId).lean())!;
    expect(entry).toMatchObject({ type: "expiry", amount: -350_000, walletId });
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId, type: "expiry" })).toBe(1);
    expect((await fx.ctx.models.Grant.findById(live._id).lean())!.status).toBe("active");
    expect(await hot(accountId)).toBe(1_700_000 - 350_000);
    expect(await sum(fx.ctx, "LedgerEntry", { walletId }, "$amount")).toBe(1_350_000);
  });

  it("never takes the balance below zero: it takes what is left, or nothing", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const partly = await grant(walletId, "partly", 400_000);
    valueOf(
      await postEntry(fx.ctx, {
        walletId,
        type: "adjustment",
        amount: -300_000,
        reason: "spent elsewhere",
        idempotencyKey: "spend",
        actor: "test",
      }),
    );
    const empty = await fx.seedAccount({ pricePerCall: 1_000 });
    const nothing = await grant(empty.walletId, "nothing", 100_000);
    valueOf(
      await postEntry(fx.ctx, {
        walletId: empty.walletId,
        type: "adjustment",
        amount: -100_000,
        reason: "all spent",
        idempotencyKey: "spend",
        actor: "test",
      }),
    );

    await expireGrants(fx.ctx, after);
    expect(await fx.ctx.models.LedgerEntry.findOne({ walletId, type: "expiry" }).lean()).toMatchObject({ amount: -100_000 });
    expect(await hot(accountId)).toBe(0);
    expect((await fx.ctx.models.Grant.findById(partly._id).lean())!.status).toBe("expired");
    const none = (await fx.ctx.models.Grant.findById(nothing._id).lean())!;
    expect(none).toMatchObject({ status: "expired", remaining: 0 });
    expect(none.expiryEntryId).toBeUndefined();
    expect(await hot(empty.accountId)).toBe(0);
  });
});
