import type { Redis } from "ioredis";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import type { Keyspace } from "@tollgate/gateway-plugin/store";

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
    help: "Notification delivery attempts, by channel (email, webhook) and result (ok, failed).",
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

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The usage streams, read at each scrape: entries waiting per partition (not yet ingested and deleted), and
   * the age of the oldest one (how far the ingesters are behind).
   */
  watchStreams(redis: Redis, keyspace: Keyspace): void {
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
