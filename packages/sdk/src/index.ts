export {
  newIdempotencyKey,
  TollgateAdminClient,
  TollgateClient,
  type ClientOptions,
  type IdempotencyOptions,
  type PageOptions,
} from "./client.js";
export * from "./errors.js";
/** Money as people read it (integer micros per currency): the formatter the portal, console and invoices use. */
export { decimalAmount, formatExactMoney, formatMicros, formatMoney, formatUnitPrice, minorDigits, type Micros } from "@tollgate/money";
export type * from "./types.js";
/** The API as openapi-typescript describes it: every path, operation and schema (generated, see types.ts). */
export type { components, operations, paths } from "./openapi.js";
