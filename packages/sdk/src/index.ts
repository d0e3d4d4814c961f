export { TollgateAdminClient, TollgateClient, type ClientOptions, type PageOptions } from "./client.js";
export * from "./errors.js";
export type * from "./types.js";
