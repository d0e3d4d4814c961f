import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createApiKey } from "../keys/create.js";
import { revokeApiKey } from "../keys/revoke.js";
import { createPlan } from "../plans/publish.js";
import { createAccount } from "./create.js";
import { accountLimits } from "./limits.js";

describe("accountLimits", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  // 12:00 UTC on 22 November is already the 23rd in Auckland (UTC+13).
  const now = Date.UTC(2026, 10, 22, 12);

  it("reads each quota's and each capped live key's counter for the period of the plan's time zone", async () => {
    const { planId: base } = await fx.seedAccount({ pricePerCall: 1_000 });
    const catalog = (await fx.ctx.models.Plan.findById(base).lean())!.catalog;
    const plan = await createPlan(fx.ctx, {
      name: "quotas",
      currency: "USD",
      catalog: {
        ...catalog,
        timeZone: "Pacific/Auckland",
        quotas: [
          { id: "daily", metric: "calls", period: "day", limit: 100, enforcement: "hard" },
          { id: "monthly", metric: "units", productId: "search", period: "month", limit: 5_000, enforcement: "soft" },
        ],
      },
      actor: "test",
    });
    const { account } = valueOf(
      await createAccount(fx.ctx, {
        name: "limited",
        planId: plan._id,
        billingMode: "prepaid",
        creditLimit: 0,
        actor: "test",
      }),
    );
    const accountId = account._id;
    const capped = valueOf(
      await createApiKey(fx.ctx, { accountId, name: "capped", spendCap: { amount: 2_000_000, period: "day" }, actor: "test" }),
    );
    valueOf(await createApiKey(fx.ctx, { accountId, name: "uncapped", actor: "test" }));
    const revoked = valueOf(
      await createApiKey(fx.ctx, { accountId, name: "revoked", spendCap: { amount: 1, period: "month" }, actor: "test" }),
    );
    valueOf(await revokeApiKey(fx.ctx, { accountId, keyId: revoked.apiKey._id, actor: "test" }));

    const ks = fx.keyspace;
    await fx.redis.set(ks.quotaCounter(accountId, "daily", "2026-11-23"), 42);
    await fx.redis.set(ks.quotaCounter(accountId, "daily", "2026-11-22"), 99); // yesterday in Auckland: not counted
    await fx.redis.set(ks.keySpend(accountId, capped.apiKey._id, "2026-11-23"), 750_000);

    const limits = valueOf(await accountLimits(fx.ctx, accountId, now));
    expect(limits).toEqual({
      currency: "USD",
      timeZone: "Pacific/Auckland",
      quotas: [
        { id: "daily", metric: "calls", period: "day", periodKey: "2026-11-23", used: 42, limit: 100, enforcement: "hard" },
        {
          id: "monthly",
          metric: "units",
          productId: "search",
          period: "month",
          periodKey: "2026-11",
          used: 0,
          limit: 5_000,
          enforcement: "soft",
        },
      ],
      keys: [{ keyId: capped.apiKey._id, name: "capped", period: "day", periodKey: "2026-11-23", spent: 750_000, cap: 2_000_000 }],
    });
  });

  it("an unknown account is a 404", async () => {
    expect(await accountLimits(fx.ctx, "acct_missing", now)).toMatchObject({ ok: false, code: "not_found" });
  });
});
