import { Schema } from "mongoose";
import type { AccountStatus } from "@tollgate/gateway-plugin/store";

export interface Account {
  _id: string;
  name: string;
  planId: string;
  status: AccountStatus;
  createdAt: Date;
}

export const accountSchema = new Schema<Account>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    planId: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
