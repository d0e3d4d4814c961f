import { hashApiKey } from "./api-key.js";
import { dimensionValue, matchProduct, productById, rateLineOf, type PlanSpec } from "./catalog.js";
import type { ChargeOutcome, ChargeStore, KeyDirectory, LeaseStore, RatedCall, Refusal, Resolved } from "./charging.js";
import { createEventIdGenerator } from "./event-id.js";
import { prepareCharge, ratedCall, settlementOf, type Call, type CallResult, type PendingSettlement } from "./prepare.js";
import { problem, type Problem } from "./problems.js";
import { rateUnits } from "./rating.js";
import type { RateDecision, RateLimitHeaders } from "./rate-limits.js";
import { PendingVoids } from "./voids.js";

export type { Call, CallResult, PendingSettlement } from "./prepare.js";

export type MeterOutcome =
  | {
      ok: true;
      /** Free routes carry no charge and no event. */
      charged: { eventId: string; amount: number; reserved: boolean; currency: string; balance: number } | undefined;
      accountId: string;
      keyId: string;
      rateLimit: RateLimitHeaders | undefined;
      /** A reserved call: pass it to `settle()` once, when the response has ended. */
      pending: PendingSettlement | undefined;
    }
  | { ok: false; problem: Problem; rateLimit?: RateLimitHeaders; retryAfterSeconds?: number };

/**
 * Usage that does not pass through the gateway (a job, a message, a model's tokens counted afterwards): `units`
 * of one of the plan's products, by id, charged as a call to it would be. `eventId` is the charge's one usage
 * event and its idempotency: a repeat answers the first charge.
 */
export interface DirectCharge {
  resolved: Resolved;
  productId: string;
  units: number;
  eventId: string;
  /** The request's digest, when the event id comes from a caller's Idempotency-Key: the same key with another request is refused. */
  requestDigest?: string;
  /** The staff member charging (`user:…`, `token:…`, `admin:…`), named on the usage event; none for an API key. */
  actor?: string;
  /** What the usage was (`destination`, `model`…): the product's dimension picks its rate line by one of them. */
  attributes?: Readonly<Record<string, string>>;
  /** When the usage happened (usage reported afterwards): its period's counters and time of use. Default: now. */
  timestampMs?: number;
  /** The plan's rate limits count calls as they are made: usage reported afterwards passes `false`. */
  rateLimited?: boolean;
  /** What the usage event says the charge came from (default: `POST /v1/charges`). */
  path?: string;
  /**
   * A charge whose outcome is lost is voided (`true`, the default), so that it never happens and a repeat is
   * refused; usage reported afterwards is sent again under the same id instead (`false`), and then the
   * receipt says whether it was recorded.
   */
  voidOnLoss?: boolean;
}

export type DirectChargeOutcome =
  | {
      ok: true;
      eventId: string;
      accountId: string;
      keyId: string;
      planId: string;
      productId: string;
      units: number;
      amount: number;
      currency: string;
      /** The balance right after this charge (a repeat answers the first charge's). */
      balance: number;
      quotasExceeded: string[];
      replayed: boolean;
      rateLimit: RateLimitHeaders | undefined;
    }
  | { ok: false; problem: Problem; rateLimit?: RateLimitHeaders; retryAfterSeconds?: number };

/** Where a direct charge's usage event says it came from. */
export const DIRECT_CHARGE = { method: "POST", path: "/v1/charges" } as const;

/** The plan's rate limits, as the meter consults them. */
export interface RateLimiter {
  consume(spec: PlanSpec, accountId: string, keyId: string): Promise<RateDecision>;
}

export interface MeterOptions {
  /** How calls are identified by their API key: needed by `charge()`; direct charges come resolved. */
  directory?: KeyDirectory;
  store: ChargeStore;
  rateLimits: RateLimiter;
  /** Leased mode, for the plans that choose it (`metering: "leased"`); without it every call is decided exactly. */
  leases?: LeaseStore;
  /** Called when metering itself fails (Redis unreachable, a script error): the call is refused. */
  onError?: (error: unknown) => void;
}

