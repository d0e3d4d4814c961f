import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, atBothWidths, confirmed, launch, measureShifts, shifted } from "./support/browser.js";
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

/**
 * Bundle packs in a real browser (Debian's Chromium), on the real services: staff put a pack on sale in the
 * console (a mistake said next to its field), the customer buys it in the portal from the balance (asked
 * first; two clicks on the question buy once), a buy the balance does not cover is refused and changes
 * nothing, a pack is paid by card through stripe-mock and its signed webhook, finance sells one from an
 * account's page, an owner takes one off sale, and a viewer is offered none of it. Each state is compared with
 * the API's; axe-core and a screenshot at desktop and phone width at each new view.
 */
describe("bundle packs in the console and the portal", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    browser = await launch();
    await stack.admin.createUser({ email: "ada@packs.example", name: "Ada", role: "admin", password: "a long admin password" });
    await stack.admin.createUser({ email: "fiona@packs.example", name: "Fiona", role: "finance", password: "a long finance password" });
    await stack.admin.createUser({ email: "vera@packs.example", name: "Vera", role: "viewer", password: "a long viewer password" });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const staff = async (who: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Email").fill(`${who}@packs.example`);
    await page.getByLabel("Password").fill(`a long ${who === "ada" ? "admin" : who === "fiona" ? "finance" : "viewer"} password`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
    return page;
  };
  const portal = async (accountId: string, options: { shifts?: boolean } = {}) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    if (options.shifts) await measureShifts(page);
    const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/portal-sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    await page.goto(((await res.json()) as { url: string }).url);
    await page.getByTestId("balance").locator(".balance").first().waitFor();
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Bundles", exact: true }).click();
    await page.getByRole("region", { name: "Buy a pack", exact: true }).waitFor();
    return page;
  };
  const available = async (s: Seeded) => (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
  /** Everything a purchase can write for the account: to compare before and after. */
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
  /** A pack on sale through the API, for the tests that start from one. */
  const onSale = (name: string, units: number, amount: number) =>
    stack.admin.createBundlePack({ name, productId: "search", units, validity: { days: 30 }, prices: [{ currency: "USD", amount }] });

  it("staff put a pack on sale; the customer buys it from the balance (once, for two clicks); a buy the balance does not cover changes nothing", async () => {
    const rich = await stack.seedCatalog(CATALOG, 10_000_000);
    const poor = await stack.seedCatalog(CATALOG, 1_000_000);
    const desk = await staff("ada");
    await desk.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Bundle packs", exact: true }).click();
    const form = desk.getByRole("form", { name: "New bundle pack" });
    await form.getByLabel("Name").fill("500 searches");
    await form.getByLabel("Product").selectOption("search");
    await form.getByLabel("Units").fill("500");
    await form.getByRole("textbox", { name: /^Days/ }).fill("30");
    await form.getByLabel("Beyond it").selectOption("refuse");
    // A mistake the page finds: said next to the prices, nothing put on sale.
    await form.getByRole("button", { name: "Put on sale" }).click();
    await form.getByText("Enter the price in USD as 5 or 12.50.").waitFor();
    expect((await stack.admin.listBundlePacks()).items).toEqual([]);
    await accessible(desk, "the pack form with its problem");

    await form.getByLabel("Price 1 (USD)", { exact: true }).fill("2.50");
    await form.getByRole("button", { name: "Put on sale" }).click();
    await desk.getByRole("status").filter({ hasText: "On sale: 500 searches (500 search units)" }).waitFor();
    const [pack] = (await stack.admin.listBundlePacks()).items;
    expect(pack).toMatchObject({
      name: "500 searches",
      productId: "search",
      units: 500,
      validity: { days: 30 },
      priority: 0,
      overage: "refuse",
      prices: [{ currency: "USD", amount: 2_500_000 }],
      status: "active",
    });
    const row = desk.getByRole("table", { name: "Bundle packs" }).getByRole("row").filter({ hasText: "500 searches" });
    for (const words of ["500 search units", "30 days from purchase", "$2.50", "on sale", "calls beyond it are refused"])
      expect(await row.innerText()).toContain(words);
    await atBothWidths(desk, "console-bundle-packs");

    // The customer buys it from the balance, asked first; two clicks on the question buy once.
    const page = await portal(rich.accountId, { shifts: true });
    expect(await shifted(page), "layout shift on the Bundles view").toBeLessThan(0.1);
    await page.getByText("No bundles now: buy a pack, and its units").waitFor();
    await page.getByText("No packs bought yet").waitFor();
    const offer = page.getByTestId("pack").filter({ hasText: "500 searches" });
    for (const words of ["500 search units", "30 days from purchase", "$2.50", "calls beyond it are refused"])
      expect(await offer.innerText()).toContain(words);
    await offer.getByRole("button", { name: "Buy from balance: 500 searches" }).click();
    const ask = offer.getByRole("group", { name: "Buy 500 searches from your balance" });
    await ask.getByText("Buy 500 searches (500 search units) for $2.50, taken from your balance now?").waitFor();
    await accessible(page, "the question before a purchase");
    await ask.getByRole("button", { name: "Buy for $2.50" }).evaluate((b) => {
      const button = b as unknown as { click(): void };
      button.click();
      button.click();
    });
    await offer.getByRole("status").filter({ hasText: "Bought: 500 search units" }).waitFor();
    const mine = page.getByRole("region", { name: "Your bundles", exact: true });
    await mine.getByRole("table", { name: "Your bundles" }).getByRole("row").filter({ hasText: "500 of 500" }).waitFor();
    expect(await mine.innerText()).toContain("bought as a pack");
    await expect.poll(() => page.getByTestId("balance").innerText(), { timeout: 10_000 }).toContain("$7.50");
    expect(await available(rich)).toBe(7_500_000);
    const purchases = (await stack.admin.listPackPurchases(rich.accountId)).items;
    expect(purchases.map((p) => [p.packId, p.payment, p.status, p.price])).toEqual([[pack!.id, "wallet", "issued", 2_500_000]]);
    expect((await stack.admin.listBundles(rich.accountId)).items.map((b) => [b.source, b.units, b.remaining])).toEqual([
      ["pack", 500, 500],
    ]);
    await expect.poll(() => page.getByTestId("purchase-status").first().innerText()).toBe("bundle issued");
    // Its units pay the next call, not the balance.
    expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": rich.key } })).status).toBe(200);
    await mine.getByText("499 of 500").waitFor({ timeout: 15_000 });
    expect(await available(rich)).toBe(7_500_000);
    await atBothWidths(page, "portal-bundle-packs");

    // A buy the balance ($1.00) does not cover: said so, with the way to top up; nothing written anywhere.
    const before = await stores(poor);
    const short = await portal(poor.accountId);
    const poorOffer = short.getByTestId("pack").filter({ hasText: "500 searches" });
    await poorOffer.getByRole("button", { name: "Buy from balance: 500 searches" }).click();
    await poorOffer.getByRole("button", { name: "Buy for $2.50" }).click();
    const refused = poorOffer.getByTestId("not-covered");
    await refused.getByText("Your balance does not cover this pack ($2.50): nothing was bought and nothing was taken.").waitFor();
    expect(await refused.getByRole("link", { name: "Top up" }).getAttribute("href")).toBe("/portal/top-up");
    expect(await stores(poor)).toEqual(before);
    expect(await short.getByTestId("balance").innerText()).toContain("$1.00");
    await atBothWidths(short, "portal-bundle-packs-refused");
  });

  it("a pack paid by card: the provider's page, waiting in the purchases until stripe-mock's signed webhook, then its bundle issued once", async () => {
    const pack = await onSale("1,000 searches by card", 1_000, 4_000_000);
    const s = await stack.seedCatalog(CATALOG, 0);
    const page = await portal(s.accountId);
    // The customer pays on Stripe's own page (stripe-mock gives its address; the page itself stands in here,
    // since this machine cannot reach Stripe) and comes back to the portal.
    let checkoutUrl = "";
    await page.context().route(
      (url) => url.origin !== new URL(stack.controlPlaneUrl).origin,
      (route) => {
        checkoutUrl = route.request().url();
        return route.fulfill({ contentType: "text/html", body: "<title>Stripe Checkout</title><h1>Pay</h1>" });
      },
    );
    const offer = page.getByTestId("pack").filter({ hasText: pack.name });
    await offer.getByRole("button", { name: `Pay by card: ${pack.name}` }).click();
    await offer.getByText(`Pay $4.00 by card for ${pack.name} (1,000 search units)? You pay on Stripe's secure page`).waitFor();
    await offer.getByRole("button", { name: "Pay $4.00 by card" }).click();
    await page.waitForURL((url) => url.origin !== new URL(stack.controlPlaneUrl).origin);
    const [purchase] = (await stack.admin.listPackPurchases(s.accountId)).items;
    expect(purchase).toMatchObject({ packId: pack.id, payment: "card", status: "pending", price: 4_000_000 });
    const recharge = (await stack.ctx.models.Recharge.findById(purchase!.rechargeId).lean())!;
    expect(checkoutUrl).toBe(recharge.checkoutUrl);

    // Back without paying: the purchase waits, its payment can be continued; nothing issued.
    await page.goto(`${stack.controlPlaneUrl}/portal/bundles`);
    await expect
      .poll(() => page.getByTestId("purchase-status").first().innerText(), { timeout: 10_000 })
      .toBe("waiting for the card payment");
    expect(await page.getByTestId("pending-checkout").getByRole("link", { name: "Continue paying $4.00" }).getAttribute("href")).toBe(
      recharge.checkoutUrl,
    );
    expect(await stack.ctx.models.Bundle.countDocuments({ accountId: s.accountId })).toBe(0);
    await atBothWidths(page, "portal-bundle-packs-card-waiting");

    // Stripe (stripe-mock here) confirms the payment by its signed webhook, twice; the customer comes back.
    const succeeded = { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } };
    for (const event of ["evt_pack_page_1", "evt_pack_page_1"])
      expect((await stripeWebhook(stack, "payment_intent.succeeded", succeeded, event)).status).toBe(200);
    await page.goto(`${stack.controlPlaneUrl}/portal/bundles?recharge=${recharge._id}`);
    await expect.poll(() => page.getByTestId("returned").innerText(), { timeout: 10_000 }).toContain("Paid: $4.00 for a pack");
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/portal/bundles`);
    await expect.poll(() => page.getByTestId("purchase-status").first().innerText(), { timeout: 10_000 }).toBe("bundle issued");
    await page.getByRole("table", { name: "Your bundles" }).getByRole("row").filter({ hasText: "1,000 of 1,000" }).waitFor();
    expect((await stack.admin.listBundles(s.accountId)).items.map((b) => [b.source, b.units])).toEqual([["pack", 1_000]]);
    expect(await available(s)).toBe(0);
    // The top-up view lists that payment as a pack's, not as a top-up.
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Top up", exact: true }).click();
    await page.getByRole("table", { name: "Recharges" }).getByRole("row").filter({ hasText: "a bundle pack" }).waitFor();

    // A voucher that grants the pack, redeemed where vouchers are: said as the pack it bought, not as money added.
    const { codes } = await stack.admin.createVoucherBatch({
      packId: pack.id,
      currency: "USD",
      count: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await page.getByLabel("Voucher code").fill(codes[0]!);
    await page.getByRole("button", { name: "Redeem" }).click();
    await page
      .getByTestId("redeemed")
      .getByText(/^Redeemed: a pack of 1,000 search units, usable until /)
      .waitFor();
    expect(await available(s)).toBe(0);
    expect((await stack.admin.listPackPurchases(s.accountId)).items.map((p) => [p.payment, p.status])).toEqual([
      ["voucher", "issued"],
      ["card", "issued"],
    ]);
    await page.getByTestId("redeemed").getByRole("link", { name: "See your bundles" }).click();
    await page.getByRole("table", { name: "Your bundles" }).locator("tbody tr").nth(1).waitFor();
  });

  it("a pack paid with the card the customer kept on a top-up: asked first, charged at once, its bundle issued when Stripe confirms", async () => {
    const pack = await onSale("500 searches on a kept card", 500, 2_000_000);
    const s = await stack.seedCatalog(CATALOG, 0);
    // A card kept on an earlier top-up paid on Stripe's page (the webhook says the card was saved).
    const topUp = await stack.consumer(s.key).createRecharge(s.accountId, {
      amount: 1_000_000,
      provider: "stripe",
      returnUrl: `${stack.controlPlaneUrl}/portal/`,
      saveCard: true,
    });
    const keptPayment = {
      id: "pi_pack_page_kept",
      object: "payment_intent",
      metadata: { rechargeId: topUp.id },
      setup_future_usage: "off_session",
      payment_method: "pm_card_visa",
      customer: "cus_pack_page",
    };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", keptPayment, "evt_pack_page_keep")).status).toBe(200);
    const [card] = (await stack.consumer(s.key).listKeptCards(s.accountId)).items;
    const name = `Visa ending ${card!.card!.last4}`;

    const page = await portal(s.accountId);
    const offer = page.getByTestId("pack").filter({ hasText: pack.name });
    await offer.getByRole("button", { name: `Pay with your ${name}: ${pack.name}` }).click();
    await offer.getByText(`Pay $2.00 with your ${name} for ${pack.name} (500 search units)? It is charged now`).waitFor();
    await offer.getByRole("button", { name: "Pay $2.00 with your card" }).click();
    await offer.getByTestId("kept-card-pack").waitFor();
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/portal/bundles`);
    const [purchase] = (await stack.admin.listPackPurchases(s.accountId)).items;
    expect(purchase).toMatchObject({ packId: pack.id, payment: "card", status: "pending", price: 2_000_000 });
    const recharge = (await stack.ctx.models.Recharge.findById(purchase!.rechargeId).lean())!;
    expect(recharge.checkoutUrl).toBeUndefined();
    await expect
      .poll(() => page.getByTestId("purchase-status").first().innerText(), { timeout: 10_000 })
      .toBe("waiting for the card payment");
    await atBothWidths(page, "portal-bundle-packs-kept-card");

    const succeeded = { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", succeeded, "evt_pack_page_kept_paid")).status).toBe(200);
    await expect.poll(() => page.getByTestId("purchase-status").first().innerText(), { timeout: 20_000 }).toBe("bundle issued");
    expect((await stack.admin.listBundles(s.accountId)).items.map((b) => [b.source, b.units])).toEqual([["pack", 500]]);
    // The top-up's money stays in the wallet: the card paid the pack.
    expect(await available(s)).toBe(1_000_000);
  });

  it("finance sells a pack from an account's page; an owner or admin takes one off sale; a viewer is offered neither", async () => {
    const pack = await onSale("200 searches", 200, 1_000_000);
    const s = await stack.seedCatalog(CATALOG, 5_000_000);
    const fiona = await staff("fiona");
    // Finance: no form to put a pack on sale, no Archive; on the account, Sell a pack.
    await fiona.goto(`${stack.controlPlaneUrl}/console/bundle-packs`);
    await fiona.getByRole("table", { name: "Bundle packs" }).waitFor();
    expect(await fiona.getByRole("form", { name: "New bundle pack" }).count()).toBe(0);
    expect(await fiona.getByRole("button", { name: `Archive ${pack.name}` }).count()).toBe(0);
    await fiona.goto(`${stack.controlPlaneUrl}/console/accounts/${s.accountId}`);
    const section = fiona.getByRole("region", { name: "Bundle packs bought", exact: true });
    await section.getByText("No packs bought: sell one below").waitFor();
    await section.getByRole("combobox", { name: /^Pack/ }).selectOption({ label: `${pack.name}: 200 search units, $1.00` });
    await section.getByRole("button", { name: "Sell from the wallet" }).click();
    await section.getByText(`Sell ${pack.name} (200 search units, usable 30 days from purchase) to catalog account for $1.00`).waitFor();
    await section.getByRole("button", { name: "Sell the pack" }).click();
    await section.getByRole("status").filter({ hasText: "Sold: 200 search units for $1.00 from the balance" }).waitFor();
    await section.getByRole("table", { name: "Pack purchases" }).getByRole("row").filter({ hasText: "bundle issued" }).waitFor();
    expect(await available(s)).toBe(4_000_000);
    expect((await stack.admin.listPackPurchases(s.accountId)).items.map((p) => [p.packId, p.payment, p.status])).toEqual([
      [pack.id, "wallet", "issued"],
    ]);
    await fiona.getByRole("table", { name: "Bundles" }).getByRole("row").filter({ hasText: "200 of 200" }).waitFor();
    await atBothWidths(fiona, "console-account-packs");

    // A viewer reads the packs and the purchases, and is offered no action on them.
    const vera = await staff("vera");
    await vera.goto(`${stack.controlPlaneUrl}/console/bundle-packs`);
    await vera.getByRole("table", { name: "Bundle packs" }).getByRole("row").filter({ hasText: pack.name }).waitFor();
    expect(await vera.getByRole("button", { name: "Put on sale" }).count()).toBe(0);
    expect(await vera.getByRole("button", { name: /^Archive/ }).count()).toBe(0);
    await atBothWidths(vera, "console-bundle-packs-viewer");
    await vera.goto(`${stack.controlPlaneUrl}/console/accounts/${s.accountId}`);
    await vera.getByRole("region", { name: "Bundle packs bought", exact: true }).getByRole("table", { name: "Pack purchases" }).waitFor();
    expect(await vera.getByRole("button", { name: "Sell from the wallet" }).count()).toBe(0);

    // An admin takes it off sale, asked first: listed under Archived, and no longer offered in the portal.
    const ada = await staff("ada");
    await ada.goto(`${stack.controlPlaneUrl}/console/bundle-packs`);
    await confirmed(ada, `Archive ${pack.name}`, "Archive the pack");
    await ada.getByRole("table", { name: "Bundle packs" }).getByRole("row").filter({ hasText: pack.name }).waitFor({ state: "detached" });
    expect((await stack.admin.listBundlePacks({ status: "archived" })).items.map((p) => p.id)).toContain(pack.id);
    await ada.getByLabel("Show").selectOption("archived");
    await ada
      .getByRole("table", { name: "Bundle packs" })
      .getByRole("row")
      .filter({ hasText: pack.name })
      .getByText(/^archived /)
      .waitFor();
    expect(ada.url()).toBe(`${stack.controlPlaneUrl}/console/bundle-packs?status=archived`);
    const page = await portal(s.accountId);
    await page.getByRole("table", { name: "Pack purchases" }).waitFor();
    expect(await page.getByTestId("pack").filter({ hasText: pack.name }).count()).toBe(0);
  });
});
