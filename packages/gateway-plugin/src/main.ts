#!/usr/bin/env node
import { createGateway } from "./adapters/proxy.js";
import { gatewayEnv } from "./env.js";
import { createGatewayRedis, whenReady } from "./redis.js";
import { agreePartitions } from "./store/hot-store.js";
import { createKeyspace } from "./store/format.js";

const env = gatewayEnv.parse(process.env);
const redis = createGatewayRedis(env.REDIS_URL);
redis.on("error", (error: Error) => console.error(`[gateway] redis: ${error.message}`));
await whenReady(redis);
// The partition count is the control plane's to set; a gateway adopts it.
const { partitions } = await agreePartitions(redis, (n) => createKeyspace(env.TOLLGATE_PREFIX, n));
const gateway = createGateway({
  redis,
  prefix: env.TOLLGATE_PREFIX,
  partitions,
  upstream: env.UPSTREAM_URL,
  rateLimitFailure: env.RATE_LIMIT_FAILURE,
  onError: (error) => console.error("[gateway] metering failed:", error),
});
await gateway.tollgate.ready;
const server = gateway.app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`[gateway] listening on http://${env.HOST}:${port}, forwarding to ${env.UPSTREAM_URL}`);
});
server.keepAliveTimeout = 65_000;

const shutdown = () => {
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
