import type { AppContext } from "../../context.js";
import type { Wallet } from "../../models/index.js";
import { callsInBooking } from "./backlog.js";
import { sum, sumsBy } from "./sums.js";

export interface WalletReconciliation {
  accountId: string;
  walletId: string;
  currency: string;
  /** Sum of the wallet's ledger entries. */
  ledger: number;
  /** Credits in the ledger not yet applied to Redis (finished by the sweep). */
  pendingCredits: number;
  /** Calls charged in Redis and ingested, not yet booked into the ledger. */
  unbookedUsage: number;
  /** Calls charged in Redis, still in the usage streams (not yet ingested). */
  streamedUsage: number;
  /** Redis: the balance, and what open reservations hold. */
  hotBalance: number;
  reserved: number;
  /** (ledger − pendingCredits − unbookedUsage − streamedUsage) − (hotBalance + reserved): 0 when all agree. */
  drift: number;
}

/** The book-of-record equation for one wallet: ledger = Redis + open reservations + usage not yet booked. */
export async function reconcileWallet(
  ctx: AppContext,
  wallet: Wallet,
  /** The wallet's ledger sums when already read (for every wallet at once); read here otherwise. */
  sums?: { ledger: number; pendingCredits: number },
): Promise<WalletReconciliation> {
  const { accountId, currency } = wallet;
  const hot = (await ctx.hot.wallets(accountId)).get(currency) ?? { balance: 0, reserved: 0, creditLimit: 0 };
  // What the wallet paid: its account's calls, and its lines' (their usage names it as payer).
  const streamed = (await ctx.hot.streamedUsage(accountId, "wallet")).filter((e) => e.currency === currency);
  // An entry may be ingested already and not yet deleted from the stream: count it once, as ingested, which
  // it is once booking has it (in the backlog, or assigned); the ingester writes the event just before. A void
  // entry counts (negatively) until the event it undoes is marked refunded.
  // (On FerretDB a query by `_id: {$in}` reads the whole collection, even for an empty list: only when needed.)
  const voids = streamed.filter((e) => e.void).map((e) => e.eventId);
  const stored = voids.length === 0 ? [] : await ctx.models.UsageEvent.find({ _id: { $in: voids } }, { _id: 1, refunded: 1 }).lean();
  const backlog = await callsInBooking(ctx.models, { accountId, currency });
  const refunded = new Set(stored.filter((e) => e.refunded === true).map((e) => e._id));
  const ingested = new Set(backlog.map((e) => e._id));
  for (const e of streamed) {
    if (!e.void && !ingested.has(e.eventId) && (await ctx.models.CallAssignment.findById(e.eventId, { _id: 1 }).lean()) !== null)
      ingested.add(e.eventId);
  }
  const streamedUsage = streamed.filter((e) => !(e.void ? refunded : ingested).has(e.eventId)).reduce((total, e) => total + e.amount, 0);
  const [ledger, pendingCredits, unbookedUsage] = await Promise.all([
    sums?.ledger ?? sum(ctx, "LedgerEntry", { walletId: wallet._id }, "$amount"),
    sums?.pendingCredits ?? sum(ctx, "LedgerEntry", { walletId: wallet._id, appliedAt: { $exists: false } }, "$amount"),
    unbooked(ctx, backlog),
  ]);
  const expected = ledger - pendingCredits - unbookedUsage - streamedUsage;
  return {
    accountId,
    walletId: wallet._id,
    currency,
    ledger,
    pendingCredits,
    unbookedUsage,
    streamedUsage,
    hotBalance: hot.balance,
    reserved: hot.reserved,
    drift: expected - (hot.balance + hot.reserved),
  };
}

/**
 * What the wallet's backlog holds that no ledger entry books yet. A call in the backlog is booked once its
 * assignment names an entry that exists (its booking is finishing, or it was ingested again after it was booked).
 */
async function unbooked(ctx: AppContext, backlog: { _id: string; amount: number }[]): Promise<number> {
  const { CallAssignment, LedgerEntry } = ctx.models;
  let total = 0;
  const entries = new Map<string, boolean>();
  const seen = new Set<string>(); // a call written twice is in the backlog twice
  for (const call of backlog) {
    if (seen.has(call._id)) continue;
    seen.add(call._id);
    const assignment = await CallAssignment.findById(call._id).lean();
    if (assignment !== null) {
      let exists = entries.get(assignment.entryId);
      if (exists === undefined)
        entries.set(assignment.entryId, (exists = (await LedgerEntry.findById(assignment.entryId, { _id: 1 }).lean()) !== null));
      if (exists) continue;
    }
    total += call.amount;
  }
  return total;
}

/**
 * Every wallet's equation. Money keeps moving while it is read (stream → MongoDB → ledger), so a wallet is
 * reported only when it shows the same drift twice in a row: a race changes between reads, a real drift stays.
 */
export async function reconcile(
  ctx: AppContext,
  options: { accountIds?: string[] } = {},
): Promise<{ checked: number; drifts: WalletReconciliation[] }> {
  const wallets = await ctx.models.Wallet.find(options.accountIds ? { accountId: { $in: options.accountIds } } : {}).lean();
  // Every wallet's ledger sums in one pass each (on FerretDB an aggregate reads the whole ledger, so one per
  // wallet cost wallets × ledger). They are read before each wallet's Redis side, so money that moved in
  // between shows as a drift: a wallet that shows one is read twice more, alone, and reported only when
  // both reads agree.
  const walletIds = wallets.map((w) => w._id);
  const [ledgers, pending] = await Promise.all([
    sumsBy(ctx, "LedgerEntry", { walletId: { $in: walletIds } }, "$walletId", "$amount"),
    sumsBy(ctx, "LedgerEntry", { walletId: { $in: walletIds }, appliedAt: { $exists: false } }, "$walletId", "$amount"),
  ]);
  const drifts: WalletReconciliation[] = [];
  for (const wallet of wallets) {
    const sums = { ledger: ledgers.get(wallet._id) ?? 0, pendingCredits: pending.get(wallet._id) ?? 0 };
    if ((await reconcileWallet(ctx, wallet, sums)).drift === 0) continue;
    const first = await reconcileWallet(ctx, wallet);
    if (first.drift === 0) continue;
    const second = await reconcileWallet(ctx, wallet);
    if (second.drift === first.drift) drifts.push(second);
  }
  return { checked: wallets.length, drifts };
}
