import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@tollgate/metering";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import type { Anomaly } from "../../models/index.js";
import { createApiKey } from "../keys/create.js";
import { clearAnomaly, listAnomalies } from "./clear.js";

describe("clearAnomaly", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  let hour = 0;
  /** An open anomaly of the key's account, mitigated as `mitigation` says (the key already changed accordingly). */
  async function anomaly(accountId: string, keyId: string, mitigation: Anomaly["mitigation"]): Promise<string> {
    const at = new Date(Date.UTC(2026, 5, 1, hour++));
    const _id = `${accountId}|USD|${at.toISOString()}`;
    await fx.ctx.models.Anomaly.create({
      _id,
      accountId,
      currency: "USD",
      hour: at,
      calls: 5_000,
      amount: 5_000_000,
      baselineCalls: 10,
      baselineAmount: 10_000,
      threshold: 500,
      policy: { factor: 50, minCalls: 500, mitigation: mitigation.action },
      keyId,
      status: "open",
      mitigation,
      detectedAt: at,
    });
    return _id;
  }

  it("a suspended key is active again, at the gateways too; clearing again changes nothing", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey, key } = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    await fx.ctx.models.ApiKey.updateOne({ _id: apiKey._id }, { $set: { status: "suspended" } });
    const id = await anomaly(accountId, apiKey._id, { action: "suspend_key" });

    const cleared = valueOf(await clearAnomaly(fx.ctx, { anomalyId: id, reason: "load test", actor: "admin:ops" }));
    expect(cleared).toMatchObject({ status: "cleared", clearedBy: "admin:ops", clearReason: "load test" });
    expect((await fx.ctx.models.ApiKey.findById(apiKey._id).lean())!.status).toBe("active");
    expect((await fx.ctx.hot.readApiKey(hashApiKey(key)))?.status).toBe("active");

    const again = valueOf(await clearAnomaly(fx.ctx, { anomalyId: id, reason: "twice", actor: "admin:other" }));
    expect(again).toMatchObject({ clearedBy: "admin:ops", clearReason: "load test", clearedAt: cleared.clearedAt });
    expect(await fx.ctx.models.AuditRecord.countDocuments({ action: "anomaly.clear", target: id })).toBe(1);
  });

  it("a key revoked meanwhile stays revoked", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey } = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    await fx.ctx.models.ApiKey.updateOne({ _id: apiKey._id }, { $set: { status: "revoked" } });
    valueOf(
      await clearAnomaly(fx.ctx, { anomalyId: await anomaly(accountId, apiKey._id, { action: "suspend_key" }), reason: "r", actor: "t" }),
    );
    expect((await fx.ctx.models.ApiKey.findById(apiKey._id).lean())!.status).toBe("revoked");
  });

  it("a spending cap it set goes back to the key's own cap, or away when the key had none", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const own = { amount: 9_000_000, period: "month" as const };
    const capped = valueOf(await createApiKey(fx.ctx, { accountId, spendCap: own, actor: "test" }));
    const uncapped = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    const imposed = { amount: 240_000, period: "day" as const };
    await fx.ctx.models.ApiKey.updateMany({ accountId }, { $set: { spendCap: imposed } });
    const a = await anomaly(accountId, capped.apiKey._id, { action: "cap_spending", previousSpendCap: own });
    const b = await anomaly(accountId, uncapped.apiKey._id, { action: "cap_spending", previousSpendCap: null });
    valueOf(await clearAnomaly(fx.ctx, { anomalyId: a, reason: "ok", actor: "t" }));
    valueOf(await clearAnomaly(fx.ctx, { anomalyId: b, reason: "ok", actor: "t" }));
    expect((await fx.ctx.models.ApiKey.findById(capped.apiKey._id).lean())!.spendCap).toEqual(own);
    expect((await fx.ctx.models.ApiKey.findById(uncapped.apiKey._id).lean())!.spendCap).toBeUndefined();
    expect((await fx.ctx.hot.readApiKey(hashApiKey(capped.key)))?.spendCap).toEqual(own);
    expect((await fx.ctx.hot.readApiKey(hashApiKey(uncapped.key)))?.spendCap).toBeUndefined();
  });

  it("an unknown anomaly is a 404; the listing filters by status and account, newest first", async () => {
    expect(await clearAnomaly(fx.ctx, { anomalyId: "nope", reason: "r", actor: "t" })).toMatchObject({ ok: false, code: "not_found" });
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey } = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    const older = await anomaly(accountId, apiKey._id, { action: "none" });
    const newer = await anomaly(accountId, apiKey._id, { action: "none" });
    valueOf(await clearAnomaly(fx.ctx, { anomalyId: older, reason: "r", actor: "t" }));
    expect((await listAnomalies(fx.ctx, { accountId, limit: 1_000 })).items.map((a) => a._id)).toEqual([newer, older]);
    expect((await listAnomalies(fx.ctx, { accountId, status: "open", limit: 1_000 })).items.map((a) => a._id)).toEqual([newer]);
  });
});
