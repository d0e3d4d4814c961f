import {
  createGateway,
  createGatewayRedis,
  createKeyspace,
  createLogger,
  agreePartitions,
  whenReady,
  LOG_LEVELS,
} from "@tollgate/gateway-plugin";
import { routeMeterToNative } from "./native-client.js";

/**
 * The benchmark's side `native`: the gateway as packages/gateway-plugin/src/main.ts runs it (same options, same
 * request logging), but with its charging batches decided by the compiled-decision probe (load/native/, loaded
 * into the run's Redis) instead of METER_LUA. Everything else per call (identification, rating, the coalescer,
 * the headers, the proxy) is the product's own: the side measures what compiling the decision would save a
 * call, not a gateway of its own. Flat prices only (the module refuses anything else with an error).
 */
const upstream = process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000";
const prefix = process.env.TOLLGATE_PREFIX ?? "tg:";
const level = LOG_LEVELS.find((l) => l === process.env.LOG_LEVEL) ?? "info";
const logger = createLogger("gateway-native", level, { buffered: true });
const redis = createGatewayRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
redis.on("error", (error: Error) => console.error(`[gateway-native] redis: ${error.message}`));
await whenReady(redis);
const { partitions } = await agreePartitions(redis, (n) => createKeyspace(prefix, n));
const gateway = createGateway({
  logger,
  redis,
  prefix,
  partitions,
  upstream,
  onError: (error) => logger.error({ error: String(error) }, "metering failed"),
});
routeMeterToNative(redis);
await gateway.tollgate.ready;
const server = gateway.app.listen(Number(process.env.PORT ?? 8083), "127.0.0.1", () =>
  console.log(`[gateway-native] listening on port ${process.env.PORT}, charging through the compiled probe`),
);
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => {
  server.close();
  server.closeIdleConnections();
  void gateway.close().finally(() => {
    redis.disconnect();
    process.exit(0);
  });
});
