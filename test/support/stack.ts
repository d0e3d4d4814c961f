import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import mongoose, { type Connection } from "mongoose";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  callsInBooking,
  createApp,
  createContext,
  createModels,
  Ingester,
  openApiDocument,
  routes,
  SignalConsumer,
  StripeProvider,
  unpackCalls,
  type AppContext,
  type Mailer,
  type PaymentProvider,
  type WebhookPolicy,
} from "@tollgate/control-plane";
import {
  connectRedis,
  createGateway,
  createGatewayRedis,
  whenReady,
  createKeyspace,
  type Gateway,
  type GatewayMetrics,
  type Keyspace,
  type RedisClient,
} from "@tollgate/gateway-plugin";
import { deleteKeys as deleteMatching } from "./keys.js";
import { TollgateAdminClient, TollgateClient } from "@tollgate/sdk";
import { ADMIN_TOKEN, MONGODB_URI, REDIS_URL, uniqueName } from "./env.js";
import { startUpstream, type Upstream } from "./upstream.js";
import { contractOf, type Contract } from "./contract.js";

export interface Stack {
  dbName: string;
  prefix: string;
  keyspace: Keyspace;
  conn: Connection;
  redis: RedisClient;
  ctx: AppContext;
  controlPlaneUrl: string;
  gatewayUrl: string;
  gateway: Gateway;
  upstream: Upstream;
  ingester?: Ingester;
  admin: TollgateAdminClient;
  /** What the API answered, against its OpenAPI document: `close()` fails when an answer broke it. */
  contract: Contract;
  consumer(key: string): TollgateClient;
  /** A plan, an account on it, its wallet credited with `balance` micros, and one API key. */
  seedAccount(options: { pricePerCall: number; balance: number; currency?: string }): Promise<Seeded>;
  /** The same on a plan with a full catalog (the create-plan body, less name and currency). */
  seedCatalog(catalog: Record<string, unknown>, balance: number, key?: Record<string, unknown>): Promise<Seeded>;
  close(): Promise<void>;
}

export interface Seeded {
  planId: string;
  accountId: string;
  walletId: string;
  keyId: string;
  key: string;
}

export const TEST_PARTITIONS = 8;

