import type { AppContext } from "../../context.js";
import type { BillingDetails, Invoice, IssuerDetails, TaxRate } from "../../models/index.js";
import type { DocumentTax, InvoiceLine } from "../../models/invoice.js";
import { planTaxOf, type PlanTax } from "../../models/plan.js";
import { microsPerMinorUnit } from "../../payments/minor-units.js";
import { computeTax, creditedTax, type RateChoice } from "./compute.js";
import { EU_COUNTRIES } from "./countries.js";
import { ratesAt } from "./rates.js";

/** What a document says of the reverse charge, beside its tax ids. */
export const REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the customer (Article 196, Directive 2006/112/EC).";

/**
 * EU B2B across a border: the issuer and the customer in two member states, the customer with a tax id. The
 * supply is taxed where the customer is, by the customer (a reverse charge): the document charges 0 %.
 */
export function reverseChargeApplies(issuer: IssuerDetails | undefined, customer: BillingDetails | undefined): boolean {
  const from = issuer?.address?.country;
  const to = customer?.address.country;
  return (
    from !== undefined && to !== undefined && from !== to && EU_COUNTRIES.has(from) && EU_COUNTRIES.has(to) && !!customer?.taxId?.trim()
  );
}

/** The tax category of each line: its product's, as the plan maps it, else the plan's (fees and seats too). */
export function categoryOf(tax: PlanTax, line: Pick<InvoiceLine, "productId" | "kind">): string {
  if (line.kind === "usage" || (line.kind === undefined && line.productId !== undefined))
    return tax.products.find((p) => p.productId === line.productId)?.category ?? tax.category;
  return tax.category;
}

/**
 * A draft's tax, fixed as it is finalized (`at`, from the parties it will print): its lines with their category
 * (and tax, rounding per line), and the tax, or no tax at all when the customer's jurisdiction has no rate (or
 * no address). Credit notes reverse their invoice's tax in proportion; receipts are taxed only for prepaid
 * accounts, and only when the deployment taxes prepaid money at top-up.
 */
export async function taxOfDraft(
  ctx: AppContext,
  doc: Invoice,
  parties: { issuerDetails: IssuerDetails; customerDetails?: BillingDetails | undefined },
  at: Date,
): Promise<{ lines: InvoiceLine[]; tax?: DocumentTax }> {
  const step = microsPerMinorUnit(doc.currency);
  if (doc.kind === "credit_note") {
    const invoice = doc.correctsInvoiceId ? await ctx.models.Invoice.findById(doc.correctsInvoiceId).lean() : null;
    if (invoice?.tax === undefined) return { lines: doc.lines };
    const earlier = await ctx.models.Invoice.find(
      { correctsInvoiceId: invoice._id, kind: "credit_note", status: { $ne: "void" }, _id: { $ne: doc._id }, sequence: { $exists: true } },
      { subtotal: 1, tax: 1 },
    ).lean();
    return { lines: doc.lines, tax: creditedTax({ subtotal: invoice.subtotal, tax: invoice.tax }, -doc.subtotal, earlier, step) };
  }
  const account = await ctx.models.Account.findById(doc.accountId, { planId: 1, billingMode: 1 }).lean();
  if (doc.kind === "receipt" && (ctx.taxes.prepaid !== "top_up" || account?.billingMode !== "prepaid")) return { lines: doc.lines };
  const country = parties.customerDetails?.address.country;
  if (account === null || country === undefined) return { lines: doc.lines };
  const plan = await ctx.models.Plan.findById(account.planId, { tax: 1 }).lean();
  const planTax = planTaxOf(plan);
  const reverseCharge = reverseChargeApplies(parties.issuerDetails, parties.customerDetails);
  const rates = reverseCharge ? new Map<string, TaxRate>() : await ratesAt(ctx, country, parties.customerDetails?.address.region, at);
  const rateOf = (category: string): RateChoice | undefined => {
    if (reverseCharge) return { name: "VAT reverse charge", country, category, ratePpm: 0 };
    const rate = rates.get(category) ?? rates.get("standard");
    if (rate === undefined) return undefined;
    return {
      name: rate.name,
      country: rate.country,
      ...(rate.region ? { region: rate.region } : {}),
      category: rate.category,
      ratePpm: rate.ratePpm,
      taxRateId: rate._id,
    };
  };
  // A receipt's amount is what the customer paid, tax included.
  const inclusive = doc.kind === "receipt" ? true : planTax.inclusive;
  const memberTax = await membersPlanTax(ctx, doc);
  const categories = doc.lines.map((l) => categoryOf(memberTax.get(l.accountId ?? doc.accountId) ?? planTax, l));
  const { lineTax, tax } = computeTax({
    lines: doc.lines.map((l, i) => ({ amount: l.amount, category: categories[i]! })),
    rateOf,
    inclusive,
    rounding: ctx.taxes.rounding,
    reverseCharge,
    step,
  });
  if (tax.lines.length === 0) return { lines: doc.lines };
  const lines = doc.lines.map((l, i) => ({
    ...l,
    taxCategory: categories[i]!,
    ...(lineTax[i] !== undefined ? { tax: lineTax[i] } : {}),
  }));
  return { lines, tax };
}

/**
 * A consolidated invoice's lines of hierarchy members (`accountId`): each member's plan's tax settings, by
 * account. A member on a plan of its own has its products taxed in the categories that plan maps them to; the
 * document's other settings (prices inclusive or not) stay its payer's plan's, as one document has one.
 */
async function membersPlanTax(ctx: AppContext, doc: Invoice): Promise<Map<string, PlanTax>> {
  const members = [...new Set(doc.lines.flatMap((l) => (l.accountId !== undefined && l.accountId !== doc.accountId ? [l.accountId] : [])))];
  if (members.length === 0) return new Map();
  const accounts = await ctx.models.Account.find({ _id: { $in: members } }, { planId: 1 }).lean();
  const plans = await ctx.models.Plan.find({ _id: { $in: [...new Set(accounts.map((a) => a.planId))] } }, { tax: 1 }).lean();
  const byId = new Map(plans.map((p) => [p._id, p]));
  return new Map(accounts.flatMap((a) => (byId.has(a.planId) ? [[a._id, planTaxOf(byId.get(a.planId))] as const] : [])));
}
