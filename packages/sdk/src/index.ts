export {
  newIdempotencyKey,
  TollgateAdminClient,
  TollgateClient,
  type ClientOptions,
  type IdempotencyOptions,
  type PageOptions,
} from "./client.js";
export * from "./errors.js";
export type * from "./types.js";
