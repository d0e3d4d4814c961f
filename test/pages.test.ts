import { mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { Browser, Page, Request } from "playwright-core";
import Stripe from "stripe";
import { decimalAmount, formatExactMoney, formatMoney, TollgateAdminClient, type LedgerEntry } from "@tollgate/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { accessible, launch, measureShifts, shifted } from "./support/browser.js";
import { startStackWithDemoCheckout } from "./support/demo-checkout.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, STRIPE_WEBHOOK_SECRET, usageIngested, type Seeded, type Stack } from "./support/stack.js";

/** Where the screenshots go: the run's output folder, looked at before a change is handed in. */
const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));
const stripe = new Stripe("sk_test_unused");

/**
 * The README's pictures, taken by this test (`npm run screenshots` sets TOLLGATE_README_SHOTS=1): the shot of
 * this run's name also goes to docs/screenshots/ under the README's name, as the viewport shows it.
 */
const README_SHOTS: Record<string, string> = {
  "portal.png": "portal.png",
  "console-dashboard.png": "console.png",
  "portal-phone.png": "portal-phone.png",
  "console-account-actions.png": "console-account.png",
  "console-invoice.png": "console-invoice.png",
};
const README_DIR = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

/** A whole page from its top (a sticky header would otherwise land mid-page in a full-page shot). */
async function shoot(page: Page, path: string): Promise<void> {
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path, fullPage: true });
  const readme = README_SHOTS[path.slice(path.lastIndexOf("/") + 1)];
  if (process.env.TOLLGATE_README_SHOTS === "1" && readme !== undefined) await page.screenshot({ path: `${README_DIR}${readme}` });
}

