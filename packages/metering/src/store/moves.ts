import { Cluster } from "ioredis";
import type { RedisClient } from "../redis.js";
import { inPartition, type Keyspace } from "./format.js";
import { MOVE_LUA } from "./scripts.js";

type ScriptedRedis = RedisClient & { tollgateMove(key: string, step: string, partition: number): Promise<number> };

/** The message on the invalidation channel that an account's keys now live in another partition. */
export const MOVED_MESSAGE = "moved:";

/**
 * Moving an account's hot state to another partition (docs/architecture.md, "Moving an account to its payer's
 * partition"): its partition is recorded in a hash outside the partitions (`movedPartitions`), which every process
 * loads into its keyspace at start and keeps current from the invalidation channel; the hash it leaves is fenced
 * (MOVE_LUA), so that a process that has not heard yet is refused there, looks the partition up again, and is
 * refused (never written to) until the account lives where it goes. The control plane drives the steps
 * (services/lines/move.ts); what lives in the new partition is rebuilt from the book of record there.
 */
export class MoveStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    private readonly keyspace: Keyspace,
  ) {
    redis.defineCommand("tollgateMove", { numberOfKeys: 1, lua: MOVE_LUA });
    this.redis = redis as ScriptedRedis;
  }

  /** Every moved account's partition, into this process's keyspace (at start, and after missed messages); answers them. */
  async load(): Promise<Map<string, number>> {
    const moved = await this.redis.hgetall(this.keyspace.movedPartitions());
    const partitions = new Map(Object.entries(moved).map(([accountId, partition]) => [accountId, Number(partition)]));
    for (const [accountId, partition] of partitions) this.keyspace.setPartition(accountId, partition);
    return partitions;
  }

  /** Look one account's partition up again (a script found the hash it used to live in fenced). Whether it changed. */
  async refresh(accountId: string): Promise<boolean> {
    const before = this.keyspace.partitionOf(accountId);
    const partition = await this.recorded(accountId);
    if (partition !== undefined) this.keyspace.setPartition(accountId, partition);
    return this.keyspace.partitionOf(accountId) !== before;
  }

  /**
   * Run a write on the account's hash where this process places it; when it found a moved account's tombstone
   * (`moved`) and the account is elsewhere now, once more there (`run` places its keys anew each time).
   */
  async whereItIs<T>(accountId: string, run: () => Promise<T>, moved: (result: T) => boolean): Promise<T> {
    const first = await run();
    return moved(first) && (await this.refresh(accountId)) ? run() : first;
  }

  /** One step of MOVE_LUA on the account's hash in `partition`; `to` is where it goes. */
  async step(
    accountId: string,
    partition: number,
    step: "fence" | "reopen" | "seal" | "bury" | "undo" | "clear",
    to: number,
  ): Promise<boolean> {
    return (await this.redis.tollgateMove(inPartition(this.keyspace.account(accountId), partition), step, to)) === 1;
  }

  /** The partition recorded for a moved account (undefined: never moved, or the record was lost with Redis). */
  async recorded(accountId: string): Promise<number | undefined> {
    const partition = await this.redis.hget(this.keyspace.movedPartitions(), accountId);
    return partition === null ? undefined : Number(partition);
  }

  /** Reservations and leases of the account still open where this process places it (a session's grant is one). */
  async openReservations(accountId: string): Promise<number> {
    const ks = this.keyspace;
    const partition = ks.partitionOf(accountId);
    const ids = await this.redis.zrange(ks.reservations(partition), 0, -1);
    let open = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const owners = await Promise.all(ids.slice(i, i + 500).map((id) => this.redis.hget(ks.reservationIn(partition, id), "acct")));
      open += owners.filter((owner) => owner === accountId).length;
    }
    return open;
  }

  /**
   * The account's period counters where this process places it (its usage, quota and key spend counters: the
   * book of record does not hold them), by a SCAN of the partition's keys of that account.
   */
  async counters(accountId: string): Promise<string[]> {
    const ks = this.keyspace;
    const glob = (key: string) => key.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
    const prefixes = [
      ks.usageCounter(accountId, "", "").slice(0, -1),
      ks.quotaCounter(accountId, "", "").slice(0, -1),
      ks.keySpend(accountId, "", "").slice(0, -1),
    ];
    // One pass over the keyspace (the cost of a SCAN is the keys it walks, not its pattern): the partition's keys
    // that name the account, then the three kinds of counter among them.
    const tag = ks.account(accountId);
    const match = `${glob(tag.slice(0, tag.indexOf("}") + 1))}:*:${glob(accountId)}:*`;
    const nodes = this.redis instanceof Cluster ? this.redis.nodes("master") : [this.redis];
    const found = new Set<string>();
    for (const node of nodes) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", match, "COUNT", 1_000);
        for (const key of keys) if (prefixes.some((prefix) => key.startsWith(prefix))) found.add(key);
        cursor = next;
      } while (cursor !== "0");
    }
    return [...found];
  }

  /**
   * Copy keys (strings: counters, receipts) into `partition` with their remaining lifetime, where they are absent.
   * Their old place is fenced: nothing changes them meanwhile.
   */
  async copy(keys: string[], partition: number): Promise<number> {
    let copied = 0;
    for (let i = 0; i < keys.length; i += 200) {
      const batch = keys.slice(i, i + 200);
      const read = await Promise.all(batch.map(async (key) => [await this.redis.get(key), await this.redis.pttl(key)] as const));
      const writes = batch.map(async (key, j) => {
        const [value, ttl] = read[j]!;
        if (value === null || ttl === -2) return;
        const target = inPartition(key, partition);
        const done = ttl > 0 ? await this.redis.set(target, value, "PX", ttl, "NX") : await this.redis.set(target, value, "NX");
        if (done !== null) copied++;
      });
      await Promise.all(writes);
    }
    return copied;
  }

  /** Which of these keys exist (where they are named). */
  async existing(keys: string[]): Promise<string[]> {
    const found = await Promise.all(keys.map(async (key) => ((await this.redis.exists(key)) === 1 ? key : undefined)));
    return found.filter((key): key is string => key !== undefined);
  }

  /**
   * Record that the account lives in `partition` from now on: in the hash every process loads, in this process's
   * keyspace, and on the invalidation channel for the others.
   */
  async record(accountId: string, partition: number): Promise<void> {
    await this.redis.hset(this.keyspace.movedPartitions(), accountId, partition);
    this.keyspace.setPartition(accountId, partition);
    await this.redis.publish(this.keyspace.invalidationChannel(), `${MOVED_MESSAGE}${accountId}:${partition}`);
  }
}
