import { hostname } from "node:os";
import { z } from "zod";
import { LOG_LEVELS } from "@tollgate/metering";
import { isTimeZone } from "./services/reports/clock.js";

/** The control plane's configuration, parsed once at start. */
export const controlPlaneEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    MONGODB_URI: z.string().min(1),
    MONGODB_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default("tollgate"),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    TOLLGATE_PREFIX: z.string().default("tg:"),
    TOLLGATE_PARTITIONS: z.coerce.number().int().min(1).max(16384).default(64),
    /** Comma-separated admin tokens, each at least 24 characters. */
    TOLLGATE_ADMIN_TOKENS: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().min(24).max(256)).min(1)),
    INGESTER: z.enum(["on", "off"]).default("on"),
    /** Run the scheduled jobs (and the auto-recharge signal consumer) beside the ingester. `off` makes an ingest-only process, to scale ingestion out. */
    JOBS: z.enum(["on", "off"]).default("on"),
    /** Stripe: enabled when both keys are set. STRIPE_API_BASE points at another API (stripe-mock in tests). */
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_API_BASE: z.url().optional(),
    INGESTER_CONSUMER: z.string().min(1).default(hostname()),
    INGESTER_CLAIM_IDLE_MS: z.coerce.number().int().min(100).default(30_000),
    /** Most entries the ingester reads from each stream at once (one insert each): what a stop waits to finish. */
    /** Serve Prometheus metrics on this port (`GET /metrics`, on HOST), apart from the API; unset: off. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** `info`: one JSON line per request and per event; `warn` and above: only what goes wrong. */
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    INGESTER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    /** After a read of less than a batch, how long the ingester waits before the next: a trickle is written in batches. */
    INGESTER_LINGER_MS: z.coerce.number().int().min(0).max(5_000).default(50),
    /** How often expired reservations (their gateway died) are returned. */
    REAPER_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    /** How often ingested usage is booked into the ledger. */
    BOOK_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
    /** The old name of BOOK_INTERVAL_MS, still read when the new one is not set. */
    SETTLE_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
    /** How often every wallet's ledger is checked against Redis (drift is logged). */
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(300_000),
    /** How often thresholds are checked and due notifications delivered. */
    NOTIFY_INTERVAL_MS: z.coerce.number().int().min(500).default(5_000),
    /** The IANA time zone whose hours, days and months usage is rolled up in (reports there read whole days). */
    REPORT_TIME_ZONE: z
      .string()
      .default("UTC")
      .refine((zone) => isTimeZone(zone), "not an IANA time zone"),
    /**
     * When prepaid money is taxed: `top_up` (the receipt is the tax document; the wallet holds money net of tax)
     * or `use` (the period's invoice taxes the usage the prepaid balance paid). See docs/concepts/taxes.md.
     */
    TAX_PREPAID: z.enum(["top_up", "use"]).default("top_up"),
    /** Each tax rounded to the currency's minor unit once per `document` (per rate) or once per `line`. */
    TAX_ROUNDING: z.enum(["document", "line"]).default("document"),
    /**
     * How many days raw usage events are kept: older ones are removed by the retention job once booked, rolled up
     * and billed (docs/concepts/privacy.md). Unset: kept for good. At least 2 (a charge can be voided for a day).
     */
    USAGE_RETENTION_DAYS: z.coerce.number().int().min(2).max(36_500).optional(),
    /** The control plane's address as customers reach it (portal links); `https://…` makes the portal cookie Secure. */
    PUBLIC_URL: z.url().optional(),
    /**
     * Sites that may show the customer portal in a frame (the provider's own dashboard): origins separated by
     * spaces or commas (`https://app.example.com`). Needs an `https` PUBLIC_URL: a framed portal's session cookie
     * is `SameSite=None; Secure; Partitioned`. Unset: the portal is never framed. The console never is.
     */
    PORTAL_FRAME_ANCESTORS: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? [] : v.split(/[\s,]+/).filter(Boolean)))
      .pipe(
        z.array(
          z
            .string()
            .regex(/^(https:\/\/[a-z0-9.-]+(:\d{1,5})?|http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?)$/, "an origin: https://host[:port]"),
        ),
      ),
    /** Notifications are mailed through this SMTP server (e.g. smtp://user:pass@host:587) when set. */
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Tollgate <billing@tollgate.invalid>"),
    /** Let webhooks reach loopback and private addresses (self-hosted setups, tests). Default: public addresses only. */
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** Let webhooks use plain http. Default: https only. */
    WEBHOOK_ALLOW_HTTP: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .refine((env) => env.PORTAL_FRAME_ANCESTORS.length === 0 || env.PUBLIC_URL?.startsWith("https://") === true, {
    message: "PORTAL_FRAME_ANCESTORS needs an https PUBLIC_URL: a framed portal's cookie must be Secure",
    path: ["PORTAL_FRAME_ANCESTORS"],
  });

export type ControlPlaneEnv = z.infer<typeof controlPlaneEnv>;
