import { Schema } from "mongoose";

/** Who changed what: written for every admin change and every money movement. */
export interface AuditRecord {
  _id: string;
  actor: string;
  action: string;
  target: string;
  data: Record<string, unknown>;
  at: Date;
}

export const auditRecordSchema = new Schema<AuditRecord>(
  {
    _id: { type: String, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true, index: true },
    data: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw", minimize: false },
);
