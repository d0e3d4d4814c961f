import type { Account } from "../../models/index.js";

/** An account's billing: its mode, its plan-currency wallet's credit limit, and when invoices are cut. */
export interface BillingSettings {
  billingMode: NonNullable<Account["billingMode"]>;
  /** How far below zero the plan-currency wallet may go (postpaid and hybrid), in micros. */
  creditLimit: number;
  billingCycle?: Account["billingCycle"] | undefined;
}
