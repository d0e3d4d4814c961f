import {
  isRedisUnavailable,
  problem,
  productById,
  rateCall,
  ratedCall,
  rateLineOf,
  dimensionValue,
  refusalProblem,
  type Price,
  type Problem,
  type RatedCall,
  type Resolved,
} from "@tollgate/metering";
import type { SessionRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import { failure, ok, type Failure, type Outcome } from "../../domain/outcome.js";
import { derivedId } from "../../ids.js";
import { SCRIPT_REFUSALS } from "../charges/direct.js";

/** Where a session's usage events say they came from. */
export const SESSIONS_PATH = "/v1/charging-sessions";

/** The usage event (and reservation) id of a session's `chunk`-th grant. */
export function chunkEventId(sessionId: string, chunk: number): string {
  return `s${derivedId(sessionId, String(chunk))}`;
}

type SessionPart = Pick<SessionRecord, "id" | "productId" | "attributes" | "usedUnits">;

/**
 * A session's `chunk`-th grant as the scripts know it: rated as of the time it was granted, by the rate line
 * of the session's attributes, after the units the session reported before it (its increments round the whole
 * call, not each grant).
 */
export function chunkCall(
  resolved: Resolved,
  s: SessionPart,
  chunk: number,
  atMs: number,
): Outcome<{ call: RatedCall; price: Price }, "no_rate"> {
  const product = productById(resolved.plan, s.productId);
  if (product === undefined) return failure("no_rate", `The product ${s.productId} is no longer in the plan.`);
  const attributes = s.attributes ? (JSON.parse(s.attributes) as Record<string, string>) : undefined;
  const line = rateLineOf(product, dimensionValue(product, attributes));
  if (line === undefined) return failure("no_rate", `The product ${s.productId} no longer rates this session's attributes.`);
  const usage = { line, done: s.usedUnits, ...(attributes && { attributes }) };
  const call = ratedCall(resolved.key, resolved.plan, product, chunkEventId(s.id, chunk), atMs, "POST", SESSIONS_PATH, usage);
  return ok({ call, price: line.price });
}

/** What a grant is refused with: the reservation script's refusals, or a plan that no longer rates the session. */
export const GRANT_REFUSALS = [...SCRIPT_REFUSALS, "no_rate"] as const;

export type Grant =
  { kind: "granted"; units: number; amount: number; balance: number; call: RatedCall } | { kind: "refused"; problem: Problem };

/**
 * Hold `requested` units (or as many as the wallet covers, never fewer than one) for a session's next chunk:
 * the most units whose price, after the period's usage so far, the balance plus credit limit covers, reserved
 * by the charge script, which checks again atomically (so concurrent sessions can never together take the
 * wallet past its limit: one refused there is asked again for fewer). None covered: `covered: 0`.
 */
export async function grantUnits(
  ctx: AppContext,
  resolved: Resolved,
  s: SessionPart & Pick<SessionRecord, "ttlSeconds" | "accountId" | "currency">,
  chunk: number,
  requested: number,
  atMs: number,
): Promise<Grant> {
  const rated = chunkCall(resolved, s, chunk, atMs);
  // The plan no longer rates this session (its product or rate line is gone): nothing more is granted, and
  // the session is told why; what it was granted before is still settled at the price it was held at.
  if (!rated.ok) return { kind: "refused", problem: problem(rated.code, rated.detail) };
  const { call, price } = rated.value;
  const done = s.usedUnits;
  const store = ctx.charging.store;
  // A price per N units rounds the line's running total: settled after other charges moved that total, the
  // grant's units may cost one rounding step (× the time-of-use percent) more than when they were held. That
  // step is held too, so a settlement is never cut short by what was held; the unused part returns.
  const margin = (price.ratePer ?? 1) > 1 ? Math.ceil(call.percent / 100) : 0;
  let before = 0;
  // The product's live bundles pay first (SETTLE takes from them): money is held for the units beyond what
  // they hold at the grant, none while one refuses overage (the script holds nothing then), and then no more
  // units are granted than they hold. Calls may take those units meanwhile: the settlement then charges the
  // rest at most what was held (docs/concepts/bundles.md).
  let bundled = { units: 0, refuse: false };
  const held = (n: number) => {
    const beyond = n - bundled.units;
    if (bundled.refuse || beyond <= 0) return 0;
    return rateCall(price, before, beyond, call.percent, done) + margin;
  };
  // A line's grants are held on its payer's wallet, within what is left of the line's limit this month (the
  // script checks both again); the limit is read as published, from the line's account.
  const payerId = call.payerId;
  const limit = payerId === undefined ? undefined : (await ctx.models.Account.findById(s.accountId, { lineLimit: 1 }).lean())?.lineLimit;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [usage, wallets, live, spent] = await Promise.all([
      store.usageSoFar(call),
      ctx.hot.wallets(payerId ?? s.accountId),
      ctx.hot.bundles.live(s.accountId, call.productId, call.timestampMs),
      limit === undefined ? 0 : ctx.hot.counter(ctx.hot.keyspace.lineSpend(s.accountId, call.linePeriod ?? call.pricePeriod)),
    ]);
    before = usage;
    bundled = live;
    const wallet = wallets.get(s.currency);
    const funds = wallet === undefined ? 0 : wallet.balance + wallet.creditLimit;
    const available = limit === undefined ? funds : Math.min(funds, limit - spent);
    const units = bundled.refuse ? Math.min(requested, Math.max(1, bundled.units)) : mostCovered(requested, available, held);
    if (units === 0) {
      const refusal =
        limit !== undefined && limit - spent < funds
          ? { kind: "line_limit_reached" as const, spent, limit }
          : { kind: "insufficient_funds" as const, balance: wallet?.balance ?? 0, amount: held(1) };
      return { kind: "refused", problem: { ...refusalProblem(refusal, s.currency), coveredUnits: 0 } };
    }
    const amount = held(units);
    const outcome = await store.reserve(call, amount, s.ttlSeconds * 1000);
    if (outcome.kind === "reserved") return { kind: "granted", units, amount: outcome.amount, balance: outcome.balance, call };
    if (outcome.kind !== "insufficient_funds" && outcome.kind !== "line_limit_reached")
      return { kind: "refused", problem: refusalProblem(outcome, s.currency) };
    // Someone spent meanwhile (of the wallet, or of the line's limit): ask again, for what is left.
  }
  return {
    kind: "refused",
    problem: { ...refusalProblem({ kind: "insufficient_funds", balance: 0, amount: 0 }, s.currency), coveredUnits: 0 },
  };
}

/** The most units, up to `requested`, whose price `priceOf` (non-decreasing in units) is within `available`. */
export function mostCovered(requested: number, available: number, priceOf: (units: number) => number): number {
  if (available < 0 || priceOf(1) > available) return 0;
  if (priceOf(requested) <= available) return requested;
  let low = 1;
  let high = requested;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (priceOf(mid) <= available) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * A session's request with Redis not answering is refused as metering unavailable (503), as the gateway refuses
 * a call: a grant whose reply was lost is returned by the reaper after its TTL, never charged.
 */
export async function meteringOrUnavailable<T>(fn: () => Promise<T>): Promise<T | Failure<"metering_unavailable">> {
  try {
    return await fn();
  } catch (error) {
    if (!isRedisUnavailable(error)) throw error;
    return failure("metering_unavailable", "Redis did not answer: nothing was granted or charged that will not be returned.");
  }
}
