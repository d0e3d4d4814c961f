import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FIELDS } from "@tollgate/metering/store";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { subscribedAccount } from "../../../test-support/subscriptions.js";
import { postEntry } from "../ledger/post.js";
import { renewSubscription, renewSubscriptions } from "./renew.js";
import { getSubscription } from "./status.js";

describe("renewSubscription", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const since = new Date(Date.UTC(2026, 0, 10, 9));
  const recurring = { interval: "month" as const, fee: 10_000_000, seatPrice: 1_000_000, graceHours: 24 };
  const balance = async (accountId: string) => (await fx.ctx.hot.wallets(accountId)).get("USD")?.balance;
  const gate = (accountId: string) => fx.redis.hget(fx.keyspace.account(accountId), ACCOUNT_FIELDS.status);
  const fees = (accountId: string) => fx.ctx.models.Fee.find({ accountId }).sort({ periodFrom: 1 }).lean();

  // Periods are whole days of the cycle: the first runs from the start day's midnight.
  it("charges each period that has begun once (fee + seats × seat price), however often and however concurrently it runs", async () => {
    const { accountId } = await subscribedAccount(fx, { recurring, since, balance: 100_000_000, seats: 3 });
    expect(await fees(accountId)).toMatchObject([
      {
        kind: "renewal",
        amount: 13_000_000,
        seats: 3,
        status: "paid",
        periodFrom: new Date(Date.UTC(2026, 0, 10)),
        periodTo: new Date(Date.UTC(2026, 1, 10)),
      },
    ]);
    expect(await balance(accountId)).toBe(87_000_000);

    await renewSubscription(fx.ctx, accountId, new Date(since.getTime() + DAY));
    expect(await fees(accountId)).toHaveLength(1);
    const later = new Date(Date.UTC(2026, 1, 20));
    await Promise.all([renewSubscription(fx.ctx, accountId, later), renewSubscription(fx.ctx, accountId, later)]);
    expect((await fees(accountId)).map((f) => [f.periodFrom.toISOString().slice(0, 10), f.status])).toEqual([
      ["2026-01-10", "paid"],
      ["2026-02-10", "paid"],
    ]);
    expect(await fx.ctx.models.LedgerEntry.countDocuments({ accountId, type: "fee" })).toBe(2);
    expect(await balance(accountId)).toBe(74_000_000);
  });

  it("a fee the wallet cannot pay stays due: past due in its grace period, unpaid after (gateways refuse), paid by the next top-up", async () => {
    const { accountId, walletId } = await subscribedAccount(fx, { recurring, since, balance: 5_000_000 });
    expect(await fees(accountId)).toMatchObject([{ amount: 11_000_000, status: "due", graceUntil: new Date(since.getTime() + DAY) }]);
    expect(await balance(accountId)).toBe(5_000_000);
    expect(valueOf(await getSubscription(fx.ctx, accountId, since)).status).toBe("past_due");
    expect(await gate(accountId)).toBe("active");

    const afterGrace = new Date(since.getTime() + DAY + HOUR);
    await renewSubscription(fx.ctx, accountId, afterGrace);
    expect(valueOf(await getSubscription(fx.ctx, accountId, afterGrace)).status).toBe("unpaid");
    expect(await gate(accountId)).toBe("unpaid");

    valueOf(await postEntry(fx.ctx, { walletId, amount: 10_000_000, idempotencyKey: "top-up", actor: "test" }));
    expect(await fees(accountId)).toMatchObject([{ status: "paid" }]);
    expect(await balance(accountId)).toBe(4_000_000);
    expect(await gate(accountId)).toBe("active");
  });

  it("the renewal job renews accounts whose period has run out and those with a fee due, and leaves a closed account alone", async () => {
    const due = await subscribedAccount(fx, { recurring, since, balance: 0 });
    const closed = await subscribedAccount(fx, { recurring, since, balance: 100_000_000 });
    await fx.ctx.models.Account.updateOne({ _id: closed.accountId }, { $set: { status: "closed" } });
    valueOf(await postEntry(fx.ctx, { walletId: due.walletId, amount: 50_000_000, idempotencyKey: "late-money", actor: "test" }));
    // The credit paid the due fee at once; the job then charges the next period, and the closed account's is not created.
    await renewSubscriptions(fx.ctx, new Date(Date.UTC(2026, 1, 11)));
    expect((await fees(due.accountId)).map((f) => f.status)).toEqual(["paid", "paid"]);
    expect(await balance(due.accountId)).toBe(28_000_000);
    expect(await fees(closed.accountId)).toHaveLength(1);
  });
});
