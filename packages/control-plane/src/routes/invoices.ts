import { z } from "zod";
import { ANY_STAFF, MONEY } from "../http/roles.js";
import { audit } from "../services/audit.js";
import { defineRoute, replayHeaders } from "../http/route.js";
import { checkoutProblem, returnUrl } from "../http/card-checkout.js";
import { failure, ok, type Outcome } from "../domain/outcome.js";
import { accountParams, id, name, pageQuery, positiveAmount, providerName } from "../http/schemas.js";
import { invoiceView, rechargeView, toInvoiceView, toRechargeView } from "../http/views.js";
import type { AppContext } from "../context.js";
import type { Invoice } from "../models/index.js";
import { closeBillingPeriod } from "../services/invoices/close-period.js";
import { issueCreditNote, markVoid } from "../services/invoices/documents.js";
import { payInvoice as recordPayment } from "../services/invoices/pay.js";
import { startInvoiceCardPayment } from "../services/invoices/pay-by-card.js";
import { DOCUMENT_CSP, documentView, renderHtml, renderPdf } from "../services/invoices/render.js";

async function ownInvoice(ctx: AppContext, accountId: string, invoiceId: string): Promise<Outcome<Invoice, "not_found">> {
  const invoice = await ctx.models.Invoice.findOne({ _id: invoiceId, accountId }).lean();
  return invoice === null ? failure("not_found", `No invoice ${invoiceId} on account ${accountId}.`) : ok(invoice);
}
const invoiceParams = accountParams.extend({ invoiceId: id });

export const closePeriod = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/invoices",
  operationId: "closeBillingPeriod",
  summary:
    "Close a postpaid or hybrid account's billing period, named by its first day (UTC; the account's cycle gives its end), into a finalized invoice of the usage charged before min(period end, now). Closing a period early ends that invoice now; usage charged later in the period goes on its next invoice (when it is closed again, or by the billing-cycle job once it ends), so every call is billed exactly once. Closing again with nothing new returns the period's last invoice; `invoice` is null when there is nothing to bill.",
  access: "admin",
  roles: MONEY,
  params: accountParams,
  body: z.strictObject({ periodStart: z.iso.date() }),
  responses: {
    200: { description: "The invoice", schema: z.object({ invoice: invoiceView.nullable() }) },
    409: { description: "The period has not begun, or another close of it is under way (`conflict`)" },
  },
  problems: ["not_found", "validation_failed", "conflict"],
  async handle({ params, body, principal, ctx }) {
    const closed = await closeBillingPeriod(ctx, params.accountId, body.periodStart);
    if (!closed.ok) return closed;
    const invoice = closed.value;
    await audit(ctx, principal.actor, "invoice.close_period", params.accountId, {
      periodStart: body.periodStart,
      invoiceId: invoice?._id ?? null,
    });
    return { status: 200, body: { invoice: invoice ? toInvoiceView(invoice) : null } };
  },
});

export const listInvoices = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices",
  operationId: "listInvoices",
  summary: "An account's invoices, receipts and credit notes, newest first, cursor-paginated (100 a page unless `limit` says).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams,
  // 100 a page by default: what the list answered, whole, before it had pages.
  query: pageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
  responses: {
    200: { description: "A page of documents", schema: z.object({ items: z.array(invoiceView), nextCursor: z.string().optional() }) },
  },
  async handle({ params, query, ctx }) {
    const page = await ctx.cursors.paginate<Invoice>(
      `invoices:${params.accountId}`,
      "createdAt",
      query.limit,
      query.cursor,
      (after, sort, take) =>
        ctx.models.Invoice.find({ accountId: params.accountId, ...after })
          .sort(sort)
          .limit(take)
          .lean(),
    );
    return { status: 200, body: { items: page.items.map(toInvoiceView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },
});

export const getInvoice = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId",
  operationId: "getInvoice",
  summary: "One document, as JSON.",
  access: "owner",
  roles: ANY_STAFF,
  params: invoiceParams,
  responses: { 200: { description: "The document", schema: invoiceView } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const invoice = await ownInvoice(ctx, params.accountId, params.invoiceId);
    return invoice.ok ? { status: 200, body: toInvoiceView(invoice.value) } : invoice;
  },
});

export const getInvoiceHtml = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId/html",
  operationId: "getInvoiceHtml",
  summary:
    "One document, rendered to HTML: issuer and customer (as they were when it was finalized), number, issue and due dates, lines with quantity × unit price, totals, what is credited, paid and due, and how to pay.",
  access: "owner",
  roles: ANY_STAFF,
  params: invoiceParams,
  responses: { 200: { description: "The document as an HTML page", media: "text/html" } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const invoice = await ownInvoice(ctx, params.accountId, params.invoiceId);
    if (!invoice.ok) return invoice;
    return {
      status: 200,
      body: undefined,
      // A document runs nothing and loads nothing: its logo is inline, its text escaped.
      headers: { "content-security-policy": DOCUMENT_CSP },
      raw: { contentType: "text/html; charset=utf-8", body: renderHtml(await documentView(ctx, invoice.value)) },
    };
  },
});

export const getInvoicePdf = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/invoices/:invoiceId/pdf",
  operationId: "getInvoicePdf",
  summary: "One document, rendered to PDF (A4): the same content as its HTML.",
  access: "owner",
  roles: ANY_STAFF,
  params: invoiceParams,
  responses: { 200: { description: "The document as a PDF file (an attachment named by its number)", media: "application/pdf" } },
  problems: ["not_found"],
  async handle({ params, ctx }) {
    const found = await ownInvoice(ctx, params.accountId, params.invoiceId);
    if (!found.ok) return found;
    const invoice = found.value;
    return {
      status: 200,
      body: undefined,
      headers: { "content-disposition": `attachment; filename="${invoice.number ?? invoice._id}.pdf"` },
      raw: { contentType: "application/pdf", body: await renderPdf(await documentView(ctx, invoice)) },
    };
  },
});

