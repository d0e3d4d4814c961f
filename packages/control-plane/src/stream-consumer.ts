import { Cluster } from "ioredis";
import type { RedisClient } from "@tollgate/metering";

/** On a cluster, the pause after a round of reads that found nothing (the lag it adds to an idle stream at most). */
const CLUSTER_IDLE_MS = 100;

/** An entry as XREADGROUP and XAUTOCLAIM return it. */
export type StreamEntry = [id: string, fields: string[]];

export interface StreamConsumerOptions {
  /** A connection of its own: it blocks on XREADGROUP. */
  redis: RedisClient;
  streams: string[];
  group: string;
  /** Stable per process slot (e.g. host name): a restarted consumer first finishes what it had read. */
  consumer: string;
  /**
   * Handle one read's entries (from one stream or several, each stream's in order); they are acknowledged and
   * deleted only once this resolves.
   */
  handle(entries: StreamEntry[]): Promise<void>;
  /** The most entries one read takes from each stream. */
  batchSize?: number;
  blockMs?: number;
  /**
   * After a read that found some entries but fewer than a batch, wait this long before the next one, so that
   * a steady trickle is handled in batches rather than entry by entry (the writes a batch costs are mostly per
   * write, not per entry). It adds at most this much to how long an entry waits. 0: read again at once.
   */
  lingerMs?: number;
  /** Take over entries another consumer has held unacknowledged this long (it is presumed dead). Off when absent. */
  claimIdleMs?: number;
  claimEveryMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  /** Told of each failed read or batch, before the consumer waits and tries again. */
  onError?: (error: unknown) => void;
}

/**
 * The one loop that reads Redis streams through a consumer group, at least once: entries are acknowledged
 * (and deleted) only after `handle` has finished with them, so a crash leaves them pending, to be read again
 * by this consumer when it restarts, or claimed by another after `claimIdleMs`. Handlers make that exactly
 * once (unique ids, idempotent effects). If Redis lost its data, the groups are recreated and reading goes on.
 */
export class StreamConsumer {
  private readonly o: Required<Omit<StreamConsumerOptions, "log" | "claimIdleMs" | "onError">> &
    Pick<StreamConsumerOptions, "log" | "claimIdleMs" | "onError">;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;
  private wake: (() => void) | undefined;

  constructor(options: StreamConsumerOptions) {
    this.o = { batchSize: 500, blockMs: 1000, claimEveryMs: 5_000, lingerMs: 0, ...options };
  }

  async start(): Promise<void> {
    await this.ensureGroups();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async ensureGroups(): Promise<void> {
    for (const stream of this.o.streams) {
      try {
        await this.o.redis.xgroup("CREATE", stream, this.o.group, "0", "MKSTREAM");
      } catch (error) {
        if (!String(error).includes("BUSYGROUP")) throw error;
      }
    }
  }

  private async run(): Promise<void> {
    let drained = false;
    while (this.running) {
      try {
        if (!drained) drained = (await this.read("0", 0)) === 0; // what this consumer read before a crash
        if (this.o.claimIdleMs !== undefined && Date.now() - this.lastClaim >= this.o.claimEveryMs)
          await this.claimStale(this.o.claimIdleMs);
        const count = await this.read(">", this.o.blockMs);
        if (count > 0 && count < this.o.batchSize && this.o.lingerMs > 0 && this.running) await this.linger();
      } catch (error) {
        this.o.onError?.(error);
        this.o.log?.("stream consumer error", { group: this.o.group, error: String(error) });
        // Redis lost its data (streams and groups with it): recreate the groups and read on.
        if (String(error).includes("NOGROUP")) await this.ensureGroups().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private linger(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.o.lingerMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = undefined));
  }

  /**
   * Read every stream once; returns how many entries it handled. On one server, one XREADGROUP over all the
   * streams, blocking up to `blockMs` for the first entry. On a cluster, where each stream has a hash slot of
   * its own and a command may not span slots (even on one node), one read per stream, all sent at once (each
   * to its node); when all come back empty, a pause of up to CLUSTER_IDLE_MS before the next round. A stream
   * whose read fails (its group gone with Redis' data) fails the round only after what the other streams
   * delivered is handled: entries read are this consumer's pending ones, which only a claim would find again.
   */
  private async read(from: "0" | ">", blockMs: number): Promise<number> {
    const { redis, streams } = this.o;
    let replies: [stream: string, entries: StreamEntry[]][];
    let failure: { reason: unknown } | undefined;
    const cluster = redis instanceof Cluster;
    if (cluster) {
      const settled = await Promise.allSettled(streams.map((stream) => this.fetch([stream], from, 0)));
      replies = settled.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
      failure = settled.find((r) => r.status === "rejected");
    } else {
      replies = await this.fetch(streams, from, blockMs);
    }
    // One batch of everything read, in stream order, whichever way it was read.
    const count = await this.handle(replies.filter(([, entries]) => entries.length > 0));
    if (failure !== undefined) throw failure.reason;
    if (cluster && count === 0 && blockMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(blockMs, CLUSTER_IDLE_MS)));
    return count;
  }

  private async fetch(streams: string[], from: "0" | ">", blockMs: number): Promise<[stream: string, entries: StreamEntry[]][]> {
    const { redis, group, consumer, batchSize } = this.o;
    const args: (string | number)[] = ["GROUP", group, consumer, "COUNT", batchSize];
    if (blockMs > 0) args.push("BLOCK", blockMs);
    args.push("STREAMS", ...streams, ...streams.map(() => from));
    return ((await redis.call("XREADGROUP", ...args)) as [stream: string, entries: StreamEntry[]][] | null) ?? [];
  }

  private async claimStale(idleMs: number): Promise<void> {
    this.lastClaim = Date.now();
    const { redis, group, consumer, batchSize } = this.o;
    for (const stream of this.o.streams) {
      let cursor = "0-0";
      do {
        const [next, entries] = (await redis.call("XAUTOCLAIM", stream, group, consumer, idleMs, cursor, "COUNT", batchSize)) as [
          string,
          StreamEntry[],
        ];
        if (entries.length > 0) {
          this.o.log?.("claimed stale entries", { group, stream, count: entries.length });
          await this.handle([[stream, entries]]);
        }
        cursor = next;
      } while (cursor !== "0-0");
    }
  }

  private async handle(read: [stream: string, entries: StreamEntry[]][]): Promise<number> {
    const entries = read.flatMap(([, e]) => e);
    if (entries.length === 0) return 0;
    await this.o.handle(entries);
    // Acknowledged stream by stream: on a cluster each stream has a slot of its own.
    await Promise.all(
      read.map(([stream, e]) => {
        const ids = e.map(([id]) => id);
        return this.o.redis
          .pipeline()
          .xack(stream, this.o.group, ...ids)
          .xdel(stream, ...ids)
          .exec();
      }),
    );
    return entries.length;
  }
}
