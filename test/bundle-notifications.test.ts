import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ingester, jobs, type Mailer } from "@tollgate/control-plane";
import { connectRedis, type RedisClient } from "@tollgate/gateway-plugin";
import { ADMIN_TOKEN, REDIS_URL } from "./support/env.js";
import { call } from "./support/http.js";
import { startInbox, type Inbox } from "./support/mail.js";
import { eventually, startStack, type Seeded, type Stack } from "./support/stack.js";

const CATALOG = {
  products: [{ id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } }],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};

/**
 * A bundle crossing a threshold of its units left tells the account once per crossing, by email (handlebars +
 * nodemailer to a real SMTP server): detected by the ingester when it books the bundle's use, so two ingesters
 * racing on one crossing, and the same usage read again (a crash before its acknowledgement), tell it once.
 */
describe("bundle threshold notifications, once per crossing", () => {
  let inbox: Inbox;
  let mailer: Mailer;
  let stack: Stack;
  const ingesters: { ingester: Ingester; redis: RedisClient }[] = [];
  beforeAll(async () => {
    inbox = await startInbox();
    mailer = inbox.mailer;
    // No ingester of the stack's own: the test runs two, racing on one consumer group, as two processes would.
    stack = await startStack({ mailer, ingester: false });
  });
  /** Two ingesters on one consumer group, as two processes would run, started once the first usage is in the stream. */
  const startIngesters = async () => {
    for (const consumer of ["bundles-a", "bundles-b"]) {
      const redis = connectRedis(REDIS_URL, { maxRetriesPerRequest: null });
      redis.on("error", () => undefined);
      const ingester = new Ingester({ redis, keyspace: stack.keyspace, models: stack.ctx.models, consumer, blockMs: 100, lingerMs: 0 });
      await ingester.start();
      ingesters.push({ ingester, redis });
    }
  };
  /** The ingesters stop; what they remembered goes with them, as with a process that died. */
  const stopIngesters = async () => {
    for (const { ingester, redis } of ingesters.splice(0)) {
      await ingester.stop();
      redis.disconnect();
    }
  };
  afterAll(async () => {
    await stopIngesters();
    await stack?.close();
    await inbox?.close();
  });

  const later = (ms: number) => new Date(Date.now() + ms).toISOString();
  const search = async (s: Seeded, n: number) => {
    for (let i = 0; i < n; i++) expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": s.key } })).status).toBe(200);
  };
  const stream = (s: Seeded) => stack.keyspace.usageStream(stack.keyspace.partitionOf(s.accountId));
  /** Every usage entry of the account is booked (its unit entries written) and gone from its stream. */
  const ingested = (s: Seeded, unitEntries: number) =>
    eventually(
      async () =>
        (await stack.ctx.models.UnitEntry.countDocuments({ accountId: s.accountId, type: "usage" })) === unitEntries &&
        (await stack.redis.xlen(stream(s))) === 0,
      30_000,
      "bundle use booked",
    );
  const told = async (s: Seeded) => {
    await jobs.deliverNotifications(stack.ctx, mailer);
    return (await stack.ctx.models.Notification.find({ accountId: s.accountId }).lean())
      .map((n) => (n.kind === "bundle_below" ? `${n.kind} ${Number(n.data.percent)}` : n.kind))
      .sort();
  };
  const mailsTo = (s: Seeded) => inbox.messages.filter((m) => JSON.stringify(m.to).includes(s.accountId));

  it("tells each percentage once and a used-up bundle once, however often the usage is read; a new bundle crosses again", async () => {
    const s = await stack.seedCatalog(CATALOG, 1_000_000);
    const settings = await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ emails: [`ops+${s.accountId}@example.com`], bundlePercents: [50, 20] });
    expect(settings.status).toBe(200);
    expect(settings.body.bundlePercents).toEqual([50, 20]);
    const expiresAt = later(7 * 86_400_000);
    const bundle = await stack.admin.issueBundle(s.accountId, { productId: "search", units: 10, expiresAt }, { idempotencyKey: "ten" });

    // Down to 2 left (20%): both percentages crossed. The entries are kept, to be delivered again below.
    await search(s, 8);
    const entries = (await stack.redis.xrange(stream(s), "-", "+")).filter(([, fields]) => fields.includes(s.accountId));
    expect(entries).toHaveLength(8);
    await startIngesters();
    await ingested(s, 8);
    expect(await told(s)).toEqual(["bundle_below 20", "bundle_below 50"]);

    // The same usage read again by ingesters started anew (as after a crash between its booking and its
    // acknowledgement, with nothing remembered): nothing new.
    await stopIngesters();
    for (const [, fields] of entries) await stack.redis.xadd(stream(s), "*", ...fields);
    await startIngesters();
    await eventually(async () => (await stack.redis.xlen(stream(s))) === 0, 30_000, "usage read again");
    expect(await told(s)).toEqual(["bundle_below 20", "bundle_below 50"]);

    // Used up, then money pays: one more notification, none for the calls money paid.
    await search(s, 4);
    await ingested(s, 10);
    expect(await told(s)).toEqual(["bundle_below 20", "bundle_below 50", "bundle_depleted"]);
    expect((await stack.admin.listBundles(s.accountId)).items[0]).toMatchObject({ id: bundle.id, remaining: 0 });

    const mails = mailsTo(s);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Your search bundle has 2 of 10 units left",
      "Your search bundle has 2 of 10 units left",
      "Your search bundle is used up",
    ]);
    const low = mails.find((m) => m.text?.includes("20% or less"))!;
    expect(low.text).toContain(`It expires ${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC`);
    expect(low.text).toContain("calls of search are paid from your balance");
    expect(mails.find((m) => m.subject === "Your search bundle is used up")!.html).toContain("<strong>used up</strong>");

    // A bundle issued anew is another crossing of each threshold; one revoked with units left tells nothing.
    const again = await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 4, expiresAt, overage: "refuse" },
      { idempotencyKey: "four" },
    );
    const spare = await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 5, expiresAt, priority: 9 },
      { idempotencyKey: "five" },
    );
    await stack.admin.revokeBundle(s.accountId, spare.id);
    await search(s, 4);
    await ingested(s, 14);
    expect(await told(s)).toEqual([
      "bundle_below 20",
      "bundle_below 20",
      "bundle_below 50",
      "bundle_below 50",
      "bundle_depleted",
      "bundle_depleted",
    ]);
    // The bundle that refuses overage says so: its calls stop when it is used up.
    const usedUp = mailsTo(s).filter((m) => m.subject === "Your search bundle is used up");
    expect(usedUp.map((m) => m.text!.includes("Calls of search are refused until you have another bundle")).sort()).toEqual([false, true]);
    expect(await stack.ctx.models.Notification.countDocuments({ accountId: s.accountId, "data.bundleId": again.id })).toBe(3);
    expect(await stack.ctx.models.Notification.countDocuments({ accountId: s.accountId, "data.bundleId": spare.id })).toBe(0);
  });

  it("does not tell a muted kind; an account that chose no percentages hears at 20%", async () => {
    if (ingesters.length === 0) await startIngesters();
    const s = await stack.seedCatalog(CATALOG, 1_000_000);
    await request(stack.controlPlaneUrl)
      .put(`/v1/accounts/${s.accountId}/notification-settings`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ emails: [`ops+${s.accountId}@example.com`], muted: ["bundle_depleted"] })
      .expect(200);
    await stack.admin.issueBundle(s.accountId, { productId: "search", units: 5, expiresAt: later(86_400_000) }, { idempotencyKey: "five" });
    await search(s, 5);
    await ingested(s, 5);
    // The default percentage (20) is told; the muted used-up is not.
    expect(await told(s)).toEqual(["bundle_below 20"]);
  });
});
