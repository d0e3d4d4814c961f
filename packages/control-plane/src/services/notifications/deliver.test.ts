import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture } from "../../../test-support/context.js";
import { deliverNotifications } from "./deliver.js";
import { notify } from "./emit.js";
import { STRICT_WEBHOOKS } from "./webhook-target.js";

describe("webhook delivery checks its target again", () => {
  let fx: ServiceFixture;
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    fx = await startServiceFixture({ webhooks: STRICT_WEBHOOKS });
    server = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await fx?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("an endpoint that now points inside is refused, recorded as a failed attempt, and nothing is sent", async () => {
    const { accountId } = await fx.seedAccount({ pricePerCall: 10 });
    const inside = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
    // As if the stored endpoint had been acceptable when it was saved (e.g. its name has since been re-pointed).
    await fx.ctx.models.NotificationSettings.create({
      _id: accountId,
      emails: [],
      webhooks: [{ id: "whk_inside", url: inside, secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
      muted: [],
      balanceThresholds: [],
      percentOfLastRecharge: [],
      quotaPercents: [],
      updatedAt: new Date(),
    });
    expect(await notify(fx.ctx, accountId, "balance_depleted", "ssrf-test", { currency: "USD", balance: 0 })).toBe(true);
    await deliverNotifications(fx.ctx, undefined);
    const deliveries = await fx.ctx.models.NotificationDelivery.find({ accountId }).lean();
    expect(deliveries).toEqual([expect.objectContaining({ ok: false, detail: expect.stringMatching(/refused webhook target/) })]);
    expect(hits).toBe(0);
  });
});
