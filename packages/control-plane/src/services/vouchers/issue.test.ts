import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { hashVoucherCode } from "./codes.js";
import { issueVoucherBatch } from "./issue.js";

describe("issueVoucherBatch", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("returns the codes once and keeps only their hashes, each voucher active for the batch's amount", async () => {
    const expiresAt = new Date(Date.UTC(2099, 0, 1));
    const { batchId, codes } = valueOf(
      await issueVoucherBatch(fx.ctx, { amount: 2_500_000, currency: "EUR", count: 5, expiresAt, actor: "test" }),
    );
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const vouchers = await fx.ctx.models.Voucher.find({ batchId }).lean();
    expect(vouchers.map((v) => v.codeHash).sort()).toEqual(codes.map(hashVoucherCode).sort());
    for (const v of vouchers) expect(v).toMatchObject({ amount: 2_500_000, currency: "EUR", expiresAt, status: "active" });
    const stored = JSON.stringify(vouchers);
    for (const code of codes) expect(stored).not.toContain(code);
    expect(await fx.ctx.models.AuditRecord.findOne({ action: "voucher.batch.create", target: batchId }).lean()).toMatchObject({
      data: { amount: 2_500_000, currency: "EUR", count: 5 },
    });
  });

  it("refuses an expiry that is not in the future (400) and writes no voucher", async () => {
    const before = await fx.ctx.models.Voucher.countDocuments();
    expect(
      await issueVoucherBatch(fx.ctx, { amount: 1, currency: "USD", count: 3, expiresAt: new Date(Date.now() - 1), actor: "test" }),
    ).toMatchObject({ ok: false, code: "validation_failed" });
    expect(await fx.ctx.models.Voucher.countDocuments()).toBe(before);
  });
});