/** The console's sign-in with a token (the bootstrap admin token unless another is given). */
async function tokenSignIn(page: Page, token = ADMIN_TOKEN): Promise<void> {
  await page.getByRole("button", { name: "Sign in with a token instead" }).click();
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("the customer portal and the admin console, in a real browser", () => {
  let stack: Stack;
  let browser: Browser;
  let a: Seeded;
  let b: Seeded;

  const balanceText = (page: Page) => page.getByTestId("balance").innerText();
  const portalLink = async (accountId: string) => {
    const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/portal-sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    return ((await res.json()) as { url: string }).url;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack({ stripe: true });
    browser = await launch();
    a = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 70_000_000 });
    b = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 90_000_000 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A view of the portal, opened as a person does: by its tab. */
  const portalView = async (page: Page, name: string) => {
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name, exact: true }).click();
  };

  it("portal: the balance is shown and drops as calls are made; a voucher and a Stripe top-up raise it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const portal = `${stack.controlPlaneUrl}/portal/`;
    await page.goto(await portalLink(a.accountId));
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$70.00");
    // The balance in cents; its exact micros in a tooltip, for a dispute.
    expect(await page.getByTestId("balance").locator("span[title]").first().getAttribute("title")).toBe("$70.00 (70,000,000 micros)");
    expect(page.url()).toBe(portal); // the secret left the address bar
    // Every card is a region named by its title (an id built from "Top up" held a space and named nothing).
    await page.getByRole("region", { name: "Usage, last 30 days", exact: true }).waitFor();
    expect(await page.title()).toBe("Overview — Your account");
    await accessible(page, "the portal's overview");
    // The pages have an icon; a browser asking for /favicon.ico gets it too.
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg");
    const icon = await fetch(`${stack.controlPlaneUrl}/favicon.ico`);
    expect([icon.status, icon.headers.get("content-type")]).toEqual([200, "image/svg+xml; charset=utf-8"]);

    // Each view has its own address: the tab leads there, and the view is what the address names.
    await portalView(page, "Transactions");
    await page.getByRole("region", { name: "Transactions", exact: true }).waitFor();
    expect(page.url()).toBe(`${portal}transactions`);
    const entries = (await stack.consumer(a.key).listTransactions()).items;
    expect(await page.getByRole("table", { name: "Transactions" }).locator("tbody tr").count()).toBe(entries.length);
    await accessible(page, "the portal's transactions");

    await portalView(page, "Top up");
    await page.getByRole("region", { name: "Top up", exact: true }).waitFor();
    expect(page.url()).toBe(`${portal}top-up`);
    await page.getByText("No card top-ups yet").waitFor(); // an empty list says what to do
    await accessible(page, "the portal's top-up");
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": a.key } })).status).toBe(200);
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$67.00");

    const { codes } = await stack.admin.createVoucherBatch({
      amount: 5_000_000,
      currency: "USD",
      count: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await page.getByLabel("Voucher code").fill(codes[0]!);
    await page.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$72.00");

    // A card top-up: the customer pays on Stripe's own page (stripe-mock gives its address; the page itself
    // stands in here, since this machine cannot reach Stripe) and comes back to the portal.
    let checkoutUrl = "";
    await page.context().route(
      (url) => url.origin !== new URL(stack.controlPlaneUrl).origin,
      (route) => {
        checkoutUrl = route.request().url();
        return route.fulfill({ contentType: "text/html", body: "<title>Stripe Checkout</title><h1>Pay</h1>" });
      },
    );
    await page.getByLabel("Amount (USD)").fill("10");
    await page.getByLabel("Keep the card for auto-recharge").check();
    await page.getByRole("button", { name: "Pay by card" }).click();
    await page.waitForURL((url) => url.origin !== new URL(stack.controlPlaneUrl).origin);
    const recharge = (await stack.ctx.models.Recharge.findOne({ accountId: a.accountId }).lean())!;
    expect(checkoutUrl).toBe(recharge.checkoutUrl);
    expect(recharge).toMatchObject({ status: "pending", amount: 10_000_000 });
    // Stripe (stripe-mock here) confirms the payment by its signed webhook, as it would in production.
    const payload = JSON.stringify({
      id: "evt_portal",
      object: "event",
      type: "payment_intent.succeeded",
      data: {
        object: {
          id: "pi_portal",
          object: "payment_intent",
          metadata: { rechargeId: recharge._id },
          setup_future_usage: "off_session",
          payment_method: "pm_card_visa",
          customer: "cus_portal",
        },
      },
    });
    const hook = await fetch(`${stack.controlPlaneUrl}/v1/webhooks/stripe`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET }),
      },
      body: payload,
    });
    expect(hook.status).toBe(200);
    // Stripe sends the customer back to the view they paid from (the portal gave it as the return address).
    await page.goto(`${portal}top-up?recharge=${recharge._id}`);
    await expect.poll(() => page.getByTestId("returned").innerText(), { timeout: 10_000 }).toContain("$10.00 added");
    expect(page.url()).toBe(`${portal}top-up`);
    await expect.poll(() => page.getByTestId("recharge-status").first().innerText(), { timeout: 10_000 }).toBe("succeeded");
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$82.00");

    // Auto-recharge with the card just kept.
    await page.getByLabel("When the balance falls below (USD)", { exact: true }).fill("20");
    await page.getByLabel("add (USD)").fill("50");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.getByTestId("auto-recharge").innerText(), { timeout: 10_000 }).toContain("On: below $20.00, add $50.00");
    expect((await stack.admin.getWallet(a.walletId)).autoRecharge).toMatchObject({ paymentMethod: "pm_card_visa", customer: "cus_portal" });
    await accessible(page, "the portal's top-up with a payment back and auto-recharge on");
    await shoot(page, `${SHOTS}portal-top-up.png`);

    // Keys: created with a cap (the secret shown once), then revoked.
    await portalView(page, "API keys");
    expect(page.url()).toBe(`${portal}keys`);
    await page.getByLabel("Key name").fill("ci key");
    await page.getByLabel("Spending cap (USD, optional)").fill("5");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByTestId("new-key").inputValue();
    await accessible(page, "the portal's keys, a new key shown");
    await shoot(page, `${SHOTS}portal-keys.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "the portal's keys at phone width");
    await shoot(page, `${SHOTS}portal-keys-phone.png`);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": secret } })).status).toBe(200);
    // Its cap, in the limits of the overview; Back returns to the keys, Forward to the overview.
    await portalView(page, "Overview");
    await expect.poll(() => page.getByText("key ci key").count(), { timeout: 10_000 }).toBe(1);
    await page.goBack();
    expect(page.url()).toBe(`${portal}keys`);
    await page.getByRole("region", { name: "API keys" }).waitFor();
    await page.goForward();
    await page.getByText("key ci key").waitFor();
    expect(page.url()).toBe(portal);
    await page.goBack();
    // Revoking is asked in the page first (never window.confirm).
    await page.getByRole("button", { name: "Revoke ci key", exact: true }).click();
    const asked = page.getByRole("group", { name: "Revoke ci key", exact: true });
    await asked.getByText("Revoke ci key? Every call with it is refused from now on; this cannot be undone.").waitFor();
    await asked.getByRole("button", { name: "Revoke ci key", exact: true }).click();
    await page.getByRole("status").getByText("ci key is revoked: its calls are refused.").waitFor();
    // The list shows it revoked once the revocation has answered, i.e. once every gateway was told.
    await expect.poll(() => page.getByRole("row", { name: /ci key/ }).innerText(), { timeout: 10_000 }).toContain("revoked");
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": secret } })).status).toBe(401);

    // Notification settings.
    await portalView(page, "Notifications");
    await page.getByLabel("Email to").fill("billing@example.com");
    await page.getByLabel("Tell me when the balance falls below (USD)").fill("25, 5");
    await page.getByLabel("Invoice issued").uncheck();
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await page.getByText("Saved.").waitFor();
    expect(await stack.admin.getNotificationSettings(a.accountId)).toMatchObject({
      emails: ["billing@example.com"],
      balanceThresholds: [25_000_000, 5_000_000],
      muted: ["invoice_issued"],
    });
    await accessible(page, "the portal's notification settings");

    // The card payment's receipt: listed, opened at its own address, still there after a reload.
    const receipt = (await stack.consumer(a.key).listInvoices(a.accountId)).items.find((i) => i.kind === "receipt");
    expect(receipt).toMatchObject({ kind: "receipt", total: 10_000_000 });
    await portalView(page, "Invoices");
    await page.getByRole("table", { name: `Statement ${new Date().toISOString().slice(0, 7)} USD` }).waitFor();
    await accessible(page, "the portal's invoices and statement");
    await page.getByRole("link", { name: receipt!.number!, exact: true }).click();
    expect(page.url()).toBe(`${portal}invoices/${receipt!.id}`);
    await page.reload();
    const document = page.getByRole("region", { name: `Receipt ${receipt!.number}` });
    await document.getByText("$10.00").first().waitFor();
    expect(await page.title()).toBe(`Receipt ${receipt!.number} — Your account`);
    await accessible(page, "a receipt in the portal");
    await shoot(page, `${SHOTS}portal-receipt.png`);
    // An address that names nothing says so, with the way back.
    await page.goto(`${portal}invoices/inv_AAAAAAAAAAAAAAAA`);
    await page.getByRole("region", { name: "No such invoice" }).waitFor();
    await page.goto(`${portal}no-such-view`);
    await page.getByRole("region", { name: "Page not found" }).waitFor();
    await accessible(page, "the portal's not-found view");
    await page.getByRole("link", { name: "Go to your account's overview" }).click();

    await jobs.bookUsage(stack.ctx); // the usage chart reads the booked rollups
    await page.reload();
    await page.getByRole("figure").first().waitFor();
    await accessible(page, "the portal's overview with its chart");
    await shoot(page, `${SHOTS}portal.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "the portal's overview at phone width");
    await shoot(page, `${SHOTS}portal-phone.png`);
    await portalView(page, "Top up");
    await page.getByRole("region", { name: "Top up", exact: true }).waitFor();
    await shoot(page, `${SHOTS}portal-top-up-phone.png`);
    await page.close();
  });

  it("portal: a session sees its own account only, and its changes need the page's own origin", async () => {
    const page = await browser.newPage();
    const link = await portalLink(a.accountId);
    await page.goto(link);
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$");
    const statuses = await page.evaluate(async (other) => {
      const get = (path: string) => fetch(path).then((r) => r.status);
      return [await get(`/v1/accounts/${other}/balance`), await get(`/v1/accounts/${other}/invoices`), await get("/v1/reports/usage")];
    }, b.accountId);
    expect(statuses).toEqual([403, 403, 403]);
    // The same link does not sign in a second browser.
    const second = await browser.newPage();
    await second.goto(link);
    await second.getByLabel("API key").waitFor();
    expect(await second.getByText("That sign-in link is used or expired").count()).toBe(1);
    // Whose portal it is, before anyone signs in: the provider's name from its issuer profile.
    const branding = (await (await fetch(`${stack.controlPlaneUrl}/v1/portal/branding`)).json()) as { name: string };
    expect(await second.getByRole("heading", { level: 1 }).textContent()).toBe(`Sign in to your ${branding.name} account`);
    await accessible(second, "the portal's sign-in, a used link refused");
    await second.screenshot({ path: `${SHOTS}portal-sign-in.png` });
    await page.close();
    await second.close();
  });

  /** A view of the console, opened as a person does: by its tab. */
  const consoleView = async (page: Page, name: string) => {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name, exact: true }).click();
  };

  it("console: sign in, dashboard, report totals equal the API's, and the CSV download parses and matches", async () => {
    await jobs.bookUsage(stack.ctx);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // The first owner, made with the bootstrap token; then a sign-in by email and password.
    await stack.admin.createUser({ email: "olivia@example.com", name: "Olivia", role: "owner", password: "a long owner password" });
    const consolePage = `${stack.controlPlaneUrl}/console/`;
    // A deep link before signing in: the sign-in comes first, then the view the link named.
    await page.goto(`${consolePage}reports`);
    await accessible(page, "the console's sign-in");
    await shoot(page, `${SHOTS}console-sign-in.png`);
    await page.getByLabel("Email").fill("olivia@example.com");
    await page.getByLabel("Password").fill("not her password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Password").fill("a long owner password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("region", { name: "Usage report" }).waitFor();
    expect(page.url()).toBe(`${consolePage}reports`);
    await consoleView(page, "Dashboard");
    await page.getByText("Prepaid liability").waitFor();
    expect(page.url()).toBe(consolePage);
    await accessible(page, "the console's dashboard");
    await shoot(page, `${SHOTS}console-dashboard.png`);
    // Loaded afresh, the dashboard keeps its place as its figures and chart arrive (space reserved for them).
    const signedIn = await browser.newContext();
    await signedIn.addCookies(await page.context().cookies());
    const fresh = await signedIn.newPage();
    await measureShifts(fresh);
    await fresh.goto(consolePage);
    await fresh.getByText("Prepaid liability").waitFor();
    await fresh.getByRole("figure").first().waitFor();
    expect(await shifted(fresh), "layout shift of the console's dashboard").toBeLessThan(0.1);
    await signedIn.close();

    await consoleView(page, "Reports");
    await page.getByLabel("Group by").selectOption("none");
    await page.getByTestId("report-calls").first().waitFor();
    const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
    const api = await stack.admin.getUsageReport({
      from: new Date(to - 30 * 86_400_000).toISOString(),
      to: new Date(to).toISOString(),
      bucket: "day",
      timeZone: "UTC",
    });
    expect(Number(await page.getByTestId("report-calls").first().innerText())).toBe(api.totals[0]!.calls);
    expect(Number(await page.getByTestId("report-amount").first().getAttribute("data-micros"))).toBe(api.totals[0]!.amount);
    expect(api.totals[0]!.calls).toBe(4); // three by the account's key, one by the key made in the portal
    await accessible(page, "the console's reports");
    await shoot(page, `${SHOTS}console-reports.png`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const rows = parse<Record<string, string>>(readFileSync(await download.path(), "utf8"), { columns: true });
    // Each amount twice: exact in dollars (never rounded) and in micros, which add up to the report's total.
    expect(rows.reduce((s, r) => s + Number(r.amount_micros), 0)).toBe(api.totals[0]!.amount);
    for (const r of rows) expect(r.amount).toBe(decimalAmount(Number(r.amount_micros)));
    expect(rows.length).toBe(api.rows.length);

    // Accounts: found by name, a page at a time, each at its own address.
    await consoleView(page, "Accounts");
    expect(page.url()).toBe(`${consolePage}accounts`);
    const accounts = page.getByRole("table", { name: "Accounts" });
    await accounts.getByRole("link").first().waitFor();
    const newest = (await stack.admin.searchAccounts({ limit: 25 })).items;
    expect(await accounts.getByRole("link").allInnerTexts()).toEqual(newest.map((x) => x.name));
    await accessible(page, "the console's accounts");
    await page.getByLabel("Name or id").fill("no account is called this");
    await page.getByText("No account matches").waitFor();
    expect(page.url()).toBe(`${consolePage}accounts?query=no+account+is+called+this`);
    await accessible(page, "the console's accounts, a search matching none");
    await page.getByLabel("Name or id").fill(a.accountId);
    await accounts.getByRole("link", { name: "test account" }).click();
    expect(page.url()).toBe(`${consolePage}accounts/${a.accountId}`);
    await page.getByText("Available (USD)").waitFor();
    await page.getByLabel("Amount (USD)").fill("3");
    await page.getByRole("button", { name: "Issue grant" }).click();
    await expect.poll(() => page.getByRole("table", { name: "Grants" }).innerText(), { timeout: 10_000 }).toContain("$3.00 of $3.00");
    // The ledger as the API lists it, newest first, a page at a time.
    const ledger = page.getByRole("table", { name: "Ledger entries" });
    const entries = await stack.admin.listTransactions(a.accountId, { limit: 15 });
    await expect.poll(() => ledger.locator("tbody tr").count()).toBe(entries.items.length);
    expect(await ledger.locator("tbody tr").first().innerText()).toContain(formatMoney(entries.items[0]!.amount, "USD"));
    await accessible(page, "an account in the console");
    await shoot(page, `${SHOTS}console-accounts.png`);
    // Its receipt, opened from the account, at its own address; a reload stays there; Back returns to the account.
    const receipt = (await stack.admin.listInvoices(a.accountId)).items.find((i) => i.kind === "receipt")!;
    await page.getByRole("table", { name: "Invoices" }).getByRole("link", { name: receipt.number!, exact: true }).click();
    expect(page.url()).toBe(`${consolePage}accounts/${a.accountId}/invoices/${receipt.id}`);
    await page.reload();
    await page
      .getByRole("region", { name: `Receipt ${receipt.number}` })
      .getByText("$10.00")
      .first()
      .waitFor();
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "test account" }).waitFor();
    await accessible(page, "a receipt in the console");
    await shoot(page, `${SHOTS}console-invoice.png`);
    await page.goBack();
    await page.getByText("Available (USD)").waitFor();
    expect(page.url()).toBe(`${consolePage}accounts/${a.accountId}`);
    await page.goBack();
    expect(page.url()).toBe(`${consolePage}accounts?query=${a.accountId}`);
    await page.getByRole("table", { name: "Accounts" }).getByRole("link", { name: "test account" }).waitFor();
    await page.goForward();
    await page.goForward();
    await page.getByRole("region", { name: `Receipt ${receipt.number}` }).waitFor();
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "test account" }).click();
    await page.getByText("Available (USD)").waitFor();
    expect(page.url()).toBe(`${consolePage}accounts/${a.accountId}`);

    await consoleView(page, "Vouchers");
    await page.getByLabel("Value").fill("15");
    await page.getByLabel("How many").fill("3");
    await page.getByRole("button", { name: "Create codes" }).click();
    const codes = (await page.getByTestId("voucher-codes").inputValue()).split("\n");
    expect(codes).toHaveLength(3);
    expect((await stack.consumer(b.key).redeemVoucher(codes[1]!)).amount).toBe(15_000_000);
    await accessible(page, "the console's vouchers, codes shown");
    await shoot(page, `${SHOTS}console-vouchers.png`);
    await consoleView(page, "Anomalies");
    await page.getByText("No anomalies.").waitFor();
    await accessible(page, "the console's anomalies");
    // A rate deck, as a person reads it: per-minute prices of seconds, billed 60/6, by destination prefix.
    await stack.admin.createPlan({
      name: "Voice",
      currency: "USD",
      products: [
        {
          id: "voice",
          method: "POST",
          path: "/v1/call",
          price: {
            metric: "units",
            unitsHeader: "x-seconds",
            unitPrice: 60_000,
            maximum: 1_000_000_000,
            ratePer: 60,
            increments: { first: 60, next: 6 },
            dimension: {
              attribute: "destination",
              lines: [
                { value: "+351", unitPrice: 12_000 },
                {
                  value: "+3519",
                  tiers: [
                    { upTo: 6_000, unitPrice: 30_000 },
                    { upTo: null, unitPrice: 20_000 },
                  ],
                },
                { value: "+44", unitPrice: 15_000 },
                { value: "+1", unitPrice: 7_000 },
              ],
            },
          },
        },
      ],
      unmatched: { action: "refuse" },
    });
    await consoleView(page, "Plans");
    await page.getByText("$1.00 a call").first().waitFor(); // the catalog, readable
    await page
      .getByText(
        "$0.06 per 60 units, at most $1,000.00 a call, billed 60/6, by destination prefix: +351 $0.012; +3519 tiered; +44 $0.015; 1 more",
      )
      .waitFor();
    await page.getByRole("button", { name: "Edit catalog" }).first().click();
    await page.getByLabel(/^Catalog of/).fill('{"products": "not a list"}');
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").waitFor();
    await accessible(page, "the console's plans, a catalog refused");
    await shoot(page, `${SHOTS}console-plans.png`);
    // One plan at its own address.
    const voice = (await stack.admin.listPlans()).items.find((p) => p.name === "Voice")!;
    await page.getByRole("link", { name: voice.id }).click();
    expect(page.url()).toBe(`${consolePage}plans/${voice.id}`);
    await page.reload();
    await page.getByRole("region", { name: "Voice (USD)" }).waitFor();
    expect(await page.getByRole("region").count()).toBe(1);
    await accessible(page, "one plan in the console");

    // The audit trail, filtered by what it is about; the filter is in the address.
    await consoleView(page, "Audit");
    await page.getByLabel("On", { exact: true }).fill(a.walletId);
    const trail = page.getByRole("table", { name: "Audit records" });
    const audited = await stack.admin.listAudit({ target: a.walletId, limit: 25 });
    await expect.poll(() => trail.locator("tbody tr").count(), { timeout: 10_000 }).toBe(audited.items.length);
    expect(await trail.locator("tbody tr").first().innerText()).toContain(audited.items[0]!.action);
    expect(page.url()).toBe(`${consolePage}audit?target=${a.walletId}`);
    await accessible(page, "the console's audit trail, filtered");
    await shoot(page, `${SHOTS}console-audit.png`);

    // Team: the owner adds a support user and makes a read-only token of her own.
    await consoleView(page, "Team");
    const addUser = page.getByRole("form", { name: "Add a user" });
    await addUser.getByLabel("Email").fill("sam@example.com");
    await addUser.getByLabel("Name").fill("Sam");
    await addUser.getByLabel("Role").selectOption("support");
    await addUser.getByLabel("First password").fill("sam's long password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("cell", { name: "sam@example.com", exact: true }).waitFor();
    // A role change is asked in the page before it applies; "Keep support" puts the select back.
    const samsRole = page.getByLabel("Role of sam@example.com");
    await samsRole.selectOption("admin");
    const askRole = page.getByRole("group", { name: "Change the role of sam@example.com" });
    await askRole.getByText("Make Sam an admin (catalog, accounts, keys, money) instead of support?", { exact: false }).waitFor();
    await askRole.getByRole("button", { name: "Keep support" }).click();
    expect(await samsRole.inputValue()).toBe("support");
    const sam = () => stack.admin.listUsers().then((u) => u.items.find((x) => x.email === "sam@example.com")!);
    expect((await sam()).role).toBe("support");
    await samsRole.selectOption("finance");
    await askRole.getByRole("button", { name: "Make finance" }).click();
    await expect.poll(async () => (await sam()).role, { timeout: 10_000 }).toBe("finance");
    await expect.poll(() => samsRole.inputValue(), { timeout: 10_000 }).toBe("finance");
    const makeToken = page.getByRole("form", { name: "Create a token" });
    await makeToken.getByLabel("Name").fill("dashboards");
    await makeToken.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByTestId("token-secret").inputValue();
    const asToken = new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token: secret });
    expect((await asToken.getSession()).role).toBe("viewer");
    await expect(
      asToken.createVoucherBatch({
        amount: 1_000_000,
        currency: "USD",
        count: 1,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ).rejects.toMatchObject({ status: 403 });
    // Her tokens as an owner sees anyone's: revoked there, the token stops at once.
    await page.getByRole("link", { name: "Show Olivia's tokens" }).click();
    const hers = page.getByRole("table", { name: "Olivia's tokens" });
    await hers.getByRole("cell", { name: "dashboards", exact: true }).waitFor();
    expect(page.url()).toMatch(new RegExp(`^${consolePage}team/users/usr_`));
    await accessible(page, "the console's team, a user's tokens shown");
    await shoot(page, `${SHOTS}console-team.png`);
    await hers.getByRole("button", { name: "Revoke dashboards" }).click();
    await hers.getByRole("group", { name: "Revoke dashboards" }).getByRole("button", { name: "Revoke the token" }).click();
    await hers.getByText("revoked").waitFor();
    await expect(asToken.getSession()).rejects.toMatchObject({ status: 401 });
    await page.close();

    // A viewer, signed in with a token of hers: she reads everything and is offered no action she may not take.
    const viewer = await stack.admin.createUser({
      email: "vera@example.com",
      name: "Vera",
      role: "viewer",
      password: "vera's long password",
    });
    const veraToken = (await stack.admin.createUserToken(viewer.id, { name: "console" })).secret;
    const look = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await look.goto(`${stack.controlPlaneUrl}/console/`);
    await tokenSignIn(look, veraToken);
    await look.getByText("Prepaid liability").waitFor();
    await look.getByText("viewer", { exact: true }).waitFor();
    expect(await look.getByRole("link", { name: "Audit" }).count()).toBe(0);
    // Voucher batches are read by every role; only owners, admins and finance make them.
    await consoleView(look, "Vouchers");
    await look.getByRole("table", { name: "Voucher batches" }).waitFor();
    expect(await look.getByRole("button", { name: "Create codes" }).count()).toBe(0);
    await consoleView(look, "Accounts");
    await look.getByRole("link", { name: "test account" }).first().click();
    await look.getByText("Available (USD)").waitFor();
    for (const action of ["Credit", "Adjust", "Suspend", "Issue grant"])
      expect(await look.getByRole("button", { name: action }).count(), action).toBe(0);
    expect(await look.getByRole("button", { name: /^Revoke / }).count()).toBe(0);
    await accessible(look, "an account as a viewer sees it");
    await shoot(look, `${SHOTS}console-viewer.png`);
    await look.setViewportSize({ width: 390, height: 844 });
    await shoot(look, `${SHOTS}console-account-phone.png`);
    // A view the role is not offered is not there, even by its address.
    await look.goto(`${consolePage}audit`);
    await look.getByRole("region", { name: "Page not found" }).waitFor();
    await accessible(look, "the console's not-found view");
    await look.close();
  });

  it("subscription: the portal shows the plan, seats, price and what is due; the console changes seats, prorated", async () => {
    const plan = await stack.admin.createPlan({
      name: "Team",
      currency: "USD",
      pricePerCall: 1_000,
      recurring: { interval: "month", fee: 49_000_000, seatPrice: 10_000_000 },
    });
    const account = await stack.admin.createAccount({ name: "pages subscriber", planId: plan.id, seats: 2 });
    const portal = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await portal.goto(await portalLink(account.id));
    const card = portal.getByRole("region", { name: "Subscription" });
    await card.getByText("$69.00 is due").waitFor();
    expect(await card.innerText()).toContain("$49.00 plan fee + 2 × $10.00 a seat a month");
    await accessible(portal, "the portal's overview, a fee due");
    await shoot(portal, `${SHOTS}portal-subscription-due.png`);
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 200_000_000 }, { idempotencyKey: "pages-sub" });
    // The credit's answer comes after the fee is paid; the page is read again once the API says so.
    const paid = await stack.admin.getSubscription(account.id);
    expect(paid).toMatchObject({ status: "active", due: [] });
    expect(paid.renewsAt).toBeDefined();
    await portal.reload();
    await card.getByText("Next renewal").waitFor();
    expect(await card.getByRole("alert").count()).toBe(0);
    await expect.poll(() => balanceText(portal)).toContain("$131.00");
    await portal.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await tokenSignIn(page);
    await consoleView(page, "Accounts");
    await page.getByRole("link", { name: "pages subscriber" }).click();
    const section = page.getByRole("region", { name: "Subscription" });
    await section.getByRole("textbox", { name: "Seats" }).fill("4");
    await section.getByRole("button", { name: "Change now, prorated" }).click();
    await section
      .locator("p.ok")
      .getByText(/^Seats 2 → 4: charged \$/)
      .waitFor();
    const fees = (await stack.admin.listFees(account.id)).items;
    expect(fees[0]!.change).toMatchObject({ fromSeats: 2, toSeats: 4 });
    // As the console writes money: in cents, the exact micros in the amount's tooltip.
    const charged = fees[0]!.amount;
    const shown = formatMoney(charged, "USD");
    // The table is read again after the change: wait for that, not for a fixed time.
    await expect.poll(() => section.getByRole("table", { name: "Fees" }).innerText()).toContain(`Seats 2 → 4: charged ${shown}`);
    const amount = section.getByRole("table", { name: "Fees" }).locator("tbody tr").first().locator("span[title]");
    expect(await amount.getAttribute("title")).toBe(formatExactMoney(charged, "USD"));
    expect((await stack.admin.getSubscription(account.id)).seats).toBe(4);
    await accessible(page, "an account's subscription in the console, seats changed");
    await shoot(page, `${SHOTS}console-subscription.png`);
    // The plan's recurring fee, read and changed on the Plans page.
    await consoleView(page, "Plans");
    await page.getByTestId(`recurring-${plan.id}`).getByText("Recurring: $49.00 a month + $10.00 a seat").waitFor();
    const form = page.getByRole("form", { name: "Recurring fee of Team" });
    await form.getByLabel("Fee (USD)").fill("59");
    await form.getByRole("button", { name: "Save recurring fee" }).click();
    await page.getByTestId(`recurring-${plan.id}`).getByText("Recurring: $59.00 a month").waitFor();
    expect((await stack.admin.getPlan(plan.id)).recurring?.fee).toBe(59_000_000);
    await page.close();
  });

  it("reports: grouped by name over 30 to 90 days or picked dates, the axis on the range with hours as hours; the dashboard's revenue with its fees", async () => {
    // An account, a plan and a key with names of their own, usage of theirs booked, and the plan's fee taken.
    const plan = await stack.admin.createPlan({
      name: "Metered",
      currency: "USD",
      pricePerCall: 250_000,
      recurring: { interval: "month", fee: 20_000_000 },
    });
    const account = await stack.admin.createAccount({ name: "Northwind Traders", planId: plan.id });
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 30_000_000 }, { idempotencyKey: "pages-reports" });
    const key = await stack.admin.createApiKey(account.id, { name: "reporting key" });
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key.key } })).status).toBe(200);
    await expect.poll(() => stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id }), { timeout: 10_000 }).toBe(3);
    await jobs.bookUsage(stack.ctx);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await tokenSignIn(page);

    // The dashboard's revenue is usage and subscription fees, each part named.
    const revenue = page.getByTestId("revenue-USD");
    await revenue.waitFor();
    const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
    const last = (days: number) => ({ from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() });
    const money = (await stack.admin.getFinancialReport(last(30))).currencies.find((c) => c.currency === "USD")!;
    expect(money.revenue.fees).toBeGreaterThanOrEqual(20_000_000);
    expect(money.revenue.total).toBe(money.revenue.usage.net + money.revenue.fees);
    await expect.poll(() => revenue.getAttribute("data-micros")).toBe(String(money.revenue.total));
    const figure = (label: string) =>
      page
        .locator(".figure", { has: page.getByText(label, { exact: true }) })
        .locator("dd")
        .innerText();
    expect(await figure("Revenue (usage + fees)")).toBe(formatMoney(money.revenue.total, "USD"));
    expect(await figure("Usage revenue (net of refunds)")).toBe(formatMoney(money.revenue.usage.net, "USD"));
    expect(await figure("Subscription fee revenue")).toBe(formatMoney(money.revenue.fees, "USD"));
    await accessible(page, "the dashboard");
    await shoot(page, `${SHOTS}console-dashboard-revenue.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, `${SHOTS}console-dashboard-phone.png`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Grouped by account over 90 days: the table names each account as the API does, with its figures.
    await page.getByRole("navigation", { name: "Sections" }).getByText("Reports", { exact: true }).click();
    const form = page.getByRole("form", { name: "Usage report" });
    await form.getByLabel("Window").selectOption({ label: "Last 90 days" });
    await form.getByLabel("Bucket").selectOption("day");
    await form.getByLabel("Group by").selectOption({ label: "account" });
    const byAccount = await stack.admin.getUsageReport({ ...last(90), bucket: "day", groupBy: "account", timeZone: "UTC", top: 10 });
    const table = page.getByRole("table", { name: "Totals" });
    const rowsShown = async () =>
      (await table.locator("tbody tr").all()).length === 0
        ? []
        : Promise.all(
            (await table.locator("tbody tr").all()).map(async (row) => [
              await row.getByTestId("report-group").getAttribute("data-group"),
              await row.getByTestId("report-name").innerText(),
              Number(await row.getByTestId("report-calls").innerText()),
              Number(await row.getByTestId("report-amount").getAttribute("data-micros")),
            ]),
          );
    const expected = byAccount.groups.map((g) => [g.group, g.name, g.calls, g.amount]);
    await expect.poll(rowsShown, { timeout: 10_000 }).toEqual(expected);
    expect(expected).toContainEqual([account.id, "Northwind Traders", 3, 750_000]);
    // The chart's legend names them too, and its axis spans the 90 days and no further.
    const chart = page.getByRole("figure");
    expect(await chart.locator(".legend").innerText()).toContain("Northwind Traders");
    const axis = async () => JSON.parse((await page.getByTestId("chart-plot").getAttribute("data-x-labels")) ?? "[]") as string[];
    const years = (labels: string[]) => new Set(labels.join(" ").match(/\b20\d\d\b/g));
    const within = new Set([new Date(to - 90 * 86_400_000).getUTCFullYear(), new Date(to).getUTCFullYear()].map(String));
    await expect.poll(async () => (await axis()).length).toBeGreaterThan(2);
    expect(
      [...years(await axis())].every((y) => within.has(y)),
      (await axis()).join(" | "),
    ).toBe(true);
    expect((await axis())[0]).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} 20\d\d$/); // "7 Sept 2026": the first day with its year
    await accessible(page, "the reports page grouped by account");
    await shoot(page, `${SHOTS}console-reports-by-account.png`);

    // Hour buckets of the last day, by key: the axis and the chart's table say the hour, the table names the key.
    await form.getByLabel("Window").selectOption({ label: "Last day" });
    await form.getByLabel("Bucket").selectOption("hour");
    await form.getByLabel("Group by").selectOption({ label: "API key" });
    const byKey = await stack.admin.getUsageReport({ ...last(1), bucket: "hour", groupBy: "key", timeZone: "UTC", top: 10 });
    await expect.poll(rowsShown, { timeout: 10_000 }).toEqual(byKey.groups.map((g) => [g.group, g.name, g.calls, g.amount]));
    expect(byKey.groups.find((g) => g.group === key.id)?.name).toBe("reporting key");
    await expect.poll(async () => (await axis()).some((l) => /^\d\d:00/.test(l))).toBe(true);
    expect(
      (await axis()).every((l) => /^\d\d:00(\n\d{1,2} [A-Z][a-z]{2,3}( 20\d\d)?)?$/.test(l)),
      (await axis()).join(" | "),
    ).toBe(true);
    // The chart's data table: one row per hour of the range, headed by its day and hour; the key's calls in its hour.
    const hours = page.locator("figure table tbody tr");
    expect(await hours.count()).toBe(24);
    const row = byKey.rows.find((r) => r.group === key.id)!;
    const hourLabel = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
      new Date(row.bucketStart),
    );
    const bucketRow = hours.filter({ has: page.getByRole("rowheader", { name: `${hourLabel}, ${row.bucketStart.slice(11, 16)}` }) });
    expect(await bucketRow.innerText()).toContain(formatMoney(row.amount, "USD"));
    await shoot(page, `${SHOTS}console-reports-hours.png`);

    // Picked dates: today alone, by plan.
    const today = new Date().toISOString().slice(0, 10);
    await form.getByLabel("Window").selectOption({ label: "Dates…" });
    await form.getByLabel("From").fill(today);
    await form.getByLabel("To (included)").fill(today);
    await form.getByLabel("Bucket").selectOption("day");
    await form.getByLabel("Group by").selectOption({ label: "plan" });
    const day = { from: `${today}T00:00:00.000Z`, to: new Date(Date.parse(today) + 86_400_000).toISOString() };
    const byPlan = await stack.admin.getUsageReport({ ...day, bucket: "day", groupBy: "plan", timeZone: "UTC", top: 10 });
    await expect.poll(rowsShown, { timeout: 10_000 }).toEqual(byPlan.groups.map((g) => [g.group, g.name, g.calls, g.amount]));
    expect(byPlan.groups.find((g) => g.group === plan.id)?.name).toBe("Metered");
    // A single day's bucket: the axis stays on that day (it once spanned 2027 to 2029).
    expect([...years(await axis())]).toEqual([today.slice(0, 4)]);
    // The CSV: each plan's id and name side by side.
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = parse<Record<string, string>>(readFileSync(await download.path(), "utf8"), { columns: true });
    expect(csv.map((r) => [r.plan_id, r.plan_name, Number(r.calls)])).toEqual(byPlan.rows.map((r) => [r.group, r.name, r.calls]));
    // The books' journal of the same days, as a general journal's CSV.
    const [journal] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the journal (CSV)" }).click(),
    ]);
    const journalText = readFileSync(await journal.path(), "utf8");
    expect(journalText.split("\n")[0]).toBe("Date,Journal,Account code,Account name,Debit,Credit,Currency,Description,Reference");
    const journalLines = parse<Record<string, string>>(journalText, { columns: true });
    expect(journalLines.length).toBeGreaterThan(0);
    expect(new Set(journalLines.map((l) => l.Date))).toEqual(new Set([today]));

    // The report is at its own address, filters included: a reload shows the same one.
    expect(new URL(page.url()).searchParams.get("groupBy")).toBe("plan");
    await page.reload();
    await expect.poll(rowsShown, { timeout: 10_000 }).toEqual(byPlan.groups.map((g) => [g.group, g.name, g.calls, g.amount]));
    expect(await form.getByLabel("From").inputValue()).toBe(today);
    await accessible(page, "the reports page over picked dates");

    // At a phone's width the same report is all there.
    await page.setViewportSize({ width: 390, height: 844 });
    await table.getByText("Metered", { exact: true }).waitFor();
    await shoot(page, `${SHOTS}console-reports-phone.png`);

    // An anomaly names its account and key, as the API does.
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await stack.ctx.models.Anomaly.create({
      _id: `${account.id}|USD|${hour.toISOString()}`,
      accountId: account.id,
      currency: "USD",
      hour,
      calls: 3,
      amount: 750_000,
      baselineCalls: 0,
      baselineAmount: 0,
      threshold: 2,
      policy: { factor: 5, minCalls: 2, mitigation: "none" },
      keyId: key.id,
      status: "open",
      mitigation: { action: "none" },
      detectedAt: new Date(),
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("navigation", { name: "Sections" }).getByText("Anomalies", { exact: true }).click();
    const listed = (await stack.admin.listAnomalies({ accountId: account.id })).items[0]!;
    expect([listed.accountName, listed.keyName]).toEqual(["Northwind Traders", "reporting key"]);
    const anomaly = page.getByRole("table", { name: "Anomalies" }).getByRole("row", { name: /Northwind Traders/ });
    expect(await anomaly.innerText()).toContain("reporting key");
    await accessible(page, "the anomalies");
    await shoot(page, `${SHOTS}console-anomalies.png`);
    await page.close();
  });

  it("plans: a plan made through the form with every pricing model and a rate deck imported from CSV; the API stores what the form said and the gateway charges it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(`${stack.controlPlaneUrl}/console/plans/new`);
    await tokenSignIn(page);
    await page.getByLabel("Name", { exact: true }).fill("Form plan");
    await page.getByLabel("Recurring fee").check();
    await page.getByLabel("Fee", { exact: true }).fill("49");
    await page.getByText("$49.00").first().waitFor(); // said back by the shared formatter

    // Graduated tiers with a free call a month; the path typed wrong first, to see the API's refusal by its field.
    await page.getByRole("button", { name: "Add a product" }).click();
    await page.getByRole("group", { name: "Product product-1" }).getByLabel("Id", { exact: true }).fill("search");
    const search = page.getByRole("group", { name: "Product search" });
    await search.getByLabel("Path").fill("v1/search");
    await search.getByLabel("Pricing model").selectOption("graduated");
    await search.getByRole("button", { name: "Add a tier" }).click();
    await search.getByLabel("Tier 1: from 1 up to").fill("2");
    await search.getByLabel("Tier 1 unit price").fill("0.002");
    await search.getByLabel("Tier 2 unit price").fill("0.0010");
    await search.getByLabel("Free units each period").check();
    await search.getByLabel("Free calls").fill("1");
    // Response bytes in packages of 1,000, at most $1 a call.
    await page.getByRole("button", { name: "Add a product" }).click();
    await page.getByRole("group", { name: "Product product-2" }).getByLabel("Id", { exact: true }).fill("export");
    const exporting = page.getByRole("group", { name: "Product export" });
    await exporting.getByLabel("Method").selectOption("*");
    await exporting.getByLabel("Path").fill("/bytes/*");
    await exporting.getByLabel("Counts").selectOption("response_bytes");
    await exporting.getByLabel("Unit price (USD)").fill("0.01");
    await exporting.getByLabel("Sold in packages").check();
    await exporting.getByLabel("Package size (bytes)").fill("1,000");
    await exporting.getByLabel("Minimum or maximum a call").check();
    await exporting.getByLabel("Maximum a call", { exact: true }).fill("1");
    // Reported units, per minute of seconds billed 60/6, half price at every hour, by destination from a CSV deck.
    await page.getByRole("button", { name: "Add a product" }).click();
    await page.getByRole("group", { name: "Product product-3" }).getByLabel("Id", { exact: true }).fill("voice");
    const voice = page.getByRole("group", { name: "Product voice" });
    await voice.getByLabel("Method").selectOption("POST");
    await voice.getByLabel("Path").fill("/units/*");
    await voice.getByLabel("Counts").selectOption("units");
    await voice.getByLabel("Units header").fill("X-Units");
    await voice.getByLabel("Unit price (USD)").fill("0.06");
    await voice.getByLabel("Minimum or maximum a call").check();
    await voice.getByLabel("Maximum a call", { exact: true }).fill("10");
    await voice.getByLabel("Billing increments").check();
    await voice.getByLabel("Prices per N units").check();
    await voice.getByLabel("Time of use").check();
    for (const day of ["Sun", "Sat"]) await voice.getByRole("group", { name: "Days of window 1" }).getByLabel(day).check();
    await voice.getByLabel("From (HH:MM)").fill("00:00");
    await voice.getByLabel("To (HH:MM").fill("24:00");
    await voice.getByLabel("Percent of the price").fill("50");
    await voice.getByLabel("Rate deck by an attribute").check();
    await voice.getByLabel("Request header").fill("X-Destination");
    const deckFile = voice.getByLabel("Import lines from a CSV file");
    await deckFile.setInputFiles({
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("value,unit_price\n+351,0.012\n+44,twelve\n"),
    });
    await voice.getByRole("alert").getByText('Line 3: the unit price "twelve" is not an amount such as 0.0015.').waitFor();
    await accessible(page, "a new plan's form, a CSV refused by its line");
    const csv = "value,unit_price,tiers\n+351,0.012,\n+3519,,6000:0.03;*:0.02\n+44,0.015,\n";
    await deckFile.setInputFiles({ name: "deck.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await voice.getByRole("status").getByText("Imported 3 lines from deck.csv").waitFor();
    expect(await voice.getByRole("table", { name: "Rate lines of voice" }).locator("tbody tr").count()).toBe(3);
    await page.getByRole("button", { name: "Add a quota" }).click();
    const quota = page.getByRole("group", { name: "Quota quota-1" });
    await quota.getByLabel("Id", { exact: true }).fill("search-daily");
    await page.getByRole("group", { name: "Quota search-daily" }).getByLabel("Counting").selectOption("search");
    await page.getByRole("group", { name: "Quota search-daily" }).getByLabel("Limit").fill("100");

    await page.getByRole("button", { name: "Create the plan" }).click();
    await page.getByRole("alert").getByText("product search › path:").waitFor();
    expect(await search.locator('.field-error[data-pointer="/products/0/path"]').innerText()).toContain("a path like /v1/users/:id");
    expect(await search.getByLabel("Path").getAttribute("aria-invalid")).toBe("true");
    await accessible(page, "a new plan refused, its field named");
    await shoot(page, `${SHOTS}console-plan-new.png`);
    await search.getByLabel("Path").fill("/v1/search");
    await page.getByRole("button", { name: "Create the plan" }).click();
    await page.getByRole("status").getByText("Plan created").waitFor();
    const planId = new URL(page.url()).pathname.split("/").at(-1)!;

    // What the API stored is what the form said, in micros.
    const stored = await stack.admin.getPlan(planId);
    expect(stored.recurring).toMatchObject({ interval: "month", fee: 49_000_000, seatPrice: 0 });
    const catalog = stored.catalog as { products: { id: string; method: string; path: string; price: Record<string, unknown> }[] } & Record<
      string,
      unknown
    >;
    expect(catalog.products.map((p) => [p.id, p.method, p.path])).toEqual([
      ["search", "GET", "/v1/search"],
      ["export", "*", "/bytes/*"],
      ["voice", "POST", "/units/*"],
    ]);
    expect(catalog.products[0]!.price).toMatchObject({
      metric: "calls",
      tierMode: "graduated",
      tiers: [
        { upTo: 2, unitPrice: 2_000, flatPrice: 0 },
        { upTo: null, unitPrice: 1_000, flatPrice: 0 },
      ],
      freeUnits: 1,
      period: "month",
    });
    expect(catalog.products[1]!.price).toMatchObject({
      metric: "response_bytes",
      tiers: [{ upTo: null, unitPrice: 10_000, flatPrice: 0 }],
      packageSize: 1_000,
      maximum: 1_000_000,
    });
    expect(catalog.products[2]!.price).toMatchObject({
      metric: "units",
      unitsHeader: "x-units",
      tiers: [{ upTo: null, unitPrice: 60_000, flatPrice: 0 }],
      maximum: 10_000_000,
      increments: { first: 60, next: 6 },
      ratePer: 60,
      timeOfUse: [{ days: [0, 1, 2, 3, 4, 5, 6], from: 0, to: 1440, percent: 50 }],
      dimension: {
        attribute: "destination",
        match: "prefix",
        header: "x-destination",
        otherwise: "refuse",
        lines: [
          { value: "+351", tiers: [{ upTo: null, unitPrice: 12_000, flatPrice: 0 }] },
          {
            value: "+3519",
            tiers: [
              { upTo: 6_000, unitPrice: 30_000, flatPrice: 0 },
              { upTo: null, unitPrice: 20_000, flatPrice: 0 },
            ],
          },
          { value: "+44", tiers: [{ upTo: null, unitPrice: 15_000, flatPrice: 0 }] },
        ],
      },
    });
    expect(catalog.quotas).toEqual([
      { id: "search-daily", metric: "calls", productId: "search", period: "day", limit: 100, enforcement: "hard" },
    ]);
    expect(catalog.unmatched).toEqual({ action: "refuse" });

    // The plan's page edits the saved catalog: export removed, +44 repriced in the deck's table; the confirmation says so.
    await page.getByRole("button", { name: "Remove export" }).click();
    await page.getByLabel("Unit price of +44").fill("0.018");
    await page.getByRole("button", { name: "Save catalog" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Replace the catalog of Form plan?" });
    expect(await confirm.getByRole("listitem").allInnerTexts()).toEqual([
      "Removes product export.",
      "Changes product voice: rate deck (1 line changed).",
    ]);
    await accessible(page, "a plan's catalog, its change confirmed");
    await shoot(page, `${SHOTS}console-plan-confirm.png`);
    await confirm.getByRole("button", { name: "Replace the catalog" }).click();
    await page
      .getByRole("status")
      .getByText(/^Saved .*: every gateway applies the catalog/)
      .waitFor();
    const saved = (await stack.admin.getPlan(planId)).catalog as typeof catalog;
    expect(saved.products.map((p) => p.id)).toEqual(["search", "voice"]);
    expect((saved.products[1]!.price.dimension as { lines: unknown[] }).lines[2]).toEqual({
      value: "+44",
      tiers: [{ upTo: null, unitPrice: 18_000, flatPrice: 0 }],
    });
    // Both views edit one draft; the deck goes out as the CSV it came in as (its +44 repriced).
    await page.getByRole("button", { name: "Advanced (JSON)" }).click();
    const json = JSON.parse(await page.getByLabel("Catalog of Form plan (JSON)").inputValue()) as { products: { id: string }[] };
    expect(json.products.map((p) => p.id)).toEqual(["search", "voice"]);
    await page.getByRole("button", { name: "Form", exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export as CSV" }).click()]);
    expect(readFileSync(await download.path(), "utf8")).toBe(
      "value,unit_price,tiers\r\n+351,0.012,\r\n+3519,,6000:0.03;*:0.02\r\n+44,0.018,\r\n",
    );
    await shoot(page, `${SHOTS}console-plan.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "a plan's page at phone width");
    await shoot(page, `${SHOTS}console-plan-phone.png`);
    await page.close();

    // Calls through the gateway cost what the form said.
    const account = await stack.admin.createAccount({ name: "form plan customer", planId });
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 100_000_000 }, { idempotencyKey: "pages-form-plan" });
    const key = (await stack.admin.createApiKey(account.id, { name: "form plan key" })).key;
    const headers = { "x-api-key": key };
    for (let i = 0; i < 4; i++) expect((await call(`${stack.gatewayUrl}/v1/search`, { headers })).status).toBe(200);
    const dial = (units: number, destination: string) =>
      call(`${stack.gatewayUrl}/units/${units}`, { method: "POST", headers: { ...headers, "x-destination": destination } });
    expect((await dial(61, "+351912345678")).status).toBe(200);
    expect((await dial(30, "+447700900123")).status).toBe(200);
    expect((await dial(30, "+999")).status).toBe(422);
    expect((await call(`${stack.gatewayUrl}/bytes/10`, { headers })).status).toBe(403); // not in the plan any more
    await expect.poll(() => stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id }), { timeout: 10_000 }).toBe(6);
    const events = await stack.ctx.models.UsageEvent.find({ accountId: account.id }).lean();
    // One free call, two at $0.002 (tier 1, up to 2), then $0.001.
    expect(
      events
        .filter((e) => e.productId === "search")
        .map((e) => e.amount)
        .sort((x, y) => x - y),
    ).toEqual([0, 1_000, 2_000, 2_000]);
    // 61 s billed 60/6 is 66 s at +3519's $0.03 a minute: $0.033, half at every hour; 30 s is 60 s at +44's $0.018, halved.
    expect(events.filter((e) => e.productId === "voice").map((e) => [e.rateLine, e.amount])).toEqual(
      expect.arrayContaining([
        ["+3519", 16_500],
        ["+44", 9_000],
      ]),
    );
  });

  it("plans: rate limits, refunds and the metering mode set through their forms, refusals said by their fields; the API stores what the form said", async () => {
    const plan = await stack.admin.createPlan({
      name: "Settings plan",
      currency: "USD",
      products: [
        {
          id: "search",
          method: "GET",
          path: "/v1/search",
          price: {
            tiers: [
              { upTo: 10, unitPrice: 2_000 },
              { upTo: null, unitPrice: 1_000 },
            ],
          },
        },
      ],
      unmatched: { action: "free" },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await measureShifts(page);
    await page.goto(`${stack.controlPlaneUrl}/console/plans/${plan.id}`);
    await tokenSignIn(page);
    await page.getByRole("button", { name: "Add a rate limit" }).click();
    const first = page.getByRole("group", { name: "Rate limit rate-1" });
    await first.getByLabel("Id", { exact: true }).fill("burst");
    const burst = page.getByRole("group", { name: "Rate limit burst" });
    await burst.getByLabel("Calls").fill("50");
    await burst.getByLabel("Per window of (seconds)").fill("90,000"); // past a day: the API refuses it
    await burst.getByLabel("Counted for").selectOption("key");
    await page.getByRole("button", { name: "Add a rate limit" }).click();
    await page.getByRole("group", { name: "Rate limit rate-2" }).getByLabel("Id", { exact: true }).fill("hourly");
    const hourly = page.getByRole("group", { name: "Rate limit hourly" });
    await hourly.getByLabel("Calls").fill("1,000");
    await hourly.getByLabel("Per window of (seconds)").fill("3600");
    await hourly.getByText("per hour").waitFor(); // the window said back in words
    await hourly.getByLabel("Counted for").selectOption("account");
    await page.getByLabel("Refund a call the upstream failed (5xx or no answer)").check();
    await page.getByLabel("Calls are decided").selectOption("leased");
    await page.getByLabel("Hold a lease or reservation for (seconds)").fill("120");
    await page.getByLabel("Match product paths ignoring letter case").check();

    const save = async () => {
      await page.getByRole("button", { name: "Save catalog" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Replace the catalog of Settings plan?" });
      const changes = await confirm.getByRole("listitem").allInnerTexts();
      await confirm.getByRole("button", { name: "Replace the catalog" }).click();
      return changes;
    };
    expect(await save()).toEqual([
      "Adds rate limit burst: 50 calls per 25 hours for each key.",
      "Adds rate limit hourly: 1,000 calls per hour for the account.",
      "Refunds become: upstream errors.",
      "Metering becomes leased.",
      "Reservations and leases are held 120 s.",
      "Paths match ignoring letter case.",
    ]);
    // The API's refusal, in words, next to the field it names.
    const windowError = burst.locator('.field-error[data-pointer="/rateLimits/0/windowSeconds"]');
    await windowError.waitFor();
    expect(await windowError.innerText()).toBe("Per window of (seconds) must be at most 86400.");
    expect(await burst.getByLabel("Per window of (seconds)").getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("alert").getByText("rate limit burst › window:").waitFor();
    await accessible(page, "a plan's rate limits refused by their field");
    await burst.getByLabel("Per window of (seconds)").fill("1");
    // A plan that refunds reserves first, so its tiered price needs a maximum a call: said by the refunds.
    await save();
    const refundError = page.getByRole("group", { name: "Refunds" }).locator('.field-error[data-pointer="/refund"]');
    await refundError.waitFor();
    expect(await refundError.innerText()).toContain("every non-flat price then needs a maximum");
    await accessible(page, "a plan's refunds refused");
    await shoot(page, `${SHOTS}console-plan-settings-refused.png`);
    const search = page.getByRole("group", { name: "Product search" });
    await search.getByLabel("Minimum or maximum a call").check();
    await search.getByLabel("Maximum a call", { exact: true }).fill("0.05");
    await save();
    await page
      .getByRole("status")
      .getByText(/^Saved .*: every gateway applies the catalog/)
      .waitFor();

    // What the API stored is what the forms said.
    const stored = (await stack.admin.getPlan(plan.id)).catalog as Record<string, unknown>;
    expect(stored.rateLimits).toEqual([
      { id: "burst", scope: "key", limit: 50, windowSeconds: 1 },
      { id: "hourly", scope: "account", limit: 1_000, windowSeconds: 3_600 },
    ]);
    expect(stored.refund).toEqual({ upstreamError: true, clientAbort: false });
    expect(stored).toMatchObject({ metering: "leased", reservationTtlSeconds: 120, caseInsensitivePaths: true });
    expect((stored.products as { price: { maximum?: number } }[])[0]!.price.maximum).toBe(50_000);
    // The plan's summary says them in words.
    await page.getByText("Rate limit hourly: 1,000 calls per hour for the account").waitFor();
    await page.getByText("Rate limit burst: 50 calls per second for each key").waitFor();
    await page.getByText(/Leased mode: .* Not charged: calls the upstream failed\./).waitFor();
    // The JSON view is the same draft; back in the form, the fields read what was saved.
    await page.getByRole("button", { name: "Advanced (JSON)" }).click();
    const json = JSON.parse(await page.getByLabel("Catalog of Settings plan (JSON)").inputValue()) as Record<string, unknown>;
    expect([json.rateLimits, json.refund, json.metering, json.reservationTtlSeconds, json.caseInsensitivePaths]).toEqual([
      stored.rateLimits,
      { upstreamError: true, clientAbort: false },
      "leased",
      120,
      true,
    ]);
    await page.getByRole("button", { name: "Form", exact: true }).click();
    expect(await page.getByLabel("Calls are decided").inputValue()).toBe("leased");
    expect(await page.getByRole("group", { name: "Rate limit hourly" }).getByLabel("Calls").inputValue()).toBe("1000");
    // Turned back to the defaults, the settings leave the catalog.
    await page.getByRole("button", { name: "Remove rate limit burst" }).click();
    await page.getByRole("button", { name: "Remove rate limit hourly" }).click();
    await page.getByLabel("Refund a call the upstream failed (5xx or no answer)").uncheck();
    await page.getByLabel("Calls are decided").selectOption("exact");
    await page.getByLabel("Hold a reservation for (seconds)").fill("60");
    expect(await save()).toEqual([
      "Removes rate limit burst.",
      "Removes rate limit hourly.",
      "Refunds become: none.",
      "Metering becomes exact.",
      "Reservations and leases are held 60 s.",
    ]);
    await page
      .getByRole("status")
      .getByText(/^Saved .*: every gateway applies the catalog/)
      .waitFor();
    expect((await stack.admin.getPlan(plan.id)).catalog).toMatchObject({
      rateLimits: [],
      refund: { upstreamError: false, clientAbort: false },
      metering: "exact",
      reservationTtlSeconds: 60,
      caseInsensitivePaths: true,
    });
    await page.getByRole("group", { name: "Rate limits" }).getByText("No rate limits").waitFor();
    expect(await shifted(page)).toBeLessThan(0.1);
    await shoot(page, `${SHOTS}console-plan-settings.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "a plan's settings at phone width");
    await shoot(page, `${SHOTS}console-plan-settings-phone.png`);
    await page.close();
  });

  it("console: voucher batches are read when the view opens, and again when a batch is made, never polled", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page's timers on a clock the test moves: a poll would fire as the minute is run through.
    await page.clock.install();
    const listed: string[] = [];
    // Reads sent and not yet answered: the minute is run through only when none is (the SDK's 30 s timeout runs
    // on the same clock, and would cancel and send again a read still on its way, a read the test did not mean).
    let outstanding = 0;
    const isList = (r: { url: () => string }) => new URL(r.url()).pathname === "/v1/voucher-batches";
    page.on("request", (r) => {
      if (!isList(r)) return;
      listed.push(r.method());
      outstanding++;
    });
    const answered = (r: { url: () => string }) => {
      if (isList(r)) outstanding--;
    };
    page.on("requestfinished", answered);
    page.on("requestfailed", answered);
    await page.goto(`${stack.controlPlaneUrl}/console/vouchers`);
    await tokenSignIn(page);
    await page.getByRole("region", { name: "Batches issued" }).waitFor();
    await page.getByLabel("Value").fill("4");
    await page.getByLabel("How many").fill("2");
    await page.getByRole("button", { name: "Create codes" }).click();
    const codes = (await page.getByTestId("voucher-codes").inputValue()).split("\n");
    const batch = (await stack.admin.listVoucherBatches()).items.find((b) => b.amount === 4_000_000 && b.count === 2)!;
    const row = page.getByRole("table", { name: "Voucher batches" }).getByRole("row", { name: new RegExp(batch.batchId) });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/\$4\.00[\s\S]*0 of 2/);
    await stack.consumer(b.key).redeemVoucher(codes[0]!);
    await expect.poll(() => outstanding, { timeout: 10_000 }).toBe(0);
    const reads = listed.length;
    await page.clock.runFor(60_000);
    // A request after the minute's timers: one they started would have been sent before it.
    await page.evaluate("fetch('/favicon.svg').then((r) => r.status)");
    expect(listed.length).toBe(reads);
    expect(await row.innerText()).toMatch(/0 of 2/);
    // Opened again, the view reads the list once more: the redemption is there.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Dashboard", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Vouchers", exact: true }).click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/1 of 2/);
    await page.close();
  });

  it("console: tax rates are listed, added (a percentage, exactly) and ended; a refused rate is said in words and changes nothing", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.controlPlaneUrl}/console/settings/tax-rates`);
    await tokenSignIn(page);
    const form = page.getByRole("form", { name: "Add a tax rate" });
    // A jurisdiction no other test bills, valid only in the past once ended: no document of the run is taxed.
    const add = async (fields: Record<string, string>) => {
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      await form.getByRole("button", { name: "Add the rate" }).click();
    };
    await add({ Country: "CA", Region: "QC", "Name on documents": "QST", "Rate (%)": "9.975", "Valid from": "2020-01-01" });
    await page.getByRole("status").filter({ hasText: "Added" }).waitFor();
    const [rate] = (await stack.admin.listTaxRates({ country: "CA" })).items;
    expect(rate).toMatchObject({ country: "CA", region: "QC", category: "standard", name: "QST", ratePpm: 99_750 });
    expect(rate!.validUntil).toBeUndefined();
    const table = page.getByRole("table", { name: "Tax rates" });
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toMatch(/CA-QC\s+standard\s+QST\s+9\.975 %/);
    // Refused: an unknown country (said under its field), an overlapping validity (the API's words); nothing changes.
    await add({ Country: "XX", "Rate (%)": "5", "Valid from": "2024-01-01" });
    await expect.poll(() => form.locator(".field.invalid").innerText(), { timeout: 10_000 }).toMatch(/^Country[\s\S]*country/);
    await add({ Country: "CA", Region: "QC", "Rate (%)": "5", "Valid from": "2024-01-01" });
    await expect.poll(() => page.getByRole("region", { name: "Add a tax rate" }).innerText(), { timeout: 10_000 }).toMatch(/end it before/);
    expect((await stack.admin.listTaxRates({ country: "CA" })).items).toEqual([rate]);
    await accessible(page, "the console's tax rates");

    // Ended on a day: a new figure may start there.
    const end = page.getByRole("form", { name: "End a tax rate" });
    await end.getByLabel("Valid until").fill("2021-01-01");
    await end.getByRole("button", { name: "End the rate" }).click();
    await page.getByRole("status").filter({ hasText: "Ended" }).waitFor();
    expect((await stack.admin.getTaxRate(rate!.id)).validUntil).toBe("2021-01-01T00:00:00.000Z");
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toMatch(/CA-QC[\s\S]*until/);
    await page.close();
  });

  it("console: the chart of accounts is read with its defaults and changed through its form; a refused code is said by its field and saves nothing", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.controlPlaneUrl}/console/settings/chart`);
    await tokenSignIn(page);
    const form = page.getByRole("form", { name: "Chart of accounts" });
    const cash = "Cash: top-ups, invoice payments, paid grants; refunds out";
    await expect.poll(() => form.getByLabel(`${cash}: code`).inputValue(), { timeout: 10_000 }).toBe("1000");
    await form.getByLabel(`${cash}: code`).fill("10 10");
    await form.getByRole("button", { name: "Save the chart of accounts" }).click();
    await expect.poll(() => form.locator(".field.invalid").innerText(), { timeout: 10_000 }).toContain("code");
    expect((await stack.admin.getChartOfAccounts()).configured).toBe(false);

    await form.getByLabel(`${cash}: code`).fill("1010");
    await form.getByLabel(`${cash}: name`).fill("Bank");
    await form.getByRole("button", { name: "Add a product account" }).click();
    const product = form.getByRole("group", { name: "Product 1" });
    await product.getByLabel("Product id", { exact: true }).fill("search");
    await product.getByLabel("Code", { exact: true }).fill("4010");
    await product.getByLabel("Name", { exact: true }).fill("Search revenue");
    await form.getByRole("button", { name: "Save the chart of accounts" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    expect(await stack.admin.getChartOfAccounts()).toMatchObject({
      configured: true,
      accounts: { cash: { code: "1010", name: "Bank" }, tax: { code: "2100", name: "Tax payable" } },
      products: [{ productId: "search", code: "4010", name: "Search revenue" }],
    });
    await accessible(page, "the console's chart of accounts");
    await shoot(page, `${SHOTS}console-chart-of-accounts.png`);
    await page.close();
  });

  it("pages are served with a Content-Security-Policy and no framing", async () => {
    const res = await fetch(`${stack.controlPlaneUrl}/portal/`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect((await fetch(`${stack.controlPlaneUrl}/console`, { redirect: "manual" })).status).toBe(308);
    // Every view's address loads the page (a reload, a deep link); a file that is not there is still a 404,
    // and the API's own paths are the API's.
    for (const path of [
      "/console/accounts/acct_AAAAAAAAAAAAAAAA/invoices/inv_AAAAAAAAAAAAAAAA",
      "/console/reports?groupBy=plan",
      "/portal/keys",
    ]) {
      const page = await fetch(`${stack.controlPlaneUrl}${path}`);
      expect([page.status, page.headers.get("content-type")], path).toEqual([200, "text/html; charset=utf-8"]);
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
    for (const path of ["/console/missing.js", "/portal/assets/x.css", "/assets/missing.js", "/v1/nothing"])
      expect((await fetch(`${stack.controlPlaneUrl}${path}`)).status, path).toBe(404);
  });
});

/**
 * The portal's card payments through the demo's checkout page (load/src/demo-checkout.ts, in front of stripe-mock):
 * the browser leaves for the provider's page, pays or cancels there, and comes back to the portal, as a customer
 * does with Stripe Checkout; the provider's signed webhook and the ledger are the real ones.
 */
describe("the portal's card payments, kept cards, transactions and statements, in a real browser", () => {
  let stack: Stack;
  let browser: Browser;
  let checkout: { server: Server; url: string };
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ stack, checkout, close } = await startStackWithDemoCheckout());
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  const signIn = async (page: Page, accountId: string) => {
    const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/portal-sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    await page.goto(((await res.json()) as { url: string }).url);
    await page.getByTestId("balance").locator(".balance").first().waitFor();
  };
  /** A time as the portal writes it (the browser runs in this process's time zone). */
  const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
  const onCheckoutPage = (page: Page) => page.waitForURL((url) => url.href.startsWith(`${checkout.url}/pay/`));
  /** Every button and link of the page's main part is within the phone's width: none hidden off to the side. */
  const actionsWithin = async (page: Page, width: number) => {
    const outside = await page.evaluate<string[]>(`[...document.querySelectorAll("main button, main a")]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > ${width} + 1 || r.left < 0); })
      .map((el) => el.textContent.trim())`);
    expect(outside, "actions past the screen's edge").toEqual([]);
  };

  it("portal: an open invoice paid by card on the provider's page, and back on the invoice, paid", async () => {
    const plan = await stack.admin.createPlan({ name: "postpaid", currency: "USD", pricePerCall: 2_500_000 });
    const account = await stack.admin.createAccount({
      name: "Card payer",
      planId: plan.id,
      billingMode: "postpaid",
      creditLimit: 50_000_000,
    });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < 2; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status).toBe(200);
    await usageIngested(stack, 2, account.id);
    const closed = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${account.id}/invoices`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ periodStart: `${new Date().toISOString().slice(0, 7)}-01` }),
    });
    const invoice = ((await closed.json()) as { invoice: { id: string; number: string; total: number } }).invoice;
    expect(invoice.total).toBe(5_000_000);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await measureShifts(page);
    await signIn(page, account.id);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Invoices", exact: true }).click();
    await page.getByRole("link", { name: invoice.number, exact: true }).click();
    const pay = page.getByRole("button", { name: "Pay $5.00 by card" });
    await pay.waitFor();
    await page.getByRole("region", { name: "Payment" }).getByText("$5.00 is due").waitFor();
    expect(await shifted(page), "layout shift on the invoice").toBeLessThan(0.1);
    await accessible(page, "an open invoice in the portal, payable by card");
    await shoot(page, `${SHOTS}portal-invoice-open.png`);
    await page.setViewportSize({ width: 390, height: 844 });
    await actionsWithin(page, 390);
    await shoot(page, `${SHOTS}portal-invoice-open-phone.png`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The provider's page names what is paid and how much; paying there brings the customer back, the invoice paid.
    await pay.click();
    await onCheckoutPage(page);
    await page.getByRole("heading", { name: `Invoice ${invoice.number}` }).waitFor();
    await page.getByRole("button", { name: "Pay $5.00 with the test card" }).click();
    await page.waitForURL(`${stack.controlPlaneUrl}/portal/invoices/${invoice.id}`);
    await page.getByTestId("returned").getByText("Paid: $5.00 by card. This invoice is paid, thank you.").waitFor();
    expect(await shifted(page), "layout shift on the invoice, back from the provider's page").toBeLessThan(0.1);
    const document = page.getByRole("region", { name: `Invoice ${invoice.number}` });
    await expect.poll(() => document.locator(".figure").first().innerText()).toContain("paid");
    const paid = await stack.admin.getInvoice(account.id, invoice.id);
    expect(paid).toMatchObject({ status: "paid", amountPaid: 5_000_000 });
    expect(await document.getByText("Paid", { exact: true }).locator("..").innerText()).toContain(formatMoney(paid.amountPaid, "USD"));
    expect(await page.getByRole("button", { name: /by card/ }).count()).toBe(0); // nothing left to pay
    await accessible(page, "an invoice paid by card, back from the provider's page");
    await shoot(page, `${SHOTS}portal-invoice-paid.png`);
    await page.close();
  });

  it("portal: a top-up left unpaid is continued or cancelled, its page's expiry shown; the kept card is removed, auto-recharge off", async () => {
    const a = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 20_000_000 });
    const consumer = stack.consumer(a.key);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await measureShifts(page);
    await signIn(page, a.accountId);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Top up", exact: true }).click();
    await page.getByText("No card is kept.").waitFor();
    expect(await shifted(page), "layout shift on the top-up view").toBeLessThan(0.1);

    // Leave the provider's page with Cancel: back in the portal, the top-up waits, with its page's expiry.
    await page.getByLabel("Amount (USD)").fill("10");
    await page.getByLabel("Keep the card for auto-recharge").check();
    await page.getByRole("button", { name: "Pay by card" }).click();
    await onCheckoutPage(page);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL(`${stack.controlPlaneUrl}/portal/top-up`);
    await page.getByTestId("returned").getByText("Not paid yet").waitFor();
    expect(await shifted(page), "layout shift on the top-up view, back from the provider's page").toBeLessThan(0.1);
    const started = (await consumer.listRecharges(a.accountId)).items[0]!;
    expect(started).toMatchObject({ status: "pending", amount: 10_000_000 });
    const waiting = page.getByTestId("pending-checkout");
    await expect.poll(() => waiting.innerText()).toContain(`The payment page expires at ${when(started.expiresAt!)}`);
    expect(await waiting.getByRole("link", { name: "Continue paying $10.00" }).getAttribute("href")).toBe(started.checkoutUrl);
    await actionsWithin(page, 390);
    await accessible(page, "a top-up waiting for payment, at phone width");
    await shoot(page, `${SHOTS}portal-top-up-pending-phone.png`);

    // Continue paying: the same page, paid this time.
    await waiting.getByRole("link", { name: "Continue paying $10.00" }).click();
    await onCheckoutPage(page);
    await page.getByRole("button", { name: "Pay $10.00 with the test card" }).click();
    await page.waitForURL(`${stack.controlPlaneUrl}/portal/top-up`);
    await page.getByTestId("returned").getByText("Paid: $10.00 added to your balance.").waitFor();
    await expect.poll(() => page.getByTestId("balance").innerText()).toContain("$30.00");
    expect((await consumer.listRecharges(a.accountId)).items[0]).toMatchObject({ id: started.id, status: "succeeded" });
    expect(await waiting.count()).toBe(0);

    // Another one left unpaid, then cancelled from the portal: its page stops taking payment.
    await page.getByLabel("Amount (USD)").fill("5");
    await page.getByRole("button", { name: "Pay by card" }).click();
    await onCheckoutPage(page);
    const abandoned = page.url();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL(`${stack.controlPlaneUrl}/portal/top-up`);
    await waiting.getByRole("button", { name: /^Cancel the payment of \$5\.00/ }).click();
    await page.getByText("Cancelled: its payment page no longer takes payment").waitFor();
    await page.getByTestId("returned").getByText("You cancelled this payment of $5.00: nothing was charged.").waitFor();
    const cancelled = (await consumer.listRecharges(a.accountId)).items[0]!;
    expect(cancelled).toMatchObject({ status: "failed", failureReason: "cancelled", amount: 5_000_000 });
    await expect.poll(() => page.getByTestId("recharge-status").first().innerText()).toBe("cancelled");
    expect((await fetch(abandoned)).status).toBe(410);
    await accessible(page, "a top-up cancelled from the portal, at phone width");

    // The kept card, as the provider describes it; auto-recharge pays with it.
    const [kept] = (await consumer.listKeptCards(a.accountId)).items;
    expect(kept).toMatchObject({ rechargeId: started.id, card: { brand: "visa" } });
    const name = `Visa ending ${kept!.card!.last4}`;
    const card = page.getByTestId("kept-card");
    await card.getByText(name).waitFor();
    expect(await card.innerText()).toContain(`expires ${String(kept!.card!.expMonth).padStart(2, "0")}/${kept!.card!.expYear}`);
    await page.getByRole("combobox", { name: "Card" }).selectOption({ label: name });
    await page.getByLabel("When the balance falls below (USD)", { exact: true }).fill("5");
    await page.getByLabel("add (USD)").fill("25");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.getByTestId("auto-recharge").innerText()).toContain("On: below $5.00, add $25.00");
    await expect.poll(() => card.innerText()).toContain("auto-recharge pays with it");
    await actionsWithin(page, 390);
    await accessible(page, "a kept card paying auto-recharge, at phone width");
    await shoot(page, `${SHOTS}portal-kept-card-phone.png`);

    // A top-up paid at once with the kept card: no provider's page; credited when Stripe confirms it (the demo's
    // Stripe sends its webhook, as Stripe does).
    await page.getByRole("combobox", { name: "Pay with" }).selectOption({ label: name });
    expect(await page.getByLabel("Keep the card for auto-recharge").count()).toBe(0);
    await page.getByLabel("Amount (USD)").fill("7");
    await page.getByRole("button", { name: "Pay by card" }).click();
    await page.getByTestId("kept-card-charged").waitFor();
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/portal/top-up`);
    const charged = (await consumer.listRecharges(a.accountId)).items[0]!;
    expect(charged).toMatchObject({ amount: 7_000_000 });
    expect(charged.checkoutUrl).toBeUndefined();
    // The portal reads the payment again every 3 s until its money is in, then the balance.
    await expect.poll(() => page.getByTestId("balance").innerText(), { timeout: 20_000 }).toContain("$37.00");
    await expect.poll(() => page.getByTestId("recharge-status").first().innerText(), { timeout: 20_000 }).toBe("succeeded");
    await page.getByTestId("kept-card-charged").getByText("Paid with your card: $7.00 added to your balance.").waitFor();
    expect((await consumer.listRecharges(a.accountId)).items[0]).toMatchObject({ id: charged.id, status: "succeeded" });
    await accessible(page, "a top-up paid with the kept card, at phone width");
    await shoot(page, `${SHOTS}portal-top-up-kept-card-phone.png`);

    // Removing it is confirmed first, saying auto-recharge turns off; and said again once done.
    await card.getByRole("button", { name: `Remove ${name}` }).click();
    const asked = card.getByRole("group", { name: `Remove ${name}` });
    expect(await asked.locator("p").innerText()).toBe(
      `Remove ${name}? Auto-recharge pays with this card: it will be turned off, and your balance is no longer topped up automatically.`,
    );
    await asked.getByRole("button", { name: "Remove the card" }).click();
    await page
      .getByTestId("card-forgotten")
      .getByText(`Removed ${name}. Auto-recharge (USD) is now off: keep another card at a top-up to turn it on again.`)
      .waitFor();
    await expect.poll(() => page.getByTestId("auto-recharge").innerText()).toBe("Off.");
    await page.getByText("No card is kept.").waitFor();
    expect((await consumer.listKeptCards(a.accountId)).items).toEqual([]);
    expect((await stack.admin.getWallet(a.walletId)).autoRecharge).toBeUndefined();
    await accessible(page, "a kept card removed, at phone width");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, `${SHOTS}portal-top-up-cards.png`);
    await page.close();
  });

  it("portal: card payments are read again every few seconds only while one waits for the provider", async () => {
    const a = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 20_000_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page's timers on a clock the test moves: a poll would fire as the minute is run through.
    await page.clock.install();
    // The reads counted: the account's card payments (both lists of the view read them), nothing else the page polls.
    const payments = `${stack.controlPlaneUrl}/v1/accounts/${a.accountId}/recharges`;
    const isRead = (r: Request) => r.method() === "GET" && r.url().split("?")[0] === payments;
    const reads: Request[] = [];
    const unanswered = new Set<Request>();
    page.on("request", (r) => {
      if (!isRead(r)) return;
      reads.push(r);
      unanswered.add(r);
    });
    page.on("requestfinished", (r) => unanswered.delete(r));
    page.on("requestfailed", (r) => unanswered.delete(r));
    /**
     * The reads sent so far: those sent before a request the page sends now, once that one is seen (the page's
     * requests are reported in the order it sends them). React's tasks queued before it run first.
     */
    let barrier = 0;
    const readsSent = async () => {
      const marker = `/favicon.svg?barrier=${++barrier}`;
      const seen = page.waitForRequest((r) => r.url().endsWith(marker));
      await page.evaluate(`new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); })
        .then(() => fetch(${JSON.stringify(marker)})).then((r) => r.status)`);
      await seen;
      return reads.length;
    };
    /**
     * The view's reads as it opens are all answered, and no other is sent: moving the clock a minute with one in
     * flight would time it out (the SDK's 30 s timer is on the same clock) and send it again, a read no poll asked for.
     */
    const quiet = async () => {
      for (;;) {
        await expect.poll(() => unanswered.size, { timeout: 30_000 }).toBe(0);
        const before = reads.length;
        if ((await readsSent()) === before && unanswered.size === 0) return before;
      }
    };
    await signIn(page, a.accountId);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Top up", exact: true }).click();
    await page.getByText("No card top-ups yet").waitFor();
    const idle = await quiet();
    expect(idle, "the view reads the payments as it opens").toBeGreaterThan(0);
    await page.clock.runFor(60_000);
    // Any read the minute's timers started was sent before this barrier's request.
    expect(await readsSent(), "payments read again with none waiting").toBe(idle);

    // A payment waiting for the provider: the view, opened again, reads the payments as time passes.
    await stack.admin.createRecharge(a.accountId, {
      amount: 5_000_000,
      provider: "stripe",
      returnUrl: `${stack.controlPlaneUrl}/portal/top-up`,
    });
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Overview", exact: true }).click();
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Top up", exact: true }).click();
    await page.getByRole("list", { name: "Top-ups waiting for payment" }).waitFor();
    const waiting = await quiet();
    // Less than the SDK's timeout: a poll's read is not timed out by the clock before it is answered.
    await page.clock.runFor(10_000);
    expect(await readsSent(), "payments read again while one waits").toBeGreaterThan(waiting);
    await page.close();
  });

  it("portal: a day's usage entries are one row with the day's total, opened to its entries; statements only for months begun", async () => {
    const a = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 50_000_000 });
    // Two bookings of the same day: two usage entries.
    for (const calls of [2, 4]) {
      for (let i = 0; i < 2; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": a.key } })).status).toBe(200);
      await usageIngested(stack, calls, a.accountId);
      await jobs.bookUsage(stack.ctx);
    }
    const entries = (await stack.consumer(a.key).listTransactions()).items;
    const usage = entries.filter((e) => e.type === "usage");
    expect(usage.length).toBeGreaterThanOrEqual(2);
    const total = usage.reduce((sum, e) => sum + e.amount, 0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, a.accountId);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Transactions", exact: true }).click();
    const table = page.getByRole("table", { name: "Transactions" });
    const day = table.getByTestId("usage-day");
    await day.waitFor();
    expect(await day.count()).toBe(1);
    expect(await day.innerText()).toContain(formatMoney(total, "USD"));
    expect(await table.locator("tbody tr").count()).toBe(entries.length - usage.length + 1);
    const open = day.getByRole("button", { name: /^Usage: \d+ entries, \d+ calls on / });
    expect(await open.innerText()).toContain(`${usage.length} entries, ${usage.reduce((s, e) => s + (e.usageCount ?? 0), 0)} calls`);
    await open.click();
    expect(await day.getByRole("button").getAttribute("aria-expanded")).toBe("true");
    expect(await table.locator("tr.within").count()).toBe(usage.length);
    await accessible(page, "the portal's transactions, a day of usage opened");
    await shoot(page, `${SHOTS}portal-transactions-by-day.png`);

    // Statements: this month (so far) and those before it; none to come.
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Invoices", exact: true }).click();
    await page.getByLabel("Month").waitFor();
    const months = await page
      .getByLabel("Month")
      .locator("option")
      .evaluateAll((options) => options.map((o) => o.getAttribute("value") ?? ""));
    const now = new Date().toISOString().slice(0, 7);
    expect(months[0]).toBe(now);
    expect(months.every((m) => m <= now)).toBe(true);
    expect(await page.getByLabel("Month").locator("option").first().innerText()).toContain("(so far)");
    const statement = await stack.consumer(a.key).getStatement(a.accountId, now);
    await page
      .getByRole("table", { name: `Statement ${now} USD` })
      .getByText(formatMoney(statement.wallets[0]!.closing, "USD"))
      .waitFor();
    await page.getByLabel("Month").selectOption(months[1]);
    await page.getByRole("table", { name: `Statement ${months[1]} USD` }).waitFor();
    await accessible(page, "the portal's statements");
    await page.close();
  });

  it("portal: a day of usage cut by the page's edge shows the whole day's total on both pages, as the API adds it up", async () => {
    const a = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 50_000_000 });
    const book = async (calls: number, total: number) => {
      for (let i = 0; i < calls; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": a.key } })).status).toBe(200);
      await usageIngested(stack, total, a.accountId);
      await jobs.bookUsage(stack.ctx);
    };
    // Today, oldest first: two bookings, 49 credits, a third booking. The portal reads 50 entries a page, so the
    // newest page holds the third booking and the credits, the older one the first two bookings and the seed.
    await book(1, 1);
    await book(2, 3);
    for (let i = 0; i < 49; i++)
      await stack.admin.creditWallet(a.walletId, { amount: 1_000_000 }, { idempotencyKey: `pages-day-edge-${a.accountId}-${i}` });
    await book(3, 6);
    const entries: LedgerEntry[] = [];
    for await (const e of stack.admin.iterateTransactions(a.accountId)) entries.push(e);
    const usage = entries.filter((e) => e.type === "usage");
    expect(usage.length).toBe(3);
    expect(entries.length).toBe(53);
    expect(entries.slice(0, 50).filter((e) => e.type === "usage").length).toBe(1); // the day is cut by the page's edge
    const total = usage.reduce((sum, e) => sum + e.amount, 0);
    // The API's own answer: the whole day on each page.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const newest = await stack.consumer(a.key).listTransactions({ limit: 50, timeZone: zone });
    const older = await stack.consumer(a.key).listTransactions({ limit: 50, cursor: newest.nextCursor!, timeZone: zone });
    for (const p of [newest, older])
      expect(p.usageDays).toEqual([expect.objectContaining({ currency: "USD", amount: total, entries: 3, calls: 6 })]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, a.accountId);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Transactions", exact: true }).click();
    const table = page.getByRole("table", { name: "Transactions" });
    const day = table.getByTestId("usage-day");
    await day.waitFor();
    expect(await day.innerText()).toContain(formatMoney(total, "USD"));
    expect(await day.getByRole("button").innerText()).toBe("Usage: 3 entries, 6 calls");
    expect(await day.getByTestId("day-elsewhere").innerText()).toBe("(2 of them on the older page)");
    await day.getByRole("button").click();
    expect(await table.locator("tr.within").count()).toBe(1);
    await accessible(page, "the portal's transactions, a day cut by the page's edge");
    await shoot(page, `${SHOTS}portal-transactions-day-edge.png`);
    await page.getByRole("button", { name: "Older transactions" }).click();
    await page.getByText("Page 2").waitFor();
    await expect.poll(() => day.getByTestId("day-elsewhere").innerText(), { timeout: 10_000 }).toBe("(1 of them on the newer page)");
    expect(await day.innerText()).toContain(formatMoney(total, "USD"));
    expect(await table.locator("tbody tr.day").count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "the portal's older transactions at phone width");
    await shoot(page, `${SHOTS}portal-transactions-day-edge-phone.png`);
    await page.close();
  });

  it("portal: a self-service plan or seats changed from the overview, the proration quoted before it is confirmed; the provider's logo and accent in the header", async () => {
    const plan = (name: string, fee: number) =>
      stack.admin.createPlan({
        name,
        currency: "USD",
        pricePerCall: 1_000,
        recurring: { interval: "month", fee, seatPrice: 5_000_000, graceHours: 72 },
      });
    const basic = await plan("Basic", 10_000_000);
    const pro = await plan("Pro", 20_000_000);
    for (const p of [basic, pro]) await stack.admin.setPlanSelfService(p.id, { maxSeats: 3 });
    const account = await stack.admin.createAccount({ name: "self-serve", planId: basic.id, seats: 1 });
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 200_000_000 }, { idempotencyKey: "pages-self-serve" });
    const consumer = stack.consumer((await stack.admin.createApiKey(account.id)).key);
    const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    await stack.admin.setIssuerProfile({ legalName: "Acme APIs Ltd", logo, accentColor: "#7c2d12" });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await measureShifts(page);
    await signIn(page, account.id);
    // The provider's logo, named by its name, and its accent: the header's rule, and the current tab's colour.
    const branding = await consumer.getPortalBranding();
    expect(branding).toMatchObject({ name: "Acme APIs Ltd", logo, accentColor: "#7c2d12" });
    expect(await page.getByRole("banner").getByRole("img", { name: "Acme APIs Ltd" }).getAttribute("src")).toBe(logo);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector("header.top")).borderBottomColor`)).toBe(
      "rgb(124, 45, 18)",
    );
    const tab = `getComputedStyle(document.querySelector('nav.tabs a[aria-current="page"]')).backgroundColor`;
    expect(await page.evaluate<string>(tab)).toBe("rgb(124, 45, 18)");

    // Pro with 2 seats: quoted first, as the API quotes it, and nothing changes until it is confirmed.
    const section = page.getByRole("region", { name: "Change plan or seats" });
    await section.getByRole("combobox", { name: "Plan" }).selectOption({ label: "Pro ($20.00 + $5.00 a seat a month)" });
    await section.getByRole("spinbutton", { name: "Seats (at most 3)" }).fill("2");
    await section.getByRole("button", { name: "See what it costs" }).click();
    const quote = section.getByTestId("quote");
    await quote.waitFor();
    const quoted = await consumer.quoteSubscriptionChange(account.id, { planId: pro.id, seats: 2 });
    expect(quoted).toMatchObject({ fromAmount: 15_000_000, toAmount: 30_000_000, newCycle: false, selfService: { allowed: true } });
    expect(await quote.innerText()).toContain("Basic, 1 seat: $15.00 a month → Pro, 2 seats: $30.00 a month.");
    expect(await quote.innerText()).toContain(`${formatMoney(quoted.amount, "USD")} charged now: the difference for the`);
    expect((await consumer.getSubscription(account.id)).planId).toBe(basic.id);
    expect(await shifted(page), "layout shift on the overview").toBeLessThan(0.1);
    await accessible(page, "a change of plan quoted in the portal");
    await shoot(page, `${SHOTS}portal-change-plan-quote.png`);
    const before = (await consumer.getBalance()).balances[0]!.available;
    await quote.getByRole("button", { name: "Confirm the change" }).click();
    const changed = section.getByTestId("plan-changed");
    await changed.waitFor();
    const fee = (await stack.admin.listFees(account.id)).items[0]!;
    expect(fee.change).toMatchObject({ fromPlanId: basic.id, toPlanId: pro.id, fromSeats: 1, toSeats: 2 });
    expect(await changed.innerText()).toBe(`Changed to Pro with 2 seats: ${formatMoney(fee.amount, "USD")} charged now.`);
    expect(await consumer.getSubscription(account.id)).toMatchObject({ planId: pro.id, seats: 2 });
    expect((await consumer.getBalance()).balances[0]!.available).toBe(before - fee.amount);
    await page.getByRole("region", { name: "Subscription" }).getByText("Pro", { exact: true }).waitFor();
    await accessible(page, "a change of plan made in the portal");
    await page.setViewportSize({ width: 390, height: 844 });
    await actionsWithin(page, 390);
    await shoot(page, `${SHOTS}portal-change-plan-phone.png`);
    await page.close();
  });
});

