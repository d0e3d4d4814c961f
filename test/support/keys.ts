import { Cluster, type Redis } from "ioredis";

/**
 * Remove the keys matching `pattern`, and only those: never FLUSHALL a shared Redis. On a cluster, every
 * master is scanned, and keys are removed one by one (a command may not span hash slots).
 */
export async function deleteKeys(redis: Redis | Cluster, pattern: string): Promise<void> {
  const nodes = redis instanceof Cluster ? redis.nodes("master") : [redis];
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length > 0) {
        if (redis instanceof Cluster) await Promise.all(keys.map((key) => redis.unlink(key)));
        else await redis.unlink(...keys);
      }
      cursor = next;
    } while (cursor !== "0");
  }
}

/** The keys matching `pattern`, from every master of a cluster (KEYS asks one node only). */
export async function keysMatching(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes("master") : [redis];
  return (await Promise.all(nodes.map((node) => node.keys(pattern)))).flat();
}

/** True when the tests run on a Redis Cluster (REDIS_URL=redis-cluster://…; see scripts/test.sh). */
export const ON_CLUSTER = (process.env.REDIS_URL ?? "").startsWith("redis-cluster://");
