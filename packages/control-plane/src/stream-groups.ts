import type { Redis } from "ioredis";

/** Create a consumer group on each stream (and the stream if absent); an existing group is kept. */
export async function ensureGroups(redis: Redis, streams: string[], group: string): Promise<void> {
  for (const stream of streams) {
    try {
      await redis.xgroup("CREATE", stream, group, "0", "MKSTREAM");
    } catch (error) {
      if (!String(error).includes("BUSYGROUP")) throw error;
    }
  }
}

/** Redis lost its data (streams and groups with it): the caller should recreate its groups and read on. */
export function isLostGroup(error: unknown): boolean {
  return String(error).includes("NOGROUP");
}
