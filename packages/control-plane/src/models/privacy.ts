import { Schema } from "mongoose";

/**
 * A data subject's request about one account (docs/concepts/privacy.md): an `export` of everything kept about
 * it, or its `erasure`.
 * - An export is `pending` until the privacy job has written its document (`ready`, in `privacy_export_parts`),
 *   `downloaded` once staff took it (the parts are deleted then: it is downloadable once), `expired` when nobody
 *   took it in time (the parts are deleted too).
 * - An erasure is one per account (`_id` = `era_<accountId>`, a unique insert): `pending` while it runs (a run
 *   killed midway is finished by the next), `done` once every step has run. `values` holds the personal values
 *   it is erasing while it runs, so that a run after a crash still knows what to look for once the account's own
 *   fields are pseudonyms; it is removed when the erasure is done.
 */
export interface PrivacyRequest {
  _id: string;
  kind: "export" | "erasure";
  accountId: string;
  status: "pending" | "ready" | "downloaded" | "expired" | "done";
  /** Who asked (`user:…`, `token:…`, `admin:…`). */
  actor: string;
  createdAt: Date;
  /** Exports: when the document was written, its size and how many parts. Erasures: when the last run finished. */
  finishedAt?: Date;
  bytes?: number;
  parts?: number;
  downloadedAt?: Date;
  downloadedBy?: string;
  /** Erasures: how many times a run was started (a retry after a crash, or a new request of an erased account). */
  runs?: number;
  values?: string[];
}

export const privacyRequestSchema = new Schema<PrivacyRequest>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    status: { type: String, required: true },
    actor: { type: String, required: true },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date },
    bytes: { type: Number },
    parts: { type: Number },
    downloadedAt: { type: Date },
    downloadedBy: { type: String },
    runs: { type: Number },
    values: { type: [String], default: undefined },
  },
  { versionKey: false, strict: "throw" },
);
privacyRequestSchema.index({ status: 1 });

/** One slice of an export's JSON document (`_id` = `<exportId>:<n>`): a document can outgrow one MongoDB document. */
export interface PrivacyExportPart {
  _id: string;
  exportId: string;
  n: number;
  text: string;
}

export const privacyExportPartSchema = new Schema<PrivacyExportPart>(
  {
    _id: { type: String, required: true },
    exportId: { type: String, required: true, index: true },
    n: { type: Number, required: true },
    text: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

/**
 * What retention keeps of a usage ledger entry whose usage events it removed (services/privacy/retention.ts):
 * the entry's calls summed per reporting hour × product × key × plan (the rollup intent's packed cells), so that
 * a rebuild of the rollups (services/reports/rebuild.ts) still finds them. `_id` is the ledger entry's id, written
 * once (a unique insert) before the events go.
 */
export interface RetiredUsage {
  _id: string;
  accountId: string;
  currency: string;
  /** How many usage events it summed, and their amounts' sum (micros). */
  calls: number;
  amount: number;
  /** The packed cells (services/reports/rollup-format.ts `pack` of `Cell[]`). */
  cells: Buffer;
  /** The first and last call's time. */
  from: Date;
  to: Date;
  retiredAt: Date;
}

export const retiredUsageSchema = new Schema<RetiredUsage>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    currency: { type: String, required: true },
    calls: { type: Number, required: true },
    amount: { type: Number, required: true },
    cells: { type: Buffer, required: true },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    retiredAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
