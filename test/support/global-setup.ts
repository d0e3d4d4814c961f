import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { Redis } from "ioredis";

/**
 * Every database and Redis prefix a test run creates carries this run's id (see env.ts), so that whatever
 * a crashed test left behind is removed here, at the end of the run, and nothing of anyone else's.
 */
export default function setup(): () => Promise<void> {
  const runId = randomBytes(4).toString("hex");
  process.env.TOLLGATE_TEST_RUN = runId;
  return async () => {
    const conn = await mongoose.createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/").asPromise();
    const { databases } = await conn.db!.admin().listDatabases();
    for (const { name } of databases) {
      if (name.startsWith(`t_${runId}_`)) await conn.useDb(name).dropDatabase();
    }
    await conn.close();
    const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `t_${runId}_*`, "COUNT", 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
    redis.disconnect();
  };
}
