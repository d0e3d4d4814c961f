import type { RedisClient } from "@tollgate/metering";
import { BundleStore, decodeUsageEntry, walletOwnerOf, type Keyspace, type UsageEntry } from "@tollgate/metering/store";
import { newId } from "../ids.js";
import {
  insertManyOnce,
  insertOnce,
  UNIT_ENTRY_ID,
  type LedgerEntry,
  type Models,
  type UnitEntry,
  type UsageEvent,
} from "../models/index.js";
import { recordEntry } from "../services/ledger/record.js";
import { addToBacklog } from "../services/ledger/backlog.js";
import { StreamConsumer, type StreamEntry } from "../stream-consumer.js";
import { recordLedgerIntent } from "../services/reports/intents.js";
import { tellBundleThresholds } from "../services/notifications/bundles.js";

export interface IngesterOptions {
  /** A connection of its own: it blocks on XREADGROUP. */
  redis: RedisClient;
  keyspace: Keyspace;
  models: Models;
  /** Stable per process slot (e.g. host name): a restarted ingester first finishes what it had read. */
  consumer: string;
  group?: string;
  batchSize?: number;
  /** After a read of less than a batch, wait this long before the next (50 ms): a trickle is written in batches. */
  lingerMs?: number;
  blockMs?: number;
  /** Entries another consumer has held this long unacknowledged are taken over (it is presumed dead). */
  claimIdleMs?: number;
  claimEveryMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  /** Told how many entries each batch ingested (a metric). */
  onIngested?: (count: number) => void;
  /** Told of each failed read or batch (a metric); the consumer retries by itself. */
  onError?: (error: unknown) => void;
}

/**
 * Moves usage events from the partitioned Redis streams into MongoDB, exactly once: the insert is
 * idempotent by event id (a duplicate is not an error), and an entry is acknowledged and deleted only after
 * its write (StreamConsumer). A crash between the two leaves the entry pending, to be read again by this
 * consumer at start or claimed by another after `claimIdleMs`.
 */
export class Ingester {
  private readonly consumer: StreamConsumer;
  /** What each bundle has left, read after its use is booked (threshold notifications). */
  private readonly bundles: BundleStore;
  /** The bundle crossings this process has told (see tellBundleThresholds). */
  private readonly told = new Set<string>();

