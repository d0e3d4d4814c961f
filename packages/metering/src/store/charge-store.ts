import type { RedisClient } from "../redis.js";
import type {
  ChargeOutcome,
  ChargeStore,
  RatedCall,
  Refusal,
  ReserveOutcome,
  Settlement,
  SettleOutcome,
  VoidOutcome,
} from "../core/charging.js";
import { decodeBundleTakes, inPartition, MOVE_STATUS, type Keyspace } from "./format.js";
import { MoveStore } from "./moves.js";
import { Coalescer, type Reply } from "./coalescer.js";
import { Code, MeterOp, RATE_ONLY_LUA, REAP_LUA, VOID_CHARGE_LUA, VOID_RESERVATION_LUA, VoidCode } from "./scripts.js";

type ScriptedRedis = RedisClient & {
  tollgateVoidCharge(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateVoidReservation(numKeys: number, ...args: (string | number)[]): Promise<Reply>;
  tollgateReap(...args: (string | number)[]): Promise<number>;
  tollgateRate(...args: (string | number)[]): Promise<[number, number]>;
};

export interface ChargeStoreOptions {
  /** How long a charge receipt is kept, so that a retry of the same event id is answered, not re-applied. */
  chargeReceiptTtlSeconds?: number;
  /**
   * Delete a charge's receipt once its answer has arrived (with the partition's next batch): the gateway's
   * calls, whose event id is asked again only when an answer was lost (a retry, a void). Off (the default): kept
   * for `chargeReceiptTtlSeconds`, for a client that may repeat its Idempotency-Key (direct charges).
   */
  receiptsUntilAnswered?: boolean;
  /** The most charges, reservations and settlements of one partition sent as one script run (default 100). */
  maxBatch?: number;
  /** Told the size of each batch sent (a metric). */
  onBatch?: (size: number) => void;
}

/** How long a period counter lives (usage, quotas, key and line spend): it outlives a monthly period and its close. */
export const COUNTER_TTL_SECONDS = 40 * 24 * 3600;
/** How long a void's tombstone stays: far longer than a charge stuck in a stalled Redis could wait to run. */
const TOMBSTONE_TTL_SECONDS = 24 * 3600;

/** The one decoder of the scripts' refusals. */
export function refusal(reply: Reply): Refusal {
  const [code, a, b] = reply;
  switch (code) {
    case Code.insufficientFunds:
      return { kind: "insufficient_funds", balance: Number(a), amount: Number(b) };
    case Code.unknownAccount:
      return { kind: "unknown_account" };
    case Code.accountInactive:
      // Its hot state is moving to its payer's partition (store/moves.ts): refused, to be retried at once.
      if (a === MOVE_STATUS.moving || a === MOVE_STATUS.moved) return { kind: "payer_changed" };
      return { kind: "account_inactive", status: String(a) };
    case Code.keyInactive:
      return { kind: "key_inactive" };
    case Code.noWallet:
      return { kind: "no_wallet" };
    case Code.quotaExceeded:
      return { kind: "quota_exceeded", quotaId: String(a), used: Number(b) };
    case Code.spendCapReached:
      return { kind: "spend_cap_reached", spent: Number(a), cap: Number(b) };
    case Code.voided:
      return { kind: "voided" };
    case Code.requestMismatch:
      return { kind: "request_mismatch" };
    case Code.bundleExhausted:
      return { kind: "bundle_exhausted", bundleId: String(a), units: Number(b) };
    case Code.lineLimitReached:
      return { kind: "line_limit_reached", spent: Number(a), limit: Number(b) };
    case Code.payerChanged:
      return { kind: "payer_changed" };
    default:
      throw new Error(`charge script returned unknown code ${String(code)}`);
  }
}

function voidOutcome(code: number | string | undefined): VoidOutcome {
  if (code === VoidCode.moved) throw new Error("the account moved to another partition: the void is sent again there");
  if (code === Code.payerChanged) throw new Error("the void named another payer than the reservation: the reaper returns it");
  if (code === VoidCode.tombstoned) return "tombstoned";
  if (code === VoidCode.alreadyVoid) return "already_void";
  if (code === VoidCode.refunded) return "refunded";
  throw new Error(`void script returned unknown code ${String(code)}`);
}

const softList = (s: unknown) => (typeof s === "string" && s.length > 0 ? s.trim().split(" ") : []);
/** The bundles a charge or settlement took from, when any did. */
const takes = (s: unknown) => {
  const bundles = decodeBundleTakes(typeof s === "string" ? s : undefined);
  return bundles.length > 0 ? { bundles } : {};
};

/** The charging path on Redis: every script runs on the call's account hash slot. */
export class RedisChargeStore implements ChargeStore {
  private readonly redis: ScriptedRedis;
  private readonly receiptTtl: number;
  private readonly meter: Coalescer;
  private readonly untilAnswered: boolean;
  private readonly moves: MoveStore;

  constructor(
    redis: RedisClient,
    readonly keyspace: Keyspace,
    options: ChargeStoreOptions = {},
  ) {
    this.meter = new Coalescer(redis, options.maxBatch, options.onBatch);
    redis.defineCommand("tollgateVoidCharge", { lua: VOID_CHARGE_LUA });
    redis.defineCommand("tollgateVoidReservation", { lua: VOID_RESERVATION_LUA });
    redis.defineCommand("tollgateReap", { numberOfKeys: 6, lua: REAP_LUA });
    redis.defineCommand("tollgateRate", { numberOfKeys: 0, lua: RATE_ONLY_LUA });
    this.redis = redis as ScriptedRedis;
    this.moves = new MoveStore(redis, keyspace);
    this.receiptTtl = options.chargeReceiptTtlSeconds ?? 300;
    this.untilAnswered = options.receiptsUntilAnswered === true;
  }

  private spendKey(c: RatedCall): string {
    return this.keyspace.keySpend(c.accountId, c.keyId, c.keyCap?.period ?? c.pricePeriod);
  }

  /**
   * The wallet's account hash and the line's spend counter, for the voids (their scripts take them at fixed
   * places): a line's payer's hash and its own counter (for its limit's period, the month), or, for an account
   * that pays for itself, its own hash and the key spend counter again (which they then do not touch).
   */
  private payerKeys(c: RatedCall, spendKey: string): [string, string] {
    return this.lineKeysOf(c) ?? [this.keyspace.account(c.accountId), spendKey];
  }

  /** The keys only a line's charge, reservation and settlement send, after the quotas'. */
  private lineKeys(c: RatedCall): string[] {
    return this.lineKeysOf(c) ?? [];
  }

  /** A line's payer's hash and its spend counter (for its limit's period, the month); undefined for an account that pays for itself. */
  private lineKeysOf(c: RatedCall): [string, string] | undefined {
    if (c.payerId === undefined) return undefined;
    return [this.keyspace.account(c.payerId), this.keyspace.lineSpend(c.accountId, c.linePeriod ?? c.pricePeriod)];
  }

  private quotaKeys(c: RatedCall): string[] {
    return c.quotas.map((q) => this.keyspace.quotaCounter(c.accountId, q.id, q.period));
  }

  private quotaArgs(c: RatedCall): (string | number)[] {
    return c.quotas.flatMap((q) => [q.limit, q.hard ? 1 : 0, q.perUnit ? 1 : 0, q.id]);
  }

  /**
   * A line's hash and its payer's share a slot; a process that sees them apart has not heard that the line moved
   * to its payer's partition (store/moves.ts), or its key record is newer than the move: it looks the line up
   * again, and while they are still apart the call is refused (never sent: its keys would span two slots).
   */
  private apart(c: RatedCall): boolean {
    return c.payerId !== undefined && this.keyspace.partitionOf(c.accountId) !== this.keyspace.partitionOf(c.payerId);
  }

  private async stillApart(c: RatedCall): Promise<boolean> {
    await this.moves.refresh(c.accountId);
    return this.apart(c);
  }

  async charge(c: RatedCall, units: number): Promise<ChargeOutcome> {
    if (this.apart(c) && (await this.stillApart(c))) return { kind: "payer_changed" };
    const ks = this.keyspace;
    const partition = ks.partitionOf(c.accountId);
    const receipt = ks.chargeReceipt(c.accountId, c.eventId);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(partition),
      receipt,
      ks.usageCounter(c.accountId, c.counter, c.pricePeriod),
      this.spendKey(c),
      ks.signalStream(partition),
      ks.chargeRequest(c.accountId, c.eventId),
      ...this.quotaKeys(c),
      ...this.lineKeys(c),
    ];
    const args = [
      c.accountId,
      c.keyId,
      c.planId,
      c.productId,
      c.currency,
      c.eventId,
      c.timestampMs,
      c.method,
      c.path,
      this.receiptTtl,
      units,
      c.percent,
      c.price,
      c.keyCap?.limit ?? -1,
      COUNTER_TTL_SECONDS,
      c.track ? 1 : 0,
      c.attributes,
      c.line,
      c.requestDigest ?? "",
      c.payerId ?? "",
      c.quotas.length,
      ...this.quotaArgs(c),
    ];
    if (c.actor !== undefined) args.push(c.actor);
    const reply = await this.meter.send(partition, MeterOp.charge, keys, args, this.untilAnswered ? receipt : undefined);
    if (reply[0] === Code.ok) {
      return {
        kind: "charged",
        balance: Number(reply[1]),
        amount: Number(reply[2]),
        quotasExceeded: softList(reply[3]),
        ...takes(reply[4]),
      };
    }
    if (reply[0] === Code.replayed)
      return { kind: "charged", balance: Number(reply[1]), amount: Number(reply[2]), quotasExceeded: [], replayed: true };
    return this.refused(c, reply);
  }

  /** A refusal; when it came from a moved account's tombstone, this process looks its partition up again. */
  private async refused(c: RatedCall, reply: Reply): Promise<Refusal> {
    if (reply[0] === Code.accountInactive && reply[1] === MOVE_STATUS.moved) await this.moves.refresh(c.accountId);
    return refusal(reply);
  }

  /** The period's usage of the call's product (or rate line) so far: what its next units are rated after (tiers, allowances). */
  async usageSoFar(c: RatedCall): Promise<number> {
    return Number((await this.redis.get(this.keyspace.usageCounter(c.accountId, c.counter, c.pricePeriod))) ?? 0);
  }

  async reserve(c: RatedCall, amount: number, ttlMs: number): Promise<ReserveOutcome> {
    if (this.apart(c) && (await this.stillApart(c))) return { kind: "payer_changed" };
    const ks = this.keyspace;
    const partition = ks.partitionOf(c.accountId);
    const keys = [
      ks.account(c.accountId),
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(partition),
      this.spendKey(c),
      ks.signalStream(partition),
      ks.chargeReceipt(c.accountId, c.eventId),
      ...this.quotaKeys(c),
      ...this.lineKeys(c),
    ];
    const reply = await this.meter.send(partition, MeterOp.reserve, keys, [
      c.accountId,
      c.keyId,
      c.currency,
      c.eventId,
      amount,
      Date.now() + ttlMs,
      c.keyCap?.limit ?? -1,
      COUNTER_TTL_SECONDS,
      c.productId,
      c.timestampMs,
      c.payerId ?? "",
      c.quotas.length,
      ...this.quotaArgs(c),
    ]);
    if (reply[0] === Code.ok) return { kind: "reserved", balance: Number(reply[1]), amount: Number(reply[2]) };
    return this.refused(c, reply);
  }

  async settle(c: RatedCall, s: Settlement): Promise<SettleOutcome> {
    const ks = this.keyspace;
    const partition = ks.partitionOf(c.accountId);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(partition),
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(partition),
      ks.usageCounter(c.accountId, c.counter, c.pricePeriod),
      this.spendKey(c),
      ...this.quotaKeys(c),
      ...this.lineKeys(c),
    ];
    const args = [
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
      c.done,
      c.attributes,
      c.line,
      c.payerId ?? "",
      c.quotas.length,
      ...this.quotaArgs(c),
    ];
    if (c.actor !== undefined) args.push(c.actor);
    const reply = await this.meter.send(partition, MeterOp.settle, keys, args);
    // Named another payer than the reservation's (the account joined or left a hierarchy between its reserve
    // and its settle): nothing moved, and the reaper returns what it holds to the payer it names.
    if (reply[0] === Code.reservationGone || reply[0] === Code.payerChanged) return { kind: "gone" };
    return {
      kind: "settled",
      balance: Number(reply[1]),
      amount: Number(reply[2]),
      quotasExceeded: softList(reply[3]),
      ...takes(reply[4]),
    };
  }

  async voidCharge(c: RatedCall): Promise<VoidOutcome> {
    const ks = this.keyspace;
    const spendKey = this.spendKey(c);
    const keys = [
      ks.account(c.accountId),
      ks.usageStream(ks.partitionOf(c.accountId)),
      ks.chargeReceipt(c.accountId, c.eventId),
      ks.usageCounter(c.accountId, c.counter, c.pricePeriod),
      spendKey,
      ...this.payerKeys(c, spendKey),
      ...this.quotaKeys(c),
    ];
    const identity = [c.eventId, c.accountId, c.keyId, c.planId, c.productId, c.currency, c.timestampMs, c.method, c.path];
    const perUnit = c.quotas.map((q) => (q.perUnit ? 1 : 0));
    const [code] = await this.redis.tollgateVoidCharge(
      keys.length,
      ...keys,
      TOMBSTONE_TTL_SECONDS,
      ...identity,
      c.track ? 1 : 0,
      c.payerId ?? "",
      c.quotas.length,
      ...perUnit,
    );
    if (code === VoidCode.moved) await this.moves.refresh(c.accountId);
    return voidOutcome(code);
  }

  async voidReservation(c: RatedCall): Promise<VoidOutcome> {
    const ks = this.keyspace;
    const partition = ks.partitionOf(c.accountId);
    const spendKey = this.spendKey(c);
    const [wallet, lineSpend] = this.payerKeys(c, spendKey);
    const keys = [
      wallet,
      ks.reservation(c.accountId, c.eventId),
      ks.reservations(partition),
      spendKey,
      ks.chargeReceipt(c.accountId, c.eventId),
      lineSpend,
      ...this.quotaKeys(c),
    ];
    const perUnit = c.quotas.map((q) => (q.perUnit ? 1 : 0));
    const [code] = await this.redis.tollgateVoidReservation(
      keys.length,
      ...keys,
      TOMBSTONE_TTL_SECONDS,
      c.eventId,
      c.payerId ?? "",
      c.quotas.length,
      ...perUnit,
    );
    return voidOutcome(code);
  }

  /** Return every expired reservation of one partition (their gateway died); how many were returned. */
  async reap(partition: number, nowMs = Date.now()): Promise<number> {
    const ks = this.keyspace;
    const index = ks.reservations(partition);
    const expired = await this.redis.zrangebyscore(index, "-inf", nowMs, "LIMIT", 0, 500);
    let returned = 0;
    for (const eventId of expired) {
      // The reservation's own hash names its account (or the payer whose money it holds) and counters.
      const key = ks.reservationIn(partition, eventId);
      const [accountId, spendKey, payerId, lineSpend] = await this.redis.hmget(key, "acct", "ks", "py", "ls");
      if (!accountId || !spendKey) {
        await this.redis.zrem(index, eventId);
        continue;
      }
      returned += await this.runReap(partition, key, eventId, nowMs, { accountId, spendKey, payerId, lineSpend });
    }
    return returned;
  }

  /**
   * REAP_LUA on one reservation, with the keys its hash names: the wallet it holds money of (its payer's, for a
   * line's), its key's spend counter and its line's. The wallet's hash is taken in the reservation's partition:
   * it was there when the reservation was made (one slot), and a move waits for the account's reservations to end,
   * so this holds even in a process that has not heard of a move (its view would name the tombstone).
   */
  private runReap(
    partition: number,
    key: string,
    eventId: string,
    nowMs: number,
    r: { accountId: string; spendKey: string; payerId?: string | null | undefined; lineSpend?: string | null | undefined },
  ): Promise<number> {
    const ks = this.keyspace;
    return this.redis.tollgateReap(
      inPartition(ks.account(r.payerId || r.accountId), partition),
      key,
      ks.reservations(partition),
      r.spendKey,
      ks.usageStream(partition),
      r.lineSpend || r.spendKey,
      eventId,
      nowMs,
    );
  }

  /**
   * Return one reservation if it has lapsed by `nowMs`, by the reaper's own script, so that the reaper and
   * another caller racing return it once: `gone` when it was not there (settled, or returned already), `held`
   * with its expiry when it has not lapsed yet.
   */
  async reapOne(
    accountId: string,
    eventId: string,
    nowMs = Date.now(),
  ): Promise<{ kind: "returned" } | { kind: "gone" } | { kind: "held"; untilMs: number }> {
    const ks = this.keyspace;
    const partition = ks.partitionOf(accountId);
    const key = ks.reservation(accountId, eventId);
    const [expiresAtMs, spendKey, payerId, lineSpend] = await this.redis.hmget(key, "exp", "ks", "py", "ls");
    if (!expiresAtMs || !spendKey) return { kind: "gone" };
    if (Number(expiresAtMs) > nowMs) return { kind: "held", untilMs: Number(expiresAtMs) };
    const returned = await this.runReap(partition, key, eventId, nowMs, { accountId, spendKey, payerId, lineSpend });
    return returned === 1 ? { kind: "returned" } : { kind: "gone" };
  }

  /** The Lua rating maths alone (tests hold it equal to core/rating.ts): a charge's amount and the units it adds. */
  async rate(price: string, before: number, units: number, percent: number, done = 0): Promise<{ amount: number; added: number }> {
    const [amount, added] = await this.redis.tollgateRate(price, before, units, percent, done);
    return { amount, added };
  }
}
