import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Stack } from "./support/stack.js";

describe("wallet credits are applied exactly once", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const credit = (walletId: string, key: string | undefined, body: unknown) => {
    const req = request(stack.controlPlaneUrl).post(`/v1/wallets/${walletId}/credits`).set("authorization", `Bearer ${ADMIN_TOKEN}`);
    if (key !== undefined) req.set("idempotency-key", key);
    return req.send(body as object);
  };
  const available = async (accountId: string) => (await stack.admin.getBalance(accountId)).balances[0]!.available;

  it("replays the first response for the same key and body", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const first = await credit(s.walletId, "topup-1", { amount: 5_000_000, reason: "welcome" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: 5_000_000, currency: "USD", balanceAfter: 5_000_000, reason: "welcome" });
    expect(first.headers["idempotent-replayed"]).toBeUndefined();

    const replay = await credit(s.walletId, "topup-1", { amount: 5_000_000, reason: "welcome" });
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect(await available(s.accountId)).toBe(5_000_000);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ walletId: s.walletId })).toBe(1);
  });

  it("refuses the same key with a different body, changing nothing", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    await credit(s.walletId, "k", { amount: 100 });
    const conflict = await credit(s.walletId, "k", { amount: 101 });
    expect(conflict.status).toBe(422);
    expect(conflict.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(conflict.body.code).toBe("idempotency_key_reused");
    const otherReason = await credit(s.walletId, "k", { amount: 100, reason: "different" });
    expect(otherReason.status).toBe(422);
    expect(await available(s.accountId)).toBe(100);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ walletId: s.walletId })).toBe(1);
  });

  it("credits once when the same request races itself", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const answers = await Promise.all(Array.from({ length: 25 }, () => credit(s.walletId, "race", { amount: 777 })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await available(s.accountId)).toBe(777);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ walletId: s.walletId })).toBe(1);
  });

  it("requires an Idempotency-Key", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const missing = await credit(s.walletId, undefined, { amount: 100 });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("idempotency_key_missing");
    expect(await available(s.accountId)).toBe(0);
  });

  it("finishes a credit whose writer died between the ledger and Redis, once", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    // What a crash right after the ledger insert leaves behind: an entry not yet applied.
    await stack.ctx.models.LedgerEntry.create({
      _id: "led_crashedcrashed00",
      walletId: s.walletId,
      accountId: s.accountId,
      currency: "USD",
      type: "credit",
      amount: 4_200,
      idempotencyKey: "crashed",
      requestHash: "x",
      actor: "test",
      createdAt: new Date(Date.now() - 60_000),
    });
    expect(await available(s.accountId)).toBe(0);
    expect(await jobs.applyPendingEntries(stack.ctx, 10_000)).toBe(1);
    expect(await jobs.applyPendingEntries(stack.ctx, 10_000)).toBe(0);
    expect(await available(s.accountId)).toBe(4_200);
    // Even applying the same entry again by hand cannot credit twice: Redis holds a receipt per entry.
    const entry = (await stack.ctx.models.LedgerEntry.findById("led_crashedcrashed00").lean())!;
    await stack.ctx.hot.applyEntry(entry.accountId, entry._id, entry.currency, entry.amount);
    expect(await available(s.accountId)).toBe(4_200);
    expect(entry.balanceAfter).toBe(4_200);
  });
});