  constructor(private readonly options: IngesterOptions) {
    this.bundles = new BundleStore(options.redis, options.keyspace);
    this.consumer = new StreamConsumer({
      redis: options.redis,
      streams: options.keyspace.usageStreams(),
      group: options.group ?? "ingest",
      consumer: options.consumer,
      claimIdleMs: options.claimIdleMs ?? 30_000,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
      ...(options.claimEveryMs === undefined ? {} : { claimEveryMs: options.claimEveryMs }),
      ...(options.log === undefined ? {} : { log: options.log }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
      lingerMs: options.lingerMs ?? 50,
      handle: (entries) => this.ingest(entries),
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  private async ingest(entries: StreamEntry[]): Promise<void> {
    const ingestedAt = new Date();
    const decoded = entries.map(([, fields]) => decodeUsageEntry(fields));
    const events = decoded.map((e) => toUsageEvent(e, ingestedAt));
    // A void (a refused call's charge, undone by its gateway) usually follows its charge closely: in the same
    // batch, the event is simply recorded as refunded; otherwise the void is applied on its own.
    const voided = new Map(events.filter((e) => e.void).map((e) => [e.event._id, e.event]));
    const docs = events.filter((e) => !e.void).map((e) => voided.get(e.event._id) ?? e.event);
    await storeUsageEvents(this.options.models, docs);
    await storeUnitEntries(this.options.models, decoded, ingestedAt);
    // Before the batch is acknowledged: a crash detects its crossings again, and they notify once.
    await tellBundleThresholds(
      { models: this.options.models },
      this.bundles,
      decoded.filter((e) => !e.void).flatMap((e) => (e.bundles ?? []).map((b) => ({ accountId: e.accountId, bundleId: b.bundleId }))),
      this.told,
    );
    for (const [eventId, refunded] of voided) {
      if (!docs.some((d) => d._id === eventId)) await applyVoid(this.options.models, refunded);
    }
    this.options.onIngested?.(entries.length);
  }
}

const INSERT_CHUNK = 500;

/**
 * Write usage events as the ingester does, idempotently by event id: the events, then the booking backlog (a
 * document per wallet). An event already in MongoDB (written before a crash, or its charge and its void
 * written by two ingesters at once) goes to the backlog as stored, read back by `_id`: the backlog always
 * agrees with the events, whichever write won. A crash in between leaves the stream entries to be written
 * again, and then their events are read back. A call in the backlog twice, or booked already, is booked once
 * (its assignment). In writes of at most INSERT_CHUNK: one read may hold a batch from each of many streams, and
 * one long write holds FerretDB's SQLite lock for all other writers.
 */
export async function storeUsageEvents(models: Models, docs: UsageEvent[]): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    let chunk = docs.slice(i, i + INSERT_CHUNK);
    if (!(await insertManyOnce(models.UsageEvent, chunk))) {
      const stored = await Promise.all(chunk.map((e) => models.UsageEvent.findById(e._id).lean<UsageEvent>()));
      chunk = stored.filter((e) => e !== null);
    }
    await addToBacklog(models, chunk);
  }
}

/**
 * A call whose charge its gateway undid (it had answered 503): record the event as refunded, amount 0, if it
 * is not in MongoDB yet (the charge's own entry, coming later, is then a duplicate); if it is, its amount was
 * or will be booked with the usage, so the refund goes to the ledger as a `usage` entry of its own (once, by
 * its key) before the event is marked refunded. Idempotent: a crash anywhere leaves the stream entry to redo.
 */
async function applyVoid(models: Models, refunded: UsageEvent): Promise<void> {
  if (await insertOnce(models.UsageEvent, refunded)) {
    // Booked like any call (amount 0): a call of its entry. (A crash before this: see storeUsageEvents.)
    await addToBacklog(models, [refunded]);
    return;
  }
  const charged = await models.UsageEvent.findById(refunded._id).lean();
  if (charged === null) return;
  if (charged.refunded === true) {
    // Done before; the backlog write may not have been (a crash): again, as stored (a call booked already, or
    // in the backlog twice, is booked once).
    await addToBacklog(models, [charged]);
    return;
  }
  // The wallet that paid: a line's payer's.
  const owner = walletOwnerOf(charged);
  const wallet = await models.Wallet.findOne({ accountId: owner, currency: charged.currency }).lean();
  if (wallet !== null && charged.amount > 0) {
    const now = new Date();
    const refund: LedgerEntry = {
      _id: newId("led"),
      walletId: wallet._id,
      accountId: owner,
      currency: charged.currency,
      type: "usage",
      amount: charged.amount,
      usageCount: 0,
      idempotencyKey: `refund:${charged._id}`,
      requestHash: "refund",
      actor: "system:gateway",
      reason: `call ${charged._id} refused (503) after its charge was sent: refunded`,
      createdAt: now,
      appliedAt: now, // the gateway's void already gave the money back in Redis
    };
    // The refund as it is stored (a repeat finds the first one's id), recorded for the reports before the
    // event is marked refunded, so that a crash in between redoes both.
    const stored = await recordEntry({ models }, refund);
    await recordLedgerIntent({ models }, stored.entry);
  }
  // Its amount stays what booking took (a backlog re-read of it must book the same): the refund is its own entry.
  await models.UsageEvent.updateOne(
    { _id: charged._id },
    { $set: { refunded: true, status: refunded.status, refundedAmount: charged.amount } },
  );
}

/**
 * Book what bundles paid (and voids gave back) into the unit ledger: one entry per usage event and bundle, by
 * an id derived from both, so that an entry read again (a crash before its acknowledgement, a claim) is a
 * duplicate. A charge and its void are two entries (usage, refund) whatever order they arrive in.
 */
export async function storeUnitEntries(models: Models, entries: UsageEntry[], createdAt: Date): Promise<void> {
  const units: UnitEntry[] = entries.flatMap((e) =>
    (e.bundles ?? []).map((t) => ({
      _id: e.void ? UNIT_ENTRY_ID.refund(e.eventId, t.bundleId) : UNIT_ENTRY_ID.usage(e.eventId, t.bundleId),
      bundleId: t.bundleId,
      accountId: e.accountId,
      productId: e.productId,
      type: e.void ? ("refund" as const) : ("usage" as const),
      units: e.void ? t.units : -t.units,
      eventId: e.eventId,
      actor: "system:gateway",
      createdAt,
    })),
  );
  for (let i = 0; i < units.length; i += INSERT_CHUNK) await insertManyOnce(models.UnitEntry, units.slice(i, i + INSERT_CHUNK));
}

function toUsageEvent(e: UsageEntry, ingestedAt: Date): { event: UsageEvent; void: boolean } {
  const event: UsageEvent = {
    _id: e.eventId,
    accountId: e.accountId,
    keyId: e.keyId,
    planId: e.planId,
    currency: e.currency,
    // A void entry carries the refunded charge (negative): the event it leaves behind charged nothing.
    amount: e.void ? 0 : e.amount,
    method: e.method,
    path: e.path,
    productId: e.productId,
    units: e.units,
    timestamp: new Date(e.timestampMs),
    ingestedAt,
  };
  if (e.status !== undefined) event.status = e.status;
  if (e.durationMs !== undefined) event.durationMs = e.durationMs;
  if (e.requestBytes !== undefined) event.requestBytes = e.requestBytes;
  if (e.responseBytes !== undefined) event.responseBytes = e.responseBytes;
  if (e.refunded) event.refunded = true;
  if (e.void) event.refundedAmount = Math.max(0, -e.amount);
  if (e.quotasExceeded.length > 0) event.quotasExceeded = e.quotasExceeded;
  if (e.attributes !== undefined) event.attributes = e.attributes;
  if (e.rateLine !== undefined) event.rateLine = e.rateLine;
  if (e.actor !== undefined) event.actor = e.actor;
  // A void's bundles are the units it gave back: the event it leaves behind was paid by none.
  if (e.bundles !== undefined && !e.void) event.bundles = e.bundles;
  if (e.payerId !== undefined) event.payerId = e.payerId;
  return { event, void: e.void };
}
