import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, storeUsageEvents, type Mailer } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startInbox, type Inbox } from "./support/mail.js";
import { startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";
import { walkPages } from "./support/walk.js";

const HOUR = 3_600_000;

/** A webhook endpoint that keeps the bodies it receives. */
async function startReceiver() {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push(body);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("usage anomalies: a burst far above an account's own baseline is flagged once; a steady load is not", () => {
  let stack: Stack;
  let inbox: Inbox;
  let mailer: Mailer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let steady: Seeded;
  let burst: Seeded;
  let capped: Seeded;

  const get = (s: { key: string }) => call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });

  /** One call an hour over each of the 7 days before today (UTC, the reporting zone): a baseline of 1 an hour. */
  function history(s: Seeded) {
    const today = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
    return Array.from({ length: 7 * 24 }, (_, i) => ({
      _id: `evt_hist_${s.accountId}_${i}`,
      accountId: s.accountId,
      keyId: s.keyId,
      planId: s.planId,
      currency: "USD",
      amount: 1_000,
      method: "GET",
      path: "/x",
      units: 1,
      timestamp: new Date(today - 7 * 24 * HOUR + i * HOUR + 600_000),
      ingestedAt: new Date(),
    }));
  }

  beforeAll(async () => {
    inbox = await startInbox();
    mailer = inbox.mailer;
    receiver = await startReceiver();
    stack = await startStack({ mailer });
    steady = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    burst = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    capped = await stack.seedAccount({ pricePerCall: 1_000, balance: 1_000_000 });
    // Threshold: max(1, 4 × 1 call an hour) = 4 calls in an hour.
    await stack.admin.setAnomalyPolicy(steady.planId, { factor: 4, minCalls: 1, mitigation: "suspend_key" });
    await stack.admin.setAnomalyPolicy(burst.planId, { factor: 4, minCalls: 1, mitigation: "suspend_key" });
    await stack.admin.setAnomalyPolicy(capped.planId, { factor: 4, minCalls: 1, mitigation: "cap_spending" });
    for (const s of [steady, burst, capped]) {
      await storeUsageEvents(stack.ctx.models, history(s));
      const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${s.accountId}/notification-settings`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ emails: [`ops+${s.accountId}@example.com`], webhooks: [receiver.url] }),
      });
      expect(res.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await inbox?.close();
    await receiver?.close();
  });

  it("flags the burst, suspends its key, notifies once by email and webhook, and lets an admin clear it", async () => {
    // Now: the steady account at its usual pace (3 calls, never more than 3 in an hour), the others in a burst.
    for (let i = 0; i < 3; i++) expect((await get(steady)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get(burst)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get(capped)).status).toBe(200);
    await usageIngested(stack, 3 * 168 + 23);
    await jobs.bookUsage(stack.ctx);

    const found = await jobs.detectAnomalies(stack.ctx);
    expect(found.map((a) => a.accountId).sort()).toEqual([burst.accountId, capped.accountId].sort());
    const anomaly = found.find((a) => a.accountId === burst.accountId)!;
    expect(anomaly).toMatchObject({ calls: 10, amount: 10_000, threshold: 4, keyId: burst.keyId, status: "open" });
    expect(anomaly.baselineCalls).toBe(1);
    // Listed once, however often detection runs.
    expect(await jobs.detectAnomalies(stack.ctx)).toEqual([]);
    const listed = await stack.admin.listAnomalies({ status: "open" });
    expect(listed.items.map((a) => a.accountId).sort()).toEqual([burst.accountId, capped.accountId].sort());

    // Mitigations: the burst's key is refused (as revoked keys are) while the steady account is served.
    expect((await get(burst)).status).toBe(401);
    expect((await stack.admin.listApiKeys(burst.accountId)).items.find((k) => k.id === burst.keyId)!.status).toBe("suspended");
    expect((await get(steady)).status).toBe(200);
    // The capped key may spend a usual day (1,000 micros an hour × 24) a day.
    expect((await stack.admin.listApiKeys(capped.accountId)).items[0]!.spendCap).toEqual({ amount: 24_000, period: "day" });

    // One notification each, by email and by webhook.
    await jobs.deliverNotifications(stack.ctx, mailer);
    await jobs.detectAnomalies(stack.ctx);
    await jobs.deliverNotifications(stack.ctx, mailer);
    const hooks = receiver.bodies.filter((b) => b.includes("usage_anomaly") && b.includes(burst.accountId));
    expect(hooks).toHaveLength(1);
    const mails = inbox.messages.filter((m) => JSON.stringify(m.to).includes(burst.accountId));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Unusual usage on your account: 10 calls in one hour");
    expect(receiver.bodies.some((b) => b.includes(steady.accountId))).toBe(false);

    // An admin clears it: the key works again, the cap is gone, and all of it is audited.
    const cleared = await stack.admin.clearAnomaly(anomaly._id, "the customer's batch job, expected");
    expect(cleared).toMatchObject({ status: "cleared", clearReason: "the customer's batch job, expected" });
    expect((await get(burst)).status).toBe(200);
    const cappedAnomaly = listed.items.find((a) => a.accountId === capped.accountId)!;
    await stack.admin.clearAnomaly(cappedAnomaly.id, "reviewed");
    expect((await stack.admin.listApiKeys(capped.accountId)).items[0]!.spendCap).toBeUndefined();
    const actions = (await stack.ctx.models.AuditRecord.find({}).lean()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["anomaly.detect", "key.suspend_key", "key.cap_spending", "anomaly.clear"]));
    // A new episode may open once the last is cleared; this hour's is the one already listed, so none does.
    expect(await jobs.detectAnomalies(stack.ctx)).toEqual([]);
  });

  it("clearing needs a reason and an existing anomaly", async () => {
    const existing = (await stack.ctx.models.Anomaly.findOne({}).lean())!;
    const noReason = await fetch(`${stack.controlPlaneUrl}/v1/anomalies/${encodeURIComponent(existing._id)}/clear`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "" }),
    });
    expect(noReason.status).toBe(400);
    const unknown = await fetch(`${stack.controlPlaneUrl}/v1/anomalies/${encodeURIComponent("acct_x|USD|2026")}/clear`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "x" }),
    });
    expect(unknown.status).toBe(404);
    // An unknown anomaly is a 404 before its body is read, whatever the body.
    const unknownNoReason = await fetch(`${stack.controlPlaneUrl}/v1/anomalies/${encodeURIComponent("nope")}/clear`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "" }),
    });
    expect(unknownNoReason.status).toBe(404);
  });

  it("pages the anomalies newest first, the whole list by default, each filter its own list", async () => {
    const existing = (await stack.ctx.models.Anomaly.findOne({}).lean())!;
    const at = existing.detectedAt.getTime();
    // Older hours of the same account, one of them at the very same time as another (the id breaks the tie).
    for (const [n, ago] of [
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 3],
    ] as const) {
      await stack.ctx.models.Anomaly.create({ ...existing, _id: `${existing._id}|older-${n}`, detectedAt: new Date(at - ago * HOUR) });
    }
    const all = await stack.admin.listAnomalies({ accountId: existing.accountId });
    expect(all.nextCursor).toBeUndefined();
    expect(all.items.length).toBe(5);
    const times = all.items.map((a) => Date.parse(a.detectedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const pages = await walkPages((cursor) =>
      stack.admin.listAnomalies({ accountId: existing.accountId, limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((a) => a.id)).toEqual(all.items.map((a) => a.id));
    // A cursor of one filter is refused by another.
    const first = await stack.admin.listAnomalies({ accountId: existing.accountId, limit: 1 });
    await expect(stack.admin.listAnomalies({ cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });
});
