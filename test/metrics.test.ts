import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ingester, jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN, MONGODB_URI, REDIS_URL } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, usageIngested, TEST_PARTITIONS, type Stack } from "./support/stack.js";

const GATEWAY = fileURLToPath(new URL("../packages/gateway-plugin/dist/main.js", import.meta.url));
const CONTROL_PLANE = fileURLToPath(new URL("../packages/control-plane/dist/main.js", import.meta.url));

/** One sample of a Prometheus text exposition: its value, for the metric whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe("Prometheus metrics and request logs on the gateway and the control plane", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await stack?.close();
  });

  /** Start one of our processes; resolve the URLs it prints (its API or proxy, and its metrics). */
  function start(script: string, args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [script, ...args], {
      env: {
        ...process.env,
        REDIS_URL,
        MONGODB_URI,
        MONGODB_DB: stack.dbName,
        TOLLGATE_PREFIX: stack.prefix,
        TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
        TOLLGATE_ADMIN_TOKENS: ADMIN_TOKEN,
        PORT: "0",
        METRICS_PORT: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    const output = { text: "" };
    return new Promise<{ url: string; metrics: string; output: { text: string } }>((resolve) =>
      child.stdout.on("data", (d: Buffer) => {
        output.text += d.toString();
        const url = /listening on (http:\/\/[\d.:]+)/.exec(output.text)?.[1];
        const metrics = /(http:\/\/[\d.:]+\/metrics)/.exec(output.text)?.[1];
        if (url !== undefined && metrics !== undefined) resolve({ url, metrics, output });
      }),
    );
  }
  /** The whole JSON lines a process wrote (pino), skipping its plain start-up lines and a line still arriving. */
  const jsonLines = (text: string) =>
    text
      .slice(0, text.lastIndexOf("\n") + 1)
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map(
        (l) => JSON.parse(l) as Record<string, unknown> & { req?: { id: string; method: string; path: string }; res?: { status: number } },
      );
  const scrape = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("count calls by outcome and reason, decisions, upstream answers, charges and ingestion, with no account or key in a label", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 250 });
    const gateway = await start(GATEWAY, [], { UPSTREAM_URL: stack.upstream.url });
    const plane = await start(CONTROL_PLANE, [], { JOBS: "off" });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(`${gateway.url}/hello`, { headers: { "x-api-key": s.key } })).status);
    statuses.push((await call(`${gateway.url}/hello`)).status);
    expect(statuses).toEqual([200, 200, 402, 401]);

    const g = await scrape(gateway.metrics);
    expect(sample(g, "tollgate_gateway_calls_total", { outcome: "charged" })).toBe(2);
    expect(sample(g, "tollgate_gateway_calls_total", { outcome: "refused", code: "insufficient_funds" })).toBe(1);
    expect(sample(g, "tollgate_gateway_calls_total", { outcome: "refused", code: "unauthorized" })).toBe(1);
    expect(sample(g, "tollgate_gateway_decision_seconds_count")).toBe(4);
    // Three calls one after the other reached the charging script (the third refused there): three runs of one.
    expect(sample(g, "tollgate_gateway_meter_batch_size_count")).toBe(3);
    expect(sample(g, "tollgate_gateway_meter_batch_size_sum")).toBe(3);
    expect(sample(g, "tollgate_gateway_upstream_responses_total", { class: "2xx" })).toBe(2);
    const hits = sample(g, "tollgate_gateway_key_lookups_total", { result: "hit" })!;
    const misses = sample(g, "tollgate_gateway_key_lookups_total", { result: "miss" })!;
    expect(hits + misses).toBe(3);
    expect(misses).toBeGreaterThanOrEqual(1);
    expect(sample(g, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(g, "tollgate_store_errors_total", { store: "redis", kind: "operation" })).toBe(0);

    // A direct charge through the control plane, and the ingester taking every event off the streams.
    await stack.admin.creditWallet(s.walletId, { amount: 1_000, reason: "top-up" }, { idempotencyKey: "metrics-top-up" });
    const charged = await fetch(`${plane.url}/v1/charges`, {
      method: "POST",
      headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json", "idempotency-key": "m-1" },
      body: JSON.stringify({ productId: "default", units: 1 }),
    });
    expect(charged.status).toBe(201);
    let c = "";
    await eventually(
      async () => {
        c = await scrape(plane.metrics);
        return sample(c, "tollgate_usage_events_ingested_total") === 3;
      },
      30_000,
      "three events ingested",
    );
    expect(sample(c, "tollgate_charges_total", { form: "direct", outcome: "charged" })).toBe(1);
    const backlog = [...Array(TEST_PARTITIONS).keys()].map((p) => sample(c, "tollgate_usage_stream_backlog", { partition: String(p) }));
    expect(backlog).toEqual(Array(TEST_PARTITIONS).fill(0));
    expect(sample(c, "tollgate_usage_ingest_lag_seconds")).toBe(0);
    expect(sample(c, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sample(c, "tollgate_store_errors_total", { store: "mongodb", kind: "connection" })).toBe(0);
    expect(sample(c, "tollgate_store_errors_total", { store: "redis", kind: "connection" })).toBe(0);
    // Bundle reconciliation (the job's, or POST /v1/admin/bundle-reconciliation): its gauges are there from the start.
    expect(sample(c, "tollgate_bundle_reconciliation_drift_bundles")).toBe(0);
    expect(sample(c, "tollgate_bundle_reconciliation_drift_units")).toBe(0);

    for (const text of [g, c]) {
      for (const secret of [s.key, s.accountId, s.keyId, ADMIN_TOKEN]) expect(text).not.toContain(secret);
    }
    expect((await fetch(gateway.metrics.replace("/metrics", "/other"))).status).toBe(404);
  });

  it("log one JSON line per request, with its id, path, status, duration, account, key and charge, and never a secret", async () => {
    const s = await stack.seedAccount({ pricePerCall: 100, balance: 10_000 });
    const gateway = await start(GATEWAY, [], { UPSTREAM_URL: stack.upstream.url });
    const plane = await start(CONTROL_PLANE, [], { JOBS: "off", INGESTER: "off" });
    const cookie = "tg_portal=not-a-real-session-but-secret-looking-0123456789";

    const answer = await call(`${gateway.url}/hello?token=query-secret-123`, {
      headers: { "x-api-key": s.key, "x-request-id": "req-abc.1", cookie },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-request-id"]).toBe("req-abc.1");
    expect((await call(`${gateway.url}/hello`, { headers: { authorization: "Bearer tg_live_not-a-key-at-all-0000" } })).status).toBe(401);
    const balance = await fetch(`${plane.url}/v1/accounts/${s.accountId}/usage?limit=7`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie },
    });
    expect(balance.status).toBe(200);
    const charge = await fetch(`${plane.url}/v1/charges`, {
      method: "POST",
      headers: { "x-api-key": s.key, "content-type": "application/json", "idempotency-key": "log-1" },
      body: JSON.stringify({ productId: "default", units: 1 }),
    });
    expect(charge.status).toBe(201);

    await eventually(() => jsonLines(plane.output.text).filter((l) => l.req).length >= 2, 10_000, "the control plane's lines");
    await eventually(() => jsonLines(gateway.output.text).filter((l) => l.req).length >= 2, 10_000, "the gateway's lines");
    const g = jsonLines(gateway.output.text).filter((l) => l.req);
    expect(g[0]).toMatchObject({
      service: "gateway",
      level: 30,
      msg: "request",
      req: { id: "req-abc.1", method: "GET", path: "/hello" },
      res: { status: 200 },
      accountId: s.accountId,
      keyId: s.keyId,
      charge: 100,
    });
    expect(typeof g[0]!.responseTime).toBe("number");
    expect(g[1]).toMatchObject({ req: { path: "/hello" }, res: { status: 401 } });
    expect(g[1]!.accountId).toBeUndefined();
    const c = jsonLines(plane.output.text).filter((l) => l.req);
    expect(c.find((l) => l.req!.path.endsWith("/usage"))).toMatchObject({
      service: "control-plane",
      res: { status: 200 },
      actor: expect.stringMatching(/^admin:/),
    });
    expect(c.find((l) => l.req!.path === "/v1/charges")).toMatchObject({
      res: { status: 201 },
      actor: `key:${s.keyId}`,
      accountId: s.accountId,
    });

    for (const text of [gateway.output.text, plane.output.text]) {
      for (const secret of [s.key, ADMIN_TOKEN, "tg_live_not-a-key-at-all-0000", "secret-looking", "query-secret"])
        expect(text).not.toContain(secret);
    }
  });

  it("measure the booking lag, the events booked and the last booking run; count store errors by store", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 1_000 });
    const m = stack.ctx.metrics;
    const value = async (metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels = {}) =>
      (await metric.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
    // Three events ingested (this stack has no ingester: ingest them as the ingester would), then booked late.
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    const ingester = new Ingester({
      redis: stack.redis,
      keyspace: stack.keyspace,
      models: stack.ctx.models,
      consumer: "metrics-test",
      blockMs: 50,
    });
    await ingester.start();
    await usageIngested(stack, 3, s.accountId);
    await ingester.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const bookedBefore = await value(m.booked);
    const startedAt = Date.now() / 1000;
    expect(await jobs.bookUsage(stack.ctx)).toBeGreaterThanOrEqual(3);
    expect((await value(m.booked)) - bookedBefore).toBeGreaterThanOrEqual(3);
    expect(await value(m.bookingLag)).toBeGreaterThanOrEqual(1); // the oldest had waited over a second
    expect(await value(m.bookingLastRun)).toBeGreaterThanOrEqual(Math.floor(startedAt));
    await jobs.bookUsage(stack.ctx);
    expect(await value(m.bookingLag)).toBe(0); // nothing left to book

    // Real failures of each store, classified by their driver's error classes.
    const before = { mongodb: await value(m.storeErrors, { store: "mongodb" }), redis: await value(m.storeErrors, { store: "redis" }) };
    const scratch = stack.ctx.models.UsageEvent.db.collection("metrics_test");
    const mongoError = await scratch
      .insertOne({ _id: "dup" } as never)
      .then(() => scratch.insertOne({ _id: "dup" } as never))
      .catch((e: unknown) => e);
    const redisError = await stack.redis.call("NO-SUCH-COMMAND").catch((e: unknown) => e);
    m.operationFailed(mongoError);
    m.operationFailed(redisError);
    m.operationFailed(new Error("a bug, not a store"));
    expect(await value(m.storeErrors, { store: "mongodb", kind: "operation" })).toBe(before.mongodb + 1);
    expect(await value(m.storeErrors, { store: "redis", kind: "operation" })).toBe(before.redis + 1);
    await scratch.drop();
  });

  it("a gateway started with LOG_LEVEL=warn writes no line per call", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 1_000 });
    const gateway = await start(GATEWAY, [], { UPSTREAM_URL: stack.upstream.url, LOG_LEVEL: "warn" });
    expect((await call(`${gateway.url}/hello`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(jsonLines(gateway.output.text).filter((l) => l.req)).toEqual([]);
  });
});
