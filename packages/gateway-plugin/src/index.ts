export { createTollgate, sendProblem, type TollgateMiddleware, type TollgateOptions } from "./adapters/express.js";
export { createGateway, type Gateway, type GatewayOptions } from "./adapters/proxy.js";
export { extractApiKey, hashApiKey } from "./core/api-key.js";
export { CREDENTIAL_HEADERS, RESPONSE_HEADERS, UPSTREAM_HEADERS } from "./core/headers.js";
export { Meter, type Call, type MeterOutcome } from "./core/meter.js";
export { PROBLEMS, PROBLEM_CONTENT_TYPE, problem, problemType, type Problem, type ProblemCode } from "./core/problems.js";
export { createGatewayRedis, whenReady } from "./redis.js";
export { Directory, type DirectoryOptions, type Resolved } from "./store/directory.js";
export * from "./store/index.js";
