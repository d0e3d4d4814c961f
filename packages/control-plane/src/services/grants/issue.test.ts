import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { issueGrant } from "./issue.js";

describe("issueGrant", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const expiresAt = new Date(Date.UTC(2099, 0, 1));
  const input = (walletId: string, idempotencyKey: string) => ({
    walletId,
    kind: "promotional" as const,
    amount: 3_000_000,
    priority: 1,
    expiresAt,
    reason: "launch",
    idempotencyKey,
    actor: "test",
  });

  it("credits the wallet with the grant's amount through one `grant` ledger entry, applied to the hot balance", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    const { grant, replayed } = valueOf(await issueGrant(fx.ctx, input(walletId, "g1")));
    expect(replayed).toBe(false);
    expect(grant).toMatchObject({ walletId, accountId, currency: "USD", amount: 3_000_000, remaining: 3_000_000, status: "active" });
    const entry = (await fx.ctx.models.LedgerEntry.findById(grant.creditEntryId).lean())!;
    expect(entry).toMatchObject({ type: "grant", amount: 3_000_000, walletId, balanceAfter: 4_000_000 });
    expect((await fx.ctx.hot.wallets(accountId)).get("USD")?.balance).toBe(4_000_000);
  });

  it("the same key replays the first grant and credits nothing more; the same key for another grant is a 422 that changes nothing", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const first = valueOf(await issueGrant(fx.ctx, input(walletId, "g2")));
    const again = valueOf(await issueGrant(fx.ctx, input(walletId, "g2")));
    expect(again).toMatchObject({ replayed: true, grant: { _id: first.grant._id, creditEntryId: first.grant.creditEntryId } });
    for (const other of [
      { amount: 3_000_001 },
      { priority: 2 },
      { kind: "paid" as const },
      { expiresAt: new Date(Date.UTC(2098, 0, 1)) },
    ]) {
      expect(await issueGrant(fx.ctx, { ...input(walletId, "g2"), ...other })).toMatchObject({
        ok: false,
        code: "idempotency_key_reused",
      });
    }
    expect(await fx.ctx.models.Grant.countDocuments({ walletId })).toBe(1);
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId, type: "grant" })).toBe(1);
    expect(await fx.ctx.models.AuditRecord.countDocuments({ action: "grant.issue", target: first.grant._id })).toBe(1);
    expect((await fx.ctx.hot.wallets(accountId)).get("USD")?.balance).toBe(3_000_000);
  });

  it("two issues of one key at once make one grant and one credit", async () => {
    const { accountId, walletId } = await fx.seedAccount({ pricePerCall: 1_000 });
    const [a, b] = await Promise.all([
      issueGrant(fx.ctx, input(walletId, "g3")).then(valueOf),
      issueGrant(fx.ctx, input(walletId, "g3")).then(valueOf),
    ]);
    expect(a.grant._id).toBe(b.grant._id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ walletId, type: "grant" })).toBe(1);
    expect((await fx.ctx.hot.wallets(accountId)).get("USD")?.balance).toBe(3_000_000);
  });

  it("an unknown wallet is a 404 and writes no grant", async () => {
    expect(await issueGrant(fx.ctx, input("wal_missing", "g4"))).toMatchObject({ ok: false, code: "not_found" });
    expect(await fx.ctx.models.Grant.countDocuments({ walletId: "wal_missing" })).toBe(0);
  });
});