/** An app (express, or anything with its `listen`) on a free port of 127.0.0.1. */
export async function listen(app: {
  listen: (port: number, host: string, cb: () => void) => Server;
}): Promise<{ server: Server; url: string }> {
  let server!: Server;
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", resolve);
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * The whole product in one process, on the real services: control plane (API and, unless told otherwise,
 * the ingester), gateway, and a counting upstream, under a database name and key prefix of their own.
 */
export const STRIPE_WEBHOOK_SECRET = "whsec_tollgate_tests";

/** stripe-mock (built by scripts/services.sh) on a port of this run's own: stateless, so one per stack. */
async function startStripeMock(): Promise<{ url: string; process: ChildProcess }> {
  const bin = process.env.STRIPE_MOCK_BIN ?? `${process.env.HOME}/.cache/tollgate/bin/stripe-mock-v0.203.0`;
  // Both listeners on ports of their own: by default it also takes :12112 for HTTPS, which two stacks share.
  const child = spawn(bin, ["-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
  process.once("exit", () => child.kill()); // never outlive the test process, whatever happens to close()
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = /Listening for HTTP at address: ([\d.]+:\d+)/.exec(seen) ?? /Listening for HTTP.*?(127\.0\.0\.1:\d+)/.exec(seen);
      if (m) resolve(`http://${m[1]}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`stripe-mock exited (${code}): ${seen}`)));
  });
  return { url, process: child };
}

export async function startStack(
  options: {
    ingester?: boolean;
    claimIdleMs?: number;
    redisUrl?: string;
    rateLimitFailure?: "open" | "closed";
    /** stripe-mock as the Stripe API; `through` puts something in front of it (the demo's checkout) and answers its address. */
    stripe?: boolean | { through: (stripeMockUrl: string) => Promise<string> };
    autoRecharge?: boolean;
    mailer?: Mailer;
    webhooks?: WebhookPolicy;
    /** Sites that may frame the customer portal (PORTAL_FRAME_ANCESTORS). */
    portalFrameAncestors?: string[];
    /** The gateway counts into these (Prometheus), for a test that reads them. */
    gatewayMetrics?: GatewayMetrics;
  } = {},
): Promise<Stack> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const stripeMock = options.stripe ? await startStripeMock() : undefined;
  const payments = new Map<string, PaymentProvider>();
  if (stripeMock)
    payments.set(
      "stripe",
      new StripeProvider({
        secretKey: "sk_test_tollgate",
        webhookSecret: STRIPE_WEBHOOK_SECRET,
        apiBase: typeof options.stripe === "object" ? await options.stripe.through(stripeMock.url) : stripeMock.url,
      }),
    );
  const dbName = uniqueName("db");
  const prefix = `${uniqueName("rk")}:`;
  const keyspace = createKeyspace(prefix, TEST_PARTITIONS);
  const conn = await mongoose.createConnection(MONGODB_URI, { dbName }).asPromise();
  const models = await createModels(conn);
  const redis = connectRedis(redisUrl);
  redis.on("error", () => undefined); // some tests stop their Redis on purpose
  await redis.hset(keyspace.meta(), "partitions", TEST_PARTITIONS);
  const ctx = createContext({
    models,
    redis,
    keyspace,
    adminTokens: [ADMIN_TOKEN],
    payments,
    mailer: options.mailer,
    // Tests receive webhooks on loopback http servers of their own, as a self-hosted setup may allow.
    webhooks: options.webhooks ?? { allowPrivate: true, allowHttp: true },
    voucherFailuresPerAccount: 5,
    ...(options.portalFrameAncestors ? { portalFrameAncestors: options.portalFrameAncestors, publicUrl: "https://billing.example" } : {}),
    // TOLLGATE_TEST_LOG=1 shows what the control plane logs (an unhandled error's stack, a failed charge).
    ...(process.env.TOLLGATE_TEST_LOG ? { log: (message: string, fields?: object) => console.error(message, fields ?? {}) } : {}),
  });
  // Every answer of the API is held to the OpenAPI document it serves (support/contract.ts).
  const contract = contractOf(openApiDocument(routes));
  const api = createApp(ctx);
  const controlPlane = await listen({
    listen: (port, host, cb) =>
      createServer((req, res) => {
        contract.record(req, res);
        api(req, res);
      }).listen(port, host, cb),
  });

  const upstream = await startUpstream();
  const gatewayRedis = createGatewayRedis(redisUrl);
  gatewayRedis.on("error", () => undefined);
  await whenReady(gatewayRedis);
  const gateway = createGateway({
    redis: gatewayRedis,
    prefix,
    partitions: TEST_PARTITIONS,
    upstream: upstream.url,
    ...(options.rateLimitFailure ? { rateLimitFailure: options.rateLimitFailure } : {}),
    ...(options.gatewayMetrics ? { metrics: options.gatewayMetrics } : {}),
  });
  await gateway.tollgate.ready;
  const gatewayServer = await listen(gateway.app);

  let ingester: Ingester | undefined;
  let ingesterRedis: RedisClient | undefined;
  if (options.ingester !== false) {
    ingesterRedis = connectRedis(redisUrl, { maxRetriesPerRequest: null });
    ingesterRedis.on("error", () => undefined);
    ingester = new Ingester({
      redis: ingesterRedis,
      keyspace,
      models,
      consumer: "test",
      blockMs: 200,
      claimIdleMs: options.claimIdleMs ?? 30_000,
    });
    await ingester.start();
  }

  let signals: SignalConsumer | undefined;
  let signalRedis: RedisClient | undefined;
  if (options.autoRecharge) {
    signalRedis = connectRedis(redisUrl, { maxRetriesPerRequest: null });
    signals = new SignalConsumer(ctx, signalRedis, "test");
    await signals.start();
  }

  const admin = new TollgateAdminClient({ baseUrl: controlPlane.url, token: ADMIN_TOKEN });
  const stack: Stack = {
    dbName,
    prefix,
    keyspace,
    conn,
    redis,
    ctx,
    controlPlaneUrl: controlPlane.url,
    gatewayUrl: gatewayServer.url,
    gateway,
    upstream,
    ...(ingester ? { ingester } : {}),
    admin,
    contract,
    consumer: (key) => new TollgateClient({ baseUrl: controlPlane.url, token: key }),
    async seedAccount({ pricePerCall, balance, currency = "USD" }) {
      const plan = await admin.createPlan({ name: "test plan", currency, pricePerCall });
      const account = await admin.createAccount({ name: "test account", planId: plan.id });
      const wallet = account.wallets[0]!;
      if (balance > 0) await admin.creditWallet(wallet.id, { amount: balance }, { idempotencyKey: `seed-${account.id}` });
      const key = await admin.createApiKey(account.id);
      return { planId: plan.id, accountId: account.id, walletId: wallet.id, keyId: key.id, key: key.key };
    },
    async seedCatalog(catalog, balance, keyOptions = {}) {
      const res = await fetch(`${controlPlane.url}/v1/plans`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "catalog plan", currency: "USD", ...catalog }),
      });
      const plan = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`plan refused: ${JSON.stringify(plan)}`);
      const account = await admin.createAccount({ name: "catalog account", planId: plan.id });
      const wallet = account.wallets[0]!;
      if (balance > 0) await admin.creditWallet(wallet.id, { amount: balance }, { idempotencyKey: `seed-${account.id}` });
      const key = await admin.createApiKey(account.id, keyOptions);
      return { planId: plan.id, accountId: account.id, walletId: wallet.id, keyId: key.id, key: key.key };
    },
    async close() {
      await new Promise((resolve) => gatewayServer.server.close(resolve));
      gatewayServer.server.closeAllConnections();
      await gateway.close();
      gatewayRedis.disconnect();
      await new Promise((resolve) => controlPlane.server.close(resolve));
      controlPlane.server.closeAllConnections();
      await ctx.charging.plans.close();
      await ingester?.stop();
      ingesterRedis?.disconnect();
      await signals?.stop();
      signalRedis?.disconnect();
      await upstream.close();
      // A test may have stopped its private Redis: its keys went with it, the database must still go.
      await deleteKeys(redis, prefix).catch(() => undefined);
      redis.disconnect();
      await conn.dropDatabase();
      await conn.close();
      stripeMock?.process.kill();
      if (contract.violations.length > 0)
        throw new Error(`answers the OpenAPI document does not describe:\n${[...new Set(contract.violations)].join("\n")}`);
    },
  };
  return stack;
}

const GATEWAY_MAIN = fileURLToPath(new URL("../../packages/gateway-plugin/dist/main.js", import.meta.url));
export const CONTROL_PLANE_MAIN = fileURLToPath(new URL("../../packages/control-plane/dist/main.js", import.meta.url));

export interface GatewayProcess {
  url: string;
  /** Its `GET /metrics`, when started with `METRICS_PORT`. */
  metricsUrl: string | undefined;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * A gateway in a process of its own (`main.js`, as deployed) on this stack's Redis, prefix and partitions, in
 * front of its upstream; resolves once it listens. The caller kills it (the stack does not know it).
 */
export async function startGatewayProcess(stack: Stack, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    env: {
      ...process.env,
      REDIS_URL,
      TOLLGATE_PREFIX: stack.prefix,
      TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
      PORT: "0",
      UPSTREAM_URL: stack.upstream.url,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let text = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      text += d.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(text);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`the gateway exited (${code}) before it listened`)));
  });
  // Its metrics server starts before it listens.
  const metricsUrl = /metrics on (http:\/\/[\d.:]+\/metrics)/.exec(text)?.[1];
  return { url, metricsUrl, child, exited };
}

/** What a control-plane process (`main.js`, `main.js ingester`) needs to run on this stack's stores. */
export function controlPlaneEnv(stack: Stack): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL,
    MONGODB_URI,
    MONGODB_DB: stack.dbName,
    TOLLGATE_PREFIX: stack.prefix,
    TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
    TOLLGATE_ADMIN_TOKENS: ADMIN_TOKEN,
  };
}

/** A control-plane process: `started` once it says it ingests, `exited` with its exit code. */
export interface ControlPlaneProcess {
  child: ChildProcess;
  started: Promise<void>;
  exited: Promise<number | null>;
}

/** `main.js ingester` (usage ingestion and the reaper every 200 ms) in a process of its own on this stack's stores. */
export function startReaperProcess(stack: Stack, consumer: string): ControlPlaneProcess {
  const child = spawn(process.execPath, [CONTROL_PLANE_MAIN, "ingester"], {
    env: { ...controlPlaneEnv(stack), INGESTER_CONSUMER: consumer, REAPER_INTERVAL_MS: "200" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new Promise<void>((resolve) =>
    child.stdout.on("data", (d: Buffer) => d.toString().includes("ingesting usage") && resolve()),
  );
  return { child, started, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

/** Remove this run's keys, and only this run's: never FLUSHALL a shared Redis. */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  await deleteMatching(redis, `${prefix}*`);
}

/**
 * Wait until at least `n` usage events (of one account, or all) are in MongoDB, each also in the booking
 * backlog, in a booking under way, or booked (the ingester writes the events, then the backlog): what booking
 * needs before it runs.
 */
export async function usageIngested(stack: Stack, n: number, accountId?: string): Promise<void> {
  const { UsageEvent, CallAssignment } = stack.ctx.models;
  const filter = accountId === undefined ? {} : { accountId };
  await eventually(
    async () => {
      const events = await UsageEvent.find(filter, { _id: 1 }).lean();
      if (events.length < n) return false;
      const known = new Set((await callsInBooking(stack.ctx.models, filter)).map((c) => c._id));
      for (const c of await CallAssignment.find({}, { _id: 1 }).lean()) known.add(c._id);
      return events.every((e) => known.has(e._id));
    },
    30_000,
    `${n} usage events ingested`,
  );
}

/** How many calls of an account the booking backlog holds (each once). */
export async function backlogCalls(stack: Stack, accountId: string): Promise<number> {
  const docs = await stack.ctx.models.UnbookedUsage.find({ accountId }, { calls: 1 }).lean();
  return new Set(docs.flatMap((d) => unpackCalls(d.calls).map((c) => c._id))).size;
}

/** Poll until `probe` returns true, or fail after `timeoutMs`. Waiting on an outcome, not asserting a time. */
export async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
