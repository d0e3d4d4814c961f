/**
 * One run of the deployment's webhook delivery in a process of its own, on a test stack's stores (its
 * environment names them), so that a test can kill it with SIGKILL mid-delivery. Run with `node` (type
 * stripping); `LEASE_MS` is how long the run holds the messages it takes.
 */
import mongoose from "mongoose";
import { createContext, createModels, jobs } from "@tollgate/control-plane";
import { connectRedis, createKeyspace } from "@tollgate/gateway-plugin";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const conn = await mongoose.createConnection(env("MONGODB_URI"), { dbName: env("MONGODB_DB") }).asPromise();
const redis = connectRedis(env("REDIS_URL"));
const ctx = createContext({
  models: await createModels(conn),
  redis,
  keyspace: createKeyspace(env("TOLLGATE_PREFIX"), Number(env("TOLLGATE_PARTITIONS"))),
  adminTokens: [env("TOLLGATE_ADMIN_TOKENS")],
  webhooks: { allowPrivate: true, allowHttp: true },
});
const sent = await jobs.deliverWebhookEvents(ctx, { leaseMs: Number(env("LEASE_MS")) });
console.log(`sent ${sent}`);
redis.disconnect();
await conn.close();
