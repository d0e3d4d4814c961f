import Handlebars from "handlebars";
import PDFDocument from "pdfkit";
import type { Invoice } from "../../models/index.js";
import { formatMoney } from "../notifications/templates.js";
import { label } from "./documents.js";

const hb = Handlebars.create();
hb.registerHelper("money", (micros: number, currency: string) => formatMoney(micros, currency));

const html = hb.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} {{doc.number}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}td.n,th.n{text-align:right}</style></head>
<body>
<h1>{{title}} {{doc.number}}</h1>
<p>Issuer: {{doc.issuer}} · Account: {{doc.accountId}} · For: {{doc.subject}} · Status: {{doc.status}}{{#if doc.finalizedAt}} · Issued: {{issued}}{{/if}}</p>
{{#if doc.reason}}<p>Reason: {{doc.reason}}</p>{{/if}}
<table><thead><tr><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead><tbody>
{{#each doc.lines}}<tr><td>{{description}}</td><td class="n">{{quantity}}</td><td class="n">{{money unitPrice ../doc.currency}}</td><td class="n">{{money amount ../doc.currency}}</td></tr>{{/each}}
</tbody></table>
<p>Subtotal: {{money doc.subtotal doc.currency}}</p>
{{#if doc.rounding}}<p>Rounding: {{money doc.rounding doc.currency}}</p>{{/if}}
<p><strong>Total: {{money doc.total doc.currency}}</strong></p>
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
    const money = (m: number) => formatMoney(m, doc.currency);
    pdf.fontSize(20).text(`${label(doc.kind)} ${doc.number ?? "(draft)"}`);
    pdf
      .moveDown(0.5)
      .fontSize(10)
      .text(`Issuer: ${doc.issuer}    Account: ${doc.accountId}    For: ${doc.subject}    Status: ${doc.status}`);
    if (doc.finalizedAt) pdf.text(`Issued: ${doc.finalizedAt.toISOString().slice(0, 10)}`);
    if (doc.reason) pdf.text(`Reason: ${doc.reason}`);
    pdf.moveDown();
    for (const line of doc.lines) pdf.text(`${line.description}    ${line.quantity} x ${money(line.unitPrice)}    = ${money(line.amount)}`);
    pdf.moveDown();
    pdf.text(`Subtotal: ${money(doc.subtotal)}`);
    if (doc.rounding !== 0) pdf.text(`Rounding: ${money(doc.rounding)}`);
    pdf.fontSize(14).text(`Total: ${money(doc.total)}`);
    pdf.end();
  });
}
