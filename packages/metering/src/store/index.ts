// The metering core's Redis side (`@tollgate/metering/store`): keyspace, stream formats, scripts and stores.
export * from "./format.js";
export * from "./types.js";
export { HotStore, agreePartitions, type HotStoreOptions } from "./hot-store.js";
export { COUNTER_TTL_SECONDS, RedisChargeStore, type ChargeStoreOptions } from "./charge-store.js";
export { RedisLeases, type LeaseOptions } from "./leases.js";
export { BundleStore, bundleFields, type HotBundle } from "./bundles.js";
export { SessionStore, type SessionRecord } from "./sessions.js";
export { MoveStore, MOVED_MESSAGE } from "./moves.js";
// The charging script's reply codes and operations: what load/native/ (the compiled-decision probe) answers alike.
export { Code, MeterOp } from "./scripts.js";
export type { CompiledPlan, PlanSpec } from "../core/catalog.js";
export type * from "../core/charging.js";
