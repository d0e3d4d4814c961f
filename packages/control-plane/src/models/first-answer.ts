import { Schema } from "mongoose";

/**
 * The first answer to an idempotent request (status, headers, body as sent), kept so that a repeat of the
 * request (the same Idempotency-Key) gets exactly that answer back: `_id` names the operation, the path it
 * acted on (which names the account, wallet or invoice) and the key. Written once, by a unique insert; never changed.
 */
export interface FirstAnswer {
  _id: string;
  status: number;
  headers: Record<string, string>;
  /** The JSON body, as text. */
  body: string;
  at: Date;
}

export const firstAnswerSchema = new Schema<FirstAnswer>(
  {
    _id: { type: String, required: true },
    status: { type: Number, required: true },
    headers: { type: Schema.Types.Mixed, required: true },
    body: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
