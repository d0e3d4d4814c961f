import { createEventIdGenerator } from "./event-id.js";
import { hashApiKey } from "./api-key.js";
import { matchProduct, type CompiledPlan, type CompiledProduct } from "./catalog.js";
import { localTime, periodKey } from "./clock.js";
import { problem, type Problem } from "./problems.js";
import { timeOfUsePercent } from "./rating.js";
import type { RateDecision, RateLimitHeaders, RateLimits } from "./rate-limits.js";
import { PendingVoids } from "./voids.js";
import type { Directory } from "../store/directory.js";
import type { HotStore } from "../store/hot-store.js";
import type { RatedCall, RatedStore, Refusal } from "../store/rated-store.js";
import type { ChargeRequest, ChargeResult, KeyRecord } from "../store/types.js";

/** One call as the meter sees it: nothing framework-specific. */
export interface Call {
  apiKey: string | undefined;
  method: string;
  path: string;
  /** The request body's size when declared (Content-Length). */
  requestBytes: number | undefined;
}

/** How a forwarded call ended, for two-phase charging. */
export interface CallResult {
  status: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  /** Units the upstream reported in the price's units header (0 when absent or malformed). */
  units: number;
  /** The caller went away before the response was complete. */
  aborted: boolean;
}

export type MeterOutcome =
  | {
      ok: true;
      /** Free routes carry no charge and no event. */
      charged: { eventId: string; amount: number; reserved: boolean; currency: string; balance: number } | undefined;
      accountId: string;
      keyId: string;
      rateLimit: RateLimitHeaders | undefined;
      /** Present for two-phase charges: call it once, when the response has ended. */
      settle: ((result: CallResult) => Promise<void>) | undefined;
      /** For a units-priced product: the response header that carries them. */
      unitsHeader: string | undefined;
    }
  | { ok: false; problem: Problem; rateLimit?: RateLimitHeaders; retryAfterSeconds?: number };

export interface MeterOptions {
  store: HotStore;
  rated: RatedStore;
  directory: Directory;
  rateLimits: RateLimits;
  /** Called when metering itself fails (Redis unreachable, a script error): the call is refused. */
  onError?: (error: unknown) => void;
}

const MAX_PATH = 512;
const unauthorized = (detail: string): MeterOutcome => ({ ok: false, problem: problem("unauthorized", detail) });

