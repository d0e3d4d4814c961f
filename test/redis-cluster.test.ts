import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import { ON_CLUSTER } from "./support/keys.js";
import { eventually, startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";

// Runs in the test command's second pass, on the 3-master cluster (scripts/test.sh); skipped on one server.
describe.skipIf(!ON_CLUSTER)("on a Redis Cluster", () => {
  let stack: Stack;
  let cluster: Cluster;
  beforeAll(async () => {
    stack = await startStack();
    cluster = stack.redis as Cluster;
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The master that holds `key`: `host:port`. */
  const nodeOf = async (key: string) => {
    const slot = (await cluster.call("CLUSTER", "KEYSLOT", key)) as number;
    return cluster.slots[slot]![0]!;
  };

  it("charges accounts whose keys live on every master, ingests every partition's stream, and books it all", async () => {
    expect(stack.redis).toBeInstanceOf(Cluster);
    expect(cluster.nodes("master")).toHaveLength(3);
    // Accounts until each master holds at least one of them (their partition's slot decides where).
    const byNode = new Map<string, Seeded>();
    for (let i = 0; i < 60 && byNode.size < 3; i++) {
      const s = await stack.seedAccount({ pricePerCall: 100, balance: 1_000 });
      const node = await nodeOf(stack.keyspace.account(s.accountId));
      if (!byNode.has(node)) byNode.set(node, s);
    }
    expect(byNode.size).toBe(3);

    const accounts = [...byNode.values()];
    for (const s of accounts) {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.at(-1)).toBe(402);
      // The account's hash and its partition's stream are on the same master: one slot.
      const partition = stack.keyspace.partitionOf(s.accountId);
      expect(await nodeOf(stack.keyspace.usageStream(partition))).toBe(await nodeOf(stack.keyspace.account(s.accountId)));
    }
    await eventually(
      async () => {
        const counts = await Promise.all(accounts.map((s) => stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })));
        return counts.every((n) => n === 10);
      },
      30_000,
      "every account's usage ingested, from three masters",
    );
    for (const s of accounts) await usageIngested(stack, 10, s.accountId);
    await jobs.bookUsage(stack.ctx);
    for (const s of accounts) expect((await stack.admin.getBalance(s.accountId)).balances[0]!.available).toBe(0);
    expect((await stack.admin.reconcile()).drifts).toEqual([]);

    // A price change reaches the gateway through the cluster's pub/sub, not by cache expiry.
    const s = accounts[0]!;
    await stack.admin.creditWallet(s.walletId, { amount: 1_000 }, { idempotencyKey: `cluster-top-up-${s.accountId}` });
    await stack.admin.replaceCatalog(s.planId, { pricePerCall: 250 });
    await eventually(
      async () => (await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).headers["tollgate-charge"] === "250",
      5_000,
      "the new price on the gateway",
    );
  });
});
