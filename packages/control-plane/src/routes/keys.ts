import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashApiKey } from "@tollgate/gateway-plugin";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { accountParams, id, name, positiveAmount } from "../http/schemas.js";
import { apiKeyView, toApiKeyView } from "../http/views.js";
import { newId } from "../ids.js";
import { audit } from "../services/audit.js";

export const createApiKeyBody = z.strictObject({
  name: name.optional(),
  /** Most this key may spend per period (micros of the plan's currency): one account, several budgets. */
  spendCap: z.strictObject({ amount: positiveAmount, period: z.enum(["day", "month"]) }).optional(),
});

export const createApiKey = defineRoute({
  method: "post",
  path: "/v1/accounts/:accountId/keys",
  operationId: "createApiKey",
  summary: "Issue an API key. The key is in this response only; Tollgate keeps its SHA-256.",
  access: "admin",
  params: accountParams,
  body: createApiKeyBody,
  responses: { 201: { description: "The key, shown once", schema: apiKeyView.extend({ key: z.string() }) } },
  async handle({ params, body, principal, ctx }) {
    const { Account, ApiKey } = ctx.models;
    const account = await Account.findById(params.accountId).lean();
    if (account === null) throw new ProblemError("not_found", `No account ${params.accountId}.`);
    const key = `tg_${randomBytes(24).toString("base64url")}`;
    const hash = hashApiKey(key);
    const doc = await ApiKey.create({
      _id: newId("key"),
      accountId: account._id,
      name: body.name ?? "default",
      hash,
      prefix: key.slice(0, 10),
      status: "active",
      ...(body.spendCap ? { spendCap: body.spendCap } : {}),
      createdAt: new Date(),
    });
    await ctx.hot.publishApiKey(hash, {
      keyId: doc._id,
      accountId: account._id,
      planId: account.planId,
      status: "active",
      ...(body.spendCap ? { spendCap: body.spendCap } : {}),
    });
    await audit(ctx, principal.actor, "key.create", doc._id, { accountId: account._id });
    return { status: 201, body: { ...toApiKeyView(doc), key } };
  },
});

export const listApiKeys = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/keys",
  operationId: "listApiKeys",
  summary: "List an account's API keys (never the keys themselves).",
  access: "admin",
  params: accountParams,
  responses: { 200: { description: "The keys", schema: z.object({ items: z.array(apiKeyView) }) } },
  async handle({ params, ctx }) {
    const keys = await ctx.models.ApiKey.find({ accountId: params.accountId }).sort({ createdAt: 1 }).lean();
    return { status: 200, body: { items: keys.map(toApiKeyView) } };
  },
});

export const revokeApiKey = defineRoute({
  method: "delete",
  path: "/v1/accounts/:accountId/keys/:keyId",
  operationId: "revokeApiKey",
  summary: "Revoke an API key: every gateway refuses it from the next call on.",
  access: "admin",
  params: accountParams.extend({ keyId: id }),
  responses: { 200: { description: "The revoked key", schema: apiKeyView } },
  async handle({ params, principal, ctx }) {
    const { ApiKey, Account } = ctx.models;
    const key =
      (await ApiKey.findOneAndUpdate(
        { _id: params.keyId, accountId: params.accountId, status: "active" },
        { $set: { status: "revoked", revokedAt: new Date() } },
        { returnDocument: "after" },
      ).lean()) ?? (await ApiKey.findOne({ _id: params.keyId, accountId: params.accountId }).lean());
    if (key === null) throw new ProblemError("not_found", `No key ${params.keyId} on account ${params.accountId}.`);
    const account = await Account.findById(key.accountId).lean();
    await ctx.hot.publishApiKey(key.hash, { keyId: key._id, accountId: key.accountId, planId: account?.planId ?? "", status: "revoked" });
    await audit(ctx, principal.actor, "key.revoke", key._id, { accountId: key.accountId });
    return { status: 200, body: toApiKeyView(key) };
  },
});
