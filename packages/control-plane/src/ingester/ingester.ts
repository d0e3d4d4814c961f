import type { Redis } from "ioredis";
import type { Keyspace } from "@tollgate/gateway-plugin/store";
import { newId } from "../ids.js";
import type { Models, UsageEvent } from "../models/index.js";
import { ensureGroups, isLostGroup } from "../stream-groups.js";

export interface IngesterOptions {
  /** A connection of its own: it blocks on XREADGROUP. */
  redis: Redis;
  keyspace: Keyspace;
  models: Models;
  /** Stable per process slot (e.g. host name): a restarted ingester first finishes what it had read. */
  consumer: string;
  group?: string;
  batchSize?: number;
  blockMs?: number;
  /** Entries another consumer has held this long unacknowledged are taken over (it is presumed dead). */
  claimIdleMs?: number;
  claimEveryMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

type StreamEntry = [id: string, fields: string[]];
type StreamReply = [stream: string, entries: StreamEntry[]][] | null;

/**
 * Moves usage events from the partitioned Redis streams into MongoDB, exactly once: the insert is
 * idempotent by event id (a duplicate is not an error), and an entry is acknowledged and deleted only after
 * its write. A crash between the two leaves the entry pending, to be read again by this consumer at start
 * or claimed by another after `claimIdleMs`.
 */
export class Ingester {
  private readonly o: Required<Omit<IngesterOptions, "log">> & Pick<IngesterOptions, "log">;
  private readonly streams: string[];
  private running = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;

  constructor(options: IngesterOptions) {
    this.o = { group: "ingest", batchSize: 500, blockMs: 1000, claimIdleMs: 30_000, claimEveryMs: 5_000, ...options };
    this.streams = options.keyspace.usageStreams();
  }

