import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { ApiKey } from "../../models/index.js";
import { audit } from "../audit.js";

/** Revoke an API key; every gateway refuses it from the next call on. Revoking it again changes nothing. */
export async function revokeApiKey(
  ctx: AppContext,
  input: { accountId: string; keyId: string; actor: string },
): Promise<Outcome<ApiKey, "not_found">> {
  const { ApiKey: Keys, Account } = ctx.models;
  const key =
    (await Keys.findOneAndUpdate(
      { _id: input.keyId, accountId: input.accountId, status: "active" },
      { $set: { status: "revoked", revokedAt: new Date() } },
      { returnDocument: "after" },
    ).lean()) ?? (await Keys.findOne({ _id: input.keyId, accountId: input.accountId }).lean());
  if (key === null) return failure("not_found", `No key ${input.keyId} on account ${input.accountId}.`);
  const account = await Account.findById(key.accountId).lean();
  await ctx.hot.publishApiKey(key.hash, { keyId: key._id, accountId: key.accountId, planId: account?.planId ?? "", status: "revoked" });
  await audit(ctx, input.actor, "key.revoke", key._id, { accountId: key.accountId });
  return ok(key);
}
