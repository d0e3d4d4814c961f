import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../test-support/context.js";
import { createOrReplay } from "./create-or-replay.js";

describe("createOrReplay", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** A lock document stands in for any document under a unique key: `_id` is the key, `holder` the request. */
  const once = (key: string, request: string) =>
    createOrReplay({
      create: async () =>
        (await fx.ctx.models.Lock.create({ _id: key, holder: request, expiresAt: new Date(Date.UTC(2099, 0, 1)) })).toObject(),
      findPrior: () => fx.ctx.models.Lock.findById(key).lean(),
      sameRequest: (prior) => prior.holder === request,
      what: "another request",
    });

  it("creates once, and replays the first document for the same request, even when both arrive at once", async () => {
    const first = valueOf(await once("k1", "A"));
    expect(first.replayed).toBe(false);
    expect(valueOf(await once("k1", "A"))).toEqual({ doc: first.doc, replayed: true });
    const both = (await Promise.all([once("k2", "A"), once("k2", "A")])).map(valueOf);
    expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await fx.ctx.models.Lock.countDocuments({ _id: "k2" })).toBe(1);
  });

  it("refuses the key used for another request with 422, naming what it was first used for, and keeps the first", async () => {
    valueOf(await once("k3", "A"));
    expect(await once("k3", "B")).toEqual({
      ok: false,
      code: "idempotency_key_reused",
      detail: "This Idempotency-Key was first used for another request.",
    });
    expect((await fx.ctx.models.Lock.findById("k3").lean())!.holder).toBe("A");
  });

  it("lets any failure other than a duplicate key through as it is", async () => {
    const broken = new Error("disk full");
    await expect(
      createOrReplay({ create: () => Promise.reject(broken), findPrior: () => Promise.resolve(null), sameRequest: () => true, what: "x" }),
    ).rejects.toBe(broken);
  });
});