/**
 * What staff do from the console rather than the API (issue 28, item 4): each action offered only to the
 * roles that may take it, asked first in the page where it moves money or access, said when done, and its
 * mistakes said in words beside their fields; every result read back from the API.
 */
describe("the console's staff actions, in a real browser", () => {
  let stack: Stack;
  let browser: Browser;
  const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack({ stripe: true });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
  };
  /** An action asked first: its button, then the question's own button. */
  const confirmed = async (page: Page, start: string, yes: string) => {
    await page.getByRole("button", { name: start, exact: true }).click();
    await page.getByRole("group", { name: start, exact: true }).getByRole("button", { name: yes, exact: true }).click();
  };
  const said = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text }).first().waitFor();
  /** No button or link of the page's main part lies past the screen's edge. */
  const actionsWithin = async (page: Page, width: number) => {
    const outside = await page.evaluate<string[]>(`[...document.querySelectorAll("main button, main a, main input, main select")]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > ${width} + 1 || r.left < 0); })
      .map((el) => el.textContent.trim() || el.getAttribute("aria-label") || el.outerHTML.slice(0, 60))`);
    expect(outside, "actions past the screen's edge").toEqual([]);
  };
  const phone = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await actionsWithin(page, 390);
    await accessible(page, `${name} at phone width`);
    await shoot(page, `${SHOTS}${name}-phone.png`);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it("console: staff create an account, set its billing and billing details, keys and a portal link, the issuer profile, close, pay, credit and void invoices, refund and cancel top-ups, forget a card, list voucher batches; a viewer is offered none of it", async () => {
    await stack.admin.createUser({ email: "oscar@example.com", name: "Oscar", role: "owner", password: "a long owner password" });
    const plan = await stack.admin.createPlan({ name: "Metered", currency: "USD", pricePerCall: 1_000_000 });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await signIn(page, "oscar@example.com", "a long owner password");

    // The issuer profile first, so that the invoices below print it; a tax id the API refuses is said in words.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Issuer profile", exact: true }).click();
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/console/settings/issuer`);
    const issuerForm = page.getByRole("form", { name: "Issuer profile" });
    await issuerForm.getByLabel("Legal name").fill("Tollgate Test Lda");
    await issuerForm.getByLabel("Address", { exact: true }).fill("1 Rua Augusta");
    await issuerForm.getByLabel("City").fill("Lisboa");
    await issuerForm.getByLabel("Postal code").fill("1100-048");
    await issuerForm.getByLabel("Country").fill("PT");
    await issuerForm.getByLabel("Tax id").fill("!!");
    await issuerForm.getByLabel("Payment terms (days after issue)").fill("30");
    await issuerForm.getByLabel("Payment instructions").fill("IBAN PT50 0000 0000 0000 0000 0000 0");
    await issuerForm
      .getByLabel("Logo (PNG or JPEG, at most 100 kB)")
      .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
    await page.getByRole("img", { name: "The logo documents print" }).waitFor();
    await page.getByRole("button", { name: "Save the issuer profile" }).click();
    const taxProblem = issuerForm.getByText("Tax id should be letters, digits, spaces, dots, dashes and slashes");
    await taxProblem.waitFor();
    expect(await page.getByText("/taxId").count(), "no raw pointer").toBe(0);
    expect(await issuerForm.getByLabel("Tax id").getAttribute("aria-invalid")).toBe("true");
    await accessible(page, "the issuer profile, a field refused");
    await issuerForm.getByLabel("Tax id").fill("PT123456789");
    await page.getByRole("button", { name: "Save the issuer profile" }).click();
    await said(page, "Saved: documents finalized from now on print this profile.");
    expect(await stack.admin.getIssuerProfile()).toMatchObject({
      configured: true,
      legalName: "Tollgate Test Lda",
      address: { line1: "1 Rua Augusta", city: "Lisboa", postalCode: "1100-048", country: "PT" },
      taxId: "PT123456789",
      dueDays: 30,
      logo: `data:image/png;base64,${PNG}`,
      paymentInstructions: "IBAN PT50 0000 0000 0000 0000 0000 0",
    });
    await accessible(page, "the issuer profile, saved");
    await shoot(page, `${SHOTS}console-issuer.png`);
    await phone(page, "console-issuer");

    // A new postpaid account, from the accounts list.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Accounts", exact: true }).click();
    const create = page.getByRole("form", { name: "Create an account" });
    await create.getByLabel("Name").fill("Acme Ltd");
    await create.getByRole("button", { name: "Create account" }).click();
    await create.getByText("Choose the plan the account is on.").waitFor();
    await create.getByLabel("Plan").selectOption({ label: "Metered (USD)" });
    await create.getByLabel("Billing mode").selectOption("postpaid");
    await create.getByLabel("Credit limit (USD)").fill("100");
    await create.getByRole("button", { name: "Create account" }).click();
    await said(page, "Account Acme Ltd created");
    const acme = (await stack.admin.searchAccounts({ query: "Acme" })).items[0]!;
    expect(acme).toMatchObject({ name: "Acme Ltd", planId: plan.id, billingMode: "postpaid", seats: 1 });
    expect(acme.wallets[0]!.creditLimit).toBe(100_000_000);
    await accessible(page, "the accounts, one just created");
    await page.getByRole("link", { name: "open Acme Ltd" }).click();
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/console/accounts/${acme.id}`);

    // Billing: the credit limit and the cycle.
    const billing = page.getByRole("form", { name: "Billing mode, cycle and credit limit" });
    await billing.getByLabel("Credit limit (USD)").fill("250");
    await billing.getByLabel(/^Billing cycle/).selectOption("week");
    await billing.getByLabel("On weekday").selectOption({ label: "Wednesday" });
    await billing.getByRole("button", { name: "Save billing" }).click();
    await said(page, "Saved: billed postpaid, weekly, on Wednesday, credit limit $250.00.");
    const billed = await stack.admin.getAccount(acme.id);
    expect([billed.billingMode, billed.billingCycle, billed.wallets[0]!.creditLimit]).toEqual([
      "postpaid",
      { interval: "week", anchorDay: 3 },
      250_000_000,
    ]);
    // Back to monthly, for the period closed below.
    await billing.getByLabel(/^Billing cycle/).selectOption("month");
    await billing.getByLabel("On day").fill("1");
    await billing.getByRole("button", { name: "Save billing" }).click();
    await said(page, "Saved: billed postpaid, monthly, on day 1");

    // Billing details: a country the API refuses, said beside the field; then saved, as the API has them.
    const details = page.getByRole("form", { name: "Billing details" });
    await details.getByLabel("Legal name").fill("Acme Limited");
    await details.getByLabel("Address", { exact: true }).fill("10 Downing Street");
    await details.getByLabel("City").fill("London");
    await details.getByLabel("Postal code").fill("SW1A 2AA");
    await details.getByLabel("Country").fill("GBR");
    await details.getByLabel("Tax id").fill("GB123456789");
    await details.getByLabel("Billing email").fill("ap@acme.example");
    await details.getByRole("button", { name: "Save billing details" }).click();
    await details.getByText("Country should be an ISO 3166-1 alpha-2 code in capitals, e.g. PT.").waitFor();
    expect(await page.getByText("/address/country").count()).toBe(0);
    await accessible(page, "billing details, a field refused");
    await details.getByLabel("Country").fill("gb");
    await details.getByRole("button", { name: "Save billing details" }).click();
    await said(page, "Billing details saved");
    expect((await stack.admin.getAccount(acme.id)).billingDetails).toEqual({
      legalName: "Acme Limited",
      address: { line1: "10 Downing Street", city: "London", postalCode: "SW1A 2AA", country: "GB" },
      taxId: "GB123456789",
      email: "ap@acme.example",
    });

    // A key with a cap, shown once and copied; it works until it is revoked (asked first).
    const keys = page.getByRole("region", { name: "Keys and quotas" });
    await keys.getByLabel("Key name").fill("ci");
    await keys.getByLabel("Spending cap (USD, optional)").fill("5");
    await keys.getByLabel("Cap per").selectOption("day");
    await keys.getByRole("button", { name: "Create key" }).click();
    const secret = await keys.getByTestId("new-key").inputValue();
    await keys.getByRole("button", { name: "Copy key" }).click();
    await said(page, "Copied to the clipboard.");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);
    const made = (await stack.admin.listApiKeys(acme.id)).items.find((k) => k.name === "ci")!;
    expect(made.spendCap).toEqual({ amount: 5_000_000, period: "day" });
    await expect.poll(() => keys.getByRole("row", { name: /ci/ }).innerText()).toContain("$5.00 a day");
    for (let i = 0; i < 3; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": secret } })).status).toBe(200);
    await accessible(page, "an account, a key just made");
    await keys.getByRole("button", { name: "Revoke ci" }).click();
    await accessible(page, "an account, a revocation asked");
    await keys.getByRole("group", { name: "Revoke ci" }).getByRole("button", { name: "Keep it" }).click();
    expect((await stack.admin.listApiKeys(acme.id)).items.find((k) => k.id === made.id)!.status).toBe("active");
    await confirmed(page, "Revoke ci", "Revoke ci");
    await said(page, "ci is revoked: its calls are refused.");
    expect((await stack.admin.listApiKeys(acme.id)).items.find((k) => k.id === made.id)!.status).toBe("revoked");
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": secret } })).status).toBe(401);

    // A portal link, copied; it signs a browser in to the account.
    await keys.getByRole("button", { name: "Make a portal link" }).click();
    const link = await keys.getByTestId("portal-link").inputValue();
    expect(link.startsWith(`${stack.controlPlaneUrl}/portal/#login=`)).toBe(true);
    await keys.getByRole("button", { name: "Copy link" }).click();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(link);
    const customer = await browser.newPage();
    await customer.goto(link);
    await customer.getByTestId("balance").waitFor();
    await customer.close();

    // Close the period: its three calls on an invoice from the issuer to the billing details.
    await usageIngested(stack, 3, acme.id);
    const invoices = page.getByRole("region", { name: "Invoices" });
    await invoices.getByRole("button", { name: "Close the period" }).click();
    await said(page, /Closed: invoice .* for \$3\.00\./);
    const closed = (await stack.admin.listInvoices(acme.id)).items.find((i) => i.kind === "invoice")!;
    expect(closed).toMatchObject({ status: "finalized", total: 3_000_000, amountPaid: 0 });
    await accessible(page, "an account, a period closed");
    await shoot(page, `${SHOTS}console-account-actions.png`);
    await phone(page, "console-account-actions");
    await page
      .getByRole("status")
      .getByRole("link", { name: `invoice ${closed.number}` })
      .click();
    expect(page.url()).toBe(`${stack.controlPlaneUrl}/console/accounts/${acme.id}/invoices/${closed.id}`);
    const parties = page.getByRole("region", { name: "From, to and when" });
    expect(await parties.getByTestId("issuer").innerText()).toMatch(
      /Tollgate Test Lda\s+1 Rua Augusta\s+1100-048 Lisboa\s+PT\s+Tax id PT123456789/,
    );
    expect(await parties.getByTestId("customer").innerText()).toMatch(
      /Acme Limited\s+10 Downing Street\s+SW1A 2AA London\s+GB\s+Tax id GB123456789\s+ap@acme\.example/,
    );
    const dueBy = new Date(closed.dueAt!).toLocaleDateString("en-GB", { dateStyle: "long", timeZone: "UTC" });
    expect(await parties.getByTestId("due-date").innerText()).toBe(`Payment due by ${dueBy}.`);
    expect(Date.parse(closed.dueAt!) - Date.parse(closed.finalizedAt!)).toBe(30 * 86_400_000);
    expect(await parties.getByRole("link", { name: "Open the document (HTML)" }).getAttribute("href")).toBe(
      `${stack.controlPlaneUrl}/v1/accounts/${acme.id}/invoices/${closed.id}/html`,
    );
    const pdf = await page.evaluate<number>(
      `fetch(${JSON.stringify(`/v1/accounts/${acme.id}/invoices/${closed.id}/pdf`)}).then((r) => r.status)`,
    );
    expect(pdf).toBe(200);

    // Pay part of it (asked first), then a credit note; a partly paid invoice is not voided but credited.
    const actions = page.getByRole("region", { name: "Payment and corrections" });
    expect(await actions.getByLabel("Amount received (USD)").inputValue()).toBe("3.00");
    await actions.getByLabel("Amount received (USD)").fill("9");
    await confirmed(page, "Record payment", "Record $9.00");
    await actions.getByText("Only $3.00 is due: enter at most that.").waitFor();
    await actions.getByLabel("Amount received (USD)").fill("1");
    await confirmed(page, "Record payment", "Record $1.00");
    await said(page, "Payment recorded: $2.00 is still due.");
    expect((await stack.admin.getInvoice(acme.id, closed.id)).amountPaid).toBe(1_000_000);
    await actions.getByLabel("Amount to credit (USD)").fill("0.50");
    await confirmed(page, "Issue credit note", "Credit $0.50");
    await actions.getByText("Say why: a credit note prints its reason.").waitFor();
    await actions.getByLabel("Reason").fill("Goodwill");
    await confirmed(page, "Issue credit note", "Credit $0.50");
    await said(page, /Credit note .* issued for \$0\.50\./);
    const note = (await stack.admin.listInvoices(acme.id)).items.find((i) => i.kind === "credit_note")!;
    expect(note).toMatchObject({ correctsInvoiceId: closed.id, total: -500_000 });
    await actions.getByText("Part of it is paid, so it cannot be voided").waitFor();
    await accessible(page, "an invoice, paid in part and credited");
    await shoot(page, `${SHOTS}console-invoice-actions.png`);
    await phone(page, "console-invoice-actions");

    // Another invoice, voided (asked first).
    const again = (await stack.admin.createApiKey(acme.id)).key;
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": again } })).status).toBe(200);
    await usageIngested(stack, 4, acme.id);
    const second = (await stack.admin.closeBillingPeriod(acme.id, `${new Date().toISOString().slice(0, 7)}-01`)).invoice!;
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${acme.id}/invoices/${second.id}`);
    await confirmed(page, "Void invoice", `Void ${second.number}`);
    await said(page, `${second.number} is void: nothing is owed on it.`);
    expect((await stack.admin.getInvoice(acme.id, second.id)).status).toBe("void");
    await accessible(page, "an invoice, voided");

    // Top-ups: a paid one refunded, a pending one cancelled, the kept card forgotten (each asked first).
    const returnUrl = `${stack.controlPlaneUrl}/portal/top-up`;
    const paid = await stack.admin.createRecharge(acme.id, { amount: 10_000_000, provider: "stripe", returnUrl, saveCard: true });
    const payload = JSON.stringify({
      id: "evt_console",
      object: "event",
      type: "payment_intent.succeeded",
      data: {
        object: {
          id: "pi_console",
          object: "payment_intent",
          metadata: { rechargeId: paid.id },
          setup_future_usage: "off_session",
          payment_method: "pm_card_visa",
          customer: "cus_console",
        },
      },
    });
    const hook = await fetch(`${stack.controlPlaneUrl}/v1/webhooks/stripe`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET }),
      },
      body: payload,
    });
    expect(hook.status).toBe(200);
    const pending = await stack.admin.createRecharge(acme.id, { amount: 5_000_000, provider: "stripe", returnUrl });
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${acme.id}`);
    const recharges = page.getByRole("region", { name: "Recharges" });
    await recharges.getByRole("row", { name: /succeeded/ }).waitFor();
    const refundName = (await recharges.getByRole("button", { name: /^Refund the \$10\.00 top-up/ }).getAttribute("aria-label"))!;
    await confirmed(page, refundName, "Refund $10.00");
    await said(page, "Refunded $10.00: the wallet was debited by as much.");
    await expect.poll(async () => (await stack.admin.listRecharges(acme.id)).items.find((r) => r.id === paid.id)!.status).toBe("refunded");
    const cancelName = (await recharges.getByRole("button", { name: /^Cancel the \$5\.00 top-up/ }).getAttribute("aria-label"))!;
    await confirmed(page, cancelName, "Cancel the top-up");
    await said(page, "Cancelled the $5.00 top-up");
    expect((await stack.admin.listRecharges(acme.id)).items.find((r) => r.id === pending.id)!.status).toBe("failed");
    const kept = (await stack.admin.listKeptCards(acme.id)).items;
    expect(kept).toHaveLength(1);
    const forgetName = (await recharges.getByRole("button", { name: /^Forget / }).getAttribute("aria-label"))!;
    await accessible(page, "recharges with a kept card");
    await confirmed(page, forgetName, "Forget the card");
    await said(page, /^Forgot /);
    expect((await stack.admin.listKeptCards(acme.id)).items).toEqual([]);
    await shoot(page, `${SHOTS}console-recharges.png`);

    // Voucher batches: made in the page, listed with what was redeemed, as the API lists them.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Vouchers", exact: true }).click();
    await page.getByLabel("Value").fill("15");
    await page.getByLabel("How many").fill("3");
    await page.getByRole("button", { name: "Create codes" }).click();
    const codes = (await page.getByTestId("voucher-codes").inputValue()).split("\n");
    await stack.admin.redeemVoucher(acme.id, codes[0]!);
    const batch = (await stack.admin.listVoucherBatches()).items[0]!;
    expect(batch).toMatchObject({ amount: 15_000_000, currency: "USD", count: 3, redeemed: 1 });
    // The list is read when the view opens (it is not polled): opened again, it has the redemption.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Accounts", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Vouchers", exact: true }).click();
    const batches = page.getByRole("table", { name: "Voucher batches" });
    await expect
      .poll(() => batches.getByRole("row", { name: new RegExp(batch.batchId) }).innerText(), { timeout: 10_000 })
      .toMatch(/\$15\.00[\s\S]*1 of 3/);
    await accessible(page, "voucher batches");
    await shoot(page, `${SHOTS}console-voucher-batches.png`);

    // The audit trail names who acted and on what, money in its currency.
    await page.goto(`${stack.controlPlaneUrl}/console/audit?target=${acme.id}`);
    const trail = page.getByRole("table", { name: "Audit records" });
    const row = trail.getByRole("row", { name: /account\.billing_details/ }).first();
    // The names arrive after the records (the users' and the account's own reads).
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain("Oscar (oscar@example.com)");
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain("Acme Ltd");
    await accessible(page, "the audit trail, names for ids");
    await shoot(page, `${SHOTS}console-audit.png`);
    await phone(page, "console-audit");
    await context.close();

    // A viewer reads the same account and the issuer profile, and is offered none of the actions.
    await stack.admin.createUser({ email: "vera@example.com", name: "Vera", role: "viewer", password: "a long viewer password" });
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(viewer, "vera@example.com", "a long viewer password");
    await viewer.goto(`${stack.controlPlaneUrl}/console/accounts/${acme.id}`);
    await viewer.getByRole("region", { name: "Billing" }).getByText("Billed postpaid, monthly, on day 1").waitFor();
    await viewer.getByRole("table", { name: "Recharges" }).waitFor();
    for (const name of [
      "Create key",
      "Make a portal link",
      "Save billing",
      "Save billing details",
      "Close the period",
      "Credit",
      "Suspend",
    ])
      expect(await viewer.getByRole("button", { name, exact: true }).count(), name).toBe(0);
    expect(await viewer.getByRole("button", { name: /^(Revoke|Refund|Cancel|Forget)/ }).count()).toBe(0);
    expect(await viewer.getByTestId("billing-details").innerText()).toContain("Acme Limited");
    await viewer.goto(`${stack.controlPlaneUrl}/console/settings/issuer`);
    await viewer.getByText("Your role may read the profile").waitFor();
    expect(await viewer.getByLabel("Legal name").inputValue()).toBe("Tollgate Test Lda");
    expect(await viewer.getByLabel("Legal name").isDisabled()).toBe(true);
    expect(await viewer.getByRole("button", { name: "Save the issuer profile" }).count()).toBe(0);
    await accessible(viewer, "the issuer profile, read by a viewer");
    await viewer.close();
  });

  it("console: a list longer than a page is read a page at a time with its Pager, and the pages join into the API's list", async () => {
    await stack.admin.createUser({ email: "pat@example.com", name: "Pat", role: "owner", password: "a long pager password" });
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    for (let i = 1; i <= 26; i++) await stack.admin.createApiKey(s.accountId, { name: `key ${String(i).padStart(2, "0")}` });
    const api = (await stack.admin.listApiKeys(s.accountId)).items.map((k) => k.name);
    expect(api).toHaveLength(27);
    const page = await browser.newPage();
    await signIn(page, "pat@example.com", "a long pager password");
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${s.accountId}`);
    const pager = page.getByRole("navigation", { name: "Pages of keys" });
    await pager.waitFor();
    const names = () => page.getByRole("table", { name: "Keys" }).locator("td[data-label='Name']").allInnerTexts();
    expect(await pager.getByRole("button", { name: "Earlier keys" }).isDisabled()).toBe(true);
    const first = await names();
    expect(first).toHaveLength(25);
    await pager.getByRole("button", { name: "Later keys" }).click();
    // The first page stays shown until the second arrives (nothing jumps): wait for the second's two keys.
    await expect.poll(names, { timeout: 10_000 }).toHaveLength(api.length - first.length);
    await pager.getByText("Page 2").waitFor();
    const second = await names();
    // Oldest first, as the API gives them: the two pages are the API's list, without a gap or a repeat.
    expect([...first, ...second]).toEqual(api);
    expect(await pager.getByRole("button", { name: "Later keys" }).isDisabled()).toBe(true);
    await accessible(page, "an account's keys, second page");
    await pager.getByRole("button", { name: "Earlier keys" }).click();
    await pager.getByText("Page 1").waitFor();
    await expect.poll(names, { timeout: 10_000 }).toEqual(first);
    await page.close();
  });
});
