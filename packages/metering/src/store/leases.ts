import { randomBytes } from "node:crypto";
import { sendUnpipelined, type RedisClient } from "../redis.js";
import type { ChargeOutcome, LeaseStore, RatedCall } from "../core/charging.js";
import type { Reply } from "./coalescer.js";
import { refusal } from "./charge-store.js";
import type { Keyspace } from "./format.js";
import { Code, LEASE_CALL_ARGS, LEASE_LUA, LeaseCode } from "./scripts.js";

type LeaseRedis = RedisClient & { tollgateLease(...args: (string | number)[]): Promise<Reply> };

export interface LeaseOptions {
  /** The most calls' worth one grant holds (fewer as the balance shrinks). Default 100. */
  maxCalls?: number;
  /** How often spent calls are reported (their usage events written), at the latest. Default 100 ms. */
  reportMs?: number;
  /** Report at once when this many calls wait. Default 500. */
  maxWaiting?: number;
  /** Give a lease back after this long without a call. Default 10 s. */
  idleMs?: number;
}

/** How long the account's leased total outlives its last renewal (as long as a lease's own record). */
const LEASED_TOTAL_TTL_SECONDS = 7 * 86_400;

/** The leases map's key: one lease per account and currency. */
const leaseName = (accountId: string, currency: string) => `${accountId} ${currency}`;

/** One account's lease, in one currency, as this process holds it. */
interface Lease {
  id: string;
  accountId: string;
  currency: string;
  /** What it holds that this process has not spent. */
  held: number;
  /** What this process has spent from it in all (what a report says, so that a repeated report moves nothing twice). */
  spent: number;
  /** The wallet's balance at the last answer (what leases hold is not in it). */
  balance: number;
  /** Spend locally only until then: half the lease's lifetime after the last answer, well before the reaper may return it. */
  deadlineMs: number;
  lastCallMs: number;
  /** The key that spent last: a renewal checks it is still active. */
  keyId: string;
  /** The plan's reservation TTL: how long Redis keeps the lease without a report before the reaper may return it. */
  ttlMs: number;
  /** Calls spent and not yet reported, LEASE_CALL_ARGS values each. */
  waiting: (string | number)[];
  /** The report or renewal in flight: one at a time per lease. */
  busy: Promise<unknown> | undefined;
}

/** Whether a call of `amount` can be decided from the lease in memory: it holds enough, and is fresh. */
function usable(lease: Lease, amount: number): boolean {
  return lease.held >= amount && Date.now() < lease.deadlineMs;
}

/**
 * Leased mode on Redis (LEASE_LUA). A call spends from its account's lease in memory, synchronously, when
 * the lease holds enough and is fresh (a report in flight does not stop it); otherwise it waits for one
 * renewal (which also reports what waits) and tries again. Spent calls are reported at least every `reportMs`. Leases idle for `idleMs` are given back,
 * and every lease on close(). What a crash (SIGKILL) can cost: the calls spent and not yet reported, at most
 * one report interval's worth and never more than one lease: the reaper returns the lease's remainder once
 * its TTL passes, and those calls are not charged.
 */
export class RedisLeases implements LeaseStore {
  private readonly redis: LeaseRedis;
  private readonly leases = new Map<string, Lease>();
  private readonly nonce = randomBytes(6).toString("base64url");
  private sequence = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly maxCalls: number;
  private readonly maxWaiting: number;
  private readonly idleMs: number;

  constructor(
    redis: RedisClient,
    private readonly keyspace: Keyspace,
    private readonly onError: (error: unknown) => void,
    options: LeaseOptions = {},
  ) {
    redis.defineCommand("tollgateLease", { numberOfKeys: 6, lua: LEASE_LUA });
    // A renewal decides a call: it must fail after the command timeout when Redis stalls.
    sendUnpipelined(redis, "tollgateLease");
    this.redis = redis as LeaseRedis;
    this.maxCalls = options.maxCalls ?? 100;
    this.maxWaiting = options.maxWaiting ?? 500;
    this.idleMs = options.idleMs ?? 10_000;
    this.timer = setInterval(() => this.tick(), options.reportMs ?? 100);
    this.timer.unref();
  }

