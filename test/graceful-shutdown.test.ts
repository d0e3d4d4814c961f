import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, MONGODB_URI, REDIS_URL } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, TEST_PARTITIONS, type Stack } from "./support/stack.js";

const GATEWAY = fileURLToPath(new URL("../packages/gateway-plugin/dist/main.js", import.meta.url));

describe("a gateway stopped with SIGTERM", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await stack?.close();
  });

  it("finishes and settles the calls in flight, takes no new ones, and exits cleanly", async () => {
    // Priced by response bytes: each call reserves its maximum, and is settled when its response ends.
    const s = await stack.seedCatalog(
      { unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 4_000 } } },
      10_000,
    );
    const gateway = spawn(process.execPath, [GATEWAY], {
      env: {
        ...process.env,
        REDIS_URL,
        MONGODB_URI,
        TOLLGATE_PREFIX: stack.prefix,
        TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
        TOLLGATE_ADMIN_TOKENS: ADMIN_TOKEN,
        PORT: "0",
        UPSTREAM_URL: stack.upstream.url,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(gateway);
    const url = await new Promise<string>((resolve) =>
      gateway.stdout.on("data", (d: Buffer) => {
        const m = /listening on (http:\/\/[\d.:]+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      }),
    );
    const exited = new Promise<number | null>((resolve) => gateway.on("exit", (code) => resolve(code)));
    const account = () => stack.redis.hgetall(stack.keyspace.account(s.accountId));

    const inFlight = call(`${url}/sleep/1500`, { headers: { "x-api-key": s.key } });
    await eventually(async () => (await account())["h:USD"] === "4000", 10_000, "the call's reservation");
    gateway.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No new call is taken once it is stopping.
    await expect(call(`${url}/hello`, { headers: { "x-api-key": s.key } })).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("{}");
    expect(await exited).toBe(0);
    // Settled before it exited: nothing held, the two bytes of the answer charged.
    expect(await account()).toMatchObject({ "h:USD": "0", "b:USD": String(10_000 - 2) });
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 1,
      30_000,
      "its usage event",
    );
    const event = await stack.ctx.models.UsageEvent.findOne({ accountId: s.accountId }).lean();
    expect(event).toMatchObject({ amount: 2, units: 2 });
  });
});
