import type { RedisClient } from "@tollgate/metering";

/** The compiled-decision probe's commands (load/native/tgnative.c): METER_LUA's and METER_ONE_LUA's forms, decided in C. */
export const NATIVE_METER = "tgnative.meter";
export const NATIVE_METER_ONE = "tgnative.meter_one";

/**
 * Route a client's charging batches to the compiled-decision probe instead of METER_LUA: the coalescer
 * (packages/metering/src/store/coalescer.ts) sends each batch through the client's `tollgateMeter`, defined when
 * the charge store is made; this replaces it afterwards with the module's command, given the same keys and
 * arguments, and, like the script, never auto-pipelined. For the benchmark only: the module decides flat prices
 * alone, and answers anything else as an error of that operation.
 */
export function routeMeterToNative(redis: RedisClient): void {
  const options = redis.options as { autoPipeliningIgnoredCommands?: string[] };
  options.autoPipeliningIgnoredCommands = [...(options.autoPipeliningIgnoredCommands ?? []), NATIVE_METER, NATIVE_METER_ONE];
  type Send = (...args: (string | number)[]) => Promise<unknown>;
  const routed = redis as unknown as { tollgateMeter: Send; tollgateMeterOne: Send };
  routed.tollgateMeter = (...args) => redis.call(NATIVE_METER, ...args);
  routed.tollgateMeterOne = (...args) => redis.call(NATIVE_METER_ONE, ...args);
}
