import type { KeptCard } from "@tollgate/sdk";
import { when } from "./money.js";

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

/**
 * A kept card as its owner knows it: "Visa ending 4242" (staff also see "(expires 04/2030)"); "the card kept
 * on 14 Dec 2026" when the provider did not describe it.
 */
export function cardName(card: KeptCard["card"], keptAt: string, options: { expiry?: boolean } = {}): string {
  if (card === undefined) return `the card kept on ${when(keptAt)}`;
  const name = `${BRANDS[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1)} ending ${card.last4}`;
  return options.expiry ? `${name} (expires ${String(card.expMonth).padStart(2, "0")}/${card.expYear})` : name;
}
