import type { Account, Invoice, Recharge, Wallet } from "../models/index.js";

/**
 * The API's views of the objects a deployment's webhooks carry (an event's `data` is the object as the API
 * returns it). Implemented by http/views.ts and wired in by create-context.ts: services record events without
 * reaching up into http/.
 */
export interface EventViews {
  account(account: Account, wallets: Wallet[]): Record<string, unknown>;
  invoice(invoice: Invoice): Record<string, unknown>;
  recharge(recharge: Recharge): Record<string, unknown>;
}