const unauthorized = (detail: string): MeterOutcome => ({ ok: false, problem: problem("unauthorized", detail) });

/**
 * identify → match → rate limit → charge (or reserve), as one decision. Refusals are outcomes, not exceptions;
 * an exception means metering could not decide, and then the call is refused (fail closed): nothing unpaid is
 * ever forwarded, and a charge whose answer was lost is voided.
 */
export class Meter {
  private readonly nextEventId = createEventIdGenerator();
  private readonly onError: (error: unknown) => void;
  private readonly voids: PendingVoids;

  constructor(private readonly o: MeterOptions) {
    this.onError = o.onError ?? (() => undefined);
    this.voids = new PendingVoids(this.onError);
  }

  /** Voids of refused calls that have not reached Redis yet. */
  get pendingVoids(): number {
    return this.voids.size;
  }

  /** Deliver what is still pending, report leased calls and give the leases back (graceful shutdown). */
  async close(): Promise<void> {
    await Promise.all([this.voids.close(), this.o.leases?.close()]);
  }

  async charge(call: Call): Promise<MeterOutcome> {
    if (call.apiKey === undefined) return unauthorized("Send your API key as `Authorization: Bearer <key>` or `X-Api-Key`.");
    try {
      if (this.o.directory === undefined) throw new Error("Meter.charge() needs a key directory");
      const resolved = await this.o.directory.resolve(hashApiKey(call.apiKey));
      if (resolved === undefined || resolved.key.status !== "active") return unauthorized("The API key is unknown, revoked or suspended.");
      const { key, plan } = resolved;
      const product = matchProduct(plan, call.method, call.path);
      if (product === "refuse") return { ok: false, problem: problem("not_in_plan", `${call.method} ${call.path} is not in the plan.`) };

      const limits = await this.o.rateLimits.consume(plan.spec, key.accountId, key.keyId);
      if (limits.kind === "unavailable") throw limits.error;
      if (limits.kind === "limited") {
        return {
          ok: false,
          problem: problem("rate_limited", `Limit "${limits.limitId}" reached.`, { limit: limits.limitId }),
          rateLimit: limits.headers,
          retryAfterSeconds: limits.retryAfterSeconds,
        };
      }
      const base = { ok: true as const, accountId: key.accountId, keyId: key.keyId, rateLimit: limits.headers };
      if (product === "free") return { ...base, charged: undefined, pending: undefined };

      const currency = plan.spec.currency;
      const prepared = prepareCharge(call, key, plan, product, this.nextEventId(), Date.now());
      if (prepared.kind === "length_required") return { ok: false, problem: problem("length_required") };
      if (prepared.kind === "no_rate") return { ok: false, problem: noRateProblem(prepared.attribute, prepared.value) };
      const rated = prepared.call;
      if (prepared.kind === "charge") {
        // Every call of a line of a hierarchy is decided exactly: its payer's wallet and its own limit in one script.
        const leases = plan.spec.metering === "leased" && leasable(rated) && key.payerId === undefined ? this.o.leases : undefined;
        let outcome: ChargeOutcome | undefined;
        if (leases !== undefined) {
          const ttlMs = plan.spec.reservationTtlSeconds * 1000;
          // A product the account holds bundles of: from the units the lease holds when they cover the call whole,
          // else exactly below (bundles first, then money, or a refusal), while the lease asks for units.
          outcome =
            key.bundled?.includes(product.id) === true
              ? await leases.spendUnits(rated, prepared.units, ttlMs)
              : await leases.spend(rated, rateUnits(product.price, 0, prepared.units, rated.percent).amount, ttlMs);
        }
        outcome ??= await this.decide(
          () => this.o.store.charge(rated, prepared.units),
          () => this.o.store.voidCharge(rated),
        );
        if (outcome.kind !== "charged") return { ok: false, problem: refusalProblem(outcome, currency) };
        const charged = { eventId: rated.eventId, amount: outcome.amount, reserved: false, currency, balance: outcome.balance };
        return { ...base, charged, pending: undefined };
      }
      const reserved = await this.decide(
        () => this.o.store.reserve(rated, prepared.amount, prepared.ttlMs),
        () => this.o.store.voidReservation(rated),
      );
      if (reserved.kind !== "reserved") return { ok: false, problem: refusalProblem(reserved, currency) };
      const charged = { eventId: rated.eventId, amount: reserved.amount, reserved: true, currency, balance: reserved.balance };
      return { ...base, charged, pending: { call: rated, price: product.price, refund: plan.spec.refund } };
    } catch (error) {
      this.onError(error);
      return { ok: false, problem: problem("metering_unavailable") };
    }
  }

