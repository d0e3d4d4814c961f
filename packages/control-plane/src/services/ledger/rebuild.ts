import type { AppContext } from "../../context.js";
import { publishAccount } from "../accounts/publish.js";
import { gateStatus } from "../subscriptions/status.js";
import { reconcileWallet } from "./reconcile.js";
import { restorableBundles } from "../bundles/units.js";
import { lineOf } from "../accounts/publish.js";
import { restoreLineSpend } from "../lines/spend.js";

/**
 * Bring back an account Redis has lost, from the book of record: each wallet's balance is what the ledger
 * says less what is still to be booked (pending credits are applied afterwards by the sweep; reservations
 * and usage that never left Redis are gone with it), and each live bundle's units are what the unit ledger
 * says (a bundle whose issue never reached Redis is applied by its issue's retry, or before it ends). Written
 * atomically and only if the account is absent,
 * so a live account is never overwritten. Then plans and keys are republished.
 */
export async function restoreAccount(ctx: AppContext, accountId: string): Promise<boolean> {
  const { Account, ApiKey, Wallet } = ctx.models;
  const account = await Account.findById(accountId).lean();
  if (account === null) return false;
  const [wallets, keys] = await Promise.all([
    Wallet.find({ accountId }).lean(),
    ApiKey.find({ accountId, status: "active" }, { _id: 1 }).lean(),
  ]);
  const balances = [];
  for (const wallet of wallets) {
    const r = await reconcileWallet(ctx, wallet);
    balances.push({
      currency: wallet.currency,
      balance: r.ledger - r.pendingCredits - r.unbookedUsage - r.streamedUsage,
      creditLimit: account.billingMode === "prepaid" ? 0 : (wallet.creditLimit ?? 0),
      autoRechargeThreshold: wallet.autoRecharge?.threshold,
    });
  }
  const line =
    account.payerId === undefined
      ? undefined
      : lineOf(account, (await ctx.models.Plan.findById(account.planId, { currency: 1 }).lean())?.currency);
  // A line's spend this month first, from its usage the book of record holds (the counter went with Redis): set
  // only where it is absent, before its hash lets a call count again. (Absent with Redis intact: the line spent
  // nothing this month, and the ledger says so too.)
  if (account.payerId !== undefined) await restoreLineSpend(ctx, account._id, account.payerId);
  const restored = await ctx.hot.restoreAccount({
    accountId,
    status: await gateStatus(ctx, account),
    activeKeyIds: keys.map((k) => k._id),
    wallets: balances,
    bundles: await restorableBundles(ctx, accountId),
    ...(line !== undefined && { line }),
  });
  await publishAccount(ctx, accountId);
  return restored;
}

/** Restore every account missing from Redis (after Redis lost its data). Returns how many came back. */
export async function rebuildMissing(ctx: AppContext): Promise<number> {
  await ctx.hot.ensureMeta();
  await recordMovedPartitions(ctx);
  let restored = 0;
  let after = "";
  for (;;) {
    const accounts = await ctx.models.Account.find(after ? { _id: { $gt: after } } : {}, { _id: 1 })
      .sort({ _id: 1 })
      .limit(500)
      .lean();
    if (accounts.length === 0) return restored;
    for (const { _id } of accounts) {
      if ((await ctx.hot.wallets(_id)).size === 0 && (await restoreAccount(ctx, _id))) restored++;
    }
    after = accounts[accounts.length - 1]!._id;
  }
}

/** After Redis lost the hash of moved partitions: every moved account's partition again, from its account record. */
export async function recordMovedPartitions(ctx: AppContext): Promise<void> {
  const recorded = await ctx.hot.moves.load();
  for await (const account of ctx.models.Account.find({ partition: { $exists: true } }, { partition: 1 })
    .lean()
    .cursor()) {
    if (account.partition !== undefined && recorded.get(account._id) !== account.partition) {
      // Rebuilt there first if it is not (a move that died after writing the account's record), then announced.
      ctx.hot.keyspace.setPartition(account._id, account.partition);
      await restoreAccount(ctx, account._id);
      await ctx.hot.moves.record(account._id, account.partition);
    }
  }
}
