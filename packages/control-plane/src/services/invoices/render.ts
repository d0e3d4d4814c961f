import Handlebars from "handlebars";
import PDFDocument from "pdfkit";
import { formatExactMoney, formatMoney, formatUnitPrice } from "@tollgate/money";
import type { Invoice } from "../../models/index.js";
import type { InvoiceLine } from "../../models/invoice.js";
import { label } from "./documents.js";

/**
 * How a document reads money: the lines, subtotal and rounding exact (every digit the micros have, so the lines
 * add up to the subtotal and the rounding explains the total), the total in the currency's minor units.
 */
const exact = formatUnitPrice;

/** What a line's quantity counts: its usage's calls or units, its seats; a fee or a credit is counted bare. */
function counted(line: InvoiceLine): [one: string, many: string] | undefined {
  if (line.kind === "seats") return ["seat", "seats"];
  if (line.kind !== "usage") return undefined;
  // A line per price counts calls ("search: calls …"); a rate line's or a product's counts units.
  return /: calls\b/.test(line.description) ? ["call", "calls"] : ["unit", "units"];
}

/**
 * A line's quantity and unit price in words, from its fields: "1,000 calls × $0.001", "2 seats × $10.00",
 * "1 × $49.00". A line whose unit price is an average (a rate line's, a product's) says so.
 */
export function quantityTimesPrice(line: InvoiceLine, currency: string): string {
  const noun = counted(line);
  const quantity = `${line.quantity.toLocaleString("en-US")}${noun ? ` ${line.quantity === 1 ? noun[0] : noun[1]}` : ""}`;
  const average = line.quantity * line.unitPrice === line.amount ? "" : " on average";
  return `${quantity} × ${exact(line.unitPrice, currency)}${average}`;
}

const hb = Handlebars.create();
hb.registerHelper("money", (micros: number, currency: string) => formatMoney(micros, currency));
hb.registerHelper("exact", (micros: number, currency: string) => exact(micros, currency));
hb.registerHelper("micros", (micros: number, currency: string) => formatExactMoney(micros, currency));
hb.registerHelper("times", (line: InvoiceLine, currency: string) => quantityTimesPrice(line, currency));

const html = hb.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} {{doc.number}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}td.n,th.n{text-align:right}</style></head>
<body>
<h1>{{title}} {{doc.number}}</h1>
<p>Issuer: {{doc.issuer}} · Account: {{doc.accountId}} · For: {{doc.subject}} · Status: {{doc.status}}{{#if doc.finalizedAt}} · Issued: {{issued}}{{/if}}</p>
{{#if doc.reason}}<p>Reason: {{doc.reason}}</p>{{/if}}
<table><thead><tr><th>Description</th><th class="n">Quantity × unit price</th><th class="n">Amount</th></tr></thead><tbody>
{{#each doc.lines}}<tr><td>{{description}}</td><td class="n">{{times this ../doc.currency}}</td><td class="n" title="{{micros amount ../doc.currency}}">{{exact amount ../doc.currency}}</td></tr>{{/each}}
</tbody></table>
<p title="{{micros doc.subtotal doc.currency}}">Subtotal: {{exact doc.subtotal doc.currency}}</p>
{{#if doc.rounding}}<p title="{{micros doc.rounding doc.currency}}">Rounding: {{exact doc.rounding doc.currency}}</p>{{/if}}
<p title="{{micros doc.total doc.currency}}"><strong>Total: {{money doc.total doc.currency}}</strong></p>
</body></html>`);

export function renderHtml(doc: Invoice): string {
  return html({ doc, title: label(doc.kind), issued: doc.finalizedAt?.toISOString().slice(0, 10) });
}

export function renderPdf(doc: Invoice): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${label(doc.kind)} ${doc.number ?? "(draft)"}` } });
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    pdf.fontSize(20).text(`${label(doc.kind)} ${doc.number ?? "(draft)"}`);
    pdf
      .moveDown(0.5)
      .fontSize(10)
      .text(`Issuer: ${doc.issuer}    Account: ${doc.accountId}    For: ${doc.subject}    Status: ${doc.status}`);
    if (doc.finalizedAt) pdf.text(`Issued: ${doc.finalizedAt.toISOString().slice(0, 10)}`);
    if (doc.reason) pdf.text(`Reason: ${doc.reason}`);
    pdf.moveDown();
    for (const line of doc.lines)
      pdf.text(`${line.description}    ${quantityTimesPrice(line, doc.currency)}    = ${exact(line.amount, doc.currency)}`);
    pdf.moveDown();
    pdf.text(`Subtotal: ${exact(doc.subtotal, doc.currency)}`);
    if (doc.rounding !== 0) pdf.text(`Rounding: ${exact(doc.rounding, doc.currency)}`);
    pdf.fontSize(14).text(`Total: ${formatMoney(doc.total, doc.currency)}`);
    pdf.end();
  });
}
