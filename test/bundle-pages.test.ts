import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, atBothWidths, confirmed, launch, measureShifts, shifted } from "./support/browser.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, type Stack } from "./support/stack.js";

const CATALOG = {
  products: [
    { id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } },
    { id: "translate", method: "GET", path: "/translate", price: { unitPrice: 500 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};
/** The viewer's time zone in the browser, not UTC: the portal's dates are written in it. */
const VIEWER_ZONE = "Asia/Kolkata";

/**
 * Bundles in a real browser (Debian's Chromium): staff issue one from the account's page (its problems said
 * next to its fields), see it run low as calls use it, and revoke another after the page asks; the customer's
 * portal shows each live bundle with its units left, expiry in the viewer's time zone, order and overage in
 * words, and a warning when one runs low; the plan's page sets how its prices meet tax. Each state is compared
 * with the API's; axe-core and a screenshot at desktop and phone width at each.
 */
describe("bundles and plan tax settings in the console and the portal", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launch();
    await stack.admin.createUser({ email: "fiona@bundles.example", name: "Fiona", role: "finance", password: "a long finance password" });
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
  const portal = async (page: Page, accountId: string) => {
    const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/portal-sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    await page.goto(((await res.json()) as { url: string }).url);
    await page.getByTestId("balance").locator(".balance").first().waitFor();
  };
  /** A time as the portal writes it, in the viewer's time zone. */
  const seen = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: VIEWER_ZONE });
  const day = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 10);

  it("staff issue a bundle (mistakes said next to their fields), watch it run low, and revoke another; the customer sees each live one", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000_000);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, "fiona@bundles.example", "a long finance password");
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${s.accountId}`);
    const section = page.getByRole("region", { name: "Bundles", exact: true });
    await section.getByText("No bundles: issue one below").waitFor();
    const form = section.getByRole("form", { name: "Issue a bundle" });

    // A mistake the page finds, and one the API finds: each said in words next to its field; nothing issued.
    await confirmed(page, "Issue bundle", "Issue the bundle");
    await form.getByText("Enter the units as a whole number of at least 1.").waitFor();
    await form.getByLabel("Units").fill("10");
    await form.getByLabel("Expires").fill("2020-01-31");
    await confirmed(page, "Issue bundle", "Issue the bundle");
    await form.getByText("Choose today or a later day: that day has ended.").waitFor();
    await form.getByLabel("Expires").fill(day(20 * 86_400_000));
    await form.getByLabel("Priority").fill("5000");
    await confirmed(page, "Issue bundle", "Issue the bundle");
    await form.getByText("Priority must be at most 1000.").waitFor();
    expect(await form.getByLabel("Priority").getAttribute("aria-invalid")).toBe("true");
    expect((await stack.admin.listBundles(s.accountId)).items).toEqual([]);
    await accessible(page, "the bundle form with its problems");

    // Issued: 10 search units that refuse overage, until the end of a day 20 days from now.
    const until = day(20 * 86_400_000);
    await form.getByLabel("Product").selectOption("search");
    await form.getByLabel("Priority").fill("0");
    await form.getByLabel("Expires").fill(until);
    await form.getByLabel("Beyond it").selectOption("refuse");
    await form.getByLabel("Reason").fill("launch allowance");
    await page.getByRole("button", { name: "Issue bundle", exact: true }).click();
    await page
      .getByRole("group", { name: "Issue bundle" })
      .getByText(/Issue 10 search units to .*\? Calls beyond it are refused\./)
      .waitFor();
    await page.getByRole("button", { name: "Issue the bundle", exact: true }).click();
    await section.getByRole("status").filter({ hasText: "Issued: 10 search units" }).waitFor();
    const [search] = (await stack.admin.listBundles(s.accountId)).items;
    expect(search).toMatchObject({
      productId: "search",
      units: 10,
      remaining: 10,
      overage: "refuse",
      priority: 0,
      reason: "launch allowance",
    });
    expect(search!.expiresAt).toBe(`${until}T23:59:59.000Z`);

    // Another, of translate, later in the order; the same form, a new Idempotency-Key: a second bundle.
    await form.getByLabel("Product").selectOption("translate");
    await form.getByLabel("Units").fill("1,000");
    await form.getByLabel("Priority").fill("3");
    await form.getByLabel("Expires").fill(day(40 * 86_400_000));
    await confirmed(page, "Issue bundle", "Issue the bundle");
    await section.getByRole("status").filter({ hasText: "Issued: 1,000 translate units" }).waitFor();
    expect((await stack.admin.listBundles(s.accountId)).items.map((b) => [b.productId, b.units, b.overage])).toEqual([
      ["search", 10, "refuse"],
      ["translate", 1_000, "charge"],
    ]);

    // Calls use 9 of the 10 search units: the page shows it running low, as the API counts it.
    for (let i = 0; i < 9; i++) expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    const table = section.getByRole("table", { name: "Bundles" });
    const searchRow = table.getByRole("row").filter({ hasText: "search" });
    await searchRow.getByText("1 of 10").waitFor({ timeout: 15_000 });
    await searchRow.getByText("Running low").waitFor();
    expect((await stack.admin.listBundles(s.accountId)).items[0]!.remaining).toBe(1);
    expect(await searchRow.innerText()).toContain("used first");
    expect(await searchRow.innerText()).toContain("calls beyond it are refused");
    const translateRow = table.getByRole("row").filter({ hasText: "translate" });
    expect(await translateRow.innerText()).toContain("calls beyond it are paid from the balance");
    await atBothWidths(page, "console-account-bundles");

    // Revoked after the page asks: it ends at once, in the list and in the API.
    const translate = (await stack.admin.listBundles(s.accountId)).items[1]!;
    await confirmed(page, `Revoke the translate bundle ${translate.id}`, "Revoke the bundle");
    await translateRow.getByText(/^revoked /).waitFor();
    expect((await stack.admin.listBundles(s.accountId)).items.find((b) => b.id === translate.id)).toMatchObject({
      status: "revoked",
      remaining: 0,
    });

    // The customer, in another time zone: the live bundle with its warning, the revoked one gone.
    const customer = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: VIEWER_ZONE })).newPage();
    await measureShifts(customer);
    await portal(customer, s.accountId);
    const mine = customer.getByRole("region", { name: "Your bundles", exact: true });
    await mine.waitFor();
    expect(await shifted(customer), "layout shift on the overview").toBeLessThan(0.1);
    expect(await customer.getByTestId("bundle-warnings").innerText()).toBe("Your search bundle is running low: 1 of 10 units left.");
    const rows = mine.getByRole("table", { name: "Your bundles" }).locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    for (const words of [
      "search",
      "granted",
      "1 of 10",
      "Running low",
      seen(search!.expiresAt),
      "used first",
      "calls beyond it are refused",
    ])
      expect(row).toContain(words);
    await atBothWidths(customer, "portal-bundles");

    // Used up: said so, and that its calls are refused.
    expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await mine.getByText("Your search bundle is used up: its calls are refused until you have another.").waitFor({ timeout: 15_000 });
    await mine.locator("strong.bundle-warning", { hasText: "Used up" }).waitFor();
    expect((await stack.admin.listBundles(s.accountId)).items[0]!.remaining).toBe(0);
  });

  it("the customer chooses when a bundle is running low: the portal's warning follows the notification settings", async () => {
    const s = await stack.seedCatalog(CATALOG, 10_000_000);
    await stack.admin.issueBundle(
      s.accountId,
      { productId: "search", units: 10, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      { idempotencyKey: "ten" },
    );
    for (let i = 0; i < 6; i++) expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await portal(page, s.accountId);
    const mine = page.getByRole("region", { name: "Your bundles", exact: true });
    await mine.getByText("4 of 10").waitFor();
    expect(await page.getByTestId("bundle-warnings").count()).toBe(0); // 40% left: above the default 20%

    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Notifications", exact: true }).click();
    await page.getByLabel("…and when a bundle is down to (percent of its units left)").fill("50, 10");
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await page.getByText("Saved.").waitFor();
    expect((await stack.admin.getNotificationSettings(s.accountId)).bundlePercents).toEqual([50, 10]);
    await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Overview", exact: true }).click();
    await page.getByTestId("bundle-warnings").getByText("Your search bundle is running low: 4 of 10 units left.").waitFor();
  });

  it("the plan's page sets how its prices meet tax: the category's mistake said next to it, then saved as the API keeps it", async () => {
    const plan = await stack.admin.getPlan((await stack.seedCatalog(CATALOG, 0)).planId);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, "fiona@bundles.example", "a long finance password");
    await page.goto(`${stack.controlPlaneUrl}/console/plans/${plan.id}`);
    const form = page.getByRole("form", { name: `Tax settings of ${plan.name}` });
    expect(await form.getByLabel("Prices").inputValue()).toBe("exclusive");
    expect(await form.getByLabel("Tax category").inputValue()).toBe("standard");

    await form.getByLabel("Prices").selectOption("inclusive");
    await form.getByText("Documents take the tax out of the prices").waitFor();
    await form.getByLabel("Tax category").fill("Digital Services");
    await form.getByLabel("Category of search").fill("ebooks");
    await form.getByRole("button", { name: "Save tax settings" }).click();
    await form.getByText("Write the tax category in lowercase letters, digits, _ and -, such as standard or ebooks.").waitFor();
    expect(await form.getByLabel("Tax category").getAttribute("aria-invalid")).toBe("true");
    expect((await stack.admin.getPlan(plan.id)).tax).toEqual({ inclusive: false, category: "standard", products: [] });
    await accessible(page, "the tax form with its problem");

    await form.getByLabel("Tax category").fill("digital");
    await form.getByRole("button", { name: "Save tax settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved: documents finalized from now on follow it" }).waitFor();
    expect((await stack.admin.getPlan(plan.id)).tax).toEqual({
      inclusive: true,
      category: "digital",
      products: [{ productId: "search", category: "ebooks" }],
    });
    await atBothWidths(page, "console-plan-tax");

    // Read back as saved when the page is opened again.
    await page.reload();
    expect(await form.getByLabel("Prices").inputValue()).toBe("inclusive");
    expect(await form.getByLabel("Category of search").inputValue()).toBe("ebooks");
    expect(await form.getByLabel("Category of translate").inputValue()).toBe("");
  });
});