  spend(c: RatedCall, amount: number, ttlMs: number): ChargeOutcome | Promise<ChargeOutcome> {
    const lease = this.leases.get(leaseName(c.accountId, c.currency));
    if (lease !== undefined && usable(lease, amount)) return this.take(lease, c, amount);
    return this.renewAndSpend(c, amount, ttlMs);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.leases.values()].map((lease) => this.settle(lease, -1).catch(this.onError)));
  }

  private take(lease: Lease, c: RatedCall, amount: number): ChargeOutcome {
    lease.held -= amount;
    lease.spent += amount;
    lease.lastCallMs = Date.now();
    lease.keyId = c.keyId;
    lease.waiting.push(c.eventId, c.keyId, c.planId, c.productId, amount, c.timestampMs, c.method, c.path);
    if (lease.waiting.length >= this.maxWaiting * LEASE_CALL_ARGS && lease.busy === undefined) this.report(lease);
    return { kind: "charged", balance: lease.balance + lease.held, amount, quotasExceeded: [] };
  }

  private async renewAndSpend(c: RatedCall, amount: number, ttlMs: number): Promise<ChargeOutcome> {
    const name = leaseName(c.accountId, c.currency);
    // A few rounds at most: another call may take what a renewal granted before this one gets to it.
    for (let round = 0; round < 5; round++) {
      let lease = this.leases.get(name);
      if (lease === undefined) {
        lease = this.newLease(c.accountId, c.currency, c.keyId, ttlMs);
        this.leases.set(name, lease);
      }
      if (lease.busy !== undefined) {
        await lease.busy.catch(() => undefined);
      } else {
        lease.keyId = c.keyId;
        lease.ttlMs = ttlMs;
        const answer = await this.settle(lease, amount);
        if (answer !== undefined && !(answer.kind === "insufficient_funds" && usable(lease, amount))) return answer;
      }
      const now = this.leases.get(name);
      if (now !== undefined && usable(now, amount)) return this.take(now, c, amount);
    }
    return { kind: "insufficient_funds", balance: this.leases.get(name)?.balance ?? 0, amount };
  }

  /** Report in the background (the timer, a full batch): a failure leaves the calls waiting for the next try. */
  private report(lease: Lease): void {
    void this.settle(lease, 0).catch(this.onError);
  }

  /**
   * One LEASE_LUA run for `lease`: report what waits, then renew (`unit` > 0), keep (0) or give back (-1).
   * Resolves to a refusal when the lease was given back for one (the local lease is then forgotten).
   */
  private settle(lease: Lease, unit: number): Promise<ChargeOutcome | undefined> {
    const run = this.run(lease, unit);
    lease.busy = run;
    return run.finally(() => {
      if (lease.busy === run) lease.busy = undefined;
    });
  }

  private async run(lease: Lease, unit: number): Promise<ChargeOutcome | undefined> {
    const ks = this.keyspace;
    const partition = ks.partitionOf(lease.accountId);
    const waiting = lease.waiting;
    const spentAtSend = lease.spent;
    lease.waiting = [];
    const expiresAt = Date.now() + lease.ttlMs;
    let reply: Reply;
    try {
      reply = await this.redis.tollgateLease(
        ks.account(lease.accountId),
        ks.reservation(lease.accountId, lease.id),
        ks.reservations(partition),
        ks.leased(lease.accountId),
        ks.usageStream(partition),
        ks.signalStream(partition),
        lease.accountId,
        lease.keyId,
        lease.currency,
        lease.id,
        unit,
        this.maxCalls,
        expiresAt,
        LEASED_TOTAL_TTL_SECONDS,
        spentAtSend,
        waiting.length / LEASE_CALL_ARGS,
        ...waiting,
      );
    } catch (error) {
      // Unknown whether it ran: the calls wait again (sent again, the lease's count makes it harmless).
      lease.waiting = waiting.concat(lease.waiting);
      throw error;
    }
    const [code, first, second, fourth] = reply;
    if (code === LeaseCode.held || code === Code.insufficientFunds) {
      // What Redis holds for the lease, less what was spent from it while the answer was on its way.
      const held = code === LeaseCode.held ? first : fourth;
      lease.held = Number(held) - (lease.spent - spentAtSend);
      lease.balance = Number(code === LeaseCode.held ? second : first);
      lease.deadlineMs = expiresAt - lease.ttlMs / 2;
      return code === LeaseCode.held ? undefined : refusal(reply);
    }
    // Given back (asked, or refused): forget it; calls spent meanwhile go to a new lease's first report.
    this.forget(lease);
    if (code === LeaseCode.returned) return undefined;
    return refusal(reply);
  }

  /** A lease not yet granted, under an id of its own (this process's nonce and a sequence). */
  private newLease(accountId: string, currency: string, keyId: string, ttlMs: number): Lease {
    const id = `L${this.nonce}${(this.sequence++).toString(36)}`;
    return {
      id,
      accountId,
      currency,
      held: 0,
      spent: 0,
      balance: 0,
      deadlineMs: 0,
      lastCallMs: Date.now(),
      keyId,
      ttlMs,
      waiting: [],
      busy: undefined,
    };
  }

  private forget(lease: Lease): void {
    const name = leaseName(lease.accountId, lease.currency);
    if (this.leases.get(name) === lease) this.leases.delete(name);
    if (lease.waiting.length > 0) {
      // Spent after the report left: charged with the next lease of the account (a fresh lease's report takes
      // the calls from the balance when there is no lease).
      const orphan = { ...this.newLease(lease.accountId, lease.currency, lease.keyId, lease.ttlMs), waiting: lease.waiting };
      void this.run(orphan, -1).catch(this.onError);
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const lease of this.leases.values()) {
      if (lease.busy !== undefined) continue;
      if (now - lease.lastCallMs > this.idleMs) void this.settle(lease, -1).catch(this.onError);
      else if (lease.waiting.length > 0 || lease.deadlineMs - now < lease.ttlMs / 4) this.report(lease);
    }
  }
}
