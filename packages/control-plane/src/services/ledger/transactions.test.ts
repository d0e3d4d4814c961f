import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { postEntry } from "./post.js";
import { listTransactions } from "./transactions.js";

describe("listTransactions", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("pages an account's entries newest first, without overlap or gap, entries of one instant ordered by id", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const other = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { entry } = valueOf(await postEntry(fx.ctx, { walletId, amount: 1_000 + i, idempotencyKey: `t${i}`, actor: "test" }));
      // Three entries share one instant, so that the cursor has to tell them apart by id.
      const at = new Date(Date.UTC(2026, 4, 1, 0, 0, Math.min(i, 4)));
      await fx.ctx.models.LedgerEntry.updateOne({ _id: entry._id }, { $set: { createdAt: at } });
      ids.push(entry._id);
    }
    const expected = (await fx.ctx.models.LedgerEntry.find({ accountId }).lean())
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((e) => e._id);
    expect(new Set(expected)).toEqual(new Set(ids));

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listTransactions(fx.ctx, accountId, 2, cursor);
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((e) => e._id));
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    expect(seen).toEqual(expected);
    expect((await listTransactions(fx.ctx, other.accountId, 10)).items.map((e) => e.accountId)).toEqual([other.accountId]);
  });

  it("a cursor is good only for the account it was issued for", async () => {
    const a = await fx.seedAccount({ pricePerCall: 1_000, balance: 1 });
    valueOf(await postEntry(fx.ctx, { walletId: a.walletId, amount: 2, idempotencyKey: "second", actor: "test" }));
    const b = await fx.seedAccount({ pricePerCall: 1_000, balance: 1 });
    const { nextCursor } = await listTransactions(fx.ctx, a.accountId, 1);
    expect(nextCursor).toBeDefined();
    await expect(listTransactions(fx.ctx, b.accountId, 1, nextCursor)).rejects.toMatchObject({ problem: { code: "validation_failed" } });
    await expect(listTransactions(fx.ctx, a.accountId, 1, "not-a-cursor-at-all-not-a-cursor")).rejects.toMatchObject({
      problem: { code: "validation_failed" },
    });
  });
});
