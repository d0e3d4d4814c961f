import type { Redis } from "ioredis";
import type { Keyspace } from "./keyspace.js";
import { CHARGE_RATED_LUA, RATE_ONLY_LUA, REAP_LUA, RESERVE_LUA, RatedCode, SETTLE_LUA, VOID_RESERVATION_LUA } from "./rated-scripts.js";
import { TOMBSTONE_TTL_SECONDS, voidEventArgs, voidResult, type VoidResult } from "./hot-store.js";
import { VOID_CHARGE_LUA } from "./scripts.js";
import type { CallIdentity } from "./types.js";

type Reply = (number | string)[];
interface RatedRedis extends Redis {
  tollgateChargeRated(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateReserve(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateSettle(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateReap(...args: (string | number)[]): Promise<number>;
  tollgateRate(...args: (string | number)[]): Promise<number>;
  tollgateVoidRated(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateVoidReservation(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
}

/** A quota as the scripts apply it for one call: its counter for the current period. */
export interface QuotaCheck {
  id: string;
  limit: number;
  hard: boolean;
  perUnit: boolean;
  period: string;
}

/** Who is calling and what they are charged by; the same for the charge, the reservation and the settlement. */
export interface RatedCall extends CallIdentity {
  /** The price as encodePrice() compiled it. */
  price: string;
  /** Period key of the price's usage counter, e.g. `2026-11`. */
  pricePeriod: string;
  percent: number;
  quotas: QuotaCheck[];
  keyCap: { limit: number; period: string } | undefined;
}

export type Refusal =
  | { kind: "insufficient_funds"; balance: number; price: number }
  | { kind: "unknown_account" }
  | { kind: "account_inactive"; status: string }
  | { kind: "key_inactive" }
  | { kind: "no_wallet" }
  | { kind: "quota_exceeded"; quotaId: string; used: number }
  | { kind: "spend_cap_reached"; spent: number; cap: number }
  | { kind: "voided" };

export type RatedResult = { kind: "charged"; balance: number; price: number; softExceeded: string[]; replayed: boolean } | Refusal;
export type ReserveResult = { kind: "reserved"; balance: number; amount: number } | Refusal;

export interface Settlement {
  units: number;
  refund: boolean;
  status: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

const COUNTER_TTL_SECONDS = 40 * 24 * 3600; // outlives a monthly period and its close

function refusal(reply: Reply): Refusal {
  const [code, a, b] = reply;
  switch (code) {
    case RatedCode.insufficientFunds:
      return { kind: "insufficient_funds", balance: Number(a), price: Number(b) };
    case RatedCode.unknownAccount:
      return { kind: "unknown_account" };
    case RatedCode.accountInactive:
      return { kind: "account_inactive", status: String(a) };
    case RatedCode.keyInactive:
      return { kind: "key_inactive" };
    case RatedCode.noWallet:
      return { kind: "no_wallet" };
    case RatedCode.quotaExceeded:
      return { kind: "quota_exceeded", quotaId: String(a), used: Number(b) };
    case RatedCode.spendCapReached:
      return { kind: "spend_cap_reached", spent: Number(a), cap: Number(b) };
    case RatedCode.voided:
      return { kind: "voided" };
    default:
      throw new Error(`rated script returned unknown code ${code}`);
  }
}

const softList = (s: unknown) => (typeof s === "string" && s.length > 0 ? s.trim().split(" ") : []);

/** Rated prices, limits and two-phase charging over the same keyspace as HotStore. */
export class RatedStore {
  private readonly redis: RatedRedis;

  constructor(
    redis: Redis,
    readonly keyspace: Keyspace,
    private readonly options: { chargeReceiptTtlSeconds?: number } = {},
  ) {
    redis.defineCommand("tollgateChargeRated", { lua: CHARGE_RATED_LUA });
    redis.defineCommand("tollgateReserve", { lua: RESERVE_LUA });
    redis.defineCommand("tollgateSettle", { lua: SETTLE_LUA });
    redis.defineCommand("tollgateReap", { numberOfKeys: 5, lua: REAP_LUA });
    redis.defineCommand("tollgateRate", { numberOfKeys: 0, lua: RATE_ONLY_LUA });
    redis.defineCommand("tollgateVoidRated", { lua: VOID_CHARGE_LUA });
    redis.defineCommand("tollgateVoidReservation", { lua: VOID_RESERVATION_LUA });
    this.redis = redis as RatedRedis;
  }

  private limitKeys(c: RatedCall): { spendKey: string; cap: number; quotaKeys: string[]; quotaArgs: (string | number)[] } {
    const ks = this.keyspace;
    return {
      spendKey: ks.keySpend(c.accountId, c.keyId, c.keyCap?.period ?? c.pricePeriod),
      cap: c.keyCap?.limit ?? -1,
      quotaKeys: c.quotas.map((q) => ks.quotaCounter(c.accountId, q.id, q.period)),
      quotaArgs: c.quotas.flatMap((q) => [q.limit, q.hard ? 1 : 0, q.perUnit ? 1 : 0, q.id]),
    };
  }

  /** Single phase: the units are known before forwarding. */
  async charge(c: RatedCall, units: number): Promise<RatedResult> {
    const ks = this.keyspace;
    const { spendKey, cap, quotaKeys, quotaArgs } = this.limitKeys(c);
    const partition = ks.partitionOf(c.accountId);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(partition),
      ks.chargeReceipt(c.accountId, c.eventId),
      ks.usageCounter(c.accountId, c.productId, c.pricePeriod),
      spendKey,
      ks.signalStream(partition),
      ...quotaKeys,
    ];
    const reply = await this.redis.tollgateChargeRated(
      keys.length,
      ...keys,
      c.accountId,
      c.keyId,
      c.planId,
      c.productId,
      c.currency,
      c.eventId,
      c.timestampMs,
      c.method,
      c.path,
      this.options.chargeReceiptTtlSeconds ?? 300,
      units,
      c.percent,
      c.price,
      cap,
      COUNTER_TTL_SECONDS,
      c.quotas.length,
      ...quotaArgs,
    );
    if (reply[0] === RatedCode.ok)
      return { kind: "charged", balance: Number(reply[1]), price: Number(reply[2]), softExceeded: softList(reply[3]), replayed: false };
    if (reply[0] === RatedCode.replayed) return { kind: "charged", balance: Number(reply[1]), price: 0, softExceeded: [], replayed: true };
    return refusal(reply);
  }

  /** Two-phase, first half: hold `amount` (the price's maximum) until the response ends. */
  async reserve(c: RatedCall, amount: number, ttlMs: number): Promise<ReserveResult> {
    const ks = this.keyspace;
    const { spendKey, cap, quotaKeys, quotaArgs } = this.limitKeys(c);
    const partition = ks.partitionOf(c.accountId);
    const keys = [
      ks.account(c.accountId),
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(partition),
      spendKey,
      ks.signalStream(partition),
      ks.chargeReceipt(c.accountId, c.eventId),
      ...quotaKeys,
    ];
    const reply = await this.redis.tollgateReserve(
      keys.length,
      ...keys,
      c.accountId,
      c.keyId,
      c.currency,
      c.eventId,
      amount,
      Date.now() + ttlMs,
      cap,
      COUNTER_TTL_SECONDS,
      c.quotas.length,
      ...quotaArgs,
    );
    if (reply[0] === RatedCode.ok) return { kind: "reserved", balance: Number(reply[1]), amount: Number(reply[2]) };
    return refusal(reply);
  }

  /** Undo a single-phase rated charge whose outcome was lost, counters included, or make sure it never happens. */
  async voidCharge(c: RatedCall): Promise<VoidResult> {
    const ks = this.keyspace;
    const { spendKey, quotaKeys } = this.limitKeys(c);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(ks.partitionOf(c.accountId)),
      ks.chargeReceipt(c.accountId, c.eventId),
      ks.usageCounter(c.accountId, c.productId, c.pricePeriod),
      spendKey,
      ...quotaKeys,
    ];
    const [code] = await this.redis.tollgateVoidRated(
      keys.length,
      ...keys,
      ...voidEventArgs(c),
      1,
      c.quotas.length,
      ...c.quotas.map((q) => (q.perUnit ? 1 : 0)),
    );
    return voidResult(Number(code));
  }

  /** Release a reservation whose outcome was lost (no usage event: the call was not forwarded), or make sure it never happens. */
  async voidReservation(c: RatedCall): Promise<VoidResult> {
    const ks = this.keyspace;
    const { spendKey, quotaKeys } = this.limitKeys(c);
    const partition = ks.partitionOf(c.accountId);
    const keys = [
      ks.account(c.accountId),
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(partition),
      spendKey,
      ks.chargeReceipt(c.accountId, c.eventId),
      ...quotaKeys,
    ];
    const [code] = await this.redis.tollgateVoidReservation(
      keys.length,
      ...keys,
      TOMBSTONE_TTL_SECONDS,
      c.eventId,
      c.quotas.length,
      ...c.quotas.map((q) => (q.perUnit ? 1 : 0)),
    );
    return voidResult(Number(code));
  }

  /** Two-phase, second half: charge what was used (at most what was held), or refund; one usage event. */
  async settle(
    c: RatedCall,
    s: Settlement,
  ): Promise<{ kind: "settled"; balance: number; price: number; softExceeded: string[] } | { kind: "gone" }> {
    const ks = this.keyspace;
    const { spendKey, quotaKeys, quotaArgs } = this.limitKeys(c);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(ks.partitionOf(c.accountId)),
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(ks.partitionOf(c.accountId)),
      ks.usageCounter(c.accountId, c.productId, c.pricePeriod),
      spendKey,
      ...quotaKeys,
    ];
    const reply = await this.redis.tollgateSettle(
      keys.length,
      ...keys,
      c.eventId,
      s.units,
      c.percent,
      c.price,
      s.refund ? 1 : 0,
      s.status,
      s.durationMs,
      s.requestBytes,
      s.responseBytes,
      COUNTER_TTL_SECONDS,
      c.planId,
      c.productId,
      c.timestampMs,
      c.method,
      c.path,
      c.quotas.length,
      ...quotaArgs,
    );
    if (reply[0] === RatedCode.reservationGone) return { kind: "gone" };
    return { kind: "settled", balance: Number(reply[1]), price: Number(reply[2]), softExceeded: softList(reply[3]) };
  }

  /** Return every expired reservation of one partition; how many were returned. */
  async reap(partition: number, nowMs = Date.now()): Promise<number> {
    const ks = this.keyspace;
    const index = ks.reservations(partition);
    const expired = await this.redis.zrangebyscore(index, "-inf", nowMs, "LIMIT", 0, 500);
    let returned = 0;
    for (const eventId of expired) {
      // The reservation's own hash names its account and spend counter.
      const key = ks.reservationIn(partition, eventId);
      const [accountId, spendKey] = await this.redis.hmget(key, "acct", "ks");
      if (!accountId || !spendKey) {
        await this.redis.zrem(index, eventId);
        continue;
      }
      returned += await this.redis.tollgateReap(ks.account(accountId), key, index, spendKey, ks.usageStream(partition), eventId, nowMs);
    }
    return returned;
  }

  /** The Lua rating maths alone (tests hold it equal to core/rating.ts). */
  rate(price: string, before: number, units: number, percent: number): Promise<number> {
    return this.redis.tollgateRate(price, before, units, percent);
  }
}
