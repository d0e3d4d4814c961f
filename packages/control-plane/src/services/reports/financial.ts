import type { AppContext } from "../../context.js";
import { ok, type Outcome } from "../../domain/outcome.js";
import { movements } from "./movements.js";
import { currenciesOf, type ReportRange } from "./read.js";
import { TOP_UP_METHODS, type TopUpMethod } from "./recharges.js";
import { usageReport } from "./usage.js";

const DAY = 86_400_000;
export const AGEING = ["0-30", "31-60", "61-90", "90+"] as const;

/** One currency's money over a range (flows) and now (balances). Amounts are micros, as magnitudes. */
export interface FinancialSummary {
  currency: string;
  /**
   * What customers were charged in the range, by part: usage (booked, less usage refunded: calls refused
   * after their charge) and subscriptions' fees (recurring fees and prorated changes taken from wallets,
   * less prorated credits), and bundle packs sold; `total` is their sum.
   */
  revenue: { usage: { booked: number; refunded: number; net: number }; fees: number; packs: number; taxIncluded: number; total: number };
  /**
   * Tax on the documents issued in the range (invoices and receipts, less credit notes), by jurisdiction,
   * category and rate (`PT:standard:230000`, `US-NY:standard:88750`): what is owed to tax authorities, never
   * revenue. `reverseCharged`: what was invoiced under a reverse charge (the customer accounts for the tax).
   */
  tax: { total: number; reverseCharged: number; byRate: Record<string, { taxable: number; amount: number }> };
  recharges: { count: number; total: number; byMethod: Record<TopUpMethod, number> };
  /** Recharges taken back (provider refunds). */
  reversals: number;
  /** Admin and invoice corrections, signed: positive gave money to customers. */
  adjustments: number;
  grants: { issued: number; expired: number };
  /** Money received for postpaid invoices. */
  payments: number;
  /** Now: money held for customers (the sum of positive balances, reservations included). */
  prepaidLiability: { total: number; wallets: number };
  /** Now: what customers owe: negative balances, and finalized invoices not yet paid by age since finalized. */
  outstanding: {
    negativeBalances: number;
    wallets: number;
    unpaidInvoices: number;
    invoices: number;
    ageing: Record<(typeof AGEING)[number], number>;
  };
}

export interface FinancialReport {
  range: Pick<ReportRange, "from" | "to" | "timeZone">;
  asOf: Date;
  currencies: FinancialSummary[];
}

