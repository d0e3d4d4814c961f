import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "node:http";
import request from "supertest";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, type Mailer, startJobs } from "@tollgate/control-plane";
import { RedisChargeStore } from "@tollgate/gateway-plugin";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startInbox, type Inbox } from "./support/mail.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";
import { walkPages } from "./support/walk.js";

/** A webhook endpoint that keeps what it receives; it can be told to fail the next N deliveries. */
async function startReceiver() {
  const received: { headers: Record<string, string>; body: string }[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.statusCode = 500;
        res.end();
        return;
      }
      received.push({ headers: req.headers as Record<string, string>, body });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    failNextDeliveries: (n: number) => (failNext = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("notifications: email and signed webhooks, once per crossing", () => {
  let inbox: Inbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: Stack;
  let mailer: Mailer;
  beforeAll(async () => {
    inbox = await startInbox();
    mailer = inbox.mailer;
    receiver = await startReceiver();
    stack = await startStack({ mailer });
  });
  afterAll(async () => {
    await stack?.close();
    await inbox?.close();
    await receiver?.close();
  });

  async function subscribe(s: Seeded, settings: Record<string, unknown>) {
    const res = await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ emails: [`ops+${s.accountId}@example.com`], webhooks: [receiver.url], ...settings });
    expect(res.status).toBe(200);
    return res.body.webhooks[0].secret as string;
  }
  const mailsTo = (s: Seeded) => inbox.messages.filter((m) => m.to && JSON.stringify(m.to).includes(s.accountId));
  const hooksFor = (s: Seeded) => receiver.received.filter((r) => r.body.includes(s.accountId));
  const check = async () => {
    await Promise.all([jobs.checkThresholds(stack.ctx), jobs.checkThresholds(stack.ctx)]); // two checkers racing
    await jobs.deliverNotifications(stack.ctx, mailer);
  };

  it("a burst crossing 80% and 100% of a quota sends exactly one mail and one signed webhook per threshold", async () => {
    const s = await stack.seedCatalog(
      { pricePerCall: 10, quotas: [{ id: "monthly-calls", metric: "calls", period: "month", limit: 10, enforcement: "soft" }] },
      10_000,
    );
    const secret = await subscribe(s, { quotaPercents: [80, 100] });
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    await Promise.all(Array.from({ length: 12 }, () => call(`${stack.gatewayUrl}/x`, { agent, headers: { "x-api-key": s.key } })));
    agent.destroy();
    await check();
    await check();

    const mails = mailsTo(s);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "100% of your monthly-calls quota is used",
      "80% of your monthly-calls quota is used",
    ]);
    for (const mail of mails) {
      expect(mail.text).toContain("of 10");
      expect(mail.html).toContain("<strong>");
    }
    const hooks = hooksFor(s);
    expect(hooks).toHaveLength(2);
    const verifier = new Webhook(secret);
    for (const hook of hooks) {
      const verified = verifier.verify(hook.body, hook.headers) as { type: string; data: { percent: number } };
      expect(verified.type).toBe("tollgate.quota_reached");
    }
    expect(hooks.map((h) => JSON.parse(h.body).data.percent).sort()).toEqual([100, 80]);
    // A forged signature does not verify.
    expect(() => verifier.verify(hooks[0]!.body.replace("quota", "quotb"), hooks[0]!.headers)).toThrow();
  });

  it("a balance threshold fires once per crossing: again only after the balance went back above it", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 5_000 });
    await subscribe(s, { balanceThresholds: [2_500] });
    const spend = async (n: number) => {
      for (let i = 0; i < n; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    };
    await spend(3); // 2,000: below
    await check();
    await check();
    expect(mailsTo(s).map((m) => m.subject)).toEqual(["Your balance is below $0.0025"]);
    await stack.admin.creditWallet(s.walletId, { amount: 10_000 }, { idempotencyKey: "refill" }); // 12,000: re-armed
    await check();
    await spend(10); // 2,000: below again
    await check();
    expect(mailsTo(s)).toHaveLength(2);
    expect(hooksFor(s)).toHaveLength(2);
  });

  it("a threshold in percent of the last recharge follows the last one that succeeded", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 5_000 });
    await subscribe(s, { percentOfLastRecharge: [50] });
    // Recharges as the payment flow leaves them: the last one that succeeded (USD 0.006) sets the threshold
    // at 3,000 micros; an older larger one and a newer failed one do not count.
    const recharge = (id: string, amount: number, status: "succeeded" | "failed", hoursAgo: number) => ({
      _id: `rch_${id}_${s.accountId.slice(5)}`,
      accountId: s.accountId,
      walletId: s.walletId,
      currency: "USD",
      amount,
      provider: "stripe",
      status,
      automatic: false,
      idempotencyKey: `pct-${id}`,
      requestHash: "h",
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
      updatedAt: new Date(Date.now() - hoursAgo * 3_600_000),
    });
    await stack.ctx.models.Recharge.insertMany([
      recharge("older", 100_000, "succeeded", 2),
      recharge("last", 6_000, "succeeded", 1),
      recharge("failed", 1_000_000, "failed", 0),
    ]);
    await check();
    expect(mailsTo(s)).toEqual([]); // 5,000: above 3,000
    for (let i = 0; i < 3; i++) await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    await check();
    await check();
    expect(mailsTo(s).map((m) => m.subject)).toEqual(["Your balance is below $0.003"]);
  });

  it("retries a failing webhook with backoff and logs every attempt", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000 });
    await subscribe(s, { balanceThresholds: [500] });
    await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } }); // 0: below, and depleted
    // The deliveries metric counts every attempt, by channel and result.
    const counted = async (result: string) =>
      (await stack.ctx.metrics.deliveries.get()).values.find((v) => v.labels.channel === "webhook" && v.labels.result === result)?.value ??
      0;
    const before = { ok: await counted("ok"), failed: await counted("failed") };
    receiver.failNextDeliveries(2);
    await check();
    const [pendingOne] = await stack.ctx.models.Notification.find({ accountId: s.accountId, pending: { $ne: [] } }).lean();
    expect(pendingOne).toBeDefined();
    expect(pendingOne!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    await stack.ctx.models.Notification.updateMany({ accountId: s.accountId }, { $set: { nextAttemptAt: new Date() } }); // the backoff has passed
    await jobs.deliverNotifications(stack.ctx, mailer);
    const log = await stack.ctx.models.NotificationDelivery.find({ accountId: s.accountId, channel: { $regex: "^webhook:" } }).lean();
    expect(log.filter((d) => !d.ok)).toHaveLength(2);
    expect(log.filter((d) => d.ok)).toHaveLength(2); // balance_below and balance_depleted, each delivered once
    expect({ ok: (await counted("ok")) - before.ok, failed: (await counted("failed")) - before.failed }).toEqual({ ok: 2, failed: 2 });
    expect(await stack.ctx.models.Notification.countDocuments({ accountId: s.accountId, pending: { $ne: [] } })).toBe(0);
    const listed = await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/notifications`).set("x-api-key", s.key);
    expect(listed.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(["balance_below", "balance_depleted"]);
  });

  it("lists an account's notifications newest first a page at a time, the whole list by default", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000 });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    // Two at the same moment: the pages still neither repeat nor skip one of them.
    const made = [
      ["n1", 5],
      ["n2", 4],
      ["n3", 3],
      ["n4", 3],
      ["n5", 1],
    ] as const;
    await stack.ctx.models.Notification.insertMany(
      made.map(([id, minutes]) => ({
        _id: `${s.accountId}:${id}`,
        accountId: s.accountId,
        kind: "invoice_issued",
        data: { n: id },
        createdAt: at(minutes),
        pending: [],
        delivered: ["email:billing@example.com"],
        failed: [],
        attempts: 1,
        nextAttemptAt: at(minutes),
      })),
    );
    const own = stack.consumer(s.key);
    const whole = await own.listNotifications(s.accountId);
    expect(whole.nextCursor).toBeUndefined();
    expect(whole.items.map((n) => n.data.n)).toEqual(["n5", "n4", "n3", "n2", "n1"]);
    const pages = await walkPages((cursor) => own.listNotifications(s.accountId, { limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    // No overlap, no gap: the pages, end to end, are the whole list in its order.
    expect(pages.flat().map((n) => n.id)).toEqual(whole.items.map((n) => n.id));
    expect((await stack.admin.listNotifications(s.accountId, { limit: 2 })).items.map((n) => n.id)).toEqual(pages[0]!.map((n) => n.id));

    // A cursor is good for its own list only.
    const first = await own.listNotifications(s.accountId, { limit: 1 });
    await expect(stack.admin.listGrants(s.accountId, { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });

  it("runs on agenda: usage is booked and notifications are sent by the scheduled jobs alone", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 3_000 });
    await subscribe(s, { balanceThresholds: [1_500] });
    const agenda = await startJobs(stack.ctx, stack.conn.db!, new RedisChargeStore(stack.redis, stack.keyspace), {
      processEveryMs: 200,
      bookMs: 300,
      reapMs: 1_000,
      sweepMs: 1_000,
      expireMs: 1_000,
      reconcileMs: 60_000,
      notifyMs: 300,
    });
    try {
      await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
      await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
      await eventually(() => mailsTo(s).length === 1, 20_000, "the mail, sent by the jobs");
      await eventually(
        async () => (await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId, type: "usage" })) >= 1,
        20_000,
        "usage booked by the job",
      );
    } finally {
      await agenda.stop();
    }
    expect(mailsTo(s)[0]!.subject).toBe("Your balance is below $0.0015");
  });
});
