import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeUsageEvents } from "@tollgate/control-plane";
import { call } from "./support/http.js";
import {
  backlogCalls,
  CONTROL_PLANE_MAIN,
  controlPlaneEnv,
  eventually,
  startGatewayProcess,
  startStack,
  type Stack,
} from "./support/stack.js";

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
    const { child: gateway, url, exited } = await startGatewayProcess(stack);
    children.push(gateway);
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

describe("an ingester stopped with SIGTERM", () => {
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await stack?.close();
  });

  /**
   * `withApi`: a whole control plane (API, and the ingester on a thread of its own); else `main.js ingester`.
   * `preload`: a module node imports first (`--import`), e.g. a barrier.
   */
  const ingesterProcess = (consumer: string, withApi = false, env: NodeJS.ProcessEnv = {}, preload?: URL) => {
    const main = withApi ? [CONTROL_PLANE_MAIN] : [CONTROL_PLANE_MAIN, "ingester"];
    const child = spawn(process.execPath, preload === undefined ? main : ["--import", preload.href, ...main], {
      env: {
        ...controlPlaneEnv(stack),
        PORT: "0",
        INGESTER_CONSUMER: consumer,
        // Small reads, so that the stop comes while there is more to read.
        INGESTER_BATCH_SIZE: "10",
        JOBS: "off",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    /** Resolves once the process has printed `text`. */
    const said = (text: string) =>
      new Promise<void>((resolve) => {
        const heard = () => {
          if (!out.includes(text)) return;
          child.stdout.off("data", heard);
          resolve();
        };
        child.stdout.on("data", heard);
        heard();
      });
    const started = said("ingesting usage");
    return { child, started, said, exited: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code))) };
  };
  const ingested = (accountId: string) => stack.ctx.models.UsageEvent.countDocuments({ accountId });

  it("finishes the batch in hand (inserted and acknowledged), leaves the rest on the stream, and exits 0", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 10_000 });
    // Charged calls: under the load of the whole suite a call may be refused (503, fail closed) and leaves
    // no event, so the count is of the calls answered 200.
    let calls = 0;
    for (let i = 0; i < 400; i += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => call(`${stack.gatewayUrl}/hello`, { headers: { "x-api-key": s.key } })),
      );
      calls += answers.filter((a) => a.status === 200).length;
    }
    expect(calls).toBeGreaterThan(300);
    const streams = stack.keyspace.usageStreams();
    const onStreams = async () => (await Promise.all(streams.map((k) => stack.redis.xlen(k)))).reduce((a, b) => a + b, 0);
    expect(await onStreams()).toBe(calls);

    // First a whole control plane, whose ingester runs on a thread of its own; then an ingester process.
    const first = ingesterProcess("ingester-a", true);
    await first.started;
    await eventually(async () => (await ingested(s.accountId)) > 0, 30_000, "the first events ingested");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // Nothing it read is left half done: every entry it took is in MongoDB and gone from the stream, and
    // nothing is pending under its name; what it had not read yet is still on the stream.
    const pending = await Promise.all(streams.map((k) => stack.redis.xpending(k, "ingest")));
    expect(pending.map((p) => Number(p[0]))).toEqual(streams.map(() => 0));
    const afterStop = await ingested(s.accountId);
    expect(afterStop + (await onStreams())).toBe(calls);

    // Another ingester takes the rest: every call leaves exactly one usage event.
    const second = ingesterProcess("ingester-b");
    await second.started;
    await eventually(async () => (await ingested(s.accountId)) === calls, 30_000, "every event ingested");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(await ingested(s.accountId)).toBe(calls);
    expect(await onStreams()).toBe(0);
  });

  it("exits 0 when told to stop while it is still loading", async () => {
    const plane = ingesterProcess("early", false, { JOBS: "on" });
    await new Promise<void>((resolve) => plane.child.stdout.on("data", (d: Buffer) => d.toString().includes("starting") && resolve()));
    plane.child.kill("SIGTERM");
    expect(await plane.exited).toBe(0);
  });

  it("lets a booking under way finish: no booking left half done, no job left locked for the next process", async () => {
    const { BookingMark, LedgerEntry, Lock } = stack.ctx.models;
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 10_000 });
    // Usage already ingested: a booking run's worth of 2,000 calls (eight entries of 250) and half of another,
    // which the same job books right after: the stop lets the whole job finish, not only the booking it found.
    const now = new Date();
    const events = Array.from({ length: 3_000 }, (_, i) => ({
      _id: `evt_stop${String(i).padStart(6, "0")}`,
      accountId: s.accountId,
      keyId: s.keyId,
      planId: s.planId,
      currency: "USD",
      amount: 1,
      method: "GET",
      path: "/hello",
      timestamp: now,
      ingestedAt: now,
    }));
    await storeUsageEvents(stack.ctx.models, events);
    // The barrier holds the first booking right after its mark is written, until the process hears SIGTERM:
    // the stop comes while a booking is under way, however fast or slow the machine.
    const barrier = new URL("./support/booking-barrier.ts", import.meta.url);
    const plane = ingesterProcess("booker", false, { JOBS: "on", BOOK_INTERVAL_MS: "10000" }, barrier);
    await plane.said("booking under way");
    expect(await BookingMark.countDocuments({})).toBe(1);
    // This account's booking has its mark and not yet its entry (usage of the file's earlier tests may be booked
    // by now: the process stopped while loading had its jobs on, and a booking it began was let finish).
    expect(await LedgerEntry.countDocuments({ walletId: s.walletId, type: "usage" })).toBe(0);
    plane.child.kill("SIGTERM");
    expect(await plane.exited).toBe(0);
    expect(await BookingMark.countDocuments({})).toBe(0);
    expect(await Lock.findById("lock:ledger.book").lean()).toBeNull();
    const job = await stack.conn.db!.collection("jobs").findOne({ name: "usage.book" });
    expect(job?.lockedAt ?? null).toBeNull();
    // The job under way finished before the exit: every call booked, once.
    const entries = await LedgerEntry.find({ walletId: s.walletId, type: "usage" }).lean();
    expect(entries.reduce((n, e) => n + e.usageCount!, 0)).toBe(events.length);
    expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(-events.length);
    expect(await backlogCalls(stack, s.accountId)).toBe(0);
  });
});
