export * from "./keyspace.js";
export * from "./types.js";
export { HotStore, agreePartitions, type HotStoreOptions } from "./hot-store.js";
export { ChargeCode, CreditCode } from "./scripts.js";
