import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { openWallet } from "./open-wallet.js";
import { setBilling } from "./set-billing.js";

describe("setBilling", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("sets the mode and cycle, and the credit limit of the plan-currency wallet only; gateways hold it at once", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "hybrid", creditLimit: 1_000_000 });
    const eur = valueOf(await openWallet(fx.ctx, { accountId, currency: "EUR", creditLimit: 300_000, actor: "test" }));
    const { account, wallets } = valueOf(
      await setBilling(
        fx.ctx,
        accountId,
        { billingMode: "postpaid", creditLimit: 9_000_000, billingCycle: { interval: "week", anchorDay: 1 } },
        "test",
      ),
    );
    expect(account).toMatchObject({ billingMode: "postpaid", billingCycle: { interval: "week", anchorDay: 1 } });
    const limits = Object.fromEntries(wallets.map((w) => [w._id, w.creditLimit]));
    expect(limits).toEqual({ [walletId]: 9_000_000, [eur._id]: 300_000 });
    const hot = await fx.ctx.hot.wallets(accountId);
    expect(hot.get("USD")?.creditLimit).toBe(9_000_000);
    expect(hot.get("EUR")?.creditLimit).toBe(300_000);
    expect(await fx.ctx.models.AuditRecord.exists({ action: "account.billing", target: accountId })).not.toBeNull();
  });

  it("a prepaid account's wallets hold no credit at the gateways, whatever limit is stored", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "postpaid", creditLimit: 1_000_000 });
    await setBilling(fx.ctx, accountId, { billingMode: "prepaid", creditLimit: 1_000_000 }, "test");
    expect((await fx.ctx.hot.wallets(accountId)).get("USD")?.creditLimit).toBe(0);
  });

  it("an unknown account is a 404 and audits nothing", async () => {
    expect(await setBilling(fx.ctx, "acct_missing", { billingMode: "postpaid", creditLimit: 1 }, "test")).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await fx.ctx.models.AuditRecord.exists({ target: "acct_missing" })).toBeNull();
  });
});
