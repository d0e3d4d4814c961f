import { duplicateForWaiting, type RedisClient } from "../redis.js";
import { LRUCache } from "lru-cache";
import type { CompiledPlan } from "../core/catalog.js";
import type { KeyDirectory, KeyRecord, Resolved } from "../core/charging.js";
import type { HotStore } from "./hot-store.js";
import { MOVED_MESSAGE } from "./moves.js";

export interface DirectoryOptions {
  /** Most key records kept in process. */
  maxKeys?: number;
  /** Longest a cached record is trusted without hearing from the control plane. */
  ttlMs?: number;
  /** How long an unknown key is remembered as unknown (it costs the caller nothing to retry). */
  negativeTtlMs?: number;
}

const UNKNOWN = Symbol("unknown");

/**
 * API key → account, plan and price, from an in-process LRU in front of the records the control plane
 * publishes to Redis. The control plane announces every change on a channel and the matching entries are
 * dropped at once; a reconnect of the subscriber drops everything, since messages may have been missed.
 */
export class Directory implements KeyDirectory {
  private readonly keys: LRUCache<string, KeyRecord | typeof UNKNOWN>;
  private readonly plans: LRUCache<string, CompiledPlan>;
  private readonly inflight = new Map<string, Promise<Resolved | undefined>>();
  private readonly negativeTtlMs: number;
  /** Bumped by every invalidation, so that a lookup which raced one does not cache what it read. */
  private generation = 0;
  private subscriber: RedisClient | undefined;
  /** Lookups answered from the cache, and those that read Redis (a metric). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly store: HotStore,
    options: DirectoryOptions = {},
  ) {
    const ttl = options.ttlMs ?? 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 2_000;
    this.keys = new LRUCache({ max: options.maxKeys ?? 100_000, ttl });
    this.plans = new LRUCache({ max: 10_000, ttl });
  }

  /** Subscribe to invalidations on a connection of its own (a subscribed connection can do nothing else). */
  async listen(redis: RedisClient): Promise<void> {
    const subscriber = duplicateForWaiting(redis);
    this.subscriber = subscriber;
    let subscribedOnce = false;
    subscriber.on("ready", () => {
      if (subscribedOnce) {
        this.clear();
        // Moves announced while the connection was down (a process that missed one is fenced until it reloads).
        void this.store.moves.load().catch(() => undefined);
      }
      subscribedOnce = true;
    });
    subscriber.on("message", (_channel: string, message: string) => this.invalidate(message));
    subscriber.on("error", () => {
      // Reconnects on its own; until then entries age out by TTL and `ready` clears them all.
    });
    await subscriber.subscribe(this.store.keyspace.invalidationChannel());
    await this.store.moves.load();
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  invalidate(message: string): void {
    this.generation++;
    if (message.startsWith(MOVED_MESSAGE)) {
      // `moved:<accountId>:<partition>`: the account's keys live in that partition from now on (store/moves.ts).
      const at = message.lastIndexOf(":");
      this.store.keyspace.setPartition(message.slice(MOVED_MESSAGE.length, at), Number(message.slice(at + 1)));
    } else if (message.startsWith("key:")) this.keys.delete(message.slice(4));
    else if (message.startsWith("plan:")) this.plans.delete(message.slice(5));
    else this.clear();
  }

  clear(): void {
    this.generation++;
    this.keys.clear();
    this.plans.clear();
  }

  resolve(keyHash: string): Promise<Resolved | undefined> | Resolved | undefined {
    const key = this.keys.get(keyHash);
    if (key === UNKNOWN) {
      this.stats.hits++;
      return undefined;
    }
    if (key !== undefined) {
      const plan = this.plans.get(key.planId);
      if (plan !== undefined) {
        this.stats.hits++;
        return { key, plan };
      }
    }
    this.stats.misses++;
    // Concurrent misses for one key share one lookup.
    let pending = this.inflight.get(keyHash);
    if (pending === undefined) {
      pending = this.load(keyHash).finally(() => this.inflight.delete(keyHash));
      this.inflight.set(keyHash, pending);
    }
    return pending;
  }

  /** A plan by id, compiled: from the cache, or read from Redis (undefined when it is not published). */
  async plan(planId: string): Promise<CompiledPlan | undefined> {
    const known = this.plans.get(planId);
    if (known !== undefined) return known;
    const generation = this.generation;
    const plan = await this.store.readPlan(planId);
    if (plan !== undefined && generation === this.generation) this.plans.set(planId, plan);
    return plan;
  }

  private async load(keyHash: string): Promise<Resolved | undefined> {
    const generation = this.generation;
    const key = await this.store.readApiKey(keyHash);
    const plan = key && (await this.plan(key.planId));
    const fresh = generation === this.generation;
    if (key === undefined || plan === undefined) {
      if (fresh) this.keys.set(keyHash, UNKNOWN, { ttl: this.negativeTtlMs });
      return undefined;
    }
    if (fresh) this.keys.set(keyHash, key);
    return { key, plan };
  }
}
