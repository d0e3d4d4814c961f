import { Schema } from "mongoose";

export interface Plan {
  _id: string;
  name: string;
  currency: string;
  /** Price of one call in integer micros of `currency`. */
  pricePerCall: number;
  createdAt: Date;
}

export const planSchema = new Schema<Plan>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    currency: { type: String, required: true },
    pricePerCall: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
