import express from "express";
import { Redis } from "ioredis";
import { createEventIdGenerator, extractApiKey, hashApiKey, RESPONSE_HEADERS, UPSTREAM_HEADERS } from "@tollgate/metering";
import { baselineProxy } from "./proxy-middleware.js";

/**
 * The benchmark's leased-mode floor (side `probe_lease`): the bare proxy plus the least any design that decides
 * calls in the gateway's memory must do per call, in this proxy: read the caller's key and hash it (keys are known
 * only by digest), find its holder, take the price from what it holds, mint an event id, tell the caller and the
 * upstream (the headers Tollgate's contract names), and keep the call for a report to Redis every 100 ms (one
 * pipeline of XADDs), as leased mode does. No identification cache, rating, quotas, bundles, renewal or
 * refusal paths: nothing a real lease could do with less. What Tollgate's leased side adds over this is its own
 * code; what this adds over bare no in-process design can avoid.
 */
const port = Number(process.env.PORT ?? 8084);
const upstream = process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000";
const stream = `${process.env.PROBE_PREFIX ?? "probe:"}{p}:lease-usage`;
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const holders = new Map<string, { accountId: string; keyId: string; held: number }>();
const eventId = createEventIdGenerator();
let reported: [string, string, number][] = [];

const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.get("/_tollgate/healthz", (_req, res) => void res.json({ status: "ok" }));
app.use((req, res, next) => {
  const key = extractApiKey(req.headers);
  const digest = key === undefined ? undefined : hashApiKey(key);
  let holder = digest === undefined ? undefined : holders.get(digest);
  // The first call of a key takes its lease (here: any key, an endless one); a real lease would ask Redis.
  if (holder === undefined && digest !== undefined)
    holders.set(digest, (holder = { accountId: "acct_probe", keyId: digest.slice(0, 12), held: Number.MAX_SAFE_INTEGER }));
  if (holder === undefined) return void res.status(401).end();
  holder.held -= 1;
  const id = eventId();
  res.setHeader(RESPONSE_HEADERS.balance, holder.held);
  res.setHeader(RESPONSE_HEADERS.charge, 1);
  res.setHeader(RESPONSE_HEADERS.currency, "USD");
  res.setHeader(RESPONSE_HEADERS.eventId, id);
  req.headers[UPSTREAM_HEADERS.eventId] = id;
  req.headers[UPSTREAM_HEADERS.accountId] = holder.accountId;
  req.headers[UPSTREAM_HEADERS.keyId] = holder.keyId;
  reported.push([id, holder.accountId, 1]);
  next();
});
app.use(baselineProxy(upstream));

const report = setInterval(() => {
  if (reported.length === 0) return;
  const batch = reported;
  reported = [];
  const pipeline = redis.pipeline();
  for (const [id, accountId, amount] of batch) pipeline.xadd(stream, "*", "id", id, "a", accountId, "amt", amount);
  void pipeline.exec();
}, 100);
const server = app.listen(port, "127.0.0.1", () =>
  console.log(`[lease-probe] listening on http://127.0.0.1:${port}, forwarding to ${upstream}`),
);
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => {
  clearInterval(report);
  void redis
    .del(stream)
    .catch(() => undefined)
    .finally(() => process.exit(0));
});
