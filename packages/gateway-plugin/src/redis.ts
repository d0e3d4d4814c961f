import { Redis, type RedisOptions } from "ioredis";

/**
 * A Redis connection fit for moving money. ioredis' defaults queue commands while disconnected and resend
 * unanswered ones after a reconnect, which could replay a charge; here a command either reaches Redis now or
 * fails now, and the caller decides (the charge script is idempotent by event id, so the meter may ask again).
 */
export function createGatewayRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    ...options,
  });
}

/** Resolves when the connection can take commands (with no offline queue, nothing may be sent before). */
export function whenReady(redis: Redis): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off("error", onError);
      resolve();
    };
    const onError = (error: Error) => {
      if (redis.status === "end") {
        redis.off("ready", onReady);
        reject(error);
      }
    };
    redis.once("ready", onReady);
    redis.on("error", onError);
  });
}
