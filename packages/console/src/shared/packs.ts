import type { BundlePack, PackPurchase } from "@tollgate/sdk";
import { count } from "./bundles.js";
import { money, when } from "./money.js";

/*
 * Bundle packs as the portal and the console write them: what one holds, for how long and at what price, and
 * where a purchase of one stands (docs/concepts/bundles.md#bundle-packs).
 */

/** Read again every 3 s while a purchase waits for its card payment (the provider's word issues its bundle), never otherwise. */
export const whileWaiting = (items: readonly PackPurchase[] | undefined): number | false =>
  items?.some((p) => p.status === "pending") === true ? 3_000 : false;

/** What a pack holds: "500 search units". */
export const packUnits = (p: Pick<BundlePack, "units" | "productId">): string => `${count(p.units)} ${p.productId} units`;

/** How long a bundle bought from it lasts: "30 days from purchase", "until 31 Dec 2026, 23:59". */
export function validityWords(p: Pick<BundlePack, "validity">): string {
  if (p.validity.days !== undefined) return `${count(p.validity.days)} day${p.validity.days === 1 ? "" : "s"} from purchase`;
  return `until ${when(p.validity.until!)}`;
}

/** Its price in one currency, in micros; undefined when it is not sold in it. */
export const priceIn = (p: Pick<BundlePack, "prices">, currency: string): number | undefined =>
  p.prices.find((x) => x.currency === currency)?.amount;

/** Every price it has, as people read them: "$5.00, €4.50". */
export const pricesWords = (p: Pick<BundlePack, "prices">): string => p.prices.map((x) => money(x.amount, x.currency)).join(", ");

/** How a purchase was paid, in words. */
export const PAYMENT_WORDS: Record<PackPurchase["payment"], string> = {
  wallet: "from the balance",
  card: "by card",
  voucher: "with a voucher",
};

/** Where a purchase stands, in words: issued, waiting for its card payment, or refused because the balance did not cover it. */
export function purchaseState(p: Pick<PackPurchase, "status" | "payment">): string {
  if (p.status === "issued") return "bundle issued";
  if (p.status === "failed") return "not bought: the balance did not cover it, nothing was taken";
  return p.payment === "card" ? "waiting for the card payment" : "being finished";
}