const adminInvoice = z.strictObject({ invoiceId: id });

export const payInvoiceByCardRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/invoices/:invoiceId/card-payments",
  operationId: "payInvoiceByCard",
  summary:
    "Pay what remains due on a finalized invoice by card (the account itself from its portal, or staff): the answer's `checkoutUrl` is the provider's payment page, which sends the customer back to `returnUrl` (on this service's origin for a consumer). Once the provider confirms it, the payment is recorded on the invoice once; anything beyond what was then due is credited to the wallet. Pending, it expires and can be cancelled as a top-up. Requires an Idempotency-Key.",
  access: "owner",
  roles: MONEY,
  idempotent: true,
  params: invoiceParams,
  body: z.strictObject({ provider: providerName, returnUrl }),
  responses: {
    201: {
      description: "The card payment, pending",
      schema: rechargeView.extend({ checkoutUrl: z.string().optional().describe("where the customer pays") }),
    },
  },
  problems: ["validation_failed", "not_found", "conflict", "unprocessable", "idempotency_key_reused"],
  async handle({ params, body, principal, idempotencyKey, raw, ctx }) {
    const refused = checkoutProblem(body, principal, raw.headers, ctx);
    if (refused !== undefined) return refused;
    const started = await startInvoiceCardPayment(ctx, {
      accountId: params.accountId,
      invoiceId: params.invoiceId,
      provider: body.provider,
      returnUrl: body.returnUrl,
      idempotencyKey,
      actor: principal.actor,
    });
    if (!started.ok) return started;
    const { recharge, checkoutUrl, replayed } = started.value;
    return {
      status: 201,
      body: { ...toRechargeView(recharge), ...(checkoutUrl ? { checkoutUrl } : {}) },
      headers: replayHeaders(replayed),
    };
  },
});

export const payInvoice = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/pay",
  operationId: "payInvoice",
  summary:
    "Record a payment of a finalized invoice: booked in the ledger once and credited to the wallet, which frees the credit its usage took. `amount` (micros, whole minor units, at most what remains due) makes a partial payment and then needs an Idempotency-Key; without it, what remains due is paid. Once nothing is due the invoice is `paid`, and the rounding of its total to minor units is booked, so the wallet gets back exactly the usage billed.",
  access: "admin",
  roles: MONEY,
  idempotent: "optional",
  params: adminInvoice,
  body: z.strictObject({ amount: positiveAmount.optional() }),
  responses: {
    200: { description: "The invoice, with what has been paid", schema: invoiceView },
    409: {
      description: "The invoice is not finalized (a draft, void, or a credit note), or another payment of it is under way (`conflict`)",
    },
    422: {
      description:
        "More than remains due, not whole minor units, or no wallet to credit (`unprocessable`); the key was used for another amount (`idempotency_key_reused`)",
    },
  },
  problems: ["idempotency_key_missing", "not_found", "conflict", "unprocessable", "idempotency_key_reused"],
  async handle({ params, body, idempotencyKey, principal, ctx }) {
    if (body.amount !== undefined && idempotencyKey === "")
      return failure("idempotency_key_missing", "A partial payment needs an Idempotency-Key, so that a retry records it once.");
    const paid = await recordPayment(ctx, params.invoiceId, {
      amount: body.amount,
      idempotencyKey: idempotencyKey || undefined,
      actor: principal.actor,
    });
    if (!paid.ok) return paid;
    return { status: 200, body: toInvoiceView(paid.value.invoice), headers: replayHeaders(paid.value.replayed) };
  },
});

export const voidInvoice = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/void",
  operationId: "voidInvoice",
  summary: "Void a finalized, unpaid document (it keeps its number).",
  access: "admin",
  roles: MONEY,
  params: adminInvoice,
  body: z.strictObject({}),
  responses: {
    200: { description: "The document", schema: invoiceView },
    409: { description: "Only a finalized, unpaid document can be voided; a partly paid one is credited instead (`conflict`)" },
  },
  problems: ["not_found", "conflict"],
  async handle({ params, principal, ctx }) {
    const voided = await markVoid(ctx, params.invoiceId);
    if (!voided.ok) return voided;
    const invoice = voided.value;
    await audit(ctx, principal.actor, "invoice.void", invoice._id, { number: invoice.number ?? null });
    return { status: 200, body: toInvoiceView(invoice) };
  },
});

export const creditNote = defineRoute({
  method: "post",
  path: "/v1/invoices/:invoiceId/credit-notes",
  operationId: "issueCreditNote",
  summary:
    "Correct a finalized invoice with a credit note (numbered in the same sequence; at most what remains uncredited). Requires an Idempotency-Key.",
  access: "admin",
  roles: MONEY,
  idempotent: true,
  params: adminInvoice,
  body: z.strictObject({ amount: positiveAmount, reason: name }),
  responses: {
    201: { description: "The credit note", schema: invoiceView },
    409: { description: "Only a finalized invoice can be credited, or another numbering is under way (`conflict`)" },
    422: {
      description:
        "More than remains to be credited (`unprocessable`), or the key was used for another amount or reason (`idempotency_key_reused`)",
    },
  },
  problems: ["not_found", "conflict", "unprocessable", "idempotency_key_reused"],
  async handle({ params, body, idempotencyKey, principal, ctx }) {
    const issued = await issueCreditNote(ctx, params.invoiceId, body.amount, body.reason, idempotencyKey, principal.actor);
    if (!issued.ok) return issued;
    return { status: 201, body: toInvoiceView(issued.value.note), headers: replayHeaders(issued.value.replayed) };
  },
});
