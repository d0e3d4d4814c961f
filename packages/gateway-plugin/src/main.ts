#!/usr/bin/env node
import type { Server } from "node:http";
import { createGateway } from "./adapters/proxy.js";
import {
  GatewayMetrics,
  serveMetrics,
  createLogger,
  createGatewayRedis,
  whenReady,
  agreePartitions,
  createKeyspace,
} from "@tollgate/metering";
import { gatewayEnv } from "./env.js";

const env = gatewayEnv.parse(process.env);
const logger = createLogger("gateway", env.LOG_LEVEL, { buffered: true });
const redis = createGatewayRedis(env.REDIS_URL);
redis.on("error", (error: Error) => console.error(`[gateway] redis: ${error.message}`));
await whenReady(redis);
// The partition count is the control plane's to set; a gateway adopts it.
const { partitions } = await agreePartitions(redis, (n) => createKeyspace(env.TOLLGATE_PREFIX, n));
const metrics = env.METRICS_PORT === undefined ? undefined : new GatewayMetrics({ processMetrics: true });
const gateway = createGateway({
  ...(metrics && { metrics }),
  logger,
  redis,
  prefix: env.TOLLGATE_PREFIX,
  partitions,
  upstream: env.UPSTREAM_URL,
  rateLimitFailure: env.RATE_LIMIT_FAILURE,
  onError: (error) => logger.error({ error: String(error) }, "metering failed"),
});
await gateway.tollgate.ready;
let metricsServer: Server | undefined;
if (metrics !== undefined) {
  metrics.watchKeyCache(() => gateway.tollgate.keyCacheStats());
  metricsServer = await serveMetrics(metrics.registry, env.METRICS_PORT!, env.HOST);
  const address = metricsServer.address();
  const port = typeof address === "object" && address ? address.port : env.METRICS_PORT;
  console.log(`[gateway] metrics on http://${env.HOST}:${port}/metrics`);
}
const server = gateway.app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`[gateway] listening on http://${env.HOST}:${port}, forwarding to ${env.UPSTREAM_URL}`);
});
server.keepAliveTimeout = 65_000;

const shutdown = () => {
  metricsServer?.close();
  server.close(() => {
    void gateway.close().finally(() => {
      redis.disconnect();
      process.exit(0);
    });
  });
  server.closeIdleConnections();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
