import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, createGatewayRedis, whenReady } from "@tollgate/gateway-plugin";
import { ForbiddenError, TollgateAdminClient, UnauthorizedError } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call, rawGet } from "./support/http.js";
import { listen, startStack, TEST_PARTITIONS, type Seeded, type Stack } from "./support/stack.js";

describe("authentication and authorization", () => {
  let stack: Stack;
  let alice: Seeded;
  let bob: Seeded;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    alice = await stack.seedAccount({ pricePerCall: 10, balance: 1_000 });
    bob = await stack.seedAccount({ pricePerCall: 10, balance: 1_000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const expectProblem = (answer: { status: number; headers: Record<string, unknown>; body: string }, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json(;|$)/);
    expect(JSON.parse(answer.body)).toMatchObject({ status, code });
  };

  it("gateway: no key, an unknown key, or a malformed key is 401 and never reaches the upstream", async () => {
    const before = stack.upstream.count();
    expectProblem(await call(`${stack.gatewayUrl}/x`), 401, "unauthorized");
    expectProblem(
      await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": "tg_thisKeyWasNeverIssuedByAnyone" } }),
      401,
      "unauthorized",
    );
    expectProblem(await call(`${stack.gatewayUrl}/x`, { headers: { authorization: "Bearer short" } }), 401, "unauthorized");
    expectProblem(await call(`${stack.gatewayUrl}/x`, { headers: { authorization: `Basic ${alice.key}` } }), 401, "unauthorized");
    expect(stack.upstream.count()).toBe(before);
    expect((await stack.admin.getBalance(alice.accountId)).balances[0]!.available).toBe(1_000);
  });

  it("a credential is exactly its bytes: a key or token with a Unicode space (0xA0) around it is 401, charged nothing", async () => {
    const before = stack.upstream.count();
    for (const [name, value] of [
      ["X-Api-Key", `${alice.key}\u00a0`],
      ["X-Api-Key", `\u00a0${alice.key}`],
      ["Authorization", `Bearer ${alice.key}\u00a0`],
      ["Authorization", `Bearer \u00a0${alice.key}`],
    ] as const) {
      expectProblem(await rawGet(stack.gatewayUrl, "/x", { [name]: value }), 401, "unauthorized");
      expectProblem(await rawGet(stack.controlPlaneUrl, "/v1/me/balance", { [name]: value }), 401, "unauthorized");
    }
    expectProblem(await rawGet(stack.controlPlaneUrl, "/v1/plans", { Authorization: `Bearer ${ADMIN_TOKEN}\u00a0` }), 401, "unauthorized");
    // HTTP's own optional whitespace is not part of the credential.
    expect((await rawGet(stack.controlPlaneUrl, "/v1/plans", { Authorization: `Bearer ${ADMIN_TOKEN}\t` })).status).toBe(200);
    expect(stack.upstream.count()).toBe(before);
    expect((await stack.admin.getBalance(alice.accountId)).balances[0]!.available).toBe(1_000);
  });

  it("gateway: a revoked key is refused from the very next call", async () => {
    const s = await stack.seedAccount({ pricePerCall: 10, balance: 1_000 });
    const ok = await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } }); // warms the cache
    expect(ok.status).toBe(200);
    const before = stack.upstream.count();
    await stack.admin.revokeApiKey(s.accountId, s.keyId);
    expectProblem(await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } }), 401, "unauthorized");
    expect(stack.upstream.count()).toBe(before);
    expect((await stack.admin.getBalance(s.accountId)).balances[0]!.available).toBe(990);
    // and by the control plane
    await expect(stack.consumer(s.key).getBalance()).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("gateway: the caller's credentials are not passed to the upstream; Tollgate's identity headers are", async () => {
    const answer = await call(`${stack.gatewayUrl}/who`, {
      headers: { authorization: `Bearer ${alice.key}`, "tollgate-account-id": bob.accountId },
    });
    expect(answer.status).toBe(200);
    const seen = stack.upstream.requests.at(-1)!;
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers["tollgate-account-id"]).toBe(alice.accountId);
    expect(seen.headers["tollgate-key-id"]).toBe(alice.keyId);
  });

  it("gateway: the caller's own tollgate-* headers never reach the upstream, on a charged call or a free one; its other headers do", async () => {
    const forged = {
      "tollgate-account-id": bob.accountId,
      "tollgate-key-id": bob.keyId,
      "tollgate-event-id": "forged-event",
      "x-trace": "t-1",
    };
    const charged = await call(`${stack.gatewayUrl}/who`, { headers: { "x-api-key": alice.key, ...forged } });
    expect(charged.status).toBe(200);
    const seen = stack.upstream.requests.at(-1)!;
    expect(seen.headers["x-api-key"]).toBeUndefined();
    expect(seen.headers["tollgate-account-id"]).toBe(alice.accountId);
    expect(seen.headers["tollgate-key-id"]).toBe(alice.keyId);
    expect(seen.headers["tollgate-event-id"]).toBe(charged.headers["tollgate-event-id"]);
    expect(seen.headers["x-trace"]).toBe("t-1");

    const free = await stack.seedCatalog({ products: [], unmatched: { action: "free" } }, 0);
    const freeAnswer = await call(`${stack.gatewayUrl}/who`, { headers: { authorization: `Bearer ${free.key}`, ...forged } });
    expect(freeAnswer.status).toBe(200);
    expect(freeAnswer.headers["tollgate-event-id"]).toBeUndefined();
    const seenFree = stack.upstream.requests.at(-1)!;
    expect(seenFree.headers.authorization).toBeUndefined();
    expect(seenFree.headers["tollgate-event-id"]).toBeUndefined();
    expect(seenFree.headers["tollgate-account-id"]).toBe(free.accountId);
    expect(seenFree.headers["tollgate-key-id"]).toBe(free.keyId);
    expect(seenFree.headers["x-trace"]).toBe("t-1");
  });

  it("gateway: forwardCredentials passes the caller's key on, and still replaces a forged identity", async () => {
    const redis = createGatewayRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await whenReady(redis);
    const gateway = createGateway({
      redis,
      prefix: stack.prefix,
      partitions: TEST_PARTITIONS,
      upstream: stack.upstream.url,
      forwardCredentials: true,
    });
    await gateway.tollgate.ready;
    const { server, url } = await listen(gateway.app);
    try {
      const answer = await call(`${url}/who`, {
        headers: { authorization: `Bearer ${alice.key}`, "x-api-key": "also-sent", "tollgate-account-id": bob.accountId },
      });
      expect(answer.status).toBe(200);
      const seen = stack.upstream.requests.at(-1)!;
      expect(seen.headers.authorization).toBe(`Bearer ${alice.key}`);
      expect(seen.headers["x-api-key"]).toBe("also-sent");
      expect(seen.headers["tollgate-account-id"]).toBe(alice.accountId);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await gateway.close();
      redis.disconnect();
    }
  });

  it("control plane: admin endpoints need an admin token", async () => {
    const none = await request(stack.controlPlaneUrl).get("/v1/plans");
    expect(none.status).toBe(401);
    expect(none.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    const asConsumer = await request(stack.controlPlaneUrl).get("/v1/plans").set("x-api-key", alice.key);
    expect(asConsumer.status).toBe(403);
    const wrongToken = await request(stack.controlPlaneUrl).get("/v1/plans").set("authorization", `Bearer ${ADMIN_TOKEN}x`);
    expect(wrongToken.status).toBe(401);
  });

  it("control plane: a consumer reads its own balance and usage, and never another account's", async () => {
    const mine = await request(stack.controlPlaneUrl).get(`/v1/accounts/${alice.accountId}/balance`).set("x-api-key", alice.key);
    expect(mine.status).toBe(200);
    for (const path of [`/v1/accounts/${bob.accountId}/balance`, `/v1/accounts/${bob.accountId}/usage`, `/v1/accounts/${bob.accountId}`]) {
      const theirs = await request(stack.controlPlaneUrl).get(path).set("x-api-key", alice.key);
      expect(theirs.status).toBe(403);
      expect(theirs.body.code).toBe("forbidden");
      expect(JSON.stringify(theirs.body)).not.toContain(bob.walletId);
    }
    const asAdmin = await request(stack.controlPlaneUrl).get("/v1/me/balance").set("authorization", `Bearer ${ADMIN_TOKEN}`);
    expect(asAdmin.status).toBe(403);
    await expect(stack.consumer(alice.key).getBalance()).resolves.toMatchObject({ accountId: alice.accountId });
  });

  it("control plane: a consumer key cannot credit, issue keys or create plans", async () => {
    const before = (await stack.admin.getBalance(alice.accountId)).balances[0]!.available;
    const attempts = [
      request(stack.controlPlaneUrl)
        .post(`/v1/wallets/${alice.walletId}/credits`)
        .set("x-api-key", alice.key)
        .set("idempotency-key", "a")
        .send({ amount: 5 }),
      request(stack.controlPlaneUrl).post(`/v1/accounts/${alice.accountId}/keys`).set("x-api-key", alice.key).send({}),
      request(stack.controlPlaneUrl).post("/v1/plans").set("x-api-key", alice.key).send({ name: "free", currency: "USD", pricePerCall: 0 }),
    ];
    for (const answer of await Promise.all(attempts)) expect(answer.status).toBe(403);
    const asAdminClient = new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token: alice.key });
    await expect(asAdminClient.creditWallet(alice.walletId, { amount: 5 }, { idempotencyKey: "b" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await stack.admin.getBalance(alice.accountId)).balances[0]!.available).toBe(before);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ walletId: alice.walletId })).toBe(1);
    expect(await stack.ctx.models.ApiKey.countDocuments({ accountId: alice.accountId })).toBe(1);
  });
});
