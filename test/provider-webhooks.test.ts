import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import type { WebhookEndpoint } from "@tollgate/sdk";
import { ADMIN_TOKEN, MONGODB_URI, REDIS_URL } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, TEST_PARTITIONS, type Stack } from "./support/stack.js";
import { stripeWebhook } from "./support/stripe.js";

const USD = 1_000_000;
const DELIVER_ONCE = fileURLToPath(new URL("./support/deliver-webhooks.ts", import.meta.url));

interface Received {
  id: string;
  headers: Record<string, string>;
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A CRM's webhook endpoint: a real HTTP server that verifies each delivery's Standard Webhooks signature and
 * keeps it. `hold()` makes it keep the next request unanswered (and says when it arrived), as a receiver whose
 * answer never reaches the sender.
 */
async function startReceiver() {
  const received: Received[] = [];
  let secret = "";
  let holding: { arrived: () => void; requests: ServerResponse[] } | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const headers = req.headers as Record<string, string>;
      let event: Received["event"];
      try {
        event = new Webhook(secret).verify(body, headers) as Received["event"];
      } catch {
        res.statusCode = 400; // a forged or altered delivery: never kept
        res.end();
        return;
      }
      received.push({ id: headers["webhook-id"]!, headers, body, event });
      if (holding !== undefined) {
        holding.requests.push(res);
        holding.arrived();
        return;
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    received,
    useSecret: (s: string) => (secret = s),
    /** Keep the next requests unanswered; resolves when the first arrives. */
    hold: () =>
      new Promise<void>((arrived) => {
        holding = { arrived, requests: [] };
      }),
    release: () => {
      for (const res of holding?.requests ?? []) res.destroy();
      holding = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("the deployment's webhooks: signed, from a durable outbox, one event per fact", () => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let endpoint: WebhookEndpoint;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    receiver?.release();
    await stack?.close();
    await receiver?.close();
  });

  /** Deliver until the outbox has nothing due (each run sends what is due; a failed one waits its backoff). */
  const deliver = async () => {
    while ((await jobs.deliverWebhookEvents(stack.ctx)) > 0);
  };
  const eventsAbout = (subject: string) => receiver.received.filter((r) => JSON.stringify(r.event.data).includes(subject));
  const distinct = (list: Received[]) => [...new Set(list.map((r) => r.id))];

  it("registers an endpoint through the API, refusing targets delivery would refuse", async () => {
    const refused = await request(stack.controlPlaneUrl)
      .post("/v1/webhook-endpoints")
      .set(admin)
      .send({ url: receiver.url, events: ["invoice.finalized", "invoice.sent"] });
    expect(refused.status).toBe(400);
    expect(await stack.ctx.models.WebhookEndpoint.countDocuments()).toBe(0);
    endpoint = await stack.admin.createWebhookEndpoint({
      url: receiver.url,
      events: ["invoice.finalized", "invoice.paid", "payment.refunded", "account.updated"],
      description: "CRM",
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    receiver.useSecret(endpoint.secret);
    expect((await stack.admin.listWebhookEndpoints()).items.map((e) => e.id)).toEqual([endpoint.id]);
  });

  it("invoice.finalized and invoice.paid once each, a replayed payment (same Idempotency-Key) adding nothing", async () => {
    const plan = await stack.admin.createPlan({ name: "crm plan", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "crm customer", planId: plan.id, billingMode: "postpaid", creditLimit: USD });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status).toBe(200);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 3, 30_000, "usage");
    const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
    const invoice = (await stack.admin.closeBillingPeriod(account.id, periodStart)).invoice!;
    // Closing the same period again finalizes nothing new.
    await stack.admin.closeBillingPeriod(account.id, periodStart);
    const pay = () =>
      request(stack.controlPlaneUrl).post(`/v1/invoices/${invoice.id}/pay`).set(admin).set("idempotency-key", "crm-pay").send({});
    expect((await pay()).status).toBe(200);
    const replay = await pay();
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    await Promise.all([deliver(), deliver()]); // two deliverers racing send each event once

    const events = eventsAbout(invoice.id);
    expect(events.map((e) => e.event.type)).toEqual(["invoice.finalized", "invoice.paid"]);
    expect(distinct(events)).toHaveLength(2);
    // The data is the invoice as the API returns it, at the time of the fact.
    const read = (await request(stack.controlPlaneUrl).get(`/v1/accounts/${account.id}/invoices/${invoice.id}`).set(admin)).body;
    expect(events[1]!.event.data).toEqual(read);
    expect(events[0]!.event.data).toMatchObject({ id: invoice.id, status: "finalized", number: read.number, total: read.total });
    // A payment recorded again by a later request changes nothing and records nothing.
    await stack.admin.payInvoice(invoice.id);
    await deliver();
    expect(eventsAbout(invoice.id)).toHaveLength(2);
  });

  it("payment.refunded once per refund, however often it is asked for or learnt of", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const started = await request(stack.controlPlaneUrl)
      .post(`/v1/accounts/${s.accountId}/recharges`)
      .set("x-api-key", s.key)
      .set("idempotency-key", "crm-topup")
      .send({ amount: 3 * USD, provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status).toBe(201);
    await stripeWebhook(stack, "payment_intent.succeeded", { id: started.body.providerRef });
    const refund = () => request(stack.controlPlaneUrl).post(`/v1/recharges/${started.body.id}/refund`).set(admin).send({});
    expect((await refund()).body.status).toBe("refunded");
    expect((await refund()).status).toBe(200);
    await stripeWebhook(stack, "charge.refunded", { id: "ch_1", object: "charge", payment_intent: started.body.providerRef });
    await deliver();
    const events = eventsAbout(started.body.id);
    expect(events.map((e) => e.event.type)).toEqual(["payment.refunded"]);
    expect(events[0]!.event.data).toMatchObject({ id: started.body.id, status: "refunded", amount: 3 * USD, accountId: s.accountId });
  });

  it("account.updated when the account's view changes, not when a repeated change leaves it as it was", async () => {
    const plan = await stack.admin.createPlan({ name: "updates plan", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "changing", planId: plan.id });
    const suspend = () => request(stack.controlPlaneUrl).post(`/v1/accounts/${account.id}/suspend`).set(admin).send({ reason: "unpaid" });
    expect((await suspend()).status).toBe(200);
    expect((await suspend()).status).toBe(200); // already suspended: no change
    await stack.admin.setBilling(account.id, { billingMode: "hybrid", creditLimit: 2 * USD });
    await stack.admin.setBilling(account.id, { billingMode: "hybrid", creditLimit: 2 * USD }); // the same again
    await request(stack.controlPlaneUrl).post(`/v1/accounts/${account.id}/resume`).set(admin).send({ reason: "paid" });
    await deliver();
    const events = eventsAbout(account.id).filter((e) => e.event.type === "account.updated");
    expect(events.map((e) => [e.event.data.status, e.event.data.billingMode])).toEqual([
      ["suspended", "prepaid"],
      ["suspended", "hybrid"],
      ["active", "hybrid"],
    ]);
    expect(distinct(events)).toHaveLength(3);
    expect(events[2]!.event.data).toEqual(await stack.admin.getAccount(account.id));
  });

  it("a delivery run killed mid-send loses nothing: the retry sends the same webhook-id, and the log shows the attempt that landed", async () => {
    const plan = await stack.admin.createPlan({ name: "crash plan", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "crash", planId: plan.id });
    await request(stack.controlPlaneUrl).post(`/v1/accounts/${account.id}/suspend`).set(admin).send({ reason: "crash test" });
    const arrived = receiver.hold();
    const child = spawn(process.execPath, [DELIVER_ONCE], {
      env: {
        ...process.env,
        MONGODB_URI,
        MONGODB_DB: stack.dbName,
        REDIS_URL,
        TOLLGATE_PREFIX: stack.prefix,
        TOLLGATE_PARTITIONS: String(TEST_PARTITIONS),
        TOLLGATE_ADMIN_TOKENS: ADMIN_TOKEN,
        LEASE_MS: "300",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const exited = new Promise<string | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await arrived; // the event reached the receiver, whose answer the deliverer never gets
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    receiver.release();
    const first = eventsAbout(account.id);
    expect(first).toHaveLength(1);
    const message = await stack.ctx.models.WebhookMessage.findOne({ eventId: first[0]!.id }).lean();
    expect(message).toMatchObject({ status: "pending", attempts: 0 }); // the dead run recorded nothing

    // Once the dead run's lease is over, the next run sends it again: the same event, the same webhook-id.
    await eventually(
      async () => {
        await jobs.deliverWebhookEvents(stack.ctx);
        return eventsAbout(account.id).length === 2;
      },
      30_000,
      "the retry after the crash",
    );
    const both = eventsAbout(account.id);
    expect(distinct(both)).toEqual([first[0]!.id]);
    expect(both[1]!.body).toBe(both[0]!.body);
    expect((await stack.ctx.models.WebhookMessage.findById(message!._id).lean())!.status).toBe("delivered");
    expect(await stack.ctx.models.WebhookEvent.countDocuments({ subject: account.id })).toBe(1);

    const log = await stack.admin.listWebhookDeliveries(endpoint.id);
    const attempts = log.items.filter((a) => a.eventId === first[0]!.id);
    expect(attempts).toMatchObject([{ attempt: 1, ok: true, detail: "HTTP 204", eventType: "account.updated" }]);
  });

  it("a failing endpoint is retried with backoff under the same webhook-id, each attempt in its log", async () => {
    const other = await startReceiver();
    const failing = await stack.admin.createWebhookEndpoint({
      url: `${other.url.replace(/\/crm$/, "")}/gone`,
      events: ["account.updated"],
    });
    await other.close(); // nothing listens there any more: every attempt fails
    const plan = await stack.admin.createPlan({ name: "retry plan", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "retry", planId: plan.id });
    await request(stack.controlPlaneUrl).post(`/v1/accounts/${account.id}/suspend`).set(admin).send({ reason: "retry test" });
    await deliver();
    const message = await stack.ctx.models.WebhookMessage.findOne({ endpointId: failing.id }).lean();
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now()); // waits its backoff
    const log = await stack.admin.listWebhookDeliveries(failing.id);
    expect(log.items).toMatchObject([{ attempt: 1, ok: false, eventId: message!.eventId }]);
    // The working endpoint got the same event, under the same id.
    expect(eventsAbout(account.id).map((e) => e.id)).toEqual([message!.eventId]);
    expect((await stack.admin.removeWebhookEndpoint(failing.id)).id).toBe(failing.id);
  });
});
