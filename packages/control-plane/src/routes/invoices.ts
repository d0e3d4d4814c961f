import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { accountParams, id, name, positiveAmount } from "../http/schemas.js";
import type { AppContext } from "../context.js";
import type { Invoice } from "../models/index.js";
import { closeBillingPeriod, issueCreditNote, markPaid, markVoid } from "../services/invoices/documents.js";
import { renderHtml, renderPdf } from "../services/invoices/render.js";

const invoiceView = z.object({
  id: z.string(),
  kind: z.enum(["invoice", "receipt", "credit_note"]),
  number: z.string().optional(),
  accountId: z.string(),
  currency: z.string(),
  subject: z.string(),
  status: z.enum(["draft", "finalized", "paid", "void"]),
  lines: z.array(z.object({ description: z.string(), productId: z.string().optional(), quantity: z.number(), unitPrice: z.number().int(), amount: z.number().int() })),
  subtotal: z.number().int().describe("micros, exact"),
  rounding: z.number().int(),
  total: z.number().int().describe("micros, rounded half up to the currency's minor unit"),
  correctsInvoiceId: z.string().optional(),
  finalizedAt: z.string().optional(),
  paidAt: z.string().optional(),
  voidedAt: z.string().optional(),
});
const toView = (i: Invoice): z.infer<typeof invoiceView> => ({
  id: i._id,
  kind: i.kind,
  ...(i.number ? { number: i.number } : {}),
  accountId: i.accountId,
  currency: i.currency,
  subject: i.subject,
  status: i.status,
  lines: i.lines.map((l) => ({ description: l.description, ...(l.productId ? { productId: l.productId } : {}), quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
  subtotal: i.subtotal,
  rounding: i.rounding,
  total: i.total,
  ...(i.correctsInvoiceId ? { correctsInvoiceId: i.correctsInvoiceId } : {}),
  ...(i.finalizedAt ? { finalizedAt: i.finalizedAt.toISOString() } : {}),
  ...(i.paidAt ? { paidAt: i.paidAt.toISOString() } : {}),
  ...(i.voidedAt ? { voidedAt: i.voidedAt.toISOString() } : {}),
});

async function ownInvoice(ctx: AppContext, accountId: string, invoiceId: string): Promise<Invoice> {
  const invoice = await ctx.models.Invoice.findOne({ _id: invoiceId, accountId }).lean();
  if (invoice === null) throw new ProblemError("not_found", `No invoice ${invoiceId} on account ${accountId}.`);
  return invoice;
}
const invoiceParams = accountParams.extend({ invoiceId: id });

export const closePeriod = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/invoices",
  operationId: "closeBillingPeriod",
  summary:
    "Close a postpaid or hybrid account's billing period, named by its first day (UTC; the account's cycle gives its end), into one finalized invoice; closing it again returns the same invoice. `invoice` is null when there is nothing to bill. The billing-cycle job closes ended periods by itself; closing one before it ends invoices the usage so far, and that period is then closed.",
  access: "admin",
  params: accountParams,
  body: z.strictObject({ periodStart: z.iso.date() }),
  responses: { 200: { description: "The invoice", schema: z.object({ invoice: invoiceView.nullable() }) } },
  async handle({ params, body, ctx }) {
    const invoice = await closeBillingPeriod(ctx, params.accountId, body.periodStart);
    return { status: 200, body: { invoice: invoice ? toView(invoice) : null } };
  },
});

export const listInvoices = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices",
  operationId: "listInvoices",
  summary: "An account's invoices, receipts and credit notes, newest first (at most 100).",
  access: "owner",
  params: accountParams,
  responses: { 200: { description: "The documents", schema: z.object({ items: z.array(invoiceView) }) } },
  async handle({ params, ctx }) {
    const items = await ctx.models.Invoice.find({ accountId: params.accountId }).sort({ createdAt: -1 }).limit(100).lean();
    return { status: 200, body: { items: items.map(toView) } };
  },
});

export const getInvoice = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId",
  operationId: "getInvoice",
  summary: "One document, as JSON.",
  access: "owner",
  params: invoiceParams,
  responses: { 200: { description: "The document", schema: invoiceView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: toView(await ownInvoice(ctx, params.accountId, params.invoiceId)) }),
});

export const getInvoiceHtml = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId/html",
  operationId: "getInvoiceHtml",
  summary: "One document, rendered to HTML.",
  access: "owner",
  params: invoiceParams,
  responses: { 200: { description: "text/html" } },
  handle: async ({ params, ctx }) => ({ status: 200, body: undefined, raw: { contentType: "text/html; charset=utf-8", body: renderHtml(await ownInvoice(ctx, params.accountId, params.invoiceId)) } }),
});

export const getInvoicePdf = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId/pdf",
  operationId: "getInvoicePdf",
  summary: "One document, rendered to PDF.",
  access: "owner",
  params: invoiceParams,
  responses: { 200: { description: "application/pdf" } },
  async handle({ params, ctx }) {
    const invoice = await ownInvoice(ctx, params.accountId, params.invoiceId);
    return { status: 200, body: undefined, headers: { "content-disposition": `attachment; filename="${invoice.number ?? invoice._id}.pdf"` }, raw: { contentType: "application/pdf", body: await renderPdf(invoice) } };
  },
});

const adminInvoice = z.strictObject({ invoiceId: id });

export const payInvoice = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/pay",
  operationId: "payInvoice",
  summary: "Mark a finalized document paid.",
  access: "admin",
  params: adminInvoice,
  body: z.strictObject({}),
  responses: { 200: { description: "The document", schema: invoiceView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: toView(await markPaid(ctx, params.invoiceId)) }),
});

export const voidInvoice = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/void",
  operationId: "voidInvoice",
  summary: "Void a finalized, unpaid document (it keeps its number).",
  access: "admin",
  params: adminInvoice,
  body: z.strictObject({}),
  responses: { 200: { description: "The document", schema: invoiceView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: toView(await markVoid(ctx, params.invoiceId)) }),
});

export const creditNote = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/credit-notes",
  operationId: "issueCreditNote",
  summary: "Correct a finalized invoice with a credit note (numbered in the same sequence; at most what remains uncredited). Requires an Idempotency-Key.",
  access: "admin",
  idempotent: true,
  params: adminInvoice,
  body: z.strictObject({ amount: positiveAmount, reason: name }),
  responses: { 201: { description: "The credit note", schema: invoiceView } },
  handle: async ({ params, body, idempotencyKey, ctx }) => ({ status: 201, body: toView(await issueCreditNote(ctx, params.invoiceId, body.amount, body.reason, idempotencyKey)) }),
});
