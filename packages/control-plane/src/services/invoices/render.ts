import Handlebars from "handlebars";
import PDFDocument from "pdfkit";
import { formatExactMoney, formatMoney, formatUnitPrice } from "@tollgate/money";
import type { AppContext } from "../../context.js";
import type { BillingDetails, Invoice, IssuerDetails, PostalAddress } from "../../models/index.js";
import type { InvoiceLine, TaxLine } from "../../models/invoice.js";
import { REVERSE_CHARGE_NOTE } from "../taxes/document.js";
import { counted } from "../../domain/words.js";
import { label } from "./documents.js";
import { getIssuerProfile } from "./issuer.js";

/**
 * How a document reads money: the lines, subtotal and rounding exact (every digit the micros have, so the lines
 * add up to the subtotal and the rounding explains the total), the total and what is due in the currency's
 * minor units.
 */
const exact = formatUnitPrice;

/** What a line's quantity counts: its calls or units, its seats; a fee or a credit is counted bare. */
function nounOf(line: InvoiceLine): [one: string, many: string] | undefined {
  if (line.kind === "seats") return ["seat", "seats"];
  if (line.kind !== "usage") return undefined;
  if (line.unit === "call") return ["call", "calls"];
  if (line.unit === "unit") return ["unit", "units"];
  // Lines written before they said their unit: a line per price read "<product>: calls at <n> micros".
  return /: calls\b/.test(line.description) ? ["call", "calls"] : ["unit", "units"];
}

/**
 * A line's quantity and unit price in words, from its fields: "1,000 calls × $0.001", "2 seats × $10.00",
 * "1 × $49.00". A line whose unit price is an average (a rate line's, a product's) says so.
 */
export function quantityTimesPrice(line: InvoiceLine, currency: string): string {
  const noun = nounOf(line);
  const quantity = noun ? counted(line.quantity, ...noun) : line.quantity.toLocaleString("en-US");
  const average = line.quantity * line.unitPrice === line.amount ? "" : " on average";
  return `${quantity} × ${exact(line.unitPrice, currency)}${average}`;
}

