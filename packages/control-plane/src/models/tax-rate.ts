import { Schema } from "mongoose";

/**
 * A tax rate: what one jurisdiction (a country, or a region of it such as a US state) charges on one product
 * tax category, from `validFrom` until `validUntil` (exclusive; absent: until further notice). Rates of one
 * jurisdiction and category never overlap in time, so a document's date finds at most one. Documents copy the
 * rate they used when they are finalized: changing or ending a rate never changes an issued document.
 */
export interface TaxRate {
  _id: string;
  /** ISO 3166-1 alpha-2 (`PT`, `US`). */
  country: string;
  /** A region of the country, as billing addresses name it (`NY`); absent: the whole country. */
  region?: string | undefined;
  /** The product tax category it applies to (`standard` unless a plan maps a product to another). */
  category: string;
  /** What documents call it: `VAT`, `Sales tax`, `GST`. */
  name: string;
  /** Parts per million of the taxable amount: 23 % is 230,000; 8.875 % is 88,750. */
  ratePpm: number;
  validFrom: Date;
  validUntil?: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
}

export const taxRateSchema = new Schema<TaxRate>(
  {
    _id: { type: String, required: true },
    country: { type: String, required: true },
    region: { type: String },
    category: { type: String, required: true },
    name: { type: String, required: true },
    ratePpm: { type: Number, required: true },
    validFrom: { type: Date, required: true },
    validUntil: { type: Date },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
taxRateSchema.index({ country: 1, category: 1, validFrom: 1 });
