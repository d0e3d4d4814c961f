import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { TollgateError } from "@tollgate/sdk";
import { startStack, type Stack } from "./support/stack.js";

describe("vouchers, like prepaid phone cards", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const batch = (count: number, currency = "USD") =>
    stack.admin.createVoucherBatch({ amount: 5_000_000, currency, count, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
  const available = async (accountId: string) =>
    (await stack.admin.getBalance(accountId)).balances.find((b) => b.currency === "USD")!.available;
  const reason = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: TollgateError) => `${e.status} ${typeof e.problem.reason === "string" ? e.problem.reason : e.code}`,
    );

  it("credits a code once; the same code again is refused; codes are stored only as hashes", async () => {
    const { codes } = await batch(3);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const consumer = stack.consumer(s.key);
    const entry = await consumer.redeemVoucher(codes[0]!.toLowerCase().replace(/-/g, " ")); // as a person types it
    expect(entry).toMatchObject({ amount: 5_000_000, currency: "USD", type: "credit" });
    expect(await available(s.accountId)).toBe(5_000_000);
    expect(await reason(consumer.redeemVoucher(codes[0]!))).toBe("422 redeemed");
    expect(await available(s.accountId)).toBe(5_000_000);
    const stored = JSON.stringify(await stack.ctx.models.Voucher.find().lean());
    for (const code of codes) expect(stored).not.toContain(code.replace(/-/g, ""));
    expect(stored).not.toContain(codes[1]!);
  });

  it("a code redeemed concurrently from two clients is credited once", async () => {
    const { codes } = await batch(1);
    const a = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const b = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const results = await Promise.all(
      [...Array(10)].flatMap(() => [
        reason(stack.consumer(a.key).redeemVoucher(codes[0]!)),
        reason(stack.consumer(b.key).redeemVoucher(codes[0]!)),
      ]),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect((await available(a.accountId)) + (await available(b.accountId))).toBe(5_000_000);
    expect(
      await stack.ctx.models.LedgerEntry.countDocuments({
        idempotencyKey: { $regex: "^voucher:" },
        accountId: { $in: [a.accountId, b.accountId] },
      }),
    ).toBe(1);
  });

  it("refuses expired codes and codes in a currency the account has no wallet for, leaving them usable", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const expired = (await batch(1)).codes[0]!;
    await stack.ctx.models.Voucher.updateOne(
      { codePrefix: expired.slice(0, 4), status: "active" },
      { $set: { expiresAt: new Date(Date.now() - 1_000) } },
    );
    expect(await reason(stack.consumer(s.key).redeemVoucher(expired))).toBe("422 expired");
    const euro = (await batch(1, "EUR")).codes[0]!;
    expect(await reason(stack.consumer(s.key).redeemVoucher(euro))).toBe("422 currency");
    await stack.admin.createWallet(s.accountId, { currency: "EUR" });
    expect(await reason(stack.consumer(s.key).redeemVoucher(euro))).toBe("ok");
  });

  it("limits and audits guessing: past the failure budget even a valid code is refused", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const consumer = stack.consumer(s.key);
    for (let i = 0; i < 5; i++) expect(await reason(consumer.redeemVoucher(`ZZZZ-ZZZZ-ZZZZ-ZZZ${i}`))).toBe("422 unknown");
    const valid = (await batch(1)).codes[0]!;
    expect(await reason(consumer.redeemVoucher(valid))).toBe("429 rate_limited");
    expect(await available(s.accountId)).toBe(0);
    expect(await stack.ctx.models.AuditRecord.countDocuments({ target: s.accountId, action: "voucher.redeem.failed" })).toBe(5);
    // Another account is not punished for this one's guesses.
    const other = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    expect(await reason(stack.consumer(other.key).redeemVoucher(valid))).toBe("ok");
  });

  it("finishes a redemption whose process died between claiming the voucher and crediting it, once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const code = (await batch(1)).codes[0]!;
    const voucher = (await stack.ctx.models.Voucher.findOne({ codePrefix: code.slice(0, 4), status: "active" }).lean())!;
    // What the dead process left: the claim taken, nothing else.
    await stack.ctx.models.Lock.create({
      _id: `voucher:${voucher._id}`,
      holder: "dead",
      expiresAt: new Date(Date.now() + 86_400_000),
      data: { accountId: s.accountId, creditPending: true, at: new Date(Date.now() - 60_000) },
    });
    expect(await reason(stack.consumer(s.key).redeemVoucher(code))).toBe("422 redeemed");
    expect(await available(s.accountId)).toBe(0);
    await jobs.finishRedemptions(stack.ctx);
    await jobs.finishRedemptions(stack.ctx);
    expect(await available(s.accountId)).toBe(5_000_000);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId, type: "credit" })).toBe(1);
    expect(await stack.ctx.models.Voucher.findById(voucher._id).lean()).toMatchObject({ status: "redeemed", redeemedBy: s.accountId });
  });
});
