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

  it("with a time zone, each local day of a page's usage entries comes with the whole day's totals, also for a day cut by the page's edge", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    // Lisbon's 2 May 2026 (UTC+1): 23:30 UTC on 1 May is already that day; 23:30 UTC on 2 May is the 3rd.
    const at = (iso: string) => new Date(iso);
    const entries: [string, number, "usage" | "credit"][] = [
      ["2026-05-01T22:30:00Z", -100, "usage"], // 1 May in Lisbon
      ["2026-05-01T23:30:00Z", -200, "usage"],
      ["2026-05-02T08:00:00Z", -300, "usage"],
      ["2026-05-02T09:00:00Z", 5_000, "credit"],
      ["2026-05-02T22:59:00Z", -400, "usage"],
      ["2026-05-02T23:30:00Z", -500, "usage"], // 3 May in Lisbon
    ];
    for (const [i, [when, amount, type]] of entries.entries()) {
      const { entry } = valueOf(await postEntry(fx.ctx, { walletId, amount: Math.abs(amount), idempotencyKey: `d${i}`, actor: "test" }));
      const usage = type === "usage" ? { usageCount: 1 } : {};
      await fx.ctx.models.LedgerEntry.updateOne({ _id: entry._id }, { $set: { createdAt: at(when), type, amount, ...usage } });
    }
    // Newest first, 3 a page: [3 May, 2 May 22:59, the credit] and [2 May 08:00, 2 May 00:30, 1 May].
    const first = await listTransactions(fx.ctx, accountId, 3, undefined, "Europe/Lisbon");
    expect(first.usageDays).toEqual([
      { date: "2026-05-03", currency: "USD", amount: -500, entries: 1, calls: 1 },
      { date: "2026-05-02", currency: "USD", amount: -900, entries: 3, calls: 3 },
    ]);
    const second = await listTransactions(fx.ctx, accountId, 3, first.nextCursor, "Europe/Lisbon");
    expect(second.usageDays).toEqual([
      { date: "2026-05-02", currency: "USD", amount: -900, entries: 3, calls: 3 },
      { date: "2026-05-01", currency: "USD", amount: -100, entries: 1, calls: 1 },
    ]);
    // In UTC the days fall elsewhere; without a zone, no days.
    expect((await listTransactions(fx.ctx, accountId, 3, undefined, "UTC")).usageDays?.map((d) => [d.date, d.amount])).toEqual([
      ["2026-05-02", -1_200],
    ]);
    expect((await listTransactions(fx.ctx, accountId, 3)).usageDays).toBeUndefined();
  });
});
