import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Account, BillingDetails, Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import { accountEvent, accountSnapshot } from "../webhooks/record.js";

/**
 * Set (or, with `undefined`, remove) who the account's documents are addressed to: legal name, address, tax id,
 * billing email. Documents finalized from now on print them; finalized ones keep what they printed. Audited.
 */
export async function setBillingDetails(
  ctx: AppContext,
  accountId: string,
  details: BillingDetails | undefined,
  actor: string,
): Promise<Outcome<{ account: Account; wallets: Wallet[] }, "not_found">> {
  const before = await accountSnapshot(ctx, accountId);
  const account = await ctx.models.Account.findOneAndUpdate(
    { _id: accountId },
    details === undefined ? { $unset: { billingDetails: 1 } } : { $set: { billingDetails: details } },
    { returnDocument: "after" },
  ).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  await audit(ctx, actor, "account.billing_details", accountId, details === undefined ? { removed: true } : { ...details });
  await accountEvent(ctx, accountId, before);
  return ok({ account, wallets: await ctx.models.Wallet.find({ accountId }).lean() });
}