  /**
   * Charge `units` of a product directly, exactly as a call to it would be charged (rate limits, quotas, key
   * cap, balance and credit limit, one usage event), with its units known up front whatever the price's
   * metric. Refusals are the gateway's problems; a charge whose outcome is lost is voided, and then a repeat of
   * its event id is refused (`conflict`): it was not charged, and never will be.
   */
  async chargeDirect(c: DirectCharge): Promise<DirectChargeOutcome> {
    const { key, plan } = c.resolved;
    const product = productById(plan, c.productId);
    if (product === undefined)
      return { ok: false, problem: problem("unprocessable", `The plan ${plan.spec.planId} has no product "${c.productId}".`) };
    try {
      const value = dimensionValue(product, c.attributes);
      const line = rateLineOf(product, value);
      if (line === undefined) return { ok: false, problem: noRateProblem(product.dimension!.spec.attribute, value) };
      const limits =
        c.rateLimited === false
          ? { kind: "allowed" as const, headers: undefined }
          : await this.o.rateLimits.consume(plan.spec, key.accountId, key.keyId);
      if (limits.kind === "unavailable") throw limits.error;
      if (limits.kind === "limited") {
        return {
          ok: false,
          problem: problem("rate_limited", `Limit "${limits.limitId}" reached.`, { limit: limits.limitId }),
          rateLimit: limits.headers,
          retryAfterSeconds: limits.retryAfterSeconds,
        };
      }
      const at = c.timestampMs ?? Date.now();
      const usage = { line, ...(c.attributes && { attributes: c.attributes }) };
      const rated = ratedCall(key, plan, product, c.eventId, at, DIRECT_CHARGE.method, c.path ?? DIRECT_CHARGE.path, usage);
      if (c.requestDigest !== undefined) rated.requestDigest = c.requestDigest;
      if (c.actor !== undefined) rated.actor = c.actor;
      const run = () => this.o.store.charge(rated, c.units);
      const outcome = c.voidOnLoss === false ? await this.retryOnce(run) : await this.decide(run, () => this.o.store.voidCharge(rated));
      if (outcome.kind === "voided") {
        const detail =
          "This charge was not made (metering was unavailable when it was first sent) and never will be: send it again with a new Idempotency-Key.";
        return { ok: false, problem: problem("conflict", detail) };
      }
      if (outcome.kind !== "charged") return { ok: false, problem: refusalProblem(outcome, plan.spec.currency), rateLimit: limits.headers };
      return {
        ok: true,
        eventId: c.eventId,
        accountId: key.accountId,
        keyId: key.keyId,
        planId: plan.spec.planId,
        productId: product.id,
        units: c.units,
        amount: outcome.amount,
        currency: plan.spec.currency,
        balance: outcome.balance,
        quotasExceeded: outcome.quotasExceeded,
        replayed: outcome.replayed === true,
        rateLimit: limits.headers,
      };
    } catch (error) {
      this.onError(error);
      return { ok: false, problem: problem("metering_unavailable") };
    }
  }

  /** Settle a reserved call once its response has ended: charge what it used (at most what was held), or refund it. */
  async settle(pending: PendingSettlement, result: CallResult): Promise<void> {
    try {
      await this.retryOnce(() => this.o.store.settle(pending.call, settlementOf(pending, result)));
    } catch (error) {
      // The reservation stays open and the reaper returns it: the caller is not charged for this call.
      this.onError(error);
    }
  }

