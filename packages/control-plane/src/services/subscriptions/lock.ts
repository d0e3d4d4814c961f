import type { AppContext } from "../../context.js";
import type { Outcome } from "../../domain/outcome.js";
import { whenLocked } from "../locks.js";

/**
 * One subscription's work at a time: renewals, changes, collections and the included bundles of an account take
 * this lock. A module of its own so that the included bundles (which the renewal calls) need not import it.
 */
export function lockedSubscription<T>(ctx: AppContext, accountId: string, fn: () => Promise<T>): Promise<Outcome<T, "conflict">> {
  return whenLocked(ctx, `subscription:${accountId}`, 60_000, fn);
}
