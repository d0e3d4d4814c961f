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
/** The API as openapi-typescript describes it: every path, operation and schema (generated, see types.ts). */
export type { components, operations, paths } from "./openapi.js";
