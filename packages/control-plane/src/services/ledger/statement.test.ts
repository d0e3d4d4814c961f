import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { openWallet } from "../accounts/open-wallet.js";
import { postEntry } from "./post.js";
import { getStatement } from "./statement.js";

describe("getStatement", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** An entry as if posted at `at`. */
  async function posted(walletId: string, at: string, amount: number, type: "credit" | "adjustment" | "reversal" = "credit") {
    const { entry } = valueOf(
      await postEntry(fx.ctx, { walletId, type, amount, reason: type, idempotencyKey: `${at}:${amount}`, actor: "test" }),
    );
    await fx.ctx.models.LedgerEntry.updateOne({ _id: entry._id }, { $set: { createdAt: new Date(at) } });
  }

  it("a month (UTC) per wallet: the opening balance, the movements by type, the closing balance; the month's first instant is in it, the next month's is not", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, billingMode: "hybrid", creditLimit: 10_000_000 });
    const eur = valueOf(await openWallet(fx.ctx, { accountId, currency: "EUR", creditLimit: 0, actor: "test" }));
    await posted(walletId, "2026-01-31T23:59:59.999Z", 5_000_000);
    await posted(walletId, "2026-02-01T00:00:00.000Z", 1_000_000);
    await posted(walletId, "2026-02-14T12:00:00.000Z", -300_000, "adjustment");
    await posted(walletId, "2026-02-28T23:59:59.999Z", -200_000, "reversal");
    await posted(walletId, "2026-03-01T00:00:00.000Z", 9_000_000);
    await posted(eur._id, "2026-02-10T00:00:00.000Z", 42);

    const statement = await getStatement(fx.ctx, accountId, "2026-02");
    expect(statement).toMatchObject({ accountId, period: "2026-02", from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" });
    expect(statement.wallets.map((w) => w.currency)).toEqual(["EUR", "USD"]);
    expect(statement.wallets[0]).toMatchObject({ walletId: eur._id, opening: 0, closing: 42, entries: 1, movements: { credit: 42 } });
    expect(statement.wallets[1]).toMatchObject({
      walletId,
      opening: 5_000_000,
      closing: 5_500_000,
      entries: 3,
      movements: { credit: 1_000_000, adjustment: -300_000, reversal: -200_000, usage: 0, grant: 0 },
    });
  });

  it("an account without entries in the month has its wallets at their opening, unchanged", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    await posted(walletId, "2025-12-01T00:00:00.000Z", 700_000);
    const { wallets } = await getStatement(fx.ctx, accountId, "2026-02");
    expect(wallets).toMatchObject([{ walletId, opening: 700_000, closing: 700_000, entries: 0 }]);
  });
});
