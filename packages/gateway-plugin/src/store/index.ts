export * from "./keyspace.js";
export * from "./types.js";
export { HotStore, agreePartitions, type HotStoreOptions } from "./hot-store.js";
export { ChargeCode, CreditCode } from "./scripts.js";
export {
  RatedStore,
  type QuotaCheck,
  type RatedCall,
  type RatedResult,
  type Refusal,
  type ReserveResult,
  type Settlement,
} from "./rated-store.js";
export type { CompiledPlan, PlanSpec } from "../core/catalog.js";
