import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEMS } from "@tollgate/gateway-plugin";
import { ConnectionError, ERROR_TYPES, TollgateAdminClient, TollgateError, UnavailableError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

/**
 * What each next request through the proxy meets: passed through; passed to the control plane but cut
 * before its answer comes back (the server acted, the client never heard); refused with a 503 (the server
 * never saw it); or held without an answer.
 */
type Fault = "pass" | "cut-after-acting" | "503" | "503-for-an-hour" | "hang";

/** A TCP proxy in front of the real control plane that fails connections as told: the network, not our server. */
async function faultyProxy(target: string): Promise<{ url: string; next: Fault[]; seen: () => number; close: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const next: Fault[] = [];
  const sockets = new Set<Socket>();
  let connections = 0; // requests, in fact: counted at their first bytes
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    // A fault is taken by a request (its first bytes), not by a connection: a client may open one and not use it.
    client.once("data", (first: Buffer) => {
      connections += 1;
      const fault = next.shift() ?? "pass";
      if (fault === "hang") return;
      if (fault === "503" || fault === "503-for-an-hour") {
        const body = JSON.stringify({ type: "about:blank", title: "Unavailable", status: 503, code: "unavailable" });
        client.end(
          `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\nretry-after: ${fault === "503" ? 1 : 3600}\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
        return;
      }
      const upstream = connect(Number(port), hostname);
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      client.on("close", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      upstream.write(first);
      client.pipe(upstream);
      if (fault === "cut-after-acting") upstream.once("data", () => client.destroy());
      else upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    next,
    /** Requests that reached the proxy so far. */
    seen: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("the SDK's timeouts and retries, against the real control plane through a faulty network", () => {
  let stack: Stack;
  let proxy: Awaited<ReturnType<typeof faultyProxy>>;
  let s: Seeded;
  // A fresh connection per request, so that each request meets the fault queued for it.
  const fresh: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), connection: "close" } });
  const client = (options: { maxRetries?: number; timeoutMs?: number } = {}) =>
    new TollgateAdminClient({ baseUrl: proxy.url, token: ADMIN_TOKEN, fetch: fresh, ...options });

  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    proxy = await faultyProxy(stack.controlPlaneUrl);
    s = await stack.seedAccount({ pricePerCall: 10, balance: 0 });
  });
  afterAll(async () => {
    await proxy?.close();
    await stack?.close();
  });

  const credits = async () => (await stack.admin.listTransactions(s.accountId, { limit: 200 })).items.filter((e) => e.type === "credit");

  it("a credit whose answer was lost is retried with the same Idempotency-Key and booked once", async () => {
    const before = await credits();
    proxy.next.push("cut-after-acting");
    const entry = await client().creditWallet(s.walletId, { amount: 7_000_000, reason: "lost answer" });
    const after = await credits();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((e) => e.id === entry.id)?.amount).toBe(7_000_000);
    expect((await stack.admin.getBalance(s.accountId)).balances[0]!.available).toBe(7_000_000);
  });

  it("a create without an Idempotency-Key is not sent twice when its answer is lost", async () => {
    const plans = (await stack.admin.listPlans()).items.length;
    proxy.next.push("cut-after-acting");
    const attempt = client().createPlan({ name: "once only", currency: "USD", pricePerCall: 1 });
    await expect(attempt).rejects.toBeInstanceOf(ConnectionError);
    expect((await stack.admin.listPlans()).items.length).toBe(plans + 1); // it did act, once
  });

  it("a 503 refusal is retried after its Retry-After, even for a create (the server did nothing)", async () => {
    const plans = (await stack.admin.listPlans()).items.length;
    proxy.next.push("503");
    const connections = proxy.seen();
    const plan = await client().createPlan({ name: "after a 503", currency: "USD", pricePerCall: 1 });
    expect(plan.name).toBe("after a 503");
    expect(proxy.seen() - connections).toBe(2);
    expect((await stack.admin.listPlans()).items.length).toBe(plans + 1);
    // A server asking for more patience than a retry allows gets its error back at once, not a retry.
    proxy.next.push("503-for-an-hour");
    await expect(client().listPlans()).rejects.toBeInstanceOf(UnavailableError);
    expect(proxy.seen() - connections).toBe(3);
  });

  it("a read that times out is tried again; with retries off the caller gets a ConnectionError", async () => {
    proxy.next.push("hang");
    const balance = await client({ timeoutMs: 300 }).getBalance(s.accountId);
    expect(balance.accountId).toBe(s.accountId);
    proxy.next.push("503");
    await expect(client({ maxRetries: 0 }).getBalance(s.accountId)).rejects.toBeInstanceOf(UnavailableError);
    proxy.next.push("hang");
    const error = await client({ maxRetries: 0, timeoutMs: 200 })
      .getBalance(s.accountId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("timed out after 200 ms");
  });

  it("maps every problem code the API answers with to a typed error", () => {
    for (const code of Object.keys(PROBLEMS)) {
      const Type = ERROR_TYPES[code as keyof typeof ERROR_TYPES];
      expect(Type, code).toBeDefined();
      expect(Type, code).not.toBe(TollgateError);
    }
  });

  it("pages through a list with an async iterator", async () => {
    for (let i = 0; i < 5; i++) await stack.admin.creditWallet(s.walletId, { amount: 1_000_000 }, { idempotencyKey: `iterate-${i}` });
    const seen: string[] = [];
    for await (const entry of stack.admin.iterateTransactions(s.accountId, { limit: 2 })) seen.push(entry.id);
    const all = (await stack.admin.listTransactions(s.accountId, { limit: 200 })).items.map((e) => e.id);
    expect(seen).toEqual(all);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });
});
