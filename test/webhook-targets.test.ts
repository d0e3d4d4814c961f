import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverNotifications, notify, STRICT_WEBHOOKS } from "@tollgate/control-plane";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

describe("notification webhooks never reach the provider's own network", () => {
  let stack: Stack;
  let s: Seeded;
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    stack = await startStack({ ingester: false, webhooks: STRICT_WEBHOOKS });
    s = await stack.seedAccount({ pricePerCall: 10, balance: 1_000 });
    server = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await stack?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const hostile = [
    "http://127.0.0.1:6379/",
    "https://localhost:3000/",
    "https://[::1]/",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1/",
    "https://2130706433/",
    "https://0x7f000001/",
    "https://[::ffff:127.0.0.1]/",
    "https://0.0.0.0/",
    "https://[fd12::1]/",
    "https://[fe80::1]/",
    "https://224.0.0.1/",
    "https://hooks.example.com@127.0.0.1/",
    "http://hooks.example.com/",
  ];

  it.each(hostile)("refuses %s with 400 naming the field, and stores nothing (consumer key)", async (url) => {
    const answer = await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set("x-api-key", s.key)
      .send({ emails: [], webhooks: ["https://hooks.example.com/ok", url] });
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: "/webhooks/1" })]);
    expect(await stack.ctx.models.NotificationSettings.findById(s.accountId).lean()).toBeNull();
  });

  it("accepts a public https endpoint", async () => {
    const answer = await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set("x-api-key", s.key)
      .send({ webhooks: ["https://hooks.example.com/tollgate"] });
    expect(answer.status).toBe(200);
  });

  it("checks again at delivery: an endpoint that now points inside is refused, and nothing is sent", async () => {
    const inside = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
    // As if the stored endpoint had been acceptable when it was saved (e.g. its name has since been re-pointed).
    await stack.ctx.models.NotificationSettings.updateOne(
      { _id: s.accountId },
      { $set: { webhooks: [{ id: "whk_inside", url: inside, secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }] } },
    );
    expect(await notify(stack.ctx, s.accountId, "balance_depleted", "ssrf-test", { currency: "USD", balance: 0 })).toBe(true);
    await deliverNotifications(stack.ctx, undefined);
    const deliveries = await stack.ctx.models.NotificationDelivery.find({ accountId: s.accountId }).lean();
    expect(deliveries).toEqual([expect.objectContaining({ ok: false, detail: expect.stringMatching(/refused webhook target/) })]);
    expect(hits).toBe(0);
  });
});
