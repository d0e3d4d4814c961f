import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { openWallet } from "./open-wallet.js";

describe("openWallet", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("opens a wallet in another currency, empty, and publishes it to the gateways", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "postpaid", creditLimit: 1 });
    const wallet = valueOf(await openWallet(fx.ctx, { accountId, currency: "EUR", creditLimit: 500_000, actor: "test" }));
    expect(wallet).toMatchObject({ accountId, currency: "EUR", creditLimit: 500_000 });
    expect((await fx.ctx.hot.wallets(accountId)).get("EUR")).toEqual({ balance: 0, reserved: 0, creditLimit: 500_000 });
    expect(await fx.ctx.models.AuditRecord.exists({ action: "wallet.create", target: wallet._id })).not.toBeNull();
  });

  it("one wallet per currency: a second one is a 409, even when two are opened at once", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    expect(await openWallet(fx.ctx, { accountId, currency: "USD", creditLimit: 0, actor: "test" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const both = await Promise.all([
      openWallet(fx.ctx, { accountId, currency: "GBP", creditLimit: 0, actor: "test" }),
      openWallet(fx.ctx, { accountId, currency: "GBP", creditLimit: 0, actor: "test" }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, code: "conflict" });
    expect(await fx.ctx.models.Wallet.countDocuments({ accountId, currency: "GBP" })).toBe(1);
  });

  it("a prepaid account's wallet has no credit limit (400), and an unknown account is a 404; neither writes a wallet", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    expect(await openWallet(fx.ctx, { accountId, currency: "EUR", creditLimit: 1, actor: "test" })).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
    expect(await openWallet(fx.ctx, { accountId: "acct_missing", currency: "EUR", creditLimit: 0, actor: "test" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await fx.ctx.models.Wallet.countDocuments({ accountId, currency: "EUR" })).toBe(0);
    expect(await fx.ctx.models.Wallet.countDocuments({ accountId: "acct_missing" })).toBe(0);
  });
});