/** Revenue, recharges, refunds and reversals, grants, payments over a range; liability and what is owed now. */
export async function financialSummary(
  ctx: AppContext,
  query: Pick<ReportRange, "from" | "to" | "timeZone"> & { currency?: string | undefined },
): Promise<Outcome<FinancialReport, "validation_failed">> {
  const asOf = new Date();
  const report: FinancialReport = { range: { from: query.from, to: query.to, timeZone: query.timeZone }, asOf, currencies: [] };
  for (const currency of await currenciesOf(ctx, query.currency)) {
    // Flows in the range: usage from its rollups (the one bucket the range is, in the reporting zone).
    // The flows (rollups) and the positions (wallets, invoices) are independent reads: made side by side.
    const [booked, moved] = await Promise.all([
      usageReport(ctx, {
        from: query.from,
        to: query.to,
        timeZone: ctx.reporting.timeZone,
        bucket: "month",
        groupBy: "none",
        currency,
        top: 0,
      }),
      movements(ctx, currency, query.from, query.to),
    ]);
    // A range whose edges are not on the rollups' hours is refused, as the usage report refuses it.
    if (!booked.ok) return booked;
    const usage = booked.value;
    const summary: FinancialSummary = {
      currency,
      revenue: { usage: { booked: usage.totals[0]?.amount ?? 0, refunded: 0, net: 0 }, fees: 0, packs: 0, taxIncluded: 0, total: 0 },
      tax: { total: 0, reverseCharged: 0, byRate: {} },
      recharges: { count: 0, total: 0, byMethod: Object.fromEntries(TOP_UP_METHODS.map((m) => [m, 0])) as Record<TopUpMethod, number> },
      reversals: 0,
      adjustments: 0,
      grants: { issued: 0, expired: 0 },
      payments: 0,
      prepaidLiability: { total: 0, wallets: 0 },
      outstanding: {
        negativeBalances: 0,
        wallets: 0,
        unpaidInvoices: 0,
        invoices: 0,
        ageing: { "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 },
      },
    };
    for (const [, , type, method, amount] of moved) {
      if (type === "credit") {
        summary.recharges.count += 1;
        summary.recharges.total += amount;
        summary.recharges.byMethod[method as TopUpMethod] += amount;
      } else if (type === "usage") summary.revenue.usage.refunded += amount;
      else if (type === "reversal") summary.reversals -= amount;
      else if (type === "adjustment") summary.adjustments += amount;
      else if (type === "grant") summary.grants.issued += amount;
      else if (type === "expiry") summary.grants.expired -= amount;
      else if (type === "payment") summary.payments += amount;
      else if (type === "fee") summary.revenue.fees -= amount;
      else if (type === "pack") summary.revenue.packs -= amount;
    }
    await addTax(ctx, summary, query.from, query.to);
    const { revenue } = summary;
    revenue.usage.net = revenue.usage.booked - revenue.usage.refunded;
    revenue.total = revenue.usage.net + revenue.fees + revenue.packs - revenue.taxIncluded;
    await Promise.all([addBalances(ctx, summary), addUnpaidInvoices(ctx, summary, asOf)]);
    report.currencies.push(summary);
  }
  return ok(report);
}

/** Balances now, from Redis (the real-time view; reservations still belong to the customer until settled). */
async function addBalances(ctx: AppContext, summary: FinancialSummary): Promise<void> {
  const wallets = await ctx.models.Wallet.find({ currency: summary.currency }, { accountId: 1 }).lean();
  const views = await Promise.all(wallets.map((w) => ctx.hot.wallets(w.accountId)));
  for (const view of views) {
    const wallet = view.get(summary.currency);
    if (wallet === undefined) continue;
    const held = wallet.balance + wallet.reserved;
    if (held > 0) {
      summary.prepaidLiability.total += held;
      summary.prepaidLiability.wallets += 1;
    } else if (held < 0) {
      summary.outstanding.negativeBalances -= held;
      summary.outstanding.wallets += 1;
    }
  }
}

async function addUnpaidInvoices(ctx: AppContext, summary: FinancialSummary, asOf: Date): Promise<void> {
  const unpaid = await ctx.models.Invoice.find(
    { kind: "invoice", status: "finalized", currency: summary.currency },
    { total: 1, amountPaid: 1, finalizedAt: 1, createdAt: 1 },
  ).lean();
  for (const invoice of unpaid) {
    const due = invoice.total - (invoice.amountPaid ?? 0);
    if (due <= 0) continue;
    const days = Math.floor((asOf.getTime() - (invoice.finalizedAt ?? invoice.createdAt).getTime()) / DAY);
    const age = days <= 30 ? "0-30" : days <= 60 ? "31-60" : days <= 90 ? "61-90" : "90+";
    summary.outstanding.ageing[age] += due;
    summary.outstanding.unpaidInvoices += due;
    summary.outstanding.invoices += 1;
  }
}

/**
 * The tax of the documents finalized in the range (void ones aside). Usage and fees are booked at their prices,
 * so the tax inside inclusive prices is taken off revenue (`taxIncluded`) in the range its invoice is issued in
 * (a credit note is an adjustment, tax and all, as it is in the ledger); tax added to exclusive prices and tax
 * taken at top-up never reach revenue.
 */
async function addTax(ctx: AppContext, summary: FinancialSummary, from: Date, to: Date): Promise<void> {
  const documents = await ctx.models.Invoice.find(
    { currency: summary.currency, finalizedAt: { $gte: from, $lt: to }, status: { $in: ["finalized", "paid"] }, tax: { $exists: true } },
    { kind: 1, tax: 1 },
  ).lean();
  for (const doc of documents) {
    const tax = doc.tax!;
    summary.tax.total += tax.amount;
    if (tax.inclusive && doc.kind === "invoice") summary.revenue.taxIncluded += tax.amount;
    for (const line of tax.lines) {
      if (tax.reverseCharge) summary.tax.reverseCharged += line.taxable;
      const key = `${line.country}${line.region ? `-${line.region}` : ""}:${line.category}:${line.ratePpm}`;
      const figures = (summary.tax.byRate[key] ??= { taxable: 0, amount: 0 });
      figures.taxable += line.taxable;
      figures.amount += line.amount;
    }
  }
}
