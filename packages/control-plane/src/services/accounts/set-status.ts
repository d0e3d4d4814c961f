import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Account } from "../../models/index.js";
import { audit } from "../audit.js";
import { accountEvent, accountSnapshot } from "../webhooks/record.js";
import { publishAccount } from "./publish.js";

/**
 * Suspend an account (every gateway refuses its calls from the next one on, `403 account_inactive`) or resume
 * it, with a reason, audited. A closed account stays closed.
 */
export async function setAccountStatus(
  ctx: AppContext,
  input: { accountId: string; status: "active" | "suspended"; reason: string; actor: string },
): Promise<Outcome<Account, "not_found" | "conflict">> {
  const account = await ctx.models.Account.findById(input.accountId).lean();
  if (account === null) return failure("not_found", `No account ${input.accountId}.`);
  if (account.status === "closed") return failure("conflict", "A closed account cannot be suspended or resumed.");
  const before = await accountSnapshot(ctx, account._id);
  if (account.status !== input.status) {
    await ctx.models.Account.updateOne({ _id: account._id }, { $set: { status: input.status } });
    await audit(ctx, input.actor, input.status === "suspended" ? "account.suspend" : "account.resume", account._id, {
      reason: input.reason,
    });
  }
  await publishAccount(ctx, account._id);
  await accountEvent(ctx, account._id, before);
  return ok({ ...account, status: input.status });
}
