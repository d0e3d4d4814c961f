import { randomBytes } from "node:crypto";
import { sendUnpipelined, type RedisClient } from "../redis.js";
import type { ChargeOutcome, LeaseStore, RatedCall } from "../core/charging.js";
import type { Reply } from "./coalescer.js";
import { refusal } from "./charge-store.js";
import { MOVE_STATUS, type Keyspace } from "./format.js";
import { MoveStore } from "./moves.js";
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
  /** The most units of a product's bundles one lease asks to hold. Default 100. */
  maxUnits?: number;
}

/** Units of one bundle a lease holds: spent in this order (the bundles' consumption order), until `exp`. */
interface HeldUnits {
  product: string;
  bundleId: string;
  units: number;
  exp: number;
}

/** The lease script's `ub` ("product,bundleId,units,expiresAtMs;…"). */
function heldUnits(text: unknown): HeldUnits[] {
  if (typeof text !== "string" || text === "") return [];
  return text.split(";").map((item) => {
    const [product, bundleId, units, exp] = item.split(",");
    return { product: product!, bundleId: bundleId!, units: Number(units), exp: Number(exp) };
  });
}

/** After a product found no units to hold, it is not asked for again this long (its calls go exactly meanwhile). */
const NO_UNITS_BACKOFF_MS = 1_000;

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
  /** Bundle units it holds that this process has not spent, and the units spent from them in all. */
  units: HeldUnits[];
  unitsSpent: number;
  /** Units taken by bundle since the last run was sent: taken off what its answer says the lease holds. */
  unitTakes: Map<string, number>;
  /** The product whose units the next run asks for, if any. */
  want: string | undefined;
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
  private readonly moves: MoveStore;
  private readonly leases = new Map<string, Lease>();
  private readonly nonce = randomBytes(6).toString("base64url");
  private sequence = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly maxCalls: number;
  private readonly maxWaiting: number;
  private readonly idleMs: number;
  private readonly maxUnits: number;
  /** Account, currency and product that found no units to hold, until when (not asked again before). */
  private readonly noUnits = new Map<string, number>();

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
    this.moves = new MoveStore(redis, keyspace);
    this.maxCalls = options.maxCalls ?? 100;
    this.maxWaiting = options.maxWaiting ?? 500;
    this.idleMs = options.idleMs ?? 10_000;
    this.maxUnits = options.maxUnits ?? 100;
    this.timer = setInterval(() => this.tick(), options.reportMs ?? 100);
    this.timer.unref();
  }

  spend(c: RatedCall, amount: number, ttlMs: number): ChargeOutcome | Promise<ChargeOutcome> {
    const lease = this.leases.get(leaseName(c.accountId, c.currency));
    if (lease !== undefined && usable(lease, amount)) return this.take(lease, c, amount);
    return this.renewAndSpend(c, amount, ttlMs);
  }

  spendUnits(c: RatedCall, units: number, ttlMs: number): ChargeOutcome | undefined | Promise<ChargeOutcome | undefined> {
    const name = leaseName(c.accountId, c.currency);
    let lease = this.leases.get(name);
    const held = this.heldFor(lease, c, units);
    if (held !== undefined) return held;
    // A run of the lease in flight may bring the product's units: wait for it once (this process's calls do not
    // decide exactly while units are on their way to it).
    if (lease?.busy !== undefined) {
      return lease.busy.then(
        () => this.heldFor(this.leases.get(name), c, units),
        () => undefined,
      );
    }
    const now = Date.now();
    // Not enough held: this call is decided exactly, and the lease asks for the product's units (unless none were
    // to be had a moment ago).
    const miss = `${name} ${c.productId}`;
    if ((this.noUnits.get(miss) ?? 0) > now) return undefined;
    if (lease === undefined) {
      lease = this.newLease(c.accountId, c.currency, c.keyId, ttlMs);
      this.leases.set(name, lease);
    }
    lease.want = c.productId;
    lease.keyId = c.keyId;
    lease.ttlMs = ttlMs;
    if (lease.busy === undefined) this.report(lease);
    return undefined;
  }

  /** The call paid from the units `lease` holds for its product, when they cover it whole and the lease is fresh. */
  private heldFor(lease: Lease | undefined, c: RatedCall, units: number): ChargeOutcome | undefined {
    const now = Date.now();
    if (lease === undefined || now >= lease.deadlineMs) return undefined;
    const mine = lease.units.filter((u) => u.product === c.productId && u.exp > now && u.units > 0);
    return mine.reduce((sum, u) => sum + u.units, 0) >= units ? this.takeUnits(lease, c, mine, units) : undefined;
  }

  private takeUnits(lease: Lease, c: RatedCall, held: HeldUnits[], units: number): ChargeOutcome {
    const bundles: { bundleId: string; units: number }[] = [];
    let need = units;
    for (const h of held) {
      if (need === 0) break;
      const n = Math.min(h.units, need);
      h.units -= n;
      need -= n;
      bundles.push({ bundleId: h.bundleId, units: n });
      lease.unitTakes.set(h.bundleId, (lease.unitTakes.get(h.bundleId) ?? 0) + n);
    }
    lease.unitsSpent += units;
    lease.lastCallMs = Date.now();
    lease.keyId = c.keyId;
    const bn = bundles.map((b) => `${b.bundleId}:${b.units}`).join(" ");
    lease.waiting.push(c.eventId, c.keyId, c.planId, c.productId, 0, c.timestampMs, c.method, c.path, bn);
    if (lease.waiting.length >= this.maxWaiting * LEASE_CALL_ARGS && lease.busy === undefined) this.report(lease);
    return { kind: "charged", balance: lease.balance + lease.held, amount: 0, quotasExceeded: [], bundles };
  }

  /** Resolves when no lease's run is in flight (what was asked of Redis so far has been answered). */
  async quiesce(): Promise<void> {
    const runs = [...this.leases.values()].flatMap((lease) => (lease.busy === undefined ? [] : [lease.busy.catch(() => undefined)]));
    await Promise.all(runs);
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
    lease.waiting.push(c.eventId, c.keyId, c.planId, c.productId, amount, c.timestampMs, c.method, c.path, "");
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
    const unitsAtSend = lease.unitsSpent;
    const takesAtSend = lease.unitTakes;
    const want = unit >= 0 ? lease.want : undefined;
    lease.waiting = [];
    lease.unitTakes = new Map();
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
        unitsAtSend,
        want ?? "",
        want === undefined ? 0 : this.maxUnits,
        Date.now(),
        waiting.length / LEASE_CALL_ARGS,
        ...waiting,
      );
    } catch (error) {
      // Unknown whether it ran: the calls wait again (sent again, the lease's count makes it harmless).
      lease.waiting = waiting.concat(lease.waiting);
      for (const [bundleId, n] of takesAtSend) lease.unitTakes.set(bundleId, (lease.unitTakes.get(bundleId) ?? 0) + n);
      throw error;
    }
    if (reply[0] === Code.accountInactive && reply[1] === MOVE_STATUS.moved) {
      // A moved account's tombstone recorded nothing: the calls wait again, for where the account is now (no lease
      // there: they are taken from its balance, as after any lease lost).
      lease.waiting = waiting.concat(lease.waiting);
      for (const [bundleId, n] of takesAtSend) lease.unitTakes.set(bundleId, (lease.unitTakes.get(bundleId) ?? 0) + n);
      // Whatever it held stays where it was (the move rebuilt the balance from the book of record): none to spend.
      lease.held = 0;
      lease.units = [];
      await this.moves.refresh(lease.accountId);
      throw new Error(`account ${lease.accountId} moved to another partition: its lease's calls are reported there`);
    }
    const [code, first, second, fourth, ub] = reply;
    if (want !== undefined && lease.want === want) lease.want = undefined;
    if (code === LeaseCode.held || code === Code.insufficientFunds) {
      // What Redis holds for the lease, less what was spent from it while the answer was on its way.
      const held = code === LeaseCode.held ? first : fourth;
      lease.held = Number(held) - (lease.spent - spentAtSend);
      lease.units = heldUnits(ub).map((u) => ({ ...u, units: u.units - (lease.unitTakes.get(u.bundleId) ?? 0) }));
      lease.balance = Number(code === LeaseCode.held ? second : first);
      lease.deadlineMs = expiresAt - lease.ttlMs / 2;
      if (want !== undefined && !lease.units.some((u) => u.product === want && u.units > 0))
        this.noUnits.set(`${leaseName(lease.accountId, lease.currency)} ${want}`, Date.now() + NO_UNITS_BACKOFF_MS);
      return code === LeaseCode.held ? undefined : refusal(reply);
    }
    if (want !== undefined) this.noUnits.set(`${leaseName(lease.accountId, lease.currency)} ${want}`, Date.now() + NO_UNITS_BACKOFF_MS);
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
      units: [],
      unitsSpent: 0,
      unitTakes: new Map(),
      want: undefined,
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
    for (const [miss, until] of this.noUnits) if (until <= now) this.noUnits.delete(miss);
    for (const lease of this.leases.values()) {
      if (lease.busy !== undefined) continue;
      if (now - lease.lastCallMs > this.idleMs) void this.settle(lease, -1).catch(this.onError);
      else if (lease.waiting.length > 0 || lease.deadlineMs - now < lease.ttlMs / 4) this.report(lease);
    }
  }
}
