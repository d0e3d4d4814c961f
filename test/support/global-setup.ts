import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { connectRedis } from "@tollgate/gateway-plugin";
import { deleteKeys } from "./keys.js";

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
    const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await deleteKeys(redis, `t_${runId}_*`);
    redis.disconnect();
  };
}
