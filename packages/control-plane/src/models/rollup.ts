import { Schema, type Connection, type mongo } from "mongoose";

/**
 * A pre-summed slice of usage or money, read by the reports instead of raw events. Its `_id` names what it
 * covers (see services/reports/rollup-format.ts); its figures are one packed `payload` (deflated JSON),
 * because a MongoDB-wire server reads one binary value far faster than thousands of nested ones (FerretDB
 * v1: ~7 µs a value). Written only by the fold, under the booking lock (one writer per rollup).
 *
 * Rollups are kept in many small collections, one per period and kind (`rollups_2026_10_05`,
 * `rollup_hours_…`, `account_rollups_…`, `rollups_2026_10`), not one large one: FerretDB v1 serves a lookup
 * by `_id` by scanning the collection up to the match, and an update by `_id` by scanning all of it, so a
 * collection's size is the cost of every read and write in it. A period's collection stops growing when the
 * period is over. Plain driver collections, created on first insert: there is nothing to validate that the
 * fold did not just build.
 */
export interface Rollup {
  _id: string;
  payload: Buffer;
  /** The intents folded into this rollup that are still pending: a fold repeated after a crash skips them. */
  applied: string[];
  updatedAt: Date;
}

export interface RollupStore {
  /** One period's collection of one kind, by name (`collectionOf` in services/reports/rollup-format.ts). */
  collection(name: string): mongo.Collection<Rollup>;
  /** The names of every existing collection that `test` accepts. */
  names(test: RegExp): Promise<string[]>;
}

export function createRollupStore(conn: Connection): RollupStore {
  const collections = new Map<string, mongo.Collection<Rollup>>();
  const db = () => {
    if (conn.db === undefined) throw new Error("the MongoDB connection is not open");
    return conn.db;
  };
  return {
    collection(name) {
      let collection = collections.get(name);
      if (collection === undefined) collections.set(name, (collection = db().collection<Rollup>(name)));
      return collection;
    },
    async names(test) {
      const all = await db().listCollections({}, { nameOnly: true }).toArray();
      return all.map((c) => c.name).filter((name) => test.test(name));
    },
  };
}

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
