import { randomBytes } from "node:crypto";
import { hashApiKey } from "@tollgate/metering";
import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { ApiKey } from "../../models/index.js";
import { audit } from "../audit.js";

/** Issue an API key: only its SHA-256 is kept; the key itself is returned once, here. Published to gateways at once. */
export async function createApiKey(
  ctx: AppContext,
  input: { accountId: string; name?: string | undefined; spendCap?: ApiKey["spendCap"]; actor: string },
): Promise<Outcome<{ apiKey: ApiKey; key: string }, "not_found">> {
  const account = await ctx.models.Account.findById(input.accountId).lean();
  if (account === null) return failure("not_found", `No account ${input.accountId}.`);
  const key = `tg_${randomBytes(24).toString("base64url")}`;
  const hash = hashApiKey(key);
  const apiKey = (
    await ctx.models.ApiKey.create({
      _id: newId("key"),
      accountId: account._id,
      name: input.name ?? "default",
      hash,
      prefix: key.slice(0, 10),
      status: "active",
      ...(input.spendCap ? { spendCap: input.spendCap } : {}),
      createdAt: new Date(),
    })
  ).toObject();
  const bundled = await ctx.hot.bundles.products(account._id);
  await ctx.hot.publishApiKey(hash, {
    keyId: apiKey._id,
    accountId: account._id,
    planId: account.planId,
    status: "active",
    ...(input.spendCap ? { spendCap: input.spendCap } : {}),
    ...(bundled.length > 0 ? { bundled } : {}),
    ...(account.payerId !== undefined && { payerId: account.payerId }),
  });
  await audit(ctx, input.actor, "key.create", apiKey._id, { accountId: account._id });
  return ok({ apiKey, key });
}
