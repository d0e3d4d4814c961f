import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@tollgate/metering";
import { accountField } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createApiKey } from "./create.js";
import { revokeApiKey } from "./revoke.js";

describe("revokeApiKey", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("revokes the key in the store and at the gateways; revoking it again keeps its first revocation", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey, key } = valueOf(await createApiKey(fx.ctx, { accountId, actor: "test" }));
    const revoked = valueOf(await revokeApiKey(fx.ctx, { accountId, keyId: apiKey._id, actor: "test" }));
    expect(revoked).toMatchObject({ _id: apiKey._id, status: "revoked" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await fx.ctx.hot.readApiKey(hashApiKey(key)))?.status).toBe("revoked");
    expect(await fx.redis.hexists(fx.keyspace.account(accountId), accountField("key", apiKey._id))).toBe(0);

    const again = valueOf(await revokeApiKey(fx.ctx, { accountId, keyId: apiKey._id, actor: "test" }));
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect((await fx.ctx.hot.readApiKey(hashApiKey(key)))?.status).toBe("revoked");
  });

  it("a key is revoked only through its own account: another account's id is a 404 and the key stays active", async () => {
    const owner = await fx.seedAccount({ pricePerCall: 1_000 });
    const other = await fx.seedAccount({ pricePerCall: 1_000 });
    const { apiKey, key } = valueOf(await createApiKey(fx.ctx, { accountId: owner.accountId, actor: "test" }));
    expect(await revokeApiKey(fx.ctx, { accountId: other.accountId, keyId: apiKey._id, actor: "test" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect((await fx.ctx.models.ApiKey.findById(apiKey._id).lean())!.status).toBe("active");
    expect((await fx.ctx.hot.readApiKey(hashApiKey(key)))?.status).toBe("active");
    expect(await revokeApiKey(fx.ctx, { accountId: owner.accountId, keyId: "key_missing", actor: "test" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
