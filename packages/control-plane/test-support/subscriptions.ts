import type { Recurring } from "../src/models/fee.js";
import { setRecurring } from "../src/services/plans/set-recurring.js";
import { renewSubscription } from "../src/services/subscriptions/renew.js";
import type { ServiceFixture } from "./context.js";

/**
 * An account whose plan has `recurring`, its subscription started at `since` (and its first period renewed
 * then): the fixture's account, given the fee after it was created, so that the periods follow a chosen clock.
 */
export async function subscribedAccount(
  fx: ServiceFixture,
  options: { recurring: Recurring; since: Date; balance?: number; seats?: number },
): Promise<{ planId: string; accountId: string; walletId: string }> {
  const seeded = await fx.seedAccount({ pricePerCall: 1_000, balance: options.balance ?? 0 });
  if (options.seats !== undefined) await fx.ctx.models.Account.updateOne({ _id: seeded.accountId }, { $set: { seats: options.seats } });
  await setRecurring(fx.ctx, seeded.planId, options.recurring, "test");
  await renewSubscription(fx.ctx, seeded.accountId, options.since);
  return seeded;
}
