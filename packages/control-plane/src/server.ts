import type { Server } from "node:http";
import mongoose from "mongoose";
import nodemailer from "nodemailer";
import { RedisChargeStore, agreePartitions, createKeyspace } from "@tollgate/metering/store";
import { createApp } from "./app.js";
import type { AppContext } from "./context.js";
import { createContext } from "./create-context.js";
import { recordMovedPartitions } from "./services/ledger/rebuild.js";
import type { ControlPlaneEnv } from "./env.js";
import type { PaymentProvider } from "./payments/provider.js";
import { StripeProvider } from "./payments/stripe.js";
import { SignalConsumer } from "./services/auto-recharge/signals.js";
import { Ingester } from "./ingester/ingester.js";
import { createModels } from "./models/index.js";
import { startJobs, stopJobs } from "./jobs.js";
import { connectRedis, createLogger, LOG_LEVELS, serveMetrics, type RedisClient } from "@tollgate/metering";
import { ControlPlaneMetrics } from "./metrics.js";

export interface ControlPlane {
  ctx: AppContext;
  server?: Server;
  ingester?: Ingester;
  /** Prometheus metrics (`GET /metrics`), when METRICS_PORT is set. */
  metricsServer?: Server;
  close(): Promise<void>;
}

function paymentProviders(env: ControlPlaneEnv): Map<string, PaymentProvider> {
  const providers = new Map<string, PaymentProvider>();
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    providers.set(
      "stripe",
      new StripeProvider({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase: env.STRIPE_API_BASE }),
    );
  }
  return providers;
}

/** How long a graceful stop lets scheduled jobs under way finish (within a typical 30 s kill grace). */
const JOBS_STOP_GRACE_MS = 20_000;

const logger = createLogger("control-plane", LOG_LEVELS.find((l) => l === process.env.LOG_LEVEL) ?? "info");

/** One JSON line (pino): at level error when `data` names an error, else info. */
export function log(message: string, data?: Record<string, unknown>): void {
  if (data !== undefined && "error" in data) logger.error(data, message);
  else logger.info(data ?? {}, message);
}

/** Connect the stores and start what the configuration asks for: the API, the ingester, or both. */
export async function startControlPlane(env: ControlPlaneEnv, parts: { api: boolean; ingester: boolean }): Promise<ControlPlane> {
  const conn = await mongoose.createConnection(env.MONGODB_URI, { dbName: env.MONGODB_DB, serverSelectionTimeoutMS: 10_000 }).asPromise();
  const models = await createModels(conn);
  const redis = connectRedis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  const keyspace = await agreePartitions(redis, (n) => createKeyspace(env.TOLLGATE_PREFIX, n), env.TOLLGATE_PARTITIONS);
  const ctx = createContext({
    models,
    redis,
    keyspace,
    adminTokens: env.TOLLGATE_ADMIN_TOKENS,
    payments: paymentProviders(env),
    mailer: env.SMTP_URL ? { transport: nodemailer.createTransport(env.SMTP_URL), from: env.MAIL_FROM } : undefined,
    webhooks: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE, allowHttp: env.WEBHOOK_ALLOW_HTTP },
    reportTimeZone: env.REPORT_TIME_ZONE,
    taxes: { prepaid: env.TAX_PREPAID, rounding: env.TAX_ROUNDING },
    publicUrl: env.PUBLIC_URL,
    portalFrameAncestors: env.PORTAL_FRAME_ANCESTORS,
    log,
    metrics: new ControlPlaneMetrics({ processMetrics: env.METRICS_PORT !== undefined }),
  });
  // Accounts moved to their payer's partition: every key this process derives must follow them from the start,
  // and it hears each later move (a process that looks no key or plan up, the jobs' one, would never listen else).
  await recordMovedPartitions(ctx);
  await ctx.charging.plans.listen();

  let ingester: Ingester | undefined;
  let ingesterRedis: RedisClient | undefined;
  if (parts.ingester) {
    ingesterRedis = connectRedis(env.REDIS_URL, { maxRetriesPerRequest: null });
    ingester = new Ingester({
      redis: ingesterRedis,
      keyspace,
      models,
      consumer: env.INGESTER_CONSUMER,
      claimIdleMs: env.INGESTER_CLAIM_IDLE_MS,
      batchSize: env.INGESTER_BATCH_SIZE,
      lingerMs: env.INGESTER_LINGER_MS,
      log,
      onIngested: (count) => ctx.metrics.ingested.inc(count),
      onError: (error) => ctx.metrics.operationFailed(error),
    });
    await ingester.start();
  }
  // Scheduled work (usage booking, reaper, sweeps, grant expiry, reconciliation, notifications) on agenda,
  // and the auto-recharge signal consumer, beside the ingester.
  let agenda: Awaited<ReturnType<typeof startJobs>> | undefined;
  let signals: SignalConsumer | undefined;
  let signalRedis: RedisClient | undefined;
  if (parts.ingester && env.JOBS === "on") {
    agenda = await startJobs(
      ctx,
      conn.db!,
      new RedisChargeStore(redis, keyspace),
      {
        processEveryMs: 1_000,
        bookMs: env.BOOK_INTERVAL_MS ?? env.SETTLE_INTERVAL_MS ?? 5_000,
        reapMs: env.REAPER_INTERVAL_MS,
        sweepMs: 15_000,
        expireMs: 60_000,
        reconcileMs: env.RECONCILE_INTERVAL_MS,
        notifyMs: env.NOTIFY_INTERVAL_MS,
      },
      { usageRetentionDays: env.USAGE_RETENTION_DAYS },
    );
    signalRedis = connectRedis(env.REDIS_URL, { maxRetriesPerRequest: null });
    signals = new SignalConsumer(ctx, signalRedis, env.INGESTER_CONSUMER);
    await signals.start();
  }

  let server: Server | undefined;
  if (parts.api) {
    const app = createApp(ctx, {
      logger,
      ready: async () => {
        await redis.ping();
        await conn.db!.command({ ping: 1 });
      },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    });
  }

  let metricsServer: Server | undefined;
  if (env.METRICS_PORT !== undefined) {
    ctx.metrics.watchStreams(redis, keyspace);
    ctx.metrics.watchConnections(conn, redis, ingesterRedis, signalRedis);
    metricsServer = await serveMetrics(ctx.metrics.registry, env.METRICS_PORT, env.HOST);
    const address = metricsServer.address();
    log("metrics served", {
      url: `http://${env.HOST}:${typeof address === "object" && address ? address.port : env.METRICS_PORT}/metrics`,
    });
  }

  return {
    ctx,
    ...(server ? { server } : {}),
    ...(ingester ? { ingester } : {}),
    ...(metricsServer ? { metricsServer } : {}),
    close: async () => {
      metricsServer?.close();
      if (agenda) await stopJobs(ctx, agenda, JOBS_STOP_GRACE_MS);
      await signals?.stop();
      signalRedis?.disconnect();
      if (server) await new Promise((resolve) => server.close(resolve));
      await ctx.charging.plans.close();
      await ingester?.stop();
      ingesterRedis?.disconnect();
      redis.disconnect();
      await conn.close();
    },
  };
}
