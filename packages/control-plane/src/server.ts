import type { Server } from "node:http";
import mongoose from "mongoose";
import { Redis } from "ioredis";
import { HotStore, RatedStore, agreePartitions, createKeyspace } from "@tollgate/gateway-plugin/store";
import { createApp } from "./app.js";
import type { AppContext } from "./context.js";
import type { ControlPlaneEnv } from "./env.js";
import { Authenticator } from "./http/auth.js";
import { RedeemGuard } from "./services/vouchers/guard.js";
import type { PaymentProvider } from "./payments/provider.js";
import { StripeProvider } from "./payments/stripe.js";
import { finishRedemptions } from "./services/vouchers/redeem.js";
import { SignalConsumer } from "./services/auto-recharge/signals.js";
import { releaseStaleAutoRecharges } from "./services/auto-recharge/trigger.js";
import { expireGrants } from "./services/grants/grants.js";
import { Ingester } from "./ingester/ingester.js";
import { createModels } from "./models/index.js";
import { applyPendingEntries } from "./services/wallets/apply.js";
import { settleUsage } from "./services/ledger/settle-usage.js";
import { reconcile } from "./services/ledger/reconcile.js";

export interface ControlPlane {
  ctx: AppContext;
  server?: Server;
  ingester?: Ingester;
  close(): Promise<void>;
}

function paymentProviders(env: ControlPlaneEnv): Map<string, PaymentProvider> {
  const providers = new Map<string, PaymentProvider>();
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    providers.set("stripe", new StripeProvider({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase: env.STRIPE_API_BASE }));
  }
  return providers;
}

function log(message: string, data?: Record<string, unknown>): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg: message, ...data }));
}

/** Connect the stores and start what the configuration asks for: the API, the ingester, or both. */
export async function startControlPlane(env: ControlPlaneEnv, parts: { api: boolean; ingester: boolean }): Promise<ControlPlane> {
  const conn = await mongoose.createConnection(env.MONGODB_URI, { dbName: env.MONGODB_DB, serverSelectionTimeoutMS: 10_000 }).asPromise();
  const models = await createModels(conn);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  const keyspace = await agreePartitions(redis, (n) => createKeyspace(env.TOLLGATE_PREFIX, n), env.TOLLGATE_PARTITIONS);
  const ctx: AppContext = {
    models,
    hot: new HotStore(redis, keyspace),
    auth: new Authenticator(env.TOLLGATE_ADMIN_TOKENS, models),
    redeemGuard: new RedeemGuard(redis, env.TOLLGATE_PREFIX),
    payments: paymentProviders(env),
    log,
  };

  let ingester: Ingester | undefined;
  let ingesterRedis: Redis | undefined;
  if (parts.ingester) {
    ingesterRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    ingester = new Ingester({ redis: ingesterRedis, keyspace, models, consumer: env.INGESTER_CONSUMER, claimIdleMs: env.INGESTER_CLAIM_IDLE_MS, log });
    await ingester.start();
  }
  // The reservation reaper runs beside the ingester: it returns what dead gateways held.
  let reaper: NodeJS.Timeout | undefined;
  if (parts.ingester) {
    const rated = new RatedStore(redis, keyspace);
    const reap = async () => {
      for (let p = 0; p < keyspace.partitions; p++) {
        const returned = await rated.reap(p);
        if (returned > 0) log("reaped reservations", { partition: p, returned });
      }
    };
    reaper = setInterval(() => void reap().catch((error) => log("reaper failed", { error: String(error) })), env.REAPER_INTERVAL_MS);
    reaper.unref();
  }
  // Usage is booked into the ledger in batches, and the books are checked against Redis.
  const jobs: NodeJS.Timeout[] = [];
  let signals: SignalConsumer | undefined;
  let signalRedis: Redis | undefined;
  if (parts.ingester) {
    signalRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    signals = new SignalConsumer(ctx, signalRedis, env.INGESTER_CONSUMER);
    await signals.start();
    let settling = false;
    jobs.push(
      setInterval(() => {
        if (settling) return;
        settling = true;
        void settleUsage(ctx)
          .catch((error) => log("usage settlement failed", { error: String(error) }))
          .finally(() => (settling = false));
      }, env.SETTLE_INTERVAL_MS),
      setInterval(() => void expireGrants(ctx).catch((error) => log("grant expiry failed", { error: String(error) })), env.SETTLE_INTERVAL_MS * 6),
      setInterval(() => {
        void reconcile(ctx)
          .then((r) => r.drifts.length > 0 && log("reconciliation drift", { checked: r.checked, drifts: r.drifts }))
          .catch((error) => log("reconciliation failed", { error: String(error) }));
      }, env.RECONCILE_INTERVAL_MS),
    );
    for (const job of jobs) job.unref();
  }

  let server: Server | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  if (parts.api) {
    const app = createApp(ctx, {
      ready: async () => {
        await redis.ping();
        await conn.db!.command({ ping: 1 });
      },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    });
    // Credits whose writer died between the ledger and Redis are finished here.
    const sweep = () =>
      applyPendingEntries(ctx, 10_000)
        .then(() => finishRedemptions(ctx))
        .then(() => releaseStaleAutoRecharges(ctx))
        .catch((error) => log("pending credit sweep failed", { error: String(error) }));
    void sweep();
    sweeper = setInterval(sweep, 15_000);
    sweeper.unref();
  }

  return {
    ctx,
    ...(server ? { server } : {}),
    ...(ingester ? { ingester } : {}),
    close: async () => {
      if (sweeper) clearInterval(sweeper);
      if (reaper) clearInterval(reaper);
      for (const job of jobs) clearInterval(job);
      await signals?.stop();
      signalRedis?.disconnect();
      if (server) await new Promise((resolve) => server.close(resolve));
      await ingester?.stop();
      ingesterRedis?.disconnect();
      redis.disconnect();
      await conn.close();
    },
  };
}
