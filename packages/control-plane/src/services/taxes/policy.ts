import type { TaxRounding } from "./compute.js";

/**
 * A deployment's tax rules (TAX_PREPAID, TAX_ROUNDING):
 * - `prepaid: "top_up"`: a prepaid account's top-up is taxed when it is paid; its receipt is the tax document,
 *   the amount paid includes the tax, and the wallet is credited the rest (money net of tax). Its usage is not
 *   taxed again. Right where tax falls due when a prepayment is received (EU VAT on payments on account).
 * - `prepaid: "use"`: a top-up is a prepayment without tax (its receipt says so, and the wallet is credited the
 *   whole amount); the usage it pays for is taxed on the period's invoice, which is settled from the prepaid
 *   balance (the tax taken from the wallet with it). Right where tax falls due when the service is supplied
 *   (US sales tax, and vouchers whose use is not known when sold).
 * - `rounding`: each tax rounded to the currency's minor unit once per line, or once per rate on the document.
 */
export interface TaxPolicy {
  prepaid: "top_up" | "use";
  rounding: TaxRounding;
}

export const TAX_DEFAULTS: TaxPolicy = { prepaid: "top_up", rounding: "document" };
