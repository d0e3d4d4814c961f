import { createHash } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { IdempotencyConflictError, InsufficientFundsError, type BundlePack } from "@tollgate/sdk";
import { accountField } from "@tollgate/metering/store";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";
import { stripeWebhook } from "./support/stripe.js";

const CATALOG = {
  products: [
    { id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } },
    { id: "translate", method: "GET", path: "/translate", price: { unitPrice: 500 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};
const PRICE = 20_000;

describe("bundle packs: sold from the wallet, by card and by voucher, each once", () => {
  let stack: Stack;
  let pack: BundlePack;
  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    pack = await stack.admin.createBundlePack({
      name: "3 searches",
      productId: "search",
      units: 3,
      validity: { days: 30 },
      prices: [
        { currency: "USD", amount: PRICE },
        { currency: "EUR", amount: 19_000 },
      ],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const get = (s: Seeded, path: string) => call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": s.key } });
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
  const buy = (s: Seeded, key: string, body: Record<string, unknown> = { packId: pack.id }) =>
    request(stack.controlPlaneUrl)
      .post(`/v1/accounts/${s.accountId}/pack-purchases`)
      .set({ "x-api-key": s.key, "idempotency-key": key })
      .send(body);
  /** Everything a purchase can write, for the account: to compare before and after. */
  const stores = async (s: Seeded) => {
    const m = stack.ctx.models;
    return {
      purchases: await m.PackPurchase.countDocuments({ accountId: s.accountId }),
      entries: await m.LedgerEntry.countDocuments({ accountId: s.accountId }),
      bundles: await m.Bundle.countDocuments({ accountId: s.accountId }),
      units: await m.UnitEntry.countDocuments({ accountId: s.accountId }),
      available: await available(s),
    };
  };

  it("from the wallet: issued at once and used by a call the same second; its price a `pack` ledger entry, its units an issue entry from source pack", async () => {
    const s = await stack.seedCatalog(CATALOG, 100_000);
    // What it can buy, as it sees it: packs of its plan's products, priced in its currency.
    expect((await stack.consumer(s.key).listAccountBundlePacks(s.accountId)).items.map((p) => p.id)).toContain(pack.id);
    const elsewhere = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    expect((await stack.consumer(elsewhere.key).listAccountBundlePacks(elsewhere.accountId)).items.map((p) => p.id)).not.toContain(pack.id);
    const bought = await stack.consumer(s.key).buyBundlePack(s.accountId, { packId: pack.id }, { idempotencyKey: "w1" });
    expect(bought).toMatchObject({ status: "issued", payment: "wallet", price: PRICE, currency: "USD", units: 3, productId: "search" });
    expect(bought.bundle).toMatchObject({ id: bought.bundleId, source: "pack", units: 3, status: "active" });
    // No wait: the next call is paid by the pack.
    const first = await get(s, "/search");
    expect(first.status).toBe(200);
    expect(await available(s)).toBe(100_000 - PRICE);
    const bundles = await stack.admin.listBundles(s.accountId);
    expect(bundles.items).toEqual([expect.objectContaining({ id: bought.bundleId, remaining: 2 })]);

    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: s.accountId, type: "pack" }).lean();
    expect(entries.map((e) => [e._id, e.amount])).toEqual([[bought.ledgerEntryId, -PRICE]]);
    expect(entries[0]!.appliedAt).toBeDefined();
    const issue = await stack.ctx.models.UnitEntry.find({ bundleId: bought.bundleId, type: "issue" }).lean();
    expect(issue.map((e) => [e.units, e.source])).toEqual([[3, "pack"]]);

    // A replay answers the first purchase; the same key for another pack is refused.
    const again = await buy(s, "w1");
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(bought.id);
    const other = await stack.admin.createBundlePack({
      name: "other",
      productId: "search",
      units: 1,
      validity: { days: 1 },
      prices: [{ currency: "USD", amount: 1 }],
    });
    await expect(stack.admin.buyBundlePack(s.accountId, { packId: other.id }, { idempotencyKey: "w1" })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect(await available(s)).toBe(100_000 - PRICE);
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(1);

    // Its purchases, as the account sees them; the bundles and the ledger reconcile.
    const mine = await stack.consumer(s.key).listPackPurchases(s.accountId);
    expect(mine.items.map((p) => p.id)).toEqual([bought.id]);
    const report = await stack.admin.reconcileBundles([s.accountId]);
    expect(report.drifts).toEqual([]);
    expect(report.bundles).toEqual([expect.objectContaining({ bundleId: bought.bundleId, drift: 0 })]);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("bought twice at once with one Idempotency-Key: bought once; with keys of their own: as many as the wallet pays, the rest 402", async () => {
    const s = await stack.seedCatalog(CATALOG, 3 * PRICE + 500);
    const same = await Promise.all(Array.from({ length: 8 }, () => buy(s, "twice")));
    for (const a of same) expect(a.status, a.text).toBe(201);
    expect(new Set(same.map((a) => a.body.id)).size).toBe(1);
    expect(await stack.ctx.models.PackPurchase.countDocuments({ accountId: s.accountId })).toBe(1);
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(1);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId, type: "pack" })).toBe(1);
    expect(await available(s)).toBe(2 * PRICE + 500);

    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => buy(s, `each-${i}`)));
    expect(racing.filter((a) => a.status === 201)).toHaveLength(2);
    for (const refused of racing.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(402);
      expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe("insufficient_funds");
    }
    expect(await available(s)).toBe(500);
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(3);
    expect(await stack.ctx.models.LedgerEntry.countDocuments({ accountId: s.accountId, type: "pack" })).toBe(3);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("refuses with 402 when the wallet cannot pay, and nothing changes", async () => {
    const s = await stack.seedCatalog(CATALOG, PRICE - 1);
    const before = await stores(s);
    const refused = await buy(s, "short");
    expect(refused.status).toBe(402);
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: "insufficient_funds", price: PRICE, currency: "USD" });
    await expect(stack.consumer(s.key).buyBundlePack(s.accountId, { packId: pack.id })).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await stores(s)).toEqual(before);
    // The call is charged in money, as before.
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(PRICE - 1 - 1_000);
  });

  it("by card through stripe-mock: pending until the payment succeeds, then issued once however often the webhook comes", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const started = await buy(s, "card-1", { packId: pack.id, payment: "card", provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", payment: "card", price: PRICE });
    expect(started.body.bundle).toBeUndefined();
    const recharge = (await stack.ctx.models.Recharge.findById(started.body.rechargeId).lean())!;
    expect(recharge).toMatchObject({ amount: PRICE, packPurchaseId: started.body.id, status: "pending" });
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(0);
    expect((await get(s, "/search")).status).toBe(402);

    const replay = await buy(s, "card-1", { packId: pack.id, payment: "card", provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(replay.body.rechargeId).toBe(started.body.rechargeId);

    const succeeded = { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } };
    await Promise.all([
      stripeWebhook(stack, "payment_intent.succeeded", succeeded, "evt_pack_1"),
      stripeWebhook(stack, "payment_intent.succeeded", succeeded, "evt_pack_1"),
      stripeWebhook(stack, "payment_intent.succeeded", succeeded, "evt_pack_2"),
    ]);
    const purchase = (await stack.ctx.models.PackPurchase.findById(started.body.id).lean())!;
    expect(purchase.status).toBe("issued");
    const bundles = await stack.ctx.models.Bundle.find({ accountId: s.accountId }).lean();
    expect(bundles.map((b) => [b._id, b.source, b.units])).toEqual([[purchase.bundleId, "pack", 3]]);
    // The card's money came in and paid the pack: the wallet is as it was, the ledger says both, once each.
    expect(await available(s)).toBe(0);
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: s.accountId }).lean();
    expect(entries.map((e) => `${e.type} ${e.amount}`).sort()).toEqual([`credit ${PRICE}`, `pack -${PRICE}`]);
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(0);
    // A card-paid pack is not refunded as a top-up.
    const refund = await request(stack.controlPlaneUrl)
      .post(`/v1/recharges/${recharge._id}/refund`)
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({});
    expect(refund.status).toBe(409);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("by a card the account kept on a top-up, named by that top-up: charged at once, issued on the webhook; never another's", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const other = await stack.seedCatalog(CATALOG, 0);
    // The customer keeps a card by paying a top-up on the provider's page.
    const topUp = await request(stack.controlPlaneUrl)
      .post(`/v1/accounts/${s.accountId}/recharges`)
      .set({ "x-api-key": s.key, "idempotency-key": "keep-card" })
      .send({ amount: 1_000_000, provider: "stripe", returnUrl: `${stack.controlPlaneUrl}/portal/`, saveCard: true });
    expect(topUp.status, topUp.text).toBe(201);
    const kept = {
      id: "pi_kept_for_packs",
      object: "payment_intent",
      metadata: { rechargeId: topUp.body.id },
      setup_future_usage: "off_session",
      payment_method: "pm_card_visa",
      customer: "cus_pack_buyer",
    };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", kept, "evt_keep_card")).status).toBe(200);
    expect(await available(s)).toBe(1_000_000);

    const byKept = { packId: pack.id, payment: "card", provider: "stripe", fromRecharge: topUp.body.id };
    expect((await buy(other, "kept-foreign", byKept)).status).toBe(422);
    expect((await buy(s, "kept-wallet", { packId: pack.id, fromRecharge: topUp.body.id })).status).toBe(400);
    const started = await buy(s, "kept-pack", byKept);
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", payment: "card", price: PRICE });
    expect(started.body.checkoutUrl).toBeUndefined();
    const recharge = (await stack.ctx.models.Recharge.findById(started.body.rechargeId).lean())!;
    expect(recharge.providerRef).toMatch(/^pi_/);
    const paid = { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", paid, "evt_kept_pack")).status).toBe(200);
    expect((await stack.ctx.models.PackPurchase.findById(started.body.id).lean())!.status).toBe("issued");
    // The pack was paid by the card, not from the wallet the top-up filled.
    expect(await available(s)).toBe(1_000_000);
  });

  it("by a voucher that grants the pack: issued once, however many redeem the code at once", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const batch = await request(stack.controlPlaneUrl)
      .post("/v1/voucher-batches")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ packId: pack.id, currency: "USD", count: 1, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(batch.status, batch.text).toBe(201);
    expect(batch.body).toMatchObject({ amount: PRICE, packId: pack.id });
    const batches = await request(stack.controlPlaneUrl).get("/v1/voucher-batches").set("authorization", `Bearer ${ADMIN_TOKEN}`);
    expect(batches.body.items.find((b: { batchId: string }) => b.batchId === batch.body.batchId)).toMatchObject({
      packId: pack.id,
      count: 1,
    });
    const code = batch.body.codes[0] as string;
    const answers = await Promise.all(
      [0, 1, 2].map(() => request(stack.controlPlaneUrl).post("/v1/me/vouchers").set("x-api-key", s.key).send({ code })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    const bundles = await stack.ctx.models.Bundle.find({ accountId: s.accountId }).lean();
    expect(bundles.map((b) => [b.source, b.units])).toEqual([["pack", 3]]);
    const purchases = await stack.ctx.models.PackPurchase.find({ accountId: s.accountId }).lean();
    expect(purchases.map((p) => [p.payment, p.status, p.price])).toEqual([["voucher", "issued", PRICE]]);
    // The answer says what the code bought: its credit, and the purchase that credit paid.
    const won = answers.find((a) => a.status === 201)!;
    expect(won.body).toMatchObject({ type: "credit", amount: PRICE });
    expect(won.body.packPurchase).toMatchObject({ id: purchases[0]!._id, payment: "voucher", status: "issued", units: 3 });
    expect(await available(s)).toBe(0);
    expect((await get(s, "/search")).status).toBe(200);
    expect(await available(s)).toBe(0);

    // A pack voucher for an account whose plan lacks the product: refused before the code is used.
    const elsewhere = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const batch2 = await request(stack.controlPlaneUrl)
      .post("/v1/voucher-batches")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ packId: pack.id, currency: "USD", count: 1, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const refused = await request(stack.controlPlaneUrl)
      .post("/v1/me/vouchers")
      .set("x-api-key", elsewhere.key)
      .send({ code: batch2.body.codes[0] });
    expect(refused.status).toBe(422);
    expect(await stack.ctx.models.Voucher.countDocuments({ batchId: batch2.body.batchId, status: "active" })).toBe(1);
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: elsewhere.accountId })).toBe(0);
  });

  it("a wallet purchase whose writer died after Redis took the price is finished by the sweep, once; one never debited stays pending", async () => {
    const s = await stack.seedCatalog(CATALOG, 100_000);
    const m = stack.ctx.models;
    // What a writer leaves when it dies right after the debit: the purchase, and the price taken in Redis.
    const base = {
      accountId: s.accountId,
      packId: pack.id,
      walletId: s.walletId,
      currency: "USD",
      price: PRICE,
      productId: "search",
      units: 3,
      priority: 0,
      overage: "charge" as const,
      expiresAt: new Date(Date.now() + 86_400_000),
      payment: "wallet" as const,
      status: "pending" as const,
      requestHash: "x",
      actor: "test",
      createdAt: new Date(Date.now() - 60_000),
    };
    await m.PackPurchase.create({
      ...base,
      _id: "pkp_debitedAAAAAAAAA",
      ledgerEntryId: "led_debitedAAAAAAAAA",
      bundleId: "bun_debitedAAAAAAAAA",
      idempotencyKey: "died",
    });
    await m.PackPurchase.create({
      ...base,
      _id: "pkp_neverAAAAAAAAAAA",
      ledgerEntryId: "led_neverAAAAAAAAAAA",
      bundleId: "bun_neverAAAAAAAAAAA",
      idempotencyKey: "never",
    });
    const debit = await stack.ctx.hot.applyEntry(s.accountId, "led_debitedAAAAAAAAA", "USD", -PRICE, { onlyIfCovered: true });
    expect(debit.kind).toBe("applied");

    expect(await jobs.finishPackPurchases(stack.ctx, 10_000)).toBe(1);
    expect(await jobs.finishPackPurchases(stack.ctx, 10_000)).toBe(0);
    expect(await available(s)).toBe(100_000 - PRICE);
    expect((await m.PackPurchase.findById("pkp_debitedAAAAAAAAA").lean())!.status).toBe("issued");
    expect((await m.PackPurchase.findById("pkp_neverAAAAAAAAAAA").lean())!.status).toBe("pending");
    expect(await m.LedgerEntry.countDocuments({ accountId: s.accountId, type: "pack" })).toBe(1);
    expect(await m.Bundle.countDocuments({ accountId: s.accountId })).toBe(1);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("a card purchase whose payment succeeded, and a pack voucher whose redemption died after taking the code, are finished by the sweeps, once", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const m = stack.ctx.models;
    // The card: the payment succeeded (as the webhook records it) but the process died before the pack was paid.
    const started = await buy(s, "card-died", { packId: pack.id, payment: "card", provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status, started.text).toBe(201);
    await m.Recharge.updateOne({ _id: started.body.rechargeId }, { $set: { status: "succeeded" } });
    await m.PackPurchase.updateOne({ _id: started.body.id }, { $set: { createdAt: new Date(Date.now() - 60_000) } });
    // The voucher: its lock taken (the code is this account's) and nothing after.
    const batch = await request(stack.controlPlaneUrl)
      .post("/v1/voucher-batches")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ packId: pack.id, currency: "USD", count: 1, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const voucher = (await m.Voucher.findOne({ batchId: batch.body.batchId }).lean())!;
    await m.Lock.create({
      _id: `voucher:${voucher._id}`,
      holder: "died",
      expiresAt: new Date(Date.now() + 86_400_000),
      data: { accountId: s.accountId, creditPending: true, at: new Date(Date.now() - 60_000) },
    });

    for (let run = 0; run < 2; run++) {
      await jobs.finishPackPurchases(stack.ctx, 10_000);
      await jobs.finishRedemptions(stack.ctx);
    }
    const purchases = await m.PackPurchase.find({ accountId: s.accountId }).sort({ payment: 1 }).lean();
    expect(purchases.map((p) => [p.payment, p.status])).toEqual([
      ["card", "issued"],
      ["voucher", "issued"],
    ]);
    expect(await m.Bundle.countDocuments({ accountId: s.accountId, source: "pack" })).toBe(2);
    const entries = await m.LedgerEntry.find({ accountId: s.accountId }).lean();
    expect(entries.map((e) => `${e.type} ${e.amount}`).sort()).toEqual([
      `credit ${PRICE}`,
      `credit ${PRICE}`,
      `pack -${PRICE}`,
      `pack -${PRICE}`,
    ]);
    expect(await available(s)).toBe(0);
    expect((await m.Voucher.findById(voucher._id).lean())!.status).toBe("redeemed");
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
    expect((await stack.admin.reconcileBundles([s.accountId])).drifts).toEqual([]);
  });

  it("reconciliation: a bundle whose Redis units drift is reported by the endpoint and counted by the metric", async () => {
    const s = await stack.seedCatalog(CATALOG, 100_000);
    const bought = await stack.consumer(s.key).buyBundlePack(s.accountId, { packId: pack.id }, { idempotencyKey: "drift" });
    const scrape = async (name: string) => {
      const text = await stack.ctx.metrics.registry.metrics();
      return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
    };
    const clean = await stack.admin.reconcileBundles();
    expect(clean.drifts).toEqual([]);
    expect(await scrape("tollgate_bundle_reconciliation_drift_bundles")).toBe(0);

    await stack.redis.hincrby(stack.ctx.hot.keyspace.account(s.accountId), accountField("bundleUnits", bought.bundleId), 2);
    const drifting = await stack.admin.reconcileBundles();
    expect(drifting.drifts).toEqual([{ accountId: s.accountId, bundleId: bought.bundleId, ledger: 3, streamed: 0, hot: 5, drift: -2 }]);
    expect(await scrape("tollgate_bundle_reconciliation_drift_bundles")).toBe(1);
    expect(await scrape("tollgate_bundle_reconciliation_drift_units")).toBe(2);
    const one = await stack.admin.reconcileBundles([s.accountId]);
    expect(one.bundles).toEqual([expect.objectContaining({ bundleId: bought.bundleId, drift: -2 })]);

    await stack.redis.hincrby(stack.ctx.hot.keyspace.account(s.accountId), accountField("bundleUnits", bought.bundleId), -2);
    expect((await stack.admin.reconcileBundles()).drifts).toEqual([]);
    expect(await scrape("tollgate_bundle_reconciliation_drift_bundles")).toBe(0);
  });

  it("staff manage packs: listed, archived (then no longer sold), audited", async () => {
    const s = await stack.seedCatalog(CATALOG, 100_000);
    const dated = await stack.admin.createBundlePack({
      name: "until the new year",
      productId: "translate",
      units: 10,
      validity: { until: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      overage: "refuse",
      priority: 1,
      prices: [{ currency: "USD", amount: 1_000 }],
    });
    expect(dated).toMatchObject({ status: "active", overage: "refuse", priority: 1 });
    expect((await stack.admin.listBundlePacks({ status: "active" })).items.map((p) => p.id)).toContain(dated.id);
    expect((await stack.admin.listAccountBundlePacks(s.accountId)).items.map((p) => p.id)).toContain(dated.id);
    const archived = await stack.admin.archiveBundlePack(dated.id);
    expect((await stack.admin.listAccountBundlePacks(s.accountId)).items.map((p) => p.id)).not.toContain(dated.id);
    expect(archived.status).toBe("archived");
    expect((await stack.admin.listBundlePacks({ status: "active" })).items.map((p) => p.id)).not.toContain(dated.id);
    const refused = await buy(s, "archived", { packId: dated.id });
    expect(refused.status).toBe(422);
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const audits = await stack.ctx.models.AuditRecord.find({ target: dated.id }).lean();
    expect(audits.map((a) => a.action).sort()).toEqual(["bundle_pack.archive", "bundle_pack.create"]);
  });

  it("a pack voucher whose redemption died after taking the code is finished on the terms it was redeemed at: its pack since archived and past its date, the account since on another plan", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const m = stack.ctx.models;
    const dated = await stack.admin.createBundlePack({
      name: "for a week",
      productId: "search",
      units: 2,
      validity: { until: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      prices: [{ currency: "USD", amount: PRICE }],
    });
    const batch = await request(stack.controlPlaneUrl)
      .post("/v1/voucher-batches")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ packId: dated.id, currency: "USD", count: 1, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(batch.status, batch.text).toBe(201);
    const voucher = (await m.Voucher.findOne({ batchId: batch.body.batchId }).lean())!;
    // The lock won (the code is this account's), and the process died; then the pack and the account changed.
    await m.Lock.create({
      _id: `voucher:${voucher._id}`,
      holder: "died",
      expiresAt: new Date(Date.now() + 86_400_000),
      data: { accountId: s.accountId, creditPending: true, at: new Date(Date.now() - 60_000) },
    });
    await stack.admin.archiveBundlePack(dated.id);
    const ended = new Date(Date.now() - 1_000);
    await m.BundlePack.updateOne({ _id: dated.id }, { $set: { "validity.until": ended } });
    const elsewhere = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    await m.Account.updateOne({ _id: s.accountId }, { $set: { planId: elsewhere.planId } });

    for (let run = 0; run < 2; run++) await jobs.finishRedemptions(stack.ctx);
    const purchases = await m.PackPurchase.find({ accountId: s.accountId }).lean();
    expect(purchases.map((p) => [p.payment, p.status, p.packId, p.price])).toEqual([["voucher", "issued", dated.id, PRICE]]);
    const bundles = await m.Bundle.find({ accountId: s.accountId }).lean();
    expect(bundles.map((b) => [b._id, b.units, b.expiresAt.getTime()])).toEqual([[purchases[0]!.bundleId, 2, ended.getTime()]]);
    expect((await m.Voucher.findById(voucher._id).lean())!.status).toBe("redeemed");
    expect((await m.Lock.findById(`voucher:${voucher._id}`).lean())!.data?.creditPending).toBeUndefined();
    const entries = await m.LedgerEntry.find({ accountId: s.accountId }).lean();
    expect(entries.map((e) => `${e.type} ${e.amount}`).sort()).toEqual([`credit ${PRICE}`, `pack -${PRICE}`]);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("a wallet purchase Redis refused is failed: its key answers the same 402 (nothing taken, later money or not), a new key buys afresh", async () => {
    const s = await stack.seedCatalog(CATALOG, 0);
    const m = stack.ctx.models;
    // What a request leaves when the wallet passed the check before the purchase was kept and then did not cover
    // the debit (another purchase took the money in between): the purchase, pending.
    await m.PackPurchase.create({
      _id: "pkp_raceAAAAAAAAAAAAA",
      accountId: s.accountId,
      packId: pack.id,
      walletId: s.walletId,
      currency: "USD",
      price: PRICE,
      productId: "search",
      units: 3,
      priority: 0,
      overage: "charge",
      expiresAt: new Date(Date.now() + 86_400_000),
      payment: "wallet",
      status: "pending",
      ledgerEntryId: "led_raceAAAAAAAAAAAAA",
      bundleId: "bun_raceAAAAAAAAAAAAA",
      idempotencyKey: "raced",
      requestHash: createHash("sha256")
        .update(JSON.stringify(["pack", pack.id, "wallet"]))
        .digest("hex"),
      actor: "test",
      createdAt: new Date(),
    });
    const refused = await buy(s, "raced");
    expect(refused.status, refused.text).toBe(402);
    expect(refused.body).toMatchObject({ code: "insufficient_funds", balance: 0, price: PRICE, currency: "USD" });
    expect((await m.PackPurchase.findById("pkp_raceAAAAAAAAAAAAA").lean())!).toMatchObject({
      status: "failed",
      refused: { balance: 0, creditLimit: 0 },
    });
    expect((await stack.consumer(s.key).listPackPurchases(s.accountId)).items.map((p) => [p.id, p.status])).toEqual([
      ["pkp_raceAAAAAAAAAAAAA", "failed"],
    ]);

    // Money arrives: the same key still answers the first 402 and takes nothing; a new key buys.
    await stack.admin.creditWallet(s.walletId, { amount: PRICE }, { idempotencyKey: `later-${s.accountId}` });
    const again = await buy(s, "raced");
    expect(again.status).toBe(402);
    expect(again.body).toMatchObject({ code: "insufficient_funds", balance: 0, price: PRICE });
    expect(await available(s)).toBe(PRICE);
    expect(await m.Bundle.countDocuments({ accountId: s.accountId })).toBe(0);
    expect(await stack.ctx.hot.entryApplied(s.accountId, "led_raceAAAAAAAAAAAAA")).toBe(false);
    await jobs.finishPackPurchases(stack.ctx, 0);
    expect((await m.PackPurchase.findById("pkp_raceAAAAAAAAAAAAA").lean())!.status).toBe("failed");
    const fresh = await buy(s, "fresh");
    expect(fresh.status, fresh.text).toBe(201);
    expect(fresh.body).toMatchObject({ status: "issued", payment: "wallet" });
    expect(await available(s)).toBe(0);
    expect(await m.LedgerEntry.countDocuments({ accountId: s.accountId, type: "pack" })).toBe(1);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });

  it("by card, with prepaid money taxed at top-up: the payment's receipt is its tax document, and the wallet keeps nothing of it", async () => {
    expect(stack.ctx.taxes.prepaid).toBe("top_up"); // the default
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const api = () => request(stack.controlPlaneUrl);
    const rate = await api()
      .post("/v1/tax-rates")
      .set(admin)
      .send({ country: "PT", name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01" });
    expect(rate.status, rate.text).toBe(201);
    const taxed = await stack.admin.createBundlePack({
      name: "taxed searches",
      productId: "search",
      units: 5,
      validity: { days: 30 },
      prices: [{ currency: "USD", amount: 12_300_000 }],
    });
    const s = await stack.seedCatalog(CATALOG, 0);
    const billing = { legalName: "João Silva", address: { line1: "Rua Augusta 1", city: "Lisboa", postalCode: "1100-048", country: "PT" } };
    expect((await api().put(`/v1/accounts/${s.accountId}/billing-details`).set(admin).send(billing)).status).toBe(200);

    const started = await buy(s, "card-taxed", { packId: taxed.id, payment: "card", provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status, started.text).toBe(201);
    const recharge = (await stack.ctx.models.Recharge.findById(started.body.rechargeId).lean())!;
    const succeeded = { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } };
    for (const event of ["evt_taxed_1", "evt_taxed_1", "evt_taxed_2"])
      expect((await stripeWebhook(stack, "payment_intent.succeeded", succeeded, event)).status).toBe(200);

    const receipts = await stack.ctx.models.Invoice.find({ accountId: s.accountId, kind: "receipt" }).lean();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ subject: recharge._id, status: "paid", subtotal: 12_300_000, total: 12_300_000 });
    expect(receipts[0]!.lines.map((l) => l.description)).toEqual(["Bundle pack: taxed searches (stripe)"]);
    expect(receipts[0]!.tax).toMatchObject({ inclusive: true, amount: 2_300_000 });
    // The card's money less the tax came in and paid the pack (tax is never revenue): the wallet is as it was.
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: s.accountId }).lean();
    expect(entries.map((e) => `${e.type} ${e.amount}`).sort()).toEqual(["credit 10000000", "pack -10000000"]);
    expect((await stack.ctx.models.PackPurchase.findById(started.body.id).lean())!).toMatchObject({ status: "issued", price: 12_300_000 });
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId, source: "pack" })).toBe(1);
    expect(await available(s)).toBe(0);
    expect((await stack.admin.reconcile([s.accountId])).drifts).toEqual([]);
  });
});
