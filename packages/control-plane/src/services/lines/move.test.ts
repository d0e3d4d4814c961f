import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FIELDS, createKeyspace, inPartition, USAGE_FIELDS } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createContext } from "../../create-context.js";
import { setAccountStatus } from "../accounts/set-status.js";
import { recordMovedPartitions } from "../ledger/rebuild.js";
import { attachLine } from "./lines.js";
import { endInterruptedMoves, MOVE_LOCK_MS, moveAccount } from "./move.js";

// Moving an account to its payer's partition (move.ts): where it gives up, the account stays where it was, as the
// changes made to it meanwhile left it; where another process rebuilds it first, the move still finishes.
describe("moveAccount", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("after sealing (its usage not ingested in time): a change published while it was sealed reaches its hash", async () => {
    const ks = fx.keyspace;
    const payer = await fx.seedAccount({ pricePerCall: 100, balance: 10_000 });
    let x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
    while (ks.partitionOf(x.accountId) === ks.partitionOf(payer.accountId)) x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
    const from = ks.partitionOf(x.accountId);
    const hash = inPartition(ks.account(x.accountId), from);
    // A call of it still in its partition's stream (this fixture runs no ingester): the move cannot finish.
    const U = USAGE_FIELDS;
    await fx.redis.xadd(
      ks.usageStream(from),
      "*",
      U.eventId,
      "evt_unbooked",
      U.accountId,
      x.accountId,
      U.keyId,
      "key_x",
      U.currency,
      "USD",
      U.amount,
      "100",
      U.timestampMs,
      String(Date.now()),
    );

    const attached = attachLine(fx.ctx, { payerId: payer.accountId, accountId: x.accountId, actor: "test" });
    // Sealed: from here every write to the hash is refused, a publication among them.
    while ((await fx.redis.hget(hash, ACCOUNT_FIELDS.status)) !== "moved") await new Promise((resolve) => setImmediate(resolve));
    valueOf(await setAccountStatus(fx.ctx, { accountId: x.accountId, status: "suspended", reason: "fraud review", actor: "test" }));
    expect(await attached).toMatchObject({ ok: false, code: "conflict" });

    // It stays where it was, suspended as it now is in MongoDB, its balance as it was.
    expect(ks.partitionOf(x.accountId)).toBe(from);
    expect(await fx.redis.hget(hash, ACCOUNT_FIELDS.status)).toBe("suspended");
    expect((await fx.ctx.hot.wallets(x.accountId)).get("USD")).toMatchObject({ balance: 1_000, reserved: 0 });
  }, 30_000);

  it("finishes when a control-plane process starting meanwhile rebuilt and recorded the account first (its record named the partition)", async () => {
    const ks = fx.keyspace;
    const payer = await fx.seedAccount({ pricePerCall: 100, balance: 10_000 });
    let x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
    while (ks.partitionOf(x.accountId) === ks.partitionOf(payer.accountId)) x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
    const from = ks.partitionOf(x.accountId);
    const to = ks.partitionOf(payer.accountId);
    const starting = createContext({
      models: fx.ctx.models,
      redis: fx.redis,
      keyspace: createKeyspace(ks.prefix, ks.partitions),
      adminTokens: [],
    });
    try {
      const moved = await moveAccount(fx.ctx, x.accountId, to, async () => {
        await fx.ctx.models.Account.updateOne({ _id: x.accountId }, { $set: { payerId: payer.accountId, partition: to } });
        // Another control-plane process starts here: it finds the account's record naming `to`, and nothing there.
        await recordMovedPartitions(starting);
      });
      expect(moved).toMatchObject({ ok: true, value: { from, to } });
      expect(await fx.redis.hgetall(inPartition(ks.account(x.accountId), from))).toEqual({ status: "moved", mv: String(to) });
      expect((await fx.ctx.hot.wallets(x.accountId)).get("USD")).toMatchObject({ balance: 1_000, reserved: 0 });
      expect(await fx.redis.hget(ks.account(x.accountId), ACCOUNT_FIELDS.payer)).toBe(payer.accountId);
    } finally {
      await starting.charging.plans.close();
    }
  });

  it("ends a move whose process died: undone when its record never named where it went, finished when it did", async () => {
    const ks = fx.keyspace;
    const payer = await fx.seedAccount({ pricePerCall: 100, balance: 10_000 });
    const other = async () => {
      let x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
      while (ks.partitionOf(x.accountId) === ks.partitionOf(payer.accountId))
        x = await fx.seedAccount({ pricePerCall: 100, balance: 1_000 });
      return x;
    };
    const to = ks.partitionOf(payer.accountId);
    // Where a mover died: fenced and sealed, its move noted; for `y` its record names where it goes too.
    const [x, y] = [await other(), await other()];
    const died = async (accountId: string, recorded: boolean) => {
      const from = ks.partitionOf(accountId);
      expect(await fx.ctx.hot.moves.step(accountId, from, "fence", to)).toBe(true);
      expect(await fx.ctx.hot.moves.step(accountId, from, "seal", to)).toBe(true);
      await fx.ctx.models.Account.updateOne(
        { _id: accountId },
        { $set: { moving: { from, to, at: new Date() }, ...(recorded && { payerId: payer.accountId, partition: to }) } },
      );
      return from;
    };
    const [xFrom, yFrom] = [await died(x.accountId, false), await died(y.accountId, true)];
    expect(await fx.redis.hget(inPartition(ks.account(x.accountId), xFrom), ACCOUNT_FIELDS.status)).toBe("moved");

    // Not yet: a move younger than its locks' lifetime may still have a live mover.
    expect(await endInterruptedMoves(fx.ctx)).toBe(0);
    expect(await endInterruptedMoves(fx.ctx, Date.now() + MOVE_LOCK_MS + 1)).toBe(2);

    // x: back where it was, active, its balance as it was.
    expect(ks.partitionOf(x.accountId)).toBe(xFrom);
    expect(await fx.redis.hget(inPartition(ks.account(x.accountId), xFrom), ACCOUNT_FIELDS.status)).toBe("active");
    expect((await fx.ctx.hot.wallets(x.accountId)).get("USD")).toMatchObject({ balance: 1_000, reserved: 0 });
    // y: where its record says, rebuilt there and recorded; the hash it left a tombstone.
    expect(ks.partitionOf(y.accountId)).toBe(to);
    expect(await fx.ctx.hot.moves.recorded(y.accountId)).toBe(to);
    expect(await fx.redis.hgetall(inPartition(ks.account(y.accountId), yFrom))).toEqual({ status: "moved", mv: String(to) });
    expect((await fx.ctx.hot.wallets(y.accountId)).get("USD")).toMatchObject({ balance: 1_000, reserved: 0 });
    // Both ended: the job finds nothing more.
    expect(await fx.ctx.models.Account.countDocuments({ moving: { $exists: true } })).toBe(0);
    expect(await endInterruptedMoves(fx.ctx, Date.now() + MOVE_LOCK_MS + 1)).toBe(0);
  });
});
