import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FIELDS } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { setAccountStatus } from "./set-status.js";

describe("setAccountStatus", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const gateStatus = (accountId: string) => fx.redis.hget(fx.keyspace.account(accountId), ACCOUNT_FIELDS.status);
  const audits = (target: string) => fx.ctx.models.AuditRecord.find({ target, action: /^account\.(suspend|resume)$/ }).lean();

  it("suspends and resumes, telling the gateways each time, with the reason audited", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const suspended = valueOf(await setAccountStatus(fx.ctx, { accountId, status: "suspended", reason: "fraud review", actor: "test" }));
    expect(suspended.status).toBe("suspended");
    expect(await gateStatus(accountId)).toBe("suspended");
    await setAccountStatus(fx.ctx, { accountId, status: "active", reason: "cleared", actor: "test" });
    expect(await gateStatus(accountId)).toBe("active");
    expect((await fx.ctx.models.Account.findById(accountId).lean())!.status).toBe("active");
    expect((await audits(accountId)).map((a) => [a.action, a.data])).toEqual([
      ["account.suspend", { reason: "fraud review" }],
      ["account.resume", { reason: "cleared" }],
    ]);
  });

  it("setting the status an account already has audits nothing", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    await setAccountStatus(fx.ctx, { accountId, status: "active", reason: "noop", actor: "test" });
    expect(await audits(accountId)).toEqual([]);
  });

  it("a closed account stays closed (409), and an unknown one is a 404", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    await fx.ctx.models.Account.updateOne({ _id: accountId }, { $set: { status: "closed" } });
    expect(await setAccountStatus(fx.ctx, { accountId, status: "active", reason: "reopen", actor: "test" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect((await fx.ctx.models.Account.findById(accountId).lean())!.status).toBe("closed");
    expect(await audits(accountId)).toEqual([]);
    expect(await setAccountStatus(fx.ctx, { accountId: "acct_missing", status: "suspended", reason: "x", actor: "test" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
