import { randomBytes } from "node:crypto";
import mongoose, { type Connection } from "mongoose";
import { Redis } from "ioredis";
import { flatPlanSpec } from "@tollgate/metering";
import { createKeyspace, type Keyspace } from "@tollgate/metering/store";
import type { ProblemCode } from "@tollgate/metering";
import type { AppContext } from "../src/context.js";
import type { Outcome } from "../src/domain/outcome.js";
import { createContext, type ContextParts } from "../src/create-context.js";
import { createModels } from "../src/models/index.js";
import type { Catalog } from "../src/models/plan.js";
import { createAccount, type BillingSettings } from "../src/services/accounts/create.js";
import { postEntry } from "../src/services/ledger/post.js";
import { createPlan } from "../src/services/plans/publish.js";

/**
 * The shared fixture of the control plane's service tests: a real AppContext on the real MongoDB-wire server
 * and the real Redis, under a database name and key prefix of its own (carrying the run's id, so that the
 * run's teardown removes what a crashed test left).
 */
export interface ServiceFixture {
  ctx: AppContext;
  conn: Connection;
  redis: Redis;
  keyspace: Keyspace;
  /** A plan at `pricePerCall` and an account on it with its wallet credited with `balance` micros. */
  seedAccount(options: { pricePerCall: number; balance?: number; currency?: string } & Partial<BillingSettings>): Promise<{
    planId: string;
    accountId: string;
    walletId: string;
  }>;
  close(): Promise<void>;
}

export async function startServiceFixture(
  parts: Partial<Omit<ContextParts, "models" | "redis" | "keyspace">> = {},
): Promise<ServiceFixture> {
  const name = `t_${process.env.TOLLGATE_TEST_RUN ?? "norun"}_svc_${randomBytes(4).toString("hex")}`;
  const conn = await mongoose.createConnection(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/", { dbName: name }).asPromise();
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keyspace = createKeyspace(`${name}:`, 4);
  await redis.hset(keyspace.meta(), "partitions", 4);
  const ctx = createContext({
    models: await createModels(conn),
    redis,
    keyspace,
    adminTokens: ["service-test-admin-token-0123456789"],
    ...parts,
  });
  return {
    ctx,
    conn,
    redis,
    keyspace,
    async seedAccount({ pricePerCall, balance = 0, currency = "USD", billingMode = "prepaid", creditLimit = 0, billingCycle }) {
      const plan = await createPlan(ctx, { name: "fixture plan", currency, catalog: fixtureCatalog(pricePerCall), actor: "test" });
      const { account, wallet } = valueOf(
        await createAccount(ctx, {
          name: "fixture account",
          planId: plan._id,
          billingMode,
          creditLimit,
          billingCycle,
          actor: "test",
        }),
      );
      if (balance > 0)
        valueOf(await postEntry(ctx, { walletId: wallet._id, amount: balance, idempotencyKey: "fixture-seed", actor: "test" }));
      return { planId: plan._id, accountId: account._id, walletId: wallet._id };
    },
    async close() {
      await ctx.charging.plans.close();
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${keyspace.prefix}*`, "COUNT", 1000);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
      redis.disconnect();
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/** One flat price for every call: the catalog a `pricePerCall` plan has. */
function fixtureCatalog(pricePerCall: number): Catalog {
  const { planId: _planId, currency: _currency, ...catalog } = flatPlanSpec("fixture", "USD", pricePerCall);
  return catalog;
}

/** The value of a service's typed outcome; a test that expected it to succeed fails with the failure it got. */
export function valueOf<T>(outcome: Outcome<T, ProblemCode>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}
