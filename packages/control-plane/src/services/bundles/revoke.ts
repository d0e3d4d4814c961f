import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Bundle } from "../../models/index.js";
import { audit } from "../audit.js";
import { endBundle } from "./end.js";

/** Revoke an account's bundle: what it had left leaves through its `revoke` unit entry. A bundle that ended already is answered as it is. */
export async function revokeBundle(
  ctx: AppContext,
  input: { accountId: string; bundleId: string; actor: string },
): Promise<Outcome<Bundle, "not_found">> {
  const bundle = await ctx.models.Bundle.findOne({ _id: input.bundleId, accountId: input.accountId }).lean();
  if (bundle === null) return failure("not_found", `No bundle ${input.bundleId} on account ${input.accountId}.`);
  if (bundle.status !== "active") return ok(bundle);
  const ended = await endBundle(ctx, bundle, "revoke", input.actor);
  await audit(ctx, input.actor, "bundle.revoke", bundle._id, { accountId: bundle.accountId, status: ended.status });
  return ok(ended);
}
