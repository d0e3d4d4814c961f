import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { hashVoucherCode } from "./codes.js";
import { issueVoucherBatch } from "./issue.js";
import { redeemVoucher } from "./redeem.js";

describe("redeemVoucher", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const oneCode = async (amount = 1_000_000, currency = "USD") =>
    valueOf(await issueVoucherBatch(fx.ctx, { amount, currency, count: 1, expiresAt: new Date(Date.UTC(2099, 0, 1)), actor: "test" }))
      .codes[0]!;
  const balance = async (accountId: string) => (await fx.ctx.hot.wallets(accountId)).get("USD")?.balance;

  it("credits the account's wallet in the voucher's currency once, forgiving case, dashes and misread letters", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 500_000 });
    const code = await oneCode();
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    const { voucher, entry } = valueOf(await redeemVoucher(fx.ctx, accountId, typed, "test"));
    expect(voucher).toMatchObject({ status: "redeemed", redeemedBy: accountId, ledgerEntryId: entry._id });
    expect(entry).toMatchObject({ walletId, type: "credit", amount: 1_000_000, balanceAfter: 1_500_000 });
    expect(await balance(accountId)).toBe(1_500_000);
  });

  it("redeems once: a second redemption is a 422 (`redeemed`) and credits nothing", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const code = await oneCode();
    valueOf(await redeemVoucher(fx.ctx, accountId, code, "test"));
    expect(await redeemVoucher(fx.ctx, accountId, code, "test")).toMatchObject({
      ok: false,
      code: "unprocessable",
      extensions: { reason: "redeemed" },
    });
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId })).toBe(1);
    expect(await balance(accountId)).toBe(1_000_000);
  });

  it("two redemptions of one code at once, by two accounts, credit exactly one of them once", async () => {
    const a = await fx.seedAccount({ pricePerCall: 1_000 });
    const b = await fx.seedAccount({ pricePerCall: 1_000 });
    const code = await oneCode();
    const results = await Promise.all([redeemVoucher(fx.ctx, a.accountId, code, "a"), redeemVoucher(fx.ctx, b.accountId, code, "b")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "unprocessable", extensions: { reason: "redeemed" } });
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId: { $in: [a.walletId, b.walletId] } })).toBe(1);
    expect([await balance(a.accountId), await balance(b.accountId)].sort()).toEqual([0, 1_000_000]);
  });

  it("refuses an unknown, an expired, and another currency's voucher (422 with its reason), audited, moving no money", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const expired = await oneCode();
    await fx.ctx.models.Voucher.updateOne({ codeHash: hashVoucherCode(expired) }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const euros = await oneCode(1_000_000, "EUR");
    for (const [code, reason] of [
      ["AAAA-BBBB-CCCC-DDDD", "unknown"],
      [expired, "expired"],
      [euros, "currency"],
    ] as const) {
      expect(await redeemVoucher(fx.ctx, accountId, code, "test")).toMatchObject({
        ok: false,
        code: "unprocessable",
        extensions: { reason },
      });
    }
    const failures = await fx.ctx.models.AuditRecord.find({ action: "voucher.redeem.failed", target: accountId }).lean();
    expect(failures.map((f) => f.data.reason)).toEqual(["unknown", "expired", "currency"]);
    expect(await fx.ctx.models.Voucher.countDocuments({ status: "redeemed", redeemedBy: accountId })).toBe(0);
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId })).toBe(0);
    expect(await balance(accountId)).toBe(0);
  });
});
