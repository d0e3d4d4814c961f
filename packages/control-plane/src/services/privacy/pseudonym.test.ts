import { describe, expect, it } from "vitest";
import { erasedBillingDetails, ERASED_TAX_ID, pseudonymOf, pseudonyms, REDACTED, scrubText, scrubValue } from "./pseudonym.js";

describe("pseudonyms", () => {
  it("are derived from the account id alone: the same on every run, different for each account", () => {
    expect(pseudonymOf("acct_AAAAAAAAAAAAAAAA")).toBe(pseudonymOf("acct_AAAAAAAAAAAAAAAA"));
    expect(pseudonymOf("acct_AAAAAAAAAAAAAAAA")).not.toBe(pseudonymOf("acct_BBBBBBBBBBBBBBBB"));
    expect(pseudonymOf("acct_AAAAAAAAAAAAAAAA")).toMatch(/^anon-[0-9a-f]{12}$/);
    const p = pseudonyms("acct_AAAAAAAAAAAAAAAA");
    expect(p.email(0)).toMatch(/^anon-[0-9a-f]{12}@erased\.invalid$/);
    expect(p.email(1)).not.toBe(p.email(0));
    expect(new URL(p.url(0)).hostname).toBe("erased.invalid");
  });

  it("replace billing details' personal fields, keeping the country and region a document's tax needs", () => {
    const details = {
      legalName: "Maria Lda",
      address: { line1: "Rua 1", line2: "2 esq", city: "Porto", postalCode: "4000-001", region: "Douro", country: "PT" },
      taxId: "PT999",
      email: "maria@example.com",
    };
    const erased = erasedBillingDetails("acct_AAAAAAAAAAAAAAAA", details);
    expect(erased).toEqual({
      legalName: pseudonyms("acct_AAAAAAAAAAAAAAAA").name,
      address: { line1: REDACTED, line2: REDACTED, city: REDACTED, postalCode: REDACTED, region: "Douro", country: "PT" },
      taxId: ERASED_TAX_ID,
      email: pseudonyms("acct_AAAAAAAAAAAAAAAA").email(0),
    });
    // Erasing what is erased changes nothing.
    expect(erasedBillingDetails("acct_AAAAAAAAAAAAAAAA", erased)).toEqual(erased);
  });

  it("scrub free text and nested data: values anywhere, reasons whole, figures and dates untouched", () => {
    expect(scrubText("Sent to maria@example.com and maria@example.com.", ["maria@example.com"], "X")).toBe("Sent to X and X.");
    // The longer value goes whole before a shorter one inside it; values under 3 characters are not looked for.
    expect(scrubText("Maria Lda of Porto", ["Maria", "Maria Lda", "Po"], "X")).toBe("X of Porto");
    // Only where the value stands on its own: never inside an id.
    expect(scrubText("led_xtestx and test (test)", ["test"], "X")).toBe("led_xtestx and X (X)");
    expect(scrubText("a.b+c@example.com", ["a.b+c@example.com"], "X")).toBe("X");
    const at = new Date(0);
    expect(
      scrubValue({ reason: "she called", clearReason: "ok then", amount: 5, at, nested: [{ to: "Maria Lda" }] }, ["Maria Lda"], "X"),
    ).toEqual({ reason: REDACTED, clearReason: REDACTED, amount: 5, at, nested: [{ to: "X" }] });
  });
});