  /**
   * A charge or reservation, decided before the call goes further. When its outcome cannot be learned, the
   * call is refused (503, by the caller's catch) and so must not stay charged, however late the script runs:
   * its void is queued, and retried until Redis has it.
   */
  private async decide<T>(op: () => Promise<T>, undo: () => Promise<unknown>): Promise<T> {
    try {
      return await this.retryOnce(op);
    } catch (error) {
      this.voids.add(undo);
      throw error;
    }
  }

  // A reply lost on the wire leaves us not knowing whether the script ran. Each script is idempotent by
  // event id (a receipt, or the reservation itself), so asking again is safe: it answers, never re-applies.
  private async retryOnce<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (first) {
      if (!isConnectionError(first)) throw first;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return op();
    }
  }
}

/**
 * Whether a call can be decided from a lease: nothing counted for the period (`track` off: a flat price, no
 * quota, no key cap) and the product's own price (no rate line by attribute).
 */
function leasable(c: RatedCall): boolean {
  return !c.track && c.line === "" && c.attributes === "";
}

/** A reply lost on the wire: whether the script ran is unknown, and asking again (by event id) is safe. */
export function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Connection is closed|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable/i.test(message);
}

/** Redis did not answer at all: a lost reply, a refused connection, a command that timed out or gave up. */
export function isRedisUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return isConnectionError(error) || /ECONNREFUSED|MaxRetriesPerRequest|Command timed out/i.test(message);
}

/** Usage whose product rates by an attribute, with no rate line for its value (or no value). */
export function noRateProblem(attribute: string, value: string | undefined): Problem {
  const detail =
    value === undefined
      ? `This product is rated by "${attribute}", which the usage does not give.`
      : `No rate for ${attribute} "${value}".`;
  return problem("no_rate", detail, { attribute, ...(value === undefined ? {} : { value }) });
}

/** The one mapping of store refusals to problems. */
export function refusalProblem(refusal: Refusal, currency: string): Problem {
  switch (refusal.kind) {
    case "insufficient_funds":
      return problem(
        "insufficient_funds",
        `This call costs up to ${refusal.amount} micros ${currency}; the balance is ${refusal.balance}.`,
        {
          balance: refusal.balance,
          amount: refusal.amount,
          // The same figure under its old name, for existing clients.
          price: refusal.amount,
          currency,
        },
      );
    case "no_wallet":
      return problem("no_wallet", `The account has no ${currency} wallet.`, { currency });
    case "account_inactive":
      // An active account whose recurring fee is due past its grace period: a matter of money, so 402.
      if (refusal.status === "unpaid")
        return problem("subscription_unpaid", "The account's recurring fee is unpaid: a top-up pays it and calls resume at once.");
      return problem("account_inactive", `The account is ${refusal.status}.`);
    case "quota_exceeded":
      return problem("quota_exceeded", `Quota "${refusal.quotaId}" is used up for this period.`, {
        quota: refusal.quotaId,
        used: refusal.used,
      });
    case "spend_cap_reached":
      return problem("spend_cap_reached", `This key has spent ${refusal.spent} of its ${refusal.cap} micros cap.`, {
        spent: refusal.spent,
        cap: refusal.cap,
        currency,
      });
    case "line_limit_reached":
      return problem("line_limit_reached", `This line has spent ${refusal.spent} of its ${refusal.limit} micros limit for the period.`, {
        spent: refusal.spent,
        limit: refusal.limit,
        currency,
      });
    case "payer_changed":
      return problem("unavailable", "The account joined or left a hierarchy while this call was decided: retry it.");
    case "key_inactive":
    case "unknown_account":
      return problem("unauthorized", "The API key is unknown, revoked or suspended.");
    case "voided":
      return problem("metering_unavailable");
    case "request_mismatch":
      return problem("idempotency_key_reused", "This Idempotency-Key was first used for another product, units or attributes.");
    case "bundle_exhausted":
      return problem(
        "bundle_exhausted",
        `Bundle ${refusal.bundleId} refuses overage, and the product's bundles do not cover this call's ${refusal.units} units.`,
        { bundle: refusal.bundleId, units: refusal.units },
      );
  }
}
