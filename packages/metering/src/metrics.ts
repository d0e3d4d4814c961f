import { createServer, type Server } from "node:http";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, on a registry of their own (several gateways in one process, as tests run them, never
 * share counters). Labels are bounded sets: outcomes, problem codes, status classes; never an account, a key
 * or a path.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** Every call the gateway decided: `charged` (or reserved), `free`, or `refused` with its problem code. */
  readonly calls = new Counter({
    name: "tollgate_gateway_calls_total",
    help: "Calls decided by the gateway, by outcome (charged, free, refused) and problem code of a refusal.",
    labelNames: ["outcome", "code"] as const,
    registers: [this.registry],
  });
  /** Identify, rate-limit and charge or reserve: mostly the charge script's round trip to Redis. */
  readonly decision = new Histogram({
    name: "tollgate_gateway_decision_seconds",
    help: "Time to decide a call before forwarding it (key lookup, rate limit, charge or reservation).",
    buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  /** How many charges, reservations and settlements each script run carried (calls coalesced while one was in flight). */
  readonly meterBatch = new Histogram({
    name: "tollgate_gateway_meter_batch_size",
    help: "Operations (charges, reservations, settlements) applied by one charging script run, per partition.",
    buckets: [1, 2, 4, 8, 16, 32, 64, 100],
    registers: [this.registry],
  });
  /** What the upstream answered to the calls forwarded to it, by status class (`unavailable`: no answer). */
  readonly upstream = new Counter({
    name: "tollgate_gateway_upstream_responses_total",
    help: "Responses of the upstream to forwarded calls, by status class (2xx … 5xx, unavailable).",
    labelNames: ["class"] as const,
    registers: [this.registry],
  });

  /**
   * Redis errors: `connection` as the client reports them (lost, refused, timed out), `operation` for a call's
   * metering that failed on Redis (answered 503 `metering_unavailable`, never forwarded).
   */
  readonly storeErrors = new Counter({
    name: "tollgate_store_errors_total",
    help: "Errors from Redis, by kind (connection, operation); the label store is always redis on a gateway.",
    labelNames: ["store", "kind"] as const,
    registers: [this.registry],
  });

  /** `processMetrics`: Node's own (CPU, memory, event loop lag, GC), for the process that serves them. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
    // Both kinds shown from the start, at 0: an alert on a rate needs the series before the first error.
    for (const kind of ["connection", "operation"]) this.storeErrors.inc({ store: "redis", kind }, 0);
  }

  /** Count the key cache's lookups by result, read from its running totals at each scrape. */
  watchKeyCache(stats: () => { hits: number; misses: number }): void {
    const seen = { hits: 0, misses: 0 };
    new Counter({
      name: "tollgate_gateway_key_lookups_total",
      help: "API key lookups by the gateway's in-process cache, by result (hit, miss: read from Redis).",
      labelNames: ["result"] as const,
      registers: [this.registry],
      collect() {
        const now = stats();
        this.inc({ result: "hit" }, now.hits - seen.hits);
        this.inc({ result: "miss" }, now.misses - seen.misses);
        Object.assign(seen, now);
      },
    });
  }

  /** The class of an upstream status: `2xx` … `5xx`. */
  static statusClass(status: number): string {
    return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other";
  }
}

/**
 * A server of its own for a registry's `GET /metrics` (Prometheus text format), on a port apart from the API
 * and the proxied traffic, so that scraping needs no credential on the public port and never reaches an upstream.
 */
export function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GET /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${String(error)}\n`),
    );
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
