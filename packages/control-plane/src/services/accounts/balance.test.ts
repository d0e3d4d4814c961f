import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { issueGrant } from "../grants/issue.js";
import { getBalance } from "./balance.js";
import { openWallet } from "./open-wallet.js";

describe("getBalance", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const DAY = 86_400_000;

  it("answers each wallet's hot balance, what may be spent with its credit limit, and its active grants in consumption order", async () => {
    const { accountId, walletId } = await fx.seedAccount({
      pricePerCall: 1_000,
      balance: 4_000_000,
      billingMode: "hybrid",
      creditLimit: 1_000_000,
    });
    const eur = valueOf(await openWallet(fx.ctx, { accountId, currency: "EUR", creditLimit: 0, actor: "test" }));
    const grant = async (priority: number, days: number, key: string) =>
      valueOf(
        await issueGrant(fx.ctx, {
          walletId,
          kind: "promotional",
          amount: 100_000,
          priority,
          expiresAt: new Date(Date.now() + days * DAY),
          idempotencyKey: key,
          actor: "test",
        }),
      );
    const late = await grant(1, 30, "late");
    const urgent = await grant(2, 1, "urgent");
    const soon = await grant(1, 5, "soon");
    await fx.ctx.models.Grant.updateOne({ _id: urgent.grant._id }, { $set: { status: "expired" } });

    // The seed and the three grants are in the wallet; marking one expired without its expiry entry moves nothing.
    const balance = valueOf(await getBalance(fx.ctx, accountId));
    expect(balance).toMatchObject({ accountId, billingMode: "hybrid" });
    expect(balance.balances.map((b) => b.currency)).toEqual(["EUR", "USD"]);
    expect(balance.balances[0]).toMatchObject({ walletId: eur._id, available: 0, reserved: 0, creditLimit: 0, spendable: 0, grants: [] });
    expect(balance.balances[1]).toMatchObject({ walletId, available: 4_300_000, creditLimit: 1_000_000, spendable: 5_300_000 });
    expect(balance.balances[1]!.grants.map((g) => g.grantId)).toEqual([soon.grant._id, late.grant._id]);
  });

  it("an unknown account is a 404", async () => {
    expect(await getBalance(fx.ctx, "acct_missing")).toMatchObject({ ok: false, code: "not_found" });
  });
});
