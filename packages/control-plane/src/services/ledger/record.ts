import type { AppContext } from "../../context.js";
import { isDuplicateKey, type LedgerEntry } from "../../models/index.js";

/**
 * The one door into the money ledger: every writer (credits and adjustments, booked usage, fees, a late
 * void's refund) records its entry here. An entry is written once: its `_id` and its wallet + idempotency key
 * are unique, so a repeated or concurrent write finds the first one (on FerretDB, where a conditional update
 * is not atomic, only a unique insert admits one writer). Entries are never changed by a writer afterwards,
 * but for `appliedAt`, set once the entry's amount is in the hot balance (services/wallets/apply.ts).
 *
 * `first` says whether this call wrote it; otherwise `entry` is the one stored before, which the caller
 * compares with what it asked (an Idempotency-Key reused for another request is the caller's to refuse).
 */
export async function recordEntry(
  { models }: Pick<AppContext, "models">,
  entry: LedgerEntry,
): Promise<{ entry: LedgerEntry; first: boolean }> {
  try {
    return { entry: (await models.LedgerEntry.create(entry)).toObject(), first: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The first is found by its idempotency key (the unique index that stopped this one), or by its id.
    const prior =
      (await models.LedgerEntry.findOne({ walletId: entry.walletId, idempotencyKey: entry.idempotencyKey }).lean()) ??
      (await models.LedgerEntry.findById(entry._id).lean());
    if (prior === null) throw error;
    return { entry: prior, first: false };
  }
}
