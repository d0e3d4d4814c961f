import { keysMatching } from "./keys.js";
import type { Stack } from "./stack.js";

/** Everything the stores hold for this run: every document of every collection, every Redis key and value. */
export async function snapshot(stack: Stack): Promise<string> {
  const db = stack.conn.db!;
  const collections = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const docs: Record<string, unknown[]> = {};
  for (const name of collections) docs[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  const keys = (await keysMatching(stack.redis, `${stack.prefix}*`)).sort();
  const redis: Record<string, unknown> = {};
  for (const key of keys) {
    const type = await stack.redis.type(key);
    redis[key] =
      type === "hash" ? await stack.redis.hgetall(key) : type === "stream" ? await stack.redis.xlen(key) : await stack.redis.get(key);
  }
  return JSON.stringify({ docs, redis });
}
