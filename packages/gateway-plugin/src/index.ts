// The gateway: the Express adapter over the metering core, and the proxy it is composed with. The metering
// core (@tollgate/metering) is re-exported whole, for those who embed the gateway and use its parts.
export { createTollgate, sendProblem, type TollgateMiddleware, type TollgateOptions } from "./adapters/express.js";
export { createGateway, type Gateway, type GatewayOptions } from "./adapters/proxy.js";
export * from "@tollgate/metering";
