import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { accessible, launch } from "./support/browser.js";
import { startStack, type Stack } from "./support/stack.js";

/**
 * The account page's Privacy section in a real browser (Debian's Chromium): an owner asks for an export,
 * downloads it once, and erases the customer's personal data after the page asks; an admin may export but is
 * not offered the erasure. Each state is compared with the API's.
 */
describe("privacy in the admin console", () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ ingester: false });
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
  const confirmed = async (page: Page, start: string, yes: string) => {
    await page.getByRole("button", { name: start, exact: true }).click();
    await page.getByRole("group", { name: start, exact: true }).getByRole("button", { name: yes, exact: true }).click();
  };

  it("exports once and erases from the account page, for the roles allowed", async () => {
    const { admin } = stack;
    await admin.createUser({ email: "olga@privacy.example", name: "Olga", role: "owner", password: "a long owner password" });
    await admin.createUser({ email: "adam@privacy.example", name: "Adam", role: "admin", password: "a long admin password" });
    const plan = await admin.createPlan({ name: "privacy page", currency: "USD", pricePerCall: 1_000 });
    const account = await admin.createAccount({ name: "Helena Sousa", planId: plan.id });
    await admin.setBillingDetails(account.id, {
      legalName: "Helena Sousa Unipessoal Lda",
      address: { line1: "Travessa do Carmo 3", city: "Lisboa", country: "PT" },
      email: "helena@example.com",
    });

    // An admin may ask for an export, but is not offered the erasure.
    const adam = await browser.newPage();
    await signIn(adam, "adam@privacy.example", "a long admin password");
    await adam.goto(`${stack.controlPlaneUrl}/console/accounts/${account.id}`);
    const adamPrivacy = adam.getByRole("region", { name: "Privacy" });
    await adamPrivacy.getByText("No export asked for yet.").waitFor();
    await adamPrivacy.getByRole("button", { name: "Export the customer's data" }).waitFor();
    expect(await adamPrivacy.getByRole("button", { name: "Erase personal data" }).count()).toBe(0);
    await adam.close();

    const page = await browser.newPage();
    await signIn(page, "olga@privacy.example", "a long owner password");
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${account.id}`);
    const privacy = page.getByRole("region", { name: "Privacy" });
    await privacy.getByRole("button", { name: "Export the customer's data" }).click();
    await page.getByRole("status").filter({ hasText: "Export asked for" }).waitFor();
    const exports = privacy.getByRole("table", { name: "Exports" });
    await exports.getByText("pending").waitFor();
    expect(await jobs.produceExports(stack.ctx)).toBe(1);
    // The page looks again while an export is pending: the job's result shows without a reload.
    await exports.getByText("ready").waitFor();
    await accessible(page, "an account's privacy section with a ready export");

    const download = page.waitForEvent("download");
    await privacy.getByRole("button", { name: /^Download the export of / }).click();
    await privacy.getByRole("button", { name: "Download once", exact: true }).click();
    const file = await (await download).path();
    const doc = JSON.parse(readFileSync(file, "utf8")) as {
      accountId: string;
      account: { name: string; billingDetails: { legalName: string } };
    };
    expect(doc.accountId).toBe(account.id);
    expect(doc.account.billingDetails.legalName).toBe("Helena Sousa Unipessoal Lda");
    await exports.getByText(/^downloaded /).waitFor();
    expect((await admin.getPrivacy(account.id)).exports[0]!.status).toBe("downloaded");

    await confirmed(page, "Erase personal data", "Erase Helena Sousa's personal data");
    await page.getByRole("status").filter({ hasText: "Personal data erased." }).waitFor();
    await privacy
      .getByRole("note")
      .filter({ hasText: /^Personal data erased/ })
      .waitFor();
    expect(await privacy.getByRole("button", { name: "Erase personal data" }).count()).toBe(0);
    const state = await admin.getPrivacy(account.id);
    expect(state.erased).toBe(true);
    const erased = await admin.getAccount(account.id);
    expect(erased.name).toMatch(/^Erased customer anon-/);
    expect(erased.billingDetails?.legalName).toBe(erased.name);
    await accessible(page, "an erased account's page");
    await page.close();
  });
});
