import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@tollgate/metering";
import { accountField } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createApiKey } from "./create.js";

describe("createApiKey", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("keeps only the key's hash, returns the key once, and publishes it active with its spending cap", async () => {
    const { accountId, planId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey, key } = valueOf(
      await createApiKey(fx.ctx, {
        accountId,
        name: "ci",
        spendCap: { amount: 5_000_000, period: "month" },
        actor: "test",
      }),
    );
    expect(key).toMatch(/^tg_[A-Za-z0-9_-]{32}$/);
    const stored = (await fx.ctx.models.ApiKey.findById(apiKey._id).lean())!;
    expect(stored).toMatchObject({ accountId, name: "ci", status: "active", hash: hashApiKey(key), prefix: key.slice(0, 10) });
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(await fx.ctx.hot.readApiKey(hashApiKey(key))).toEqual({
      keyId: apiKey._id,
      accountId,
      planId,
      status: "active",
      spendCap: { amount: 5_000_000, period: "month" },
    });
    expect(await fx.redis.hget(fx.keyspace.account(accountId), accountField("key", apiKey._id))).toBe("1");
    expect(await fx.ctx.models.AuditRecord.exists({ action: "key.create", target: apiKey._id })).not.toBeNull();
  });

  it("names a key `default` when no name is given, and every key is different", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const a = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    const b = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    expect(a.apiKey.name).toBe("default");
    expect(a.key).not.toBe(b.key);
  });

  it("an unknown account is a 404 and no key is written", async () => {
    expect(await createApiKey(fx.ctx, { accountId: "acct_missing", actor: "test" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await fx.ctx.models.ApiKey.countDocuments({ accountId: "acct_missing" })).toBe(0);
  });
});