/**
 * identify → rate limit → charge (or reserve), as one decision. Refusals are outcomes, not exceptions; an
 * exception means metering could not decide, and then the call is refused (fail closed): nothing unpaid is
 * ever forwarded.
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

  /** Deliver what is still pending (graceful shutdown). */
  close(): Promise<void> {
    return this.voids.close();
  }

  async charge(call: Call): Promise<MeterOutcome> {
    if (call.apiKey === undefined) return unauthorized("Send your API key as `Authorization: Bearer <key>` or `X-Api-Key`.");
    try {
      const resolved = await this.o.directory.resolve(hashApiKey(call.apiKey));
      if (resolved === undefined || resolved.key.status !== "active") return unauthorized("The API key is unknown or revoked.");
      const { key, plan } = resolved;
      const product = matchProduct(plan, call.method, call.path);
      if (product === "refuse") return { ok: false, problem: problem("not_in_plan", `${call.method} ${call.path} is not in the plan.`) };

      const limits: RateDecision = await this.o.rateLimits.consume(plan.spec, key.accountId, key.keyId);
      if (limits.kind === "unavailable") throw limits.error;
      if (limits.kind === "limited") {
        return {
          ok: false,
          problem: problem("rate_limited", `Limit "${limits.limitId}" reached.`, { limit: limits.limitId }),
          rateLimit: limits.headers,
          retryAfterSeconds: limits.retryAfterSeconds,
        };
      }
      const base = { ok: true as const, accountId: key.accountId, keyId: key.keyId, rateLimit: limits.headers, unitsHeader: undefined };
      if (product === "free") return { ...base, charged: undefined, settle: undefined };
      return await this.chargeProduct(call, key, plan, product, base);
    } catch (error) {
      this.onError(error);
      return { ok: false, problem: problem("metering_unavailable") };
    }
  }

  private async chargeProduct(
    call: Call,
    key: KeyRecord,
    plan: CompiledPlan,
    product: CompiledProduct,
    base: { ok: true; accountId: string; keyId: string; rateLimit: RateLimitHeaders | undefined; unitsHeader: undefined },
  ): Promise<MeterOutcome> {
    const currency = plan.spec.currency;
    const eventId = this.nextEventId();
    const now = Date.now();
    const path = call.path.length > MAX_PATH ? call.path.slice(0, MAX_PATH) : call.path;

    if (product.mode === "flat" && key.spendCap === undefined) {
      // The fast path: one script, no counters.
      const request: ChargeRequest = {
        accountId: key.accountId,
        keyId: key.keyId,
        planId: plan.spec.planId,
        currency,
        price: product.price.tiers[0]!.unitPrice,
        eventId,
        timestampMs: now,
        method: call.method,
        path,
      };
      const result = await this.decide(
        () => this.o.store.charge(request),
        () => this.o.store.voidCharge(request),
      );
      if (result.kind !== "charged") return { ok: false, problem: refusalProblem(result, request.price, currency) };
      return {
        ...base,
        charged: { eventId, amount: request.price, reserved: false, currency, balance: result.balance },
        settle: undefined,
      };
    }

    const local = localTime(plan.spec.timeZone, now);
    const price = product.price;
    const rated: RatedCall = {
      accountId: key.accountId,
      keyId: key.keyId,
      planId: plan.spec.planId,
      productId: product.id,
      currency,
      eventId,
      timestampMs: now,
      method: call.method,
      path,
      price: product.encoded,
      pricePeriod: periodKey(local, price.period),
      percent: timeOfUsePercent(price.timeOfUse, local.weekday, local.minute),
      quotas: product.quotas.map((q) => ({
        id: q.id,
        limit: q.limit,
        hard: q.enforcement === "hard",
        perUnit: q.metric === "units",
        period: periodKey(local, q.period),
      })),
      keyCap: key.spendCap ? { limit: key.spendCap.amount, period: periodKey(local, key.spendCap.period) } : undefined,
    };

    if (product.mode !== "two-phase") {
      let units = 1;
      if (price.metric === "request_bytes") {
        if (call.requestBytes === undefined) return { ok: false, problem: problem("length_required") };
        units = call.requestBytes;
      }
      const result = await this.decide(
        () => this.o.rated.charge(rated, units),
        () => this.o.rated.voidCharge(rated),
      );
      if (result.kind !== "charged") return { ok: false, problem: refusalProblem(result, 0, currency) };
      return { ...base, charged: { eventId, amount: result.price, reserved: false, currency, balance: result.balance }, settle: undefined };
    }

    const amount = price.maximum ?? price.tiers[0]!.unitPrice;
    const reserved = await this.decide(
      () => this.o.rated.reserve(rated, amount, plan.spec.reservationTtlSeconds * 1000),
      () => this.o.rated.voidReservation(rated),
    );
    if (reserved.kind !== "reserved") return { ok: false, problem: refusalProblem(reserved, amount, currency) };
    const refund = plan.spec.refund;
    const settle = async (r: CallResult): Promise<void> => {
      const units =
        price.metric === "response_bytes"
          ? r.responseBytes
          : price.metric === "duration_ms"
            ? r.durationMs
            : price.metric === "units"
              ? r.units
              : price.metric === "request_bytes"
                ? r.requestBytes
                : 1;
      const refunded = (r.aborted && refund.clientAbort) || (!r.aborted && r.status >= 500 && refund.upstreamError);
      try {
        await this.retryOnce(() =>
          this.o.rated.settle(rated, {
            units,
            refund: refunded,
            status: r.aborted ? 499 : r.status,
            durationMs: r.durationMs,
            requestBytes: r.requestBytes,
            responseBytes: r.responseBytes,
          }),
        );
      } catch (error) {
        // The reservation stays open and the reaper returns it: the caller is not charged for this call.
        this.onError(error);
      }
    };
    return {
      ...base,
      unitsHeader: price.unitsHeader,
      charged: { eventId, amount, reserved: true, currency, balance: reserved.balance },
      settle,
    };
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

function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Connection is closed|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable/i.test(message);
}

function refusalProblem(result: Exclude<ChargeResult, { kind: "charged" }> | Refusal, price: number, currency: string): Problem {
  switch (result.kind) {
    case "insufficient_funds": {
      const amount = "price" in result ? result.price : price;
      return problem("insufficient_funds", `This call costs up to ${amount} micros ${currency}; the balance is ${result.balance}.`, {
        balance: result.balance,
        price: amount,
        currency,
      });
    }
    case "no_wallet":
      return problem("no_wallet", `The account has no ${currency} wallet.`, { currency });
    case "account_inactive":
      return problem("account_inactive", `The account is ${result.status}.`);
    case "quota_exceeded":
      return problem("quota_exceeded", `Quota "${result.quotaId}" is used up for this period.`, {
        quota: result.quotaId,
        used: result.used,
      });
    case "spend_cap_reached":
      return problem("spend_cap_reached", `This key has spent ${result.spent} of its ${result.cap} micros cap.`, {
        spent: result.spent,
        cap: result.cap,
        currency,
      });
    case "key_inactive":
    case "unknown_account":
      return problem("unauthorized", "The API key is unknown or revoked.");
    case "voided":
      return problem("metering_unavailable");
  }
}
