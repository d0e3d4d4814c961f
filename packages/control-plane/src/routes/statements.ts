import { z } from "zod";
import { ANY_STAFF } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams } from "../http/schemas.js";
import { statementView } from "../http/views.js";
import { DOCUMENT_CSP, renderHtml, renderPdf, statementView as statementDocument } from "../services/invoices/render.js";
import { getStatement } from "../services/ledger/statement.js";

const statementParams = accountParams.extend({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM") });

export const getStatementRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/statements/:period",
  operationId: "getStatement",
  summary:
    "A month's statement from the ledger (UTC): opening balance, movements by type (their sum and how many entries), closing balance, per wallet. Usage appears once booked (seconds after the calls).",
  access: "owner",
  roles: ANY_STAFF,
  params: statementParams,
  responses: { 200: { description: "The statement", schema: statementView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: await getStatement(ctx, params.accountId, params.period) }),
});

export const getStatementHtmlRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/statements/:period/html",
  operationId: "getStatementHtml",
  summary:
    "A month's statement as a document (HTML): from the issuer to the account holder, each wallet's opening balance, movements and closing balance.",
  access: "owner",
  roles: ANY_STAFF,
  params: statementParams,
  responses: { 200: { description: "The statement as an HTML page", media: "text/html" } },
  async handle({ params, ctx }) {
    const view = await statementDocument(ctx, await getStatement(ctx, params.accountId, params.period));
    return {
      status: 200,
      body: undefined,
      headers: { "content-security-policy": DOCUMENT_CSP },
      raw: { contentType: "text/html; charset=utf-8", body: renderHtml(view) },
    };
  },
});

export const getStatementPdfRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/statements/:period/pdf",
  operationId: "getStatementPdf",
  summary: "A month's statement as a PDF (A4): the same content as its HTML.",
  access: "owner",
  roles: ANY_STAFF,
  params: statementParams,
  responses: { 200: { description: "The statement as a PDF file (an attachment named by its month)", media: "application/pdf" } },
  async handle({ params, ctx }) {
    const view = await statementDocument(ctx, await getStatement(ctx, params.accountId, params.period));
    return {
      status: 200,
      body: undefined,
      headers: { "content-disposition": `attachment; filename="statement-${params.period}.pdf"` },
      raw: { contentType: "application/pdf", body: await renderPdf(view) },
    };
  },
});
