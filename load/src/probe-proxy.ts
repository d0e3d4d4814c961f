import express from "express";
import { baselineProxy } from "./proxy-middleware.js";
import { Redis } from "ioredis";

/**
 * The benchmark's limit probe: the bare proxy (load/src/bare-proxy.ts, configured alike) plus the least a
 * metered call can cost, one ioredis EVALSHA per call before it is forwarded: a debit of one account's balance
 * and an XADD of the call to a stream, nothing else (no key lookup, no rating, no quota, no line per call, no
 * coalescing). No gateway that decides each call in Redis before forwarding it can cost less than this per
 * call; `npm run bench` measures it beside Tollgate's sides, over TCP (REDIS_URL) and over a Unix socket
 * (REDIS_SOCKET, a path), so that each side's cost is read against it.
 */
const port = Number(process.env.PORT ?? 8082);
const upstream = process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000";
const prefix = process.env.PROBE_PREFIX ?? "probe:";
const socket = process.env.REDIS_SOCKET;
const redis = socket ? new Redis({ path: socket }) : new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
redis.defineCommand("debit", {
  numberOfKeys: 2,
  lua: `
local b = redis.call('HINCRBY', KEYS[1], 'b', 0 - tonumber(ARGV[1]))
if b < 0 then redis.call('HINCRBY', KEYS[1], 'b', ARGV[1]) return -1 end
redis.call('XADD', KEYS[2], '*', 'a', ARGV[2], 'amt', ARGV[1])
return b`,
});
const debit = (
  redis as unknown as { debit(account: string, stream: string, amount: number, id: string, ...more: string[]): Promise<number> }
).debit.bind(redis);
// PROBE_ARGS: send this many arguments more, which the script ignores (what the volume of a command costs).
const padding = Array.from({ length: Number(process.env.PROBE_ARGS ?? 0) }, (_, i) => `argument-${i}`);
const account = `${prefix}{p}:a`;
const stream = `${prefix}{p}:usage`;

const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.use((req, res, next) => {
  debit(account, stream, 1, "probe", ...padding).then(
    (balance) => (balance < 0 ? res.status(402).end() : next()),
    () => res.status(503).end(),
  );
});
app.use(baselineProxy(upstream));
await redis.hset(account, "b", Number.MAX_SAFE_INTEGER);
const server = app.listen(port, "127.0.0.1", () =>
  console.log(`[probe-proxy] listening on http://127.0.0.1:${port}, forwarding to ${upstream}, Redis ${socket ?? "over TCP"}`),
);
server.keepAliveTimeout = 65_000;
// Leave nothing behind: the bench's key prefix is this run's alone.
process.on("SIGTERM", () => {
  void redis
    .del(account, stream)
    .catch(() => undefined)
    .finally(() => process.exit(0));
});
