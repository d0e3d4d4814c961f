import { Schema } from "mongoose";

/**
 * What the journal posts to, by role: each role of the books (money received, tax owed, revenue…) is one GL
 * account, a code and a name as the deployment's accounting system knows it. See services/books/chart.ts for
 * the roles and their defaults.
 */
export const GL_ROLES = [
  "cash",
  "vouchers",
  "receivables",
  "prepaid",
  "tax",
  "revenue",
  "fees",
  "packs",
  "taxIncluded",
  "refunds",
  "promotions",
  "breakage",
  "adjustments",
  "writeOffs",
  "rounding",
] as const;
export type GlRole = (typeof GL_ROLES)[number];

export interface GlAccount {
  code: string;
  name: string;
}

/** The deployment's chart of accounts: one document (`_id` "chart"), replaced whole by staff. */
export interface ChartOfAccounts {
  _id: string;
  accounts: ({ role: GlRole } & GlAccount)[];
  /** Revenue of one product booked to an account of its own (otherwise to the `revenue` role's). */
  products: ({ productId: string } & GlAccount)[];
  updatedAt: Date;
  updatedBy: string;
}

export const chartOfAccountsSchema = new Schema<ChartOfAccounts>(
  {
    _id: { type: String, required: true },
    accounts: { type: [{ _id: false, role: String, code: String, name: String }], required: true },
    products: { type: [{ _id: false, productId: String, code: String, name: String }], required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);
