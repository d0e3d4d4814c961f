import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createPlan } from "../plans/publish.js";
import { createAccount, getAccount } from "./create.js";

describe("createAccount", () => {
  let fx: ServiceFixture;
  let planId: string;
  beforeAll(async () => {
    fx = await startServiceFixture();
    ({ planId } = await fx.seedAccount({ pricePerCall: 1_000, currency: "EUR" }));
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("opens one wallet in the plan's currency and publishes the account to the gateways at once", async () => {
    const { account, wallet } = valueOf(
      await createAccount(fx.ctx, {
        name: "Acme",
        planId,
        billingMode: "hybrid",
        creditLimit: 5_000_000,
        actor: "test",
      }),
    );
    expect(account).toMatchObject({ name: "Acme", planId, status: "active", billingMode: "hybrid", seats: 1 });
    expect(wallet).toMatchObject({ accountId: account._id, currency: "EUR", creditLimit: 5_000_000 });
    expect(await fx.ctx.models.Wallet.countDocuments({ accountId: account._id })).toBe(1);
    expect((await fx.ctx.hot.wallets(account._id)).get("EUR")).toEqual({ balance: 0, reserved: 0, creditLimit: 5_000_000 });
    const audited = await fx.ctx.models.AuditRecord.findOne({ action: "account.create", target: account._id }).lean();
    expect(audited).toMatchObject({ actor: "test", data: { walletId: wallet._id, planId } });
  });

  it("refuses an unknown plan (422) and writes no account", async () => {
    const before = await fx.ctx.models.Account.countDocuments();
    expect(
      await createAccount(fx.ctx, { name: "Nobody", planId: "pln_missing", billingMode: "prepaid", creditLimit: 0, actor: "test" }),
    ).toMatchObject({
      ok: false,
      code: "unprocessable",
      extensions: { errors: [{ location: "body", pointer: "/planId", message: "unknown plan" }] },
    });
    expect(await fx.ctx.models.Account.countDocuments()).toBe(before);
    expect(await fx.ctx.models.Wallet.countDocuments({ accountId: { $exists: true } })).toBe(before);
  });

  it("starts a subscription when the plan has a recurring fee, its first period's fee created (due: the wallet is empty)", async () => {
    const plan = await createPlan(fx.ctx, {
      name: "monthly",
      currency: "USD",
      catalog: (await fx.ctx.models.Plan.findById(planId).lean())!.catalog,
      recurring: { interval: "month", fee: 2_000_000, seatPrice: 0, graceHours: 24 },
      actor: "test",
    });
    const { account } = valueOf(
      await createAccount(fx.ctx, {
        name: "Subscriber",
        planId: plan._id,
        billingMode: "prepaid",
        creditLimit: 0,
        actor: "test",
      }),
    );
    expect(account.subscription?.since).toBeInstanceOf(Date);
    expect(account.subscription?.renewedTo).toBeInstanceOf(Date);
    const fees = await fx.ctx.models.Fee.find({ accountId: account._id }).lean();
    expect(fees).toMatchObject([{ kind: "renewal", amount: 2_000_000, status: "due" }]);
  });

  it("getAccount answers the account and its wallets, and 404 for an unknown id", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1 });
    const got = valueOf(await getAccount(fx.ctx, accountId));
    expect(got.account._id).toBe(accountId);
    expect(got.wallets.map((w) => w._id)).toEqual([walletId]);
    expect(await getAccount(fx.ctx, "acct_missing")).toMatchObject({ ok: false, code: "not_found" });
  });
});
