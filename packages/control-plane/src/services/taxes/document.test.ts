import { describe, expect, it } from "vitest";
import type { BillingDetails, IssuerDetails } from "../../models/index.js";
import { PLAN_TAX_DEFAULTS } from "../../models/plan.js";
import { categoryOf, reverseChargeApplies } from "./document.js";
import { isCountry } from "./countries.js";

const issuer = (country?: string): IssuerDetails => ({
  legalName: "Acme",
  dueDays: 14,
  ...(country ? { address: { line1: "1 Road", city: "Town", country } } : {}),
});
const customer = (country: string, taxId?: string): BillingDetails => ({
  legalName: "Customer",
  address: { line1: "2 Road", city: "City", country },
  ...(taxId ? { taxId } : {}),
});

describe("which tax rule a document follows", () => {
  it("reverse charge: EU issuer and EU business customer in another member state, with a tax id", () => {
    expect(reverseChargeApplies(issuer("PT"), customer("DE", "DE123456789"))).toBe(true);
    expect(reverseChargeApplies(issuer("PT"), customer("DE"))).toBe(false); // a consumer: taxed at its country's rate
    expect(reverseChargeApplies(issuer("PT"), customer("DE", "  "))).toBe(false);
    expect(reverseChargeApplies(issuer("PT"), customer("PT", "PT123456789"))).toBe(false); // domestic
    expect(reverseChargeApplies(issuer("PT"), customer("US", "EIN 12-3456789"))).toBe(false); // outside the EU
    expect(reverseChargeApplies(issuer("GB"), customer("DE", "DE123456789"))).toBe(false); // the issuer outside the EU
    expect(reverseChargeApplies(issuer(), customer("DE", "DE123456789"))).toBe(false); // no issuer address: not known
    expect(reverseChargeApplies(issuer("PT"), undefined)).toBe(false);
  });

  it("a line's category: its product's as the plan maps it, else the plan's; fees and seats the plan's", () => {
    const tax = { inclusive: false, category: "saas", products: [{ productId: "books", category: "ebooks" }] };
    expect(categoryOf(tax, { kind: "usage", productId: "books" })).toBe("ebooks");
    expect(categoryOf(tax, { kind: "usage", productId: "search" })).toBe("saas");
    expect(categoryOf(tax, { kind: "fee" })).toBe("saas");
    expect(categoryOf(tax, { kind: "seats" })).toBe("saas");
    expect(categoryOf(PLAN_TAX_DEFAULTS, { kind: "usage", productId: "books" })).toBe("standard");
  });

  it("countries are ISO 3166-1 alpha-2 codes that name a country", () => {
    for (const code of ["PT", "DE", "US", "GB", "JP"]) expect(isCountry(code), code).toBe(true);
    for (const code of ["XX", "EU", "ZZ", "UN", "pt", "PRT", "P"]) expect(isCountry(code), code).toBe(false);
  });
});
