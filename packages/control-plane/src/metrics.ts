import { isRedisUnavailable, type RedisClient } from "@tollgate/metering";
import type { Connection } from "mongoose";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Keyspace } from "@tollgate/metering/store";

/**
 * The control plane's Prometheus metrics, on a registry of its own (served on METRICS_PORT). Labels are bounded
 * sets (forms, outcomes, problem codes, partitions); never an account, a key or an id.
 */
export class ControlPlaneMetrics {
  readonly registry = new Registry();
  /** Usage events written to MongoDB by this process's ingester (entries read off the streams). */
  readonly ingested = new Counter({
    name: "tollgate_usage_events_ingested_total",
    help: "Usage stream entries ingested into MongoDB by this process (charges and voids).",
    registers: [this.registry],
  });
  /** Usage that does not pass through a gateway: each direct charge, batch event and session request, by outcome. */
  readonly charges = new Counter({
    name: "tollgate_charges_total",
    help: "Charges made through the online charging API, by form (direct, event, session), outcome and problem code.",
    labelNames: ["form", "outcome", "code"] as const,
    registers: [this.registry],
  });

  /** Each notification delivery attempt, by channel kind and result. */
  readonly deliveries = new Counter({
    name: "tollgate_notification_deliveries_total",
    help: "Notification and deployment webhook delivery attempts, by channel (email, webhook; provider_webhook: the deployment's own endpoints) and result (ok, failed).",
    labelNames: ["channel", "result"] as const,
    registers: [this.registry],
  });
  /** What each low-balance signal did: a recharge `started`, or why not (`in_flight`, `daily_limit`, `off`…). */
  readonly autoRecharges = new Counter({
    name: "tollgate_auto_recharges_total",
    help: "Auto-recharge triggers by outcome (started, failed, in_flight, daily_limit, not_needed, off).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  /** The last full reconciliation (the scheduled job): wallets whose books disagree, and by how much in all. */
  readonly driftWallets = new Gauge({
    name: "tollgate_reconciliation_drift_wallets",
    help: "Wallets whose ledger disagreed with Redis (hot balance + reserved + usage not yet booked) at the last full reconciliation.",
    registers: [this.registry],
  });
  readonly driftMicros = new Gauge({
    name: "tollgate_reconciliation_drift_micros",
    help: "Sum of the absolute drifts, in micros of any currency, at the last full reconciliation.",
    registers: [this.registry],
  });

  /** The last full bundle reconciliation: bundles whose unit ledger disagrees with Redis, and by how many units in all. */
  readonly driftBundles = new Gauge({
    name: "tollgate_bundle_reconciliation_drift_bundles",
    help: "Bundles whose unit ledger (plus the units the usage streams still hold) disagreed with Redis, in two reads in a row, at the last full bundle reconciliation.",
    registers: [this.registry],
  });
  readonly driftUnits = new Gauge({
    name: "tollgate_bundle_reconciliation_drift_units",
    help: "Sum of the absolute unit drifts of bundles, of any product, at the last full bundle reconciliation.",
    registers: [this.registry],
  });

  /** Usage booked into the ledger, and how far behind the booking is (see bookUsage). */
  readonly booked = new Counter({
    name: "tollgate_usage_events_booked_total",
    help: "Usage events booked into the ledger by this process.",
    registers: [this.registry],
  });
  readonly bookingLag = new Gauge({
    name: "tollgate_usage_booking_lag_seconds",
    help: "At this process's last booking run: how long the oldest usage event not yet booked had waited since it was ingested (0: none).",
    registers: [this.registry],
  });
  readonly bookingLastRun = new Gauge({
    name: "tollgate_usage_booking_last_run_timestamp_seconds",
    help: "When this process last finished a booking run (Unix time); one process books at a time, under a lock.",
    registers: [this.registry],
  });
  /** How long each scheduled job's runs take, by job name (a fixed set). */
  readonly jobDuration = new Histogram({
    name: "tollgate_job_duration_seconds",
    help: "Duration of scheduled job runs, by job.",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  /** Scheduled jobs that failed, by job name (a fixed set). */
  readonly jobFailures = new Counter({
    name: "tollgate_job_failures_total",
    help: "Scheduled job runs that failed, by job.",
    labelNames: ["job"] as const,
    registers: [this.registry],
  });
  /**
   * Errors from Redis and MongoDB: `connection` as the clients report them (lost, refused, timed out), and
   * `operation` for work that failed on a store (a request answered 500, a job, the ingester's batch).
   */
  readonly storeErrors = new Counter({
    name: "tollgate_store_errors_total",
    help: "Errors from the stores, by store (redis, mongodb) and kind (connection, operation).",
    labelNames: ["store", "kind"] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
    // Every store and kind shown from the start, at 0: an alert on a rate needs the series before the first error.
    for (const store of ["redis", "mongodb"]) for (const kind of ["connection", "operation"]) this.storeErrors.inc({ store, kind }, 0);
  }

  /** What a full bundle reconciliation found (the job's, or an operator's run over every account). */
  bundleDrifts(drifts: readonly { drift: number }[]): void {
    this.driftBundles.set(drifts.length);
    this.driftUnits.set(drifts.reduce((sum, d) => sum + Math.abs(d.drift), 0));
  }

  /** Count a failed operation against the store it came from; an error of neither store is not counted. */
  operationFailed(error: unknown): void {
    const store = storeOf(error);
    if (store !== undefined) this.storeErrors.inc({ store, kind: "operation" });
  }

  /** Count the connection errors the clients report (they reconnect by themselves; each error is counted). */
  watchConnections(mongo: Connection, ...redis: (RedisClient | undefined)[]): void {
    mongo.on("error", () => this.storeErrors.inc({ store: "mongodb", kind: "connection" }));
    for (const client of redis) client?.on("error", () => this.storeErrors.inc({ store: "redis", kind: "connection" }));
  }

  /**
   * The usage streams, read at each scrape: entries waiting per partition (not yet ingested and deleted), and
   * the age of the oldest one (how far the ingesters are behind).
   */
  watchStreams(redis: RedisClient, keyspace: Keyspace): void {
    const streams = keyspace.usageStreams();
    new Gauge({
      name: "tollgate_usage_stream_backlog",
      help: "Usage events waiting on each partition's stream (written by gateways, not yet ingested).",
      labelNames: ["partition"] as const,
      registers: [this.registry],
      async collect() {
        const lengths = await Promise.all(streams.map((s) => redis.xlen(s)));
        lengths.forEach((n, partition) => this.set({ partition: String(partition) }, n));
      },
    });
    new Gauge({
      name: "tollgate_usage_ingest_lag_seconds",
      help: "Age of the oldest usage event still on a stream (0 when every stream is empty).",
      registers: [this.registry],
      async collect() {
        const firsts = await Promise.all(streams.map((s) => redis.xrange(s, "-", "+", "COUNT", 1)));
        const oldest = Math.min(...firsts.flatMap((entries) => entries.map(([id]) => Number(id.split("-")[0]))));
        this.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
      },
    });
  }
}

/** Which store an error came from, by the error classes of the MongoDB driver, mongoose and ioredis. */
export function storeOf(error: unknown): "redis" | "mongodb" | undefined {
  if (!(error instanceof Error)) return undefined;
  if (/^Mongo|^Mongoose|^VersionError$|^DocumentNotFoundError$/.test(error.name)) return "mongodb";
  if (/^(ReplyError|MaxRetriesPerRequestError|ClusterAllFailedError|ParserError)$/.test(error.name)) return "redis";
  if (isRedisUnavailable(error) || /enableOfflineQueue/.test(error.message)) return "redis";
  return undefined;
}