/** A rate in parts per million as a percentage, exactly: 230,000 is "23%", 88,750 is "8.875%". */
export function percent(ratePpm: number): string {
  const whole = Math.floor(ratePpm / 10_000);
  const fraction = String(ratePpm % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

/** A tax line's name as printed: "VAT 23% (PT)", "Sales tax 8.875% (US-NY)", with its category unless standard. */
export function taxLabel(t: TaxLine): string {
  const where = `${t.country}${t.region ? `-${t.region}` : ""}`;
  const category = t.category === "standard" ? "" : `, ${t.category}`;
  return `${t.name} ${percent(t.ratePpm)} (${where}${category})`;
}

/** A line's description as printed: written before lines said their unit, "calls at <n> micros" lost its micros. */
function described(line: InvoiceLine): string {
  return line.description.replace(/: calls at -?\d+ micros/, "");
}

/** Everything a document prints, in the order it prints it: the one source of the HTML and the PDF. */
export interface DocumentView {
  title: string;
  number: string;
  status: Invoice["status"];
  /** A stamp across a document that is no longer due: PAID, VOID. */
  stamp?: string | undefined;
  issuer: { name: string; lines: string[]; logo?: Buffer | undefined; logoUrl?: string | undefined; accent: string };
  customer: { heading: string; name: string; lines: string[] };
  /** Number, dates, period, what it corrects: label and value. */
  facts: [string, string][];
  reason?: string | undefined;
  /** What the law asks a document to say beside its figures (a reverse charge and both tax ids; tax included). */
  notes?: string[] | undefined;
  /** The lines' column headings (an invoice's: description, quantity × unit price, amount). */
  columns?: [string, string, string] | undefined;
  /**
   * The lines; a consolidated invoice's (or a statement's) sections as a `heading` row (its description alone)
   * before their lines and a `subtotal` row after them.
   */
  lines: { description: string; times: string; amount: string; micros: string; heading?: boolean; subtotal?: boolean }[];
  /** Subtotal, rounding, total, credited, paid, due: label, value, exact micros, and whether it stands out. */
  totals: { label: string; value: string; micros: string; strong: boolean }[];
  howToPay: string[];
  /** The heading of `howToPay` ("How to pay" when absent). */
  noteTitle?: string | undefined;
  footer?: string | undefined;
}

/** What was received against a document and what its credit notes forgave (micros, positive). */
export interface DocumentFigures {
  credited: number;
  paid: number;
}

export async function documentFigures(ctx: AppContext, doc: Invoice): Promise<DocumentFigures> {
  if (doc.kind !== "invoice") return { credited: 0, paid: doc.kind === "receipt" && doc.status === "paid" ? doc.total : 0 };
  const notes = await ctx.models.Invoice.find(
    { correctsInvoiceId: doc._id, kind: "credit_note", status: { $ne: "void" } },
    { total: 1 },
  ).lean();
  return { credited: -notes.reduce((sum, n) => sum + n.total, 0), paid: doc.amountPaid ?? 0 };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function addressLines(a: PostalAddress | undefined): string[] {
  if (a === undefined) return [];
  const place = [a.postalCode, a.city].filter(Boolean).join(" ");
  return [a.line1, a.line2, [place, a.region].filter(Boolean).join(", "), countryName(a.country)].filter((l): l is string => !!l);
}

/** Who a document is from, as its header prints it: the issuer profile's name, address, tax id and contacts, logo, accent. */
function issuerBlock(issuer: IssuerDetails): DocumentView["issuer"] {
  return {
    name: issuer.legalName,
    lines: [
      ...addressLines(issuer.address),
      ...(issuer.taxId ? [`Tax id: ${issuer.taxId}`] : []),
      ...(issuer.email ? [issuer.email] : []),
      ...(issuer.website ? [issuer.website] : []),
    ],
    logo: issuer.logo ? Buffer.from(issuer.logo.slice(issuer.logo.indexOf(",") + 1), "base64") : undefined,
    logoUrl: issuer.logo,
    accent: issuer.accentColor ?? "#1f2937",
  };
}

/** Who a document is to: the billing details' legal name, address, tax id and email, or the account's name alone. */
function customerBlock(heading: string, name: string, billing: BillingDetails | undefined): DocumentView["customer"] {
  return {
    heading,
    name: billing?.legalName ?? name,
    lines: [
      ...(billing ? addressLines(billing.address) : []),
      ...(billing?.taxId ? [`Tax id: ${billing.taxId}`] : []),
      ...(billing?.email ? [billing.email] : []),
    ],
  };
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The document as it prints. A finalized one prints the issuer and customer it was finalized with; a draft
 * (never sent) prints today's profile and the account's name.
 */
export async function documentView(ctx: AppContext, doc: Invoice): Promise<DocumentView> {
  const issuer: IssuerDetails = doc.issuerDetails ?? (await getIssuerProfile(ctx, doc.issuer)).profile;
  const customerName = doc.customerName ?? (await ctx.models.Account.findById(doc.accountId, { name: 1 }).lean())?.name ?? doc.accountId;
  const billing: BillingDetails | undefined = doc.customerDetails;
  const figures = await documentFigures(ctx, doc);
  const c = doc.currency;
  const corrected = doc.correctsInvoiceId ? await ctx.models.Invoice.findById(doc.correctsInvoiceId, { number: 1, kind: 1 }).lean() : null;

  const facts: [string, string][] = [[`${label(doc.kind)} number`, doc.number ?? "draft (not yet issued)"]];
  if (doc.finalizedAt) facts.push(["Issue date", day(doc.finalizedAt)]);
  if (doc.kind === "invoice" && doc.dueAt) facts.push(["Due date", day(doc.dueAt)]);
  if (doc.periodFrom && doc.periodTo)
    facts.push(["Billing period", `${day(doc.periodFrom)} to ${day(new Date(doc.periodTo.getTime() - 1))}`]);
  if (doc.kind === "receipt") facts.push(["For", `prepaid recharge ${doc.subject}`]);
  if (corrected) facts.push(["Corrects", corrected.number ?? doc.correctsInvoiceId!]);
  facts.push(["Customer account", doc.accountId]);

  const due = doc.kind === "invoice" && doc.status === "finalized" ? Math.max(0, doc.total - figures.credited - figures.paid) : 0;
  const tax = doc.tax;
  const totals: DocumentView["totals"] = [
    {
      label: tax?.inclusive ? "Subtotal (tax included)" : "Subtotal",
      value: exact(doc.subtotal, c),
      micros: formatExactMoney(doc.subtotal, c),
      strong: false,
    },
  ];
  for (const t of tax?.lines ?? [])
    totals.push({
      label: `${tax!.inclusive ? "Includes " : ""}${taxLabel(t)} on ${exact(t.taxable, c)}`,
      value: exact(t.amount, c),
      micros: formatExactMoney(t.amount, c),
      strong: false,
    });
  if (doc.rounding !== 0)
    totals.push({
      label: "Rounding to whole cents",
      value: exact(doc.rounding, c),
      micros: formatExactMoney(doc.rounding, c),
      strong: false,
    });
  totals.push({ label: "Total", value: formatMoney(doc.total, c), micros: formatExactMoney(doc.total, c), strong: true });
  if (figures.credited !== 0)
    totals.push({
      label: "Credited",
      value: formatMoney(-figures.credited, c),
      micros: formatExactMoney(-figures.credited, c),
      strong: false,
    });
  if (doc.kind !== "credit_note")
    totals.push({ label: "Paid", value: formatMoney(figures.paid, c), micros: formatExactMoney(figures.paid, c), strong: false });
  if (doc.kind === "invoice")
    totals.push({ label: "Amount due", value: formatMoney(due, c), micros: formatExactMoney(due, c), strong: true });

  const howToPay: string[] = [];
  if (due > 0) {
    howToPay.push(
      `Please pay ${formatMoney(due, c)}${doc.dueAt ? ` by ${day(doc.dueAt)}` : ""}, quoting ${doc.number ?? "this document"}.`,
    );
    if (issuer.paymentInstructions) howToPay.push(...issuer.paymentInstructions.split("\n"));
    howToPay.push("You can also pay it by card from your customer portal.");
  } else if (doc.kind === "credit_note" && corrected?.kind === "receipt")
    howToPay.push(`This credit note records the refund of ${corrected.number ?? "the top-up"}: its amount and tax are given back.`);
  else if (doc.kind === "credit_note") howToPay.push(`This credit note reduces what ${corrected?.number ?? "the invoice"} asks for.`);
  else if (doc.status === "paid" || doc.kind === "receipt") howToPay.push("Paid in full: nothing is due.");
  if (doc.prepaid) howToPay.push("Settled from the prepaid balance when issued.");

  const notes: string[] = [];
  if (tax?.reverseCharge) {
    notes.push(REVERSE_CHARGE_NOTE);
    notes.push(`Customer's VAT number: ${billing?.taxId ?? "-"}. Supplier's VAT number: ${issuer.taxId ?? "-"}.`);
  }
  if (doc.kind === "receipt" && tax !== undefined && tax.amount !== 0)
    notes.push(`The amount paid includes the tax: the wallet was credited ${exact(doc.subtotal - tax.amount, c)}.`);
  if (doc.kind === "receipt" && tax === undefined && ctx.taxes.prepaid === "use")
    notes.push("A prepayment: tax is charged on the period's invoices as the money is used.");
  if (tax?.rounding === "line" && tax.lines.length > 0) notes.push("Tax is rounded to the cent on each line.");

  return {
    title: label(doc.kind),
    number: doc.number ?? "(draft)",
    status: doc.status,
    stamp: doc.status === "void" ? "VOID" : doc.status === "paid" && doc.kind === "invoice" ? "PAID" : undefined,
    issuer: issuerBlock(issuer),
    customer: customerBlock(
      doc.kind === "receipt" ? "Received from" : doc.kind === "credit_note" ? "Credited to" : "Bill to",
      customerName,
      billing,
    ),
    facts,
    reason: doc.reason,
    notes,
    lines: sectioned(doc, (l) => ({
      description: described(l),
      times: `${quantityTimesPrice(l, c)}${l.tax !== undefined ? ` (tax ${exact(l.tax, c)})` : ""}`,
      amount: exact(l.amount, c),
      micros: formatExactMoney(l.amount, c),
    })),
    totals,
    howToPay,
    footer: issuer.footer,
  };
}

/**
 * A document's lines as they print: a consolidated invoice's in sections (the payer's own, then each line's),
 * each under its account's name and id and followed by its subtotal; any other document's as they are.
 */
function sectioned(doc: Invoice, row: (l: InvoiceLine) => DocumentView["lines"][number]): DocumentView["lines"] {
  if (doc.sections === undefined || doc.sections.length === 0) return doc.lines.map(row);
  const c = doc.currency;
  const out: DocumentView["lines"] = [];
  for (const section of doc.sections) {
    const own = section.accountId === doc.accountId;
    const lines = doc.lines.filter((l) => (l.accountId ?? doc.accountId) === section.accountId);
    out.push({
      description: `${own ? "Account" : "Line"} ${section.name} (${section.accountId})`,
      times: "",
      amount: "",
      micros: "",
      heading: true,
    });
    out.push(...lines.map(row));
    out.push({
      description: `Subtotal, ${section.name}`,
      times: "",
      amount: exact(section.subtotal, c),
      micros: formatExactMoney(section.subtotal, c),
      subtotal: true,
    });
  }
  return out;
}

/** What each kind of ledger entry is, on a statement. */
const MOVEMENTS: Record<string, string> = {
  credit: "Top-ups and credits",
  payment: "Invoice payments",
  grant: "Grants (promotional and paid credit)",
  usage: "Usage",
  fee: "Subscription fees",
  adjustment: "Adjustments",
  reversal: "Refunded top-ups",
  expiry: "Expired grants",
};

/**
 * A month's statement as a document: for each wallet, its opening balance, what moved by kind (how many
 * entries, and their sum), and its closing balance; from the issuer profile of today to the account's name and
 * billing details of today (a statement is read from the ledger whenever it is asked for, not issued once).
 */
export async function statementView(
  ctx: AppContext,
  statement: {
    accountId: string;
    period: string;
    from: string;
    to: string;
    wallets: { currency: string; opening: number; movements: Record<string, number>; counts: Record<string, number>; closing: number }[];
    lines?: { accountId: string; name: string; currency: string; calls: number; amount: number }[] | undefined;
    paidByPayer?: { payerId: string; currency: string; calls: number; amount: number }[] | undefined;
  },
): Promise<DocumentView> {
  const { profile: issuer } = await getIssuerProfile(ctx);
  const account = await ctx.models.Account.findById(statement.accountId, { name: 1, billingDetails: 1 }).lean();
  const billing = account?.billingDetails;
  const last = new Date(Date.parse(statement.to) - 1);
  const lines: DocumentView["lines"] = [];
  const totals: DocumentView["totals"] = [];
  for (const w of statement.wallets) {
    const c = w.currency;
    const of = (label: string, amount: number, times = "") => ({
      description: label,
      times,
      amount: exact(amount, c),
      micros: formatExactMoney(amount, c),
    });
    lines.push(of(`Opening balance, ${c}`, w.opening));
    for (const [type, label] of Object.entries(MOVEMENTS)) {
      const count = w.counts[type] ?? 0;
      if (count === 0) continue;
      lines.push(of(label, w.movements[type] ?? 0, counted(count, "entry", "entries")));
    }
    lines.push(of(`Closing balance, ${c}`, w.closing));
    totals.push({ label: `Closing balance, ${c}`, value: formatMoney(w.closing, c), micros: formatExactMoney(w.closing, c), strong: true });
  }
  const row = (description: string, calls: number, amount: number, c: string) => ({
    description,
    times: counted(calls, "call"),
    amount: exact(-amount, c),
    micros: formatExactMoney(-amount, c),
  });
  // A payer: whose calls its usage paid for, a row per line; a line: its calls, and the payer that paid them.
  if (statement.lines?.length) {
    lines.push({ description: "Lines' calls paid from this account's wallet", times: "", amount: "", micros: "", heading: true });
    for (const l of statement.lines) lines.push(row(`Line ${l.name} (${l.accountId})`, l.calls, l.amount, l.currency));
  }
  if (statement.paidByPayer?.length) {
    lines.push({ description: "Calls of this line, paid by its payer", times: "", amount: "", micros: "", heading: true });
    for (const p of statement.paidByPayer) lines.push(row(`Paid from the wallet of ${p.payerId}`, p.calls, p.amount, p.currency));
  }
  const about = ["This statement is read from the ledger: it lists what moved on the account, and asks for no payment."];
  if (statement.lines?.length)
    about.push("The lines' calls are counted by the time of the call; their money is in Usage once booked, seconds later.");
  if (statement.paidByPayer?.length)
    about.push("This account's calls as a line were paid from its payer's wallet: no money of its own moved for them.");
  return {
    title: "Statement",
    number: statement.period,
    status: "finalized",
    issuer: issuerBlock(issuer),
    customer: customerBlock("Account holder", account?.name ?? statement.accountId, billing),
    facts: [
      ["Period", `${statement.from.slice(0, 10)} to ${last.toISOString().slice(0, 10)} (UTC)`],
      ["Customer account", statement.accountId],
      ["Produced", new Date().toISOString().slice(0, 10)],
    ],
    columns: ["Movement", "Entries", "Amount"],
    lines,
    totals,
    howToPay: about,
    noteTitle: "About this statement",
    footer: issuer.footer,
  };
}

const hb = Handlebars.create();

const html = hb.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{v.title}} {{v.number}} · {{v.issuer.name}}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;margin:0;background:#f3f4f6}
main{max-width:52rem;margin:2rem auto;background:#fff;padding:2.5rem;box-shadow:0 1px 3px #0002;position:relative}
header{display:flex;justify-content:space-between;gap:2rem;flex-wrap:wrap;border-bottom:3px solid {{v.issuer.accent}};padding-bottom:1rem}
header img{max-height:64px;max-width:200px;display:block;margin-bottom:.5rem}
h1{margin:0;font-size:1.6rem;color:{{v.issuer.accent}} } h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7280;margin:0 0 .25rem}
.parties{display:flex;gap:2rem;flex-wrap:wrap;margin:1.5rem 0} .parties>section{flex:1 1 14rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0} dt{color:#6b7280} dd{margin:0}
table{border-collapse:collapse;width:100%;margin:1.5rem 0} td,th{padding:.5rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;color:#6b7280} .n{text-align:right;white-space:nowrap}
tr.section th{text-transform:none;font-size:.95rem;color:#111827;padding-top:1rem} tr.subtotal td{font-weight:600}
.totals{margin-left:auto;width:min(100%,22rem)} .totals td{border:0;padding:.2rem .5rem} .totals .strong td{font-weight:700;border-top:1px solid #d1d5db}
.pay{background:#f9fafb;border-left:4px solid {{v.issuer.accent}};padding:.75rem 1rem;margin-top:1.5rem} .pay p{margin:.2rem 0}
footer{margin-top:2rem;color:#6b7280;font-size:.8rem;white-space:pre-line}
.stamp{position:absolute;top:2rem;right:2.5rem;transform:rotate(-12deg);border:3px solid #b91c1c;color:#b91c1c;font-weight:800;padding:.2rem .8rem;font-size:1.4rem;opacity:.8}
@media print{body{background:#fff}main{box-shadow:none;margin:0}}
</style></head>
<body><main>
{{#if v.stamp}}<div class="stamp" role="note">{{v.stamp}}</div>{{/if}}
<header>
<div>{{#if v.issuer.logoUrl}}<img src="{{v.issuer.logoUrl}}" alt="{{v.issuer.name}}">{{/if}}<h1>{{v.title}} {{v.number}}</h1></div>
<dl>{{#each v.facts}}<dt>{{this.[0]}}</dt><dd>{{this.[1]}}</dd>{{/each}}</dl>
</header>
<div class="parties">
<section><h2>From</h2><strong>{{v.issuer.name}}</strong>{{#each v.issuer.lines}}<br>{{this}}{{/each}}</section>
<section><h2>{{v.customer.heading}}</h2><strong>{{v.customer.name}}</strong>{{#each v.customer.lines}}<br>{{this}}{{/each}}</section>
</div>
{{#if v.reason}}<p>Reason: {{v.reason}}</p>{{/if}}
<table><thead><tr><th scope="col">{{columns.[0]}}</th><th scope="col" class="n">{{columns.[1]}}</th><th scope="col" class="n">{{columns.[2]}}</th></tr></thead><tbody>
{{#each v.lines}}{{#if heading}}<tr class="section"><th scope="rowgroup" colspan="3">{{description}}</th></tr>{{else}}<tr{{#if subtotal}} class="subtotal"{{/if}}><td>{{description}}</td><td class="n">{{times}}</td><td class="n" title="{{micros}}">{{amount}}</td></tr>{{/if}}{{/each}}
</tbody></table>
<table class="totals"><tbody>
{{#each v.totals}}<tr{{#if strong}} class="strong"{{/if}}><td>{{label}}</td><td class="n" title="{{micros}}">{{value}}</td></tr>{{/each}}
</tbody></table>
{{#if v.notes.length}}<section class="notes">{{#each v.notes}}<p><strong>{{this}}</strong></p>{{/each}}</section>{{/if}}
{{#if v.howToPay.length}}<div class="pay"><h2>{{noteTitle}}</h2>{{#each v.howToPay}}<p>{{this}}</p>{{/each}}</div>{{/if}}
{{#if v.footer}}<footer>{{v.footer}}</footer>{{/if}}
</main></body></html>`);

const INVOICE_COLUMNS: [string, string, string] = ["Description", "Quantity × unit price", "Amount"];

/** The headers an HTML document is served with: it runs nothing and loads nothing but its own inline logo. */
export const DOCUMENT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderHtml(view: DocumentView): string {
  return html({ v: view, columns: view.columns ?? INVOICE_COLUMNS, noteTitle: view.noteTitle ?? "How to pay" });
}

/** The same document as a PDF (A4), laid out as the HTML is: header, parties, lines, totals, how to pay, footer. */
export function renderPdf(view: DocumentView): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${view.title} ${view.number}`, Author: view.issuer.name } });
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    const left = 50;
    const right = pdf.page.width - 50;
    const width = right - left;
    const grey = "#6b7280";

    // Header: logo and title on the left, the facts on the right.
    let y = 50;
    if (view.issuer.logo) {
      try {
        pdf.image(view.issuer.logo, left, y, { fit: [160, 48] });
        y += 56;
      } catch {
        // A logo pdfkit cannot read is left out rather than failing the document.
      }
    }
    pdf
      .fillColor(view.issuer.accent)
      .font("Helvetica-Bold")
      .fontSize(20)
      .text(`${view.title} ${view.number}`, left, y, { width: width / 2 });
    let factsY = 50;
    pdf.font("Helvetica").fontSize(9);
    for (const [name, value] of view.facts) {
      pdf.fillColor(grey).text(name, left + width / 2, factsY, { width: width / 4 });
      pdf.fillColor("#111827").text(value, left + (width * 3) / 4, factsY, { width: width / 4, align: "right" });
      factsY = pdf.y + 2;
    }
    y = Math.max(pdf.y, factsY, y + 30) + 10;
    pdf.moveTo(left, y).lineTo(right, y).lineWidth(2).strokeColor(view.issuer.accent).stroke();
    y += 14;

    // The parties.
    const party = (x: number, heading: string, name: string, lines: string[]) => {
      pdf
        .fillColor(grey)
        .font("Helvetica-Bold")
        .fontSize(8)
        .text(heading.toUpperCase(), x, y, { width: width / 2 - 10 });
      pdf
        .fillColor("#111827")
        .fontSize(10)
        .text(name, { width: width / 2 - 10 });
      pdf.font("Helvetica").fontSize(9);
      for (const line of lines) pdf.text(line, { width: width / 2 - 10 });
      return pdf.y;
    };
    const endFrom = party(left, "From", view.issuer.name, view.issuer.lines);
    const endTo = party(left + width / 2 + 10, view.customer.heading, view.customer.name, view.customer.lines);
    y = Math.max(endFrom, endTo) + 16;
    if (view.reason) {
      pdf.fillColor("#111827").fontSize(10).text(`Reason: ${view.reason}`, left, y, { width });
      y = pdf.y + 10;
    }

    // The lines: description, quantity × unit price, amount.
    const cols = [left, left + width * 0.5, left + width * 0.8];
    // A row's style: the column headings, a line, a section's heading or its subtotal.
    const row = (cells: string[], bold = false, strong = false) => {
      if (y > pdf.page.height - 120) {
        pdf.addPage();
        y = 50;
      }
      pdf
        .font(bold || strong ? "Helvetica-Bold" : "Helvetica")
        .fontSize(bold ? 8 : 9)
        .fillColor(bold ? grey : "#111827");
      pdf.text(cells[0]!, cols[0], y, { width: width * 0.48 });
      const h1 = pdf.y;
      pdf.text(cells[1]!, cols[1], y, { width: width * 0.28, align: "right" });
      const h2 = pdf.y;
      pdf.text(cells[2]!, cols[2], y, { width: width * 0.2, align: "right" });
      y = Math.max(h1, h2, pdf.y) + 4;
      pdf.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor("#e5e7eb").stroke();
      y += 4;
    };
    row(
      (view.columns ?? INVOICE_COLUMNS).map((c) => c.toUpperCase()),
      true,
    );
    for (const line of view.lines) {
      if (line.heading) y += 6;
      row([line.description, line.times, line.amount], false, line.heading === true || line.subtotal === true);
    }

    // The totals, right-aligned; a stamp (PAID, VOID) under them.
    y += 6;
    for (const t of view.totals) {
      pdf
        .font(t.strong ? "Helvetica-Bold" : "Helvetica")
        .fontSize(t.strong ? 11 : 9)
        .fillColor("#111827");
      // Tax lines have long labels ("Includes VAT 20% (FR) on $3.00"): the label may take the row's width but the amount's.
      pdf.text(t.label, left + width * 0.2, y, { width: width * 0.58, align: "right" });
      const labelEnd = pdf.y;
      pdf.text(t.value, cols[2], y, { width: width * 0.2, align: "right" });
      y = Math.max(labelEnd, pdf.y) + 3;
    }
    // The stamp under the totals (beside them, it would share rows with the tax lines' long labels).
    if (view.stamp) {
      pdf.save().rotate(-12, { origin: [left + 90, y + 20] });
      pdf
        .fillColor("#b91c1c")
        .font("Helvetica-Bold")
        .fontSize(26)
        .text(view.stamp, left + 20, y + 6, { width: 140, align: "center" });
      pdf.restore();
      y += 40;
    }

    if (view.notes?.length) {
      y += 10;
      pdf.fillColor("#111827").font("Helvetica-Bold").fontSize(9);
      for (const note of view.notes) pdf.text(note, left, pdf.y > y ? pdf.y : y, { width });
      y = pdf.y;
    }
    if (view.howToPay.length > 0) {
      y += 14;
      pdf
        .fillColor(grey)
        .font("Helvetica-Bold")
        .fontSize(8)
        .text((view.noteTitle ?? "How to pay").toUpperCase(), left, y, { width });
      pdf.fillColor("#111827").font("Helvetica").fontSize(9);
      for (const line of view.howToPay) pdf.text(line, { width });
      y = pdf.y;
    }
    if (view.footer)
      pdf
        .fillColor(grey)
        .fontSize(8)
        .text(view.footer, left, Math.max(y + 24, pdf.page.height - 90), { width });
    pdf.end();
  });
}
