// The metering core's public API: what the gateway (packages/gateway-plugin) and the control plane build on.
// It knows nothing of Express or of HTTP proxies; `./store` is its Redis side (keyspace, scripts, stores).
export { extractApiKey, hashApiKey } from "./core/api-key.js";
export { createEventIdGenerator } from "./core/event-id.js";
export { CREDENTIAL_HEADERS, RESPONSE_HEADERS, UPSTREAM_HEADERS } from "./core/headers.js";
export {
  DIRECT_CHARGE,
  Meter,
  isRedisUnavailable,
  noRateProblem,
  refusalProblem,
  type Call,
  type CallResult,
  type DirectCharge,
  type DirectChargeOutcome,
  type MeterOutcome,
  type MeterOptions,
  type RateLimiter,
} from "./core/meter.js";
export * from "./core/catalog.js";
export {
  MAX_RATE_LINES,
  catalogFields,
  catalogSchema,
  checkCatalog,
  toCatalog,
  type Catalog,
  type CatalogInput,
} from "./core/catalog-schema.js";
export * from "./core/rating.js";
export { localTime, periodKey, type LocalTime } from "./core/clock.js";
export { MAX_ATTRIBUTE, ratedCall, type UsageContext } from "./core/prepare.js";
export {
  RateLimits,
  rateLimitHeaderPairs,
  type RateDecision,
  type RateLimitFailurePolicy,
  type RateLimitHeaders,
} from "./core/rate-limits.js";
export { PROBLEMS, PROBLEM_CONTENT_TYPE, problem, problemType, type Problem, type ProblemCode } from "./core/problems.js";
export { connectRedis, createGatewayRedis, parseClusterUrl, whenReady, type RedisClient } from "./redis.js";
export { GatewayMetrics, serveMetrics } from "./metrics.js";
export { createLogger, LOG_LEVELS, requestLogger, type Logger } from "./logging.js";
export { Directory, type DirectoryOptions } from "./store/directory.js";
export { canonicalTarget, normalizeTarget } from "./core/path.js";
export * from "./store/index.js";
