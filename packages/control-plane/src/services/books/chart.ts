import type { AppContext } from "../../context.js";
import { GL_ROLES, unlessDuplicate, type ChartOfAccounts, type GlAccount, type GlRole } from "../../models/index.js";
import { audit } from "../audit.js";

const CHART = "chart";

/**
 * What each role of the books is, and the GL account it posts to until staff set another. Codes follow the
 * usual numbering (1xxx assets, 2xxx liabilities, 4xxx revenue and its contra accounts, 6xxx expenses).
 */
export const DEFAULT_ACCOUNTS: Record<GlRole, GlAccount> = {
  /** Money received: top-ups (admin credits are money received outside a provider), invoice payments; out: refunds. */
  cash: { code: "1000", name: "Cash" },
  /** What prepaid vouchers were sold for (outside Tollgate), taken off as they are redeemed. */
  vouchers: { code: "2050", name: "Vouchers sold, not redeemed" },
  /** Postpaid accounts' wallets (their usage not yet paid), and tax on invoices until it is collected. */
  receivables: { code: "1100", name: "Receivables" },
  /** Prepaid and hybrid accounts' wallets: money held for customers (a negative wallet is owed by them). */
  prepaid: { code: "2000", name: "Prepaid balances" },
  tax: { code: "2100", name: "Tax payable" },
  /** Usage booked, per product (a product may have an account of its own). */
  revenue: { code: "4000", name: "Revenue" },
  fees: { code: "4100", name: "Subscription fees" },
  /** Bundle packs sold (their price taken from wallets). */
  packs: { code: "4200", name: "Bundle packs" },
  /** Contra revenue: the tax inside prices that include it. */
  taxIncluded: { code: "4800", name: "Tax included in prices" },
  /** Contra revenue: usage refunded (calls refused after their charge). */
  refunds: { code: "4900", name: "Refunds" },
  /** Promotional grants issued, less what expired unused. */
  promotions: { code: "6100", name: "Promotional credit" },
  /** Paid grants (bought outside Tollgate, as an admin credit is) that expired unused: income. */
  breakage: { code: "4950", name: "Expired paid credit" },
  adjustments: { code: "6800", name: "Manual adjustments" },
  /** Credit notes: what they forgive, net of the tax they take back. */
  writeOffs: { code: "6900", name: "Credit notes and write-offs" },
  /** What rounding invoices to whole minor units gave or took. */
  rounding: { code: "6950", name: "Rounding" },
};

export interface Chart {
  accounts: Record<GlRole, GlAccount>;
  products: ({ productId: string } & GlAccount)[];
  /** False until staff set it: the defaults. */
  configured: boolean;
  updatedAt?: Date;
  updatedBy?: string;
}

/** The chart the journal posts to now: the stored one over the defaults. */
export async function getChart(ctx: AppContext): Promise<Chart> {
  const stored = await ctx.models.ChartOfAccounts.findById(CHART).lean();
  if (stored === null) return { accounts: { ...DEFAULT_ACCOUNTS }, products: [], configured: false };
  const accounts = { ...DEFAULT_ACCOUNTS };
  for (const { role, code, name } of stored.accounts) if ((GL_ROLES as readonly string[]).includes(role)) accounts[role] = { code, name };
  return { accounts, products: stored.products, configured: true, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
}

/** Replace the chart (roles left out take their defaults). Exports made from now on use it. Audited. */
export async function setChart(
  ctx: AppContext,
  chart: { accounts: Partial<Record<GlRole, GlAccount>>; products: ({ productId: string } & GlAccount)[] },
  actor: string,
): Promise<Chart> {
  const accounts = GL_ROLES.flatMap((role) => {
    const set = chart.accounts[role];
    return set === undefined ? [] : [{ role, code: set.code, name: set.name }];
  });
  const doc: ChartOfAccounts = { _id: CHART, accounts, products: chart.products, updatedAt: new Date(), updatedBy: actor };
  // Two first settings at once: one inserts, the other's upsert meets its id and replaces it (the last one stands).
  const write = () => ctx.models.ChartOfAccounts.findOneAndReplace({ _id: CHART }, doc, { upsert: true }).lean();
  if ((await unlessDuplicate(write)) === undefined) await write();
  await audit(ctx, actor, "chart_of_accounts.update", CHART, { accounts, products: chart.products });
  return getChart(ctx);
}
