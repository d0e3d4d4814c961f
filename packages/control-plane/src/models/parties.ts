import { Schema } from "mongoose";

/** A postal address, as an invoice prints it. `country` is ISO 3166-1 alpha-2 (`PT`, `US`). */
export interface PostalAddress {
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode?: string | undefined;
  /** A state, province or county, where the address needs one. */
  region?: string | undefined;
  country: string;
}

/** Who a document is to: the customer's billing details, set on its account (by staff or in the portal). */
export interface BillingDetails {
  legalName: string;
  address: PostalAddress;
  /** A VAT number, EIN, ABN…, printed as given. */
  taxId?: string | undefined;
  /** Where documents go, when not to the notification recipients. */
  email?: string | undefined;
}

/**
 * Who documents are from: the deployment's issuer profile (one per issuer), set in the console. Each document
 * keeps a copy of it as it was when the document was finalized (a finalized document never changes).
 */
export interface IssuerProfile {
  /** The issuer, as invoices name it (`tollgate`): the numbering sequence it owns. */
  _id: string;
  legalName: string;
  address?: PostalAddress | undefined;
  taxId?: string | undefined;
  email?: string | undefined;
  website?: string | undefined;
  /** A PNG or JPEG, as a `data:` URL (at most 100 kB), printed on documents and shown in the portal. */
  logo?: string | undefined;
  /** `#rrggbb`, for the portal and documents. */
  accentColor?: string | undefined;
  /** Invoices fall due this many days after they are issued (0: on receipt). */
  dueDays: number;
  /** How to pay: bank details, a payment link… printed under the totals. */
  paymentInstructions?: string | undefined;
  /** The documents' last line (registered office, share capital…). */
  footer?: string | undefined;
  updatedAt: Date;
}

/** What a document keeps of its issuer: the profile but its id and time. */
export type IssuerDetails = Omit<IssuerProfile, "_id" | "updatedAt">;

export const postalAddressSchema = new Schema<PostalAddress>(
  { line1: String, line2: String, city: String, postalCode: String, region: String, country: String },
  { _id: false, strict: "throw" },
);

export const billingDetailsSchema = new Schema<BillingDetails>(
  { legalName: String, address: { type: postalAddressSchema }, taxId: String, email: String },
  { _id: false, strict: "throw" },
);

const issuerFields = {
  legalName: { type: String, required: true },
  address: { type: postalAddressSchema },
  taxId: String,
  email: String,
  website: String,
  logo: String,
  accentColor: String,
  dueDays: { type: Number, required: true },
  paymentInstructions: String,
  footer: String,
};

export const issuerDetailsSchema = new Schema<IssuerDetails>(issuerFields, { _id: false, strict: "throw" });

export const issuerProfileSchema = new Schema<IssuerProfile>(
  { _id: { type: String, required: true }, ...issuerFields, updatedAt: { type: Date, required: true } },
  { versionKey: false, strict: "throw" },
);
