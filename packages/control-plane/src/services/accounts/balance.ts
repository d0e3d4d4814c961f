import type { AppContext } from "../../context.js";
import { failure, ok } from "../../domain/outcome.js";
import { CONSUMPTION_ORDER } from "../grants/allocate.js";

/** An account's balance per wallet, in real time (Redis), with its active grants in consumption order; `not_found` for no account. */
export async function getBalance(ctx: AppContext, accountId: string) {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const wallets = await ctx.models.Wallet.find({ accountId }).sort({ currency: 1 }).lean();
  const hot = await ctx.hot.wallets(accountId);
  const grants = await ctx.models.Grant.find({ accountId, status: "active" }).sort(CONSUMPTION_ORDER).lean();
  return ok({
    accountId,
    billingMode: account.billingMode ?? "prepaid",
    balances: wallets.map((w) => {
      const h = hot.get(w.currency) ?? { balance: 0, reserved: 0, creditLimit: 0 };
      return {
        walletId: w._id,
        currency: w.currency,
        available: h.balance,
        reserved: h.reserved,
        creditLimit: h.creditLimit,
        spendable: h.balance + h.creditLimit,
        grants: grants
          .filter((g) => g.walletId === w._id)
          .map((g) => ({ grantId: g._id, kind: g.kind, remaining: g.remaining, expiresAt: g.expiresAt.toISOString() })),
      };
    }),
  });
}
