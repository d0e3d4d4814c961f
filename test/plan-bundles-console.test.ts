import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, launch } from "./support/browser.js";
import { startStack, type Stack } from "./support/stack.js";

const CATALOG = {
  products: [
    { id: "search", method: "GET", path: "/search", price: { unitPrice: 1_000 } },
    { id: "translate", method: "GET", path: "/translate", price: { unitPrice: 500 } },
  ],
  unmatched: { action: "price", price: { unitPrice: 100 } },
};

/**
 * A plan's included bundles in a real browser (Debian's Chromium): an admin adds one on the plan's page, its
 * mistakes said next to their fields, saves it as the API keeps it, and removes it; axe-core at each state.
 */
describe("a plan's included bundles in the console", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launch();
    await stack.admin.createUser({ email: "ada@plans.example", name: "Ada", role: "admin", password: "a long admin password" });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Email").fill("ada@plans.example");
    await page.getByLabel("Password").fill("a long admin password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
  };

  it("adds one (mistakes said next to their fields), saves it as the API keeps it, reads it back, and removes it", async () => {
    const plan = await stack.admin.getPlan((await stack.seedCatalog(CATALOG, 0)).planId);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page);
    await page.goto(`${stack.controlPlaneUrl}/console/plans/${plan.id}`);
    const form = page.getByRole("form", { name: `Included bundles of ${plan.name}` });
    await form.getByText("None: accounts on this plan pay every unit in money.").waitFor();
    await accessible(page, "the plan's page with no included bundle");

    await form.getByRole("button", { name: "Add an included bundle" }).click();
    const row = form.getByRole("group", { name: "Bundle 1" });
    expect(await row.getByLabel("Product").inputValue()).toBe("search");
    await form.getByRole("button", { name: "Save included bundles" }).click();
    await row.getByText("Enter a whole number of at least 1.").waitFor();
    expect(await row.getByLabel("Units each period").getAttribute("aria-invalid")).toBe("true");
    await row.getByLabel("Units each period").fill("100");
    await row.getByLabel("Rollover cap").fill("200");
    await form.getByRole("button", { name: "Save included bundles" }).click();
    await row.getByText("At most the units each period.").waitFor();
    expect(await row.getByLabel("Rollover cap").getAttribute("aria-invalid")).toBe("true");
    expect((await stack.admin.getPlan(plan.id)).includedBundles).toEqual([]);
    await accessible(page, "the included-bundles form with its problems");

    await row.getByLabel("Rollover cap").fill("20");
    await row.getByLabel("Beyond its units").selectOption("refuse");
    await row.getByLabel("Given").selectOption("once");
    await form.getByRole("button", { name: "Save included bundles" }).click();
    await page.getByRole("status").filter({ hasText: "Saved: accounts on the plan get these from their next period" }).waitFor();
    expect((await stack.admin.getPlan(plan.id)).includedBundles).toEqual([
      { productId: "search", units: 100, overage: "refuse", priority: 0, recurrence: "once", rolloverCap: 20 },
    ]);
    await accessible(page, "the included bundle saved");

    await page.reload();
    expect(await row.getByLabel("Units each period").inputValue()).toBe("100");
    expect(await row.getByLabel("Given").inputValue()).toBe("once");
    await form.getByRole("button", { name: "Remove bundle 1" }).click();
    await form.getByRole("button", { name: "Save included bundles" }).click();
    await page.getByRole("status").filter({ hasText: "Saved: accounts on the plan get these" }).waitFor();
    expect((await stack.admin.getPlan(plan.id)).includedBundles).toEqual([]);
  });
});
