import { z } from "zod";
import { isCountry } from "../services/taxes/countries.js";

/** One line of text a document prints: trimmed, no control characters. */
const printed = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, "one line of text, without control characters");

/** Text of several lines (payment instructions, a footer): no control characters but newlines. */
const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*(?:\n[^\p{Cc}]*)*$/u, "text without control characters but newlines");

export const postalAddress = z.strictObject({
  line1: printed(200),
  line2: printed(200).optional(),
  city: printed(100),
  postalCode: printed(20).optional(),
  region: printed(100).optional().describe("a state, province or county, where the address needs one"),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code in capitals, e.g. PT")
    .refine(isCountry, "not a country's ISO 3166-1 alpha-2 code")
    .describe("the country, which also says which tax rates apply (with `region`)"),
});

export const taxId = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .\-/]*$/, "letters, digits, spaces, dots, dashes and slashes (e.g. PT123456789)");

export const billingDetails = z.strictObject({
  legalName: printed(200),
  address: postalAddress,
  taxId: taxId
    .optional()
    .describe(
      "a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge",
    ),
  email: z.email().max(254).optional().describe("where documents go (the notification recipients when absent)"),
});

/** A PNG or JPEG as a `data:` URL, at most 100 kB; its bytes are checked to be what it says. */
const logo = z
  .string()
  .max(140_000, "at most 100 kB")
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, "a data: URL of a PNG or JPEG image (data:image/png;base64,…)")
  .refine((url) => {
    const bytes = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    return bytes.length <= 100_000 && (url.startsWith("data:image/png") ? png : jpeg);
  }, "an image of at most 100 kB whose bytes are the PNG or JPEG it says it is");

export const issuerProfile = z.strictObject({
  legalName: printed(200),
  address: postalAddress.optional(),
  taxId: taxId.optional(),
  email: z.email().max(254).optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  logo: logo.optional(),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour as #rrggbb")
    .optional(),
  dueDays: z.number().int().min(0).max(365).default(14).describe("invoices fall due this many days after they are issued (0: on receipt)"),
  paymentInstructions: paragraph(1_000).optional().describe("how to pay (bank details, a payment link), printed under the totals"),
  footer: paragraph(500).optional().describe("the documents' last line (registered office, company number…)"),
});
