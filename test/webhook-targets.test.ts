import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STRICT_WEBHOOKS } from "@tollgate/control-plane";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

describe("notification webhooks never reach the provider's own network", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack({ ingester: false, webhooks: STRICT_WEBHOOKS });
    s = await stack.seedAccount({ pricePerCall: 10, balance: 1_000 });
  });
  afterAll(async () => {
    await stack?.close();
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
});