  async start(): Promise<void> {
    await ensureGroups(this.o.redis, this.streams, this.o.group);
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    let drained = false;
    while (this.running) {
      try {
        if (!drained) drained = (await this.read("0", 0)) === 0; // what this consumer read before a crash
        if (Date.now() - this.lastClaim >= this.o.claimEveryMs) await this.claimStale();
        await this.read(">", this.o.blockMs);
      } catch (error) {
        this.o.log?.("ingester error", { error: String(error) });
        // Redis lost its data (streams and groups with it): recreate the groups and read on.
        if (isLostGroup(error)) await ensureGroups(this.o.redis, this.streams, this.o.group).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** One XREADGROUP over every partition; returns how many entries it ingested. */
  private async read(from: "0" | ">", blockMs: number): Promise<number> {
    const { redis, group, consumer, batchSize } = this.o;
    const args: (string | number)[] = ["GROUP", group, consumer, "COUNT", batchSize];
    if (blockMs > 0) args.push("BLOCK", blockMs);
    args.push("STREAMS", ...this.streams, ...this.streams.map(() => from));
    const reply = (await redis.call("XREADGROUP", ...args)) as StreamReply;
    let count = 0;
    for (const [stream, entries] of reply ?? []) count += await this.ingest(stream, entries);
    return count;
  }

  private async claimStale(): Promise<void> {
    this.lastClaim = Date.now();
    const { redis, group, consumer, claimIdleMs, batchSize } = this.o;
    for (const stream of this.streams) {
      let cursor = "0-0";
      do {
        const [next, entries] = (await redis.call("XAUTOCLAIM", stream, group, consumer, claimIdleMs, cursor, "COUNT", batchSize)) as [
          string,
          StreamEntry[],
        ];
        if (entries.length > 0) {
          this.o.log?.("claimed stale usage", { stream, count: entries.length });
          await this.ingest(stream, entries);
        }
        cursor = next;
      } while (cursor !== "0-0");
    }
  }

  private async ingest(stream: string, entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const ingestedAt = new Date();
    const events = entries.map(([, fields]) => toUsageEvent(fields, ingestedAt));
    // A void (a refused call's charge, undone by its gateway) usually follows its charge closely: in the same
    // batch, the event is simply recorded as refunded; otherwise the void is applied on its own.
    const voided = new Map(events.filter((e) => e.void).map((e) => [e.event._id, e.event]));
    const docs = events.filter((e) => !e.void).map((e) => voided.get(e.event._id) ?? e.event);
    if (docs.length > 0) await insertIgnoringDuplicates(this.o.models, docs);
    for (const [eventId, refunded] of voided) {
      if (!docs.some((d) => d._id === eventId)) await applyVoid(this.o.models, refunded);
    }
    const ids = entries.map(([id]) => id);
    await this.o.redis
      .pipeline()
      .xack(stream, this.o.group, ...ids)
      .xdel(stream, ...ids)
      .exec();
    return entries.length;
  }
}

async function insertIgnoringDuplicates(models: Models, docs: UsageEvent[]): Promise<void> {
  try {
    // The raw collection: events are already typed and shaped by our own script; no casting needed.
    await models.UsageEvent.collection.insertMany(docs as unknown as Record<string, unknown>[], { ordered: false });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

/**
 * A call whose charge its gateway undid (it had answered 503): record the event as refunded, price 0, if it
 * is not in MongoDB yet (the charge's own entry, coming later, is then a duplicate); if it is, its price was
 * or will be booked with the usage, so the refund goes to the ledger as a `usage` entry of its own (once, by
 * its key) before the event is marked refunded. Idempotent: a crash anywhere leaves the stream entry to redo.
 */
async function applyVoid(models: Models, refunded: UsageEvent): Promise<void> {
  const inserted = await models.UsageEvent.collection.insertOne(refunded as unknown as Record<string, unknown>).then(
    () => true,
    (error: unknown) => {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    },
  );
  if (inserted) return;
  const charged = await models.UsageEvent.findById(refunded._id).lean();
  if (charged === null || charged.refunded === true) return;
  const wallet = await models.Wallet.findOne({ accountId: charged.accountId, currency: charged.currency }).lean();
  if (wallet !== null && charged.price > 0) {
    const now = new Date();
    await models.LedgerEntry.create({
      _id: newId("led"),
      walletId: wallet._id,
      accountId: charged.accountId,
      currency: charged.currency,
      type: "usage",
      amount: charged.price,
      usageCount: 0,
      idempotencyKey: `refund:${charged._id}`,
      requestHash: "refund",
      actor: "system:gateway",
      reason: `call ${charged._id} refused (503) after its charge was sent: refunded`,
      createdAt: now,
      appliedAt: now, // the gateway's void already gave the money back in Redis
    }).catch((error: unknown) => {
      if ((error as { code?: number }).code !== 11000) throw error;
    });
  }
  await models.UsageEvent.updateOne({ _id: charged._id }, { $set: { refunded: true, status: refunded.status } });
}

function toUsageEvent(fields: string[], ingestedAt: Date): { event: UsageEvent; void: boolean } {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  // Flat charges write the short form (no product, units, status); rated and two-phase ones the long form.
  const event: UsageEvent = {
    _id: f.id!,
    accountId: f.a!,
    keyId: f.k!,
    planId: f.p!,
    currency: f.c!,
    price: Number(f.amt),
    method: f.m!,
    path: f.path!,
    productId: f.pr || "default",
    units: num(f.u) ?? 1,
    timestamp: new Date(Number(f.ts)),
    ingestedAt,
  };
  if (f.st !== undefined) event.status = f.st === "reaped" ? 0 : Number(f.st);
  if (num(f.dur) !== undefined) event.durationMs = num(f.dur)!;
  if (num(f.rqb) !== undefined) event.requestBytes = num(f.rqb)!;
  if (num(f.rsb) !== undefined) event.responseBytes = num(f.rsb)!;
  if (f.rf === "1") event.refunded = true;
  if (f.qx) event.quotasExceeded = f.qx.trim().split(" ");
  // A void entry carries the refunded charge (negative): the event it leaves behind charged nothing.
  if (f.vd === "1") return { event: { ...event, price: 0 }, void: true };
  return { event, void: false };
}

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((e: { code?: number }) => e.code === 11000);
}
