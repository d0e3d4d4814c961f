import { Schema } from "mongoose";

/**
 * A pre-summed slice of usage or money, read by the reports instead of raw events. Its `_id` names what it
 * covers (see services/reports/rollup-ids.ts); its figures are one packed `payload` (deflated JSON), because a
 * MongoDB-wire server reads one binary value far faster than thousands of nested ones (FerretDB v1: ~7 µs a
 * value). Written only by the fold, under the booking lock (one writer per rollup).
 *
 * Rollups of periods still being written live in `rollups`; once their period is over (two days after, for
 * late usage) the fold moves them to `rollups_closed`, which is only ever inserted into. So the collection
 * that updates touch stays small: on FerretDB v1 an update or delete reads its whole collection, even by `_id`
 * (measured: 330 ms at 19,000 documents). Reads look in `rollups` first (the newer), then in `rollups_closed`.
 */
export interface Rollup {
  _id: string;
  payload: Buffer;
  /** The intents folded into this rollup that are still pending: a fold repeated after a crash skips them. */
  applied: string[];
  updatedAt: Date;
}

export const rollupSchema = new Schema<Rollup>(
  {
    _id: { type: String, required: true },
    payload: { type: Buffer, required: true },
    applied: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/**
 * What one ledger entry adds to the rollups, written once (unique `_id`) before the entry's work is marked
 * done, and deleted by the fold once every rollup it touches holds it. `usage:<entryId>` carries the booked
 * calls' cells; `ledger:<entryId>` only names a money movement (the fold reads the entry).
 */
export interface RollupIntent {
  _id: string;
  kind: "usage" | "ledger";
  entryId: string;
  accountId: string;
  currency: string;
  /** Usage: the packed cells (hour, product, key, plan, calls, units, amount). */
  cells?: Buffer;
  createdAt: Date;
}

export const rollupIntentSchema = new Schema<RollupIntent>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    entryId: { type: String, required: true },
    accountId: { type: String, required: true },
    currency: { type: String, required: true },
    cells: { type: Buffer },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/**
 * A usage ledger entry whose calls are in the rollups: a repeated booking of it records no second intent.
 * Its own collection, written by unique insert and read by `_id`: on FerretDB v1 an update of the ledger
 * entry would read the whole ledger (updates are not pushed down, even by `_id`).
 */
export interface RolledUpEntry {
  _id: string;
  at: Date;
}

export const rolledUpEntrySchema = new Schema<RolledUpEntry>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false, strict: "throw" },
);
