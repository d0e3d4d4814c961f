import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { chromium, type Browser, type Page } from "playwright-core";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, STRIPE_WEBHOOK_SECRET, type Seeded, type Stack } from "./support/stack.js";

/** Where the screenshots go: the run's output folder, looked at before a change is handed in. */
const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));
const stripe = new Stripe("sk_test_unused");

/** Debian's Chromium, as the project's scripts install it; never a downloaded browser. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
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

  it("portal: the balance is shown and drops as calls are made; a voucher and a Stripe top-up raise it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(await portalLink(a.accountId));
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$70.00");
    expect(page.url()).not.toContain("login="); // the secret left the address bar

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

    await page.getByLabel("Amount (USD)").fill("10");
    await page.getByRole("button", { name: "Pay with Stripe" }).click();
    await expect.poll(() => page.getByTestId("recharge-status").first().innerText(), { timeout: 10_000 }).toBe("pending");
    // Stripe (stripe-mock here) confirms the payment by its signed webhook, as it would in production.
    const recharge = (await stack.ctx.models.Recharge.findOne({ accountId: a.accountId }).lean())!;
    const payload = JSON.stringify({
      id: "evt_portal",
      object: "event",
      type: "payment_intent.succeeded",
      data: { object: { id: recharge.providerRef, object: "payment_intent", metadata: { rechargeId: recharge._id } } },
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
    await expect.poll(() => page.getByTestId("recharge-status").first().innerText(), { timeout: 10_000 }).toBe("succeeded");
    await expect.poll(() => balanceText(page), { timeout: 10_000 }).toContain("$82.00");

    await jobs.bookUsage(stack.ctx); // the usage chart reads the booked rollups
    await page.reload();
    await page.getByRole("figure").first().waitFor();
    await page.screenshot({ path: `${SHOTS}portal.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}portal-phone.png`, fullPage: true });
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
    await second.screenshot({ path: `${SHOTS}portal-sign-in.png` });
    await page.close();
    await second.close();
  });

  it("console: sign in, dashboard, report totals equal the API's, and the CSV download parses and matches", async () => {
    await jobs.bookUsage(stack.ctx);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Prepaid liability").waitFor();
    await page.screenshot({ path: `${SHOTS}console-dashboard.png`, fullPage: true });

    await page.getByRole("button", { name: "Reports" }).click();
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
    expect(api.totals[0]!.calls).toBe(3);
    await page.screenshot({ path: `${SHOTS}console-reports.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const rows = parse<Record<string, string>>(readFileSync(await download.path(), "utf8"), { columns: true });
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(api.totals[0]!.amount);
    expect(rows.length).toBe(api.rows.length);

    await page.getByRole("button", { name: "Accounts" }).click();
    await page.getByRole("button", { name: "test account" }).first().click();
    await page.getByText("Available (USD)").waitFor();
    await page.screenshot({ path: `${SHOTS}console-accounts.png`, fullPage: true });
    await page.getByRole("button", { name: "Anomalies" }).click();
    await page.getByText("No anomalies.").waitFor();
    await page.getByRole("button", { name: "Plans" }).click();
    await page.getByRole("button", { name: "Edit catalog" }).first().click();
    await page.getByRole("textbox").fill('{"products": "not a list"}');
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").waitFor();
    await page.screenshot({ path: `${SHOTS}console-plans.png`, fullPage: true });
    await page.close();
  });

  it("pages are served with a Content-Security-Policy and no framing", async () => {
    const res = await fetch(`${stack.controlPlaneUrl}/portal/`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect((await fetch(`${stack.controlPlaneUrl}/console`, { redirect: "manual" })).status).toBe(308);
  });
});
