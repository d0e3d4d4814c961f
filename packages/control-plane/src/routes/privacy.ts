import { z } from "zod";
import { failure } from "../domain/outcome.js";
import { ANY_STAFF, MANAGERS, OWNERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { id } from "../http/schemas.js";
import {
  privacyExportDocument,
  privacyRequestView,
  privacyStateView,
  toPrivacyRequestView,
  toPrivacyStateView,
} from "../http/privacy-views.js";
import { downloadExport, privacyState, requestExport } from "../services/privacy/export.js";
import { eraseAccount } from "../services/privacy/erase.js";

const accountParams = z.strictObject({ accountId: id });

export const getPrivacyRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/privacy",
  operationId: "getPrivacy",
  summary: "The account's privacy requests: whether its personal data is erased, and its exports (newest first) with their state.",
  access: "admin",
  roles: ANY_STAFF,
  params: accountParams,
  responses: { 200: { description: "Erasure and exports", schema: privacyStateView } },
  async handle({ params, ctx }) {
    return { status: 200, body: toPrivacyStateView(await privacyState(ctx, params.accountId)) };
  },
});

export const requestPrivacyExportRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/privacy/exports",
  operationId: "requestPrivacyExport",
  summary:
    "Ask for an export of everything kept about the account (a data subject's access request), as one JSON document. The privacy job produces it (`pending`, then `ready`); it is downloaded once. Audited.",
  access: "admin",
  roles: MANAGERS,
  params: accountParams,
  body: z.strictObject({}),
  responses: { 202: { description: "The export, pending", schema: privacyRequestView } },
  async handle({ params, principal, ctx }) {
    const request = await requestExport(ctx, { accountId: params.accountId, actor: principal.actor });
    return { status: 202, body: toPrivacyRequestView(request) };
  },
});

export const downloadPrivacyExportRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/privacy/exports/:exportId/download",
  operationId: "downloadPrivacyExport",
  summary:
    "Download a ready export's document, once: it is deleted as it is handed over, and any later download is a 409 (ask for a new export). Audited.",
  access: "admin",
  roles: MANAGERS,
  params: z.strictObject({ accountId: id, exportId: id }),
  body: z.strictObject({}),
  responses: { 200: { description: "Everything kept about the account", schema: privacyExportDocument } },
  problems: ["not_found", "conflict"],
  async handle({ params, principal, ctx }) {
    const downloaded = await downloadExport(ctx, { accountId: params.accountId, exportId: params.exportId, actor: principal.actor });
    if (!downloaded.ok) return downloaded;
    return {
      status: 200,
      body: JSON.parse(downloaded.value.text) as unknown,
      headers: { "content-disposition": `attachment; filename="${params.exportId}.json"`, "cache-control": "no-store" },
    };
  },
});

export const eraseAccountRoute = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/privacy/erasure",
  operationId: "eraseAccount",
  summary:
    "Erase the account's personal data (names, emails, addresses, tax ids, webhook URLs, free-text reasons, usage attributes) for good: each becomes a pseudonym derived from the account's id. Ledger, documents and reports keep every figure. `confirm` repeats the account's id. Idempotent: a repeat finishes what a crash left and changes nothing else. `pending` while usage of the account is still on its way from Redis or a charging session is open (the privacy job finishes it).",
  access: "admin",
  roles: OWNERS,
  params: accountParams,
  body: z.strictObject({ confirm: id.describe("the account's id, again") }),
  responses: { 200: { description: "The erasure", schema: privacyRequestView } },
  problems: ["validation_failed"],
  async handle({ params, body, principal, ctx }) {
    if (body.confirm !== params.accountId)
      return failure("validation_failed", "`confirm` must repeat the account's id: an erasure cannot be undone.", {
        errors: [{ location: "body", pointer: "/confirm", message: "must be the account's id" }],
      });
    const erasure = await eraseAccount(ctx, { accountId: params.accountId, actor: principal.actor });
    return { status: 200, body: toPrivacyRequestView(erasure) };
  },
});
