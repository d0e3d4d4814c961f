import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { Agent } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, MONGODB_URI, REDIS_URL } from "./support/env.js";
import { call, type Answer } from "./support/http.js";
import { eventually, startStack, TEST_PARTITIONS, type Stack } from "./support/stack.js";

const MAIN = fileURLToPath(new URL("../packages/control-plane/dist/main.js", import.meta.url));
const MAX_CALLS = 100_000;

function startIngester(stack: Stack, consumer: string): ChildProcess {
  return spawn(process.execPath, [MAIN, "ingester"], {
    env: {
      ...process.env,
      MONGODB_URI,
      MONGODB_DB: stack.dbName,
      REDIS_URL,
      TOLLGATE_PREFIX: stack.prefix,
      TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
      TOLLGATE_ADMIN_TOKENS: ADMIN_TOKEN,
      INGESTER_CONSUMER: consumer,
      INGESTER_CLAIM_IDLE_MS: "1000",
      // Ingest-only processes: the test is about ingestion. On FerretDB v1 (SQLite) every query but {_id: x}
      // reads the whole collection, and an update rewrites its matches one by one in one write transaction,
      // so the jobs' booking contends with the ingester's inserts for SQLite's one write lock.
      JOBS: "off",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

describe("usage ingestion survives SIGKILL", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the build (pnpm build) first`);
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await stack?.close();
  });

  /** Calls at a steady concurrency until stopped, so that there is always usage in flight. */
  function startLoad(url: string, key: string): { stop(): Promise<Answer[]> } {
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const answers: Answer[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running && n < MAX_CALLS) answers.push(await call(`${url}/${n++}`, { agent, headers: { authorization: `Bearer ${key}` } }));
    };
    const workers = Promise.all(Array.from({ length: 32 }, worker));
    return {
      async stop() {
        running = false;
        await workers;
        agent.destroy();
        return answers;
      },
    };
  }

  async function pendingFor(consumer: string): Promise<number> {
    let total = 0;
    for (const stream of stack.keyspace.usageStreams()) {
      const rows = await stack.redis.xpending(stream, "ingest", "-", "+", 100_000, consumer);
      total += rows.length;
    }
    return total;
  }

  async function killHoldingPending(child: ChildProcess, consumer: string): Promise<number> {
    for (let attempt = 0; attempt < 2_000; attempt++) {
      child.kill("SIGSTOP");
      const held = await pendingFor(consumer);
      if (held > 0) {
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
        return held;
      }
      child.kill("SIGCONT");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${consumer} never held pending entries`);
  }

  it("ingests every charged call exactly once when the ingester is killed mid-burst and replaced", async () => {
    const seeded = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000 * MAX_CALLS });
    const { UsageEvent } = stack.ctx.models;
    const count = () => UsageEvent.countDocuments({ accountId: seeded.accountId });

    const first = startIngester(stack, "ingester-a");
    children.push(first);
    const load = startLoad(`${stack.gatewayUrl}/work`, seeded.key);

    // Kill it while it holds events it has read but not acknowledged: freeze it (SIGSTOP) until a freeze
    // catches it so, then SIGKILL. Its successor, under another name, must claim them.
    await eventually(async () => (await count()) > 0, 30_000, "first ingested events");
    const heldByFirst = await killHoldingPending(first, "ingester-a");
    expect(heldByFirst).toBeGreaterThan(0);

    // The same again with a consumer that is then restarted under its own name: it re-reads its own.
    const second = startIngester(stack, "ingester-b");
    children.push(second);
    await eventually(async () => (await pendingFor("ingester-a")) === 0, 60_000, "dead consumer's entries claimed");
    const heldBySecond = await killHoldingPending(second, "ingester-b");
    expect(heldBySecond).toBeGreaterThan(0);

    const answers = await load.stop();
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const charged = answers.length;

    const third = startIngester(stack, "ingester-b");
    children.push(third);
    await eventually(async () => (await count()) >= charged, 60_000, "all usage ingested");
    await eventually(
      async () => {
        const streams = await Promise.all(stack.keyspace.usageStreams().map((s) => stack.redis.xlen(s)));
        return streams.every((n) => n === 0);
      },
      30_000,
      "streams drained",
    );

    expect(await count()).toBe(charged);
    const ids = await UsageEvent.distinct("_id", { accountId: seeded.accountId });
    expect(ids).toHaveLength(charged);
    for (const stream of stack.keyspace.usageStreams()) {
      const [pending] = (await stack.redis.xpending(stream, "ingest")) as [number];
      expect(pending).toBe(0);
    }
    expect(stack.upstream.count()).toBe(charged);
  });
});
