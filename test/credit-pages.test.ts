import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, launch } from "./support/browser.js";
import { startStack, type Stack } from "./support/stack.js";

const USD = 1_000_000;

/**
 * Credit checks and the deployment's webhooks in the console, driven in Chromium as two staff members: one
 * asks for credit past the rule, the account's page says why it waits, the asker cannot approve it, a second
 * staff member does; owners and admins register a webhook endpoint and read its log.
 */
describe("the console's credit requests and webhooks, in a real browser", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    browser = await launch();
    await stack.admin.createUser({ email: "alice@credit.example", name: "Alice", role: "admin", password: "a long password for alice" });
    await stack.admin.createUser({ email: "fred@credit.example", name: "Fred", role: "finance", password: "a long password for fred" });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A staff member signed in by email and password, in a browser context of their own (their own cookie). */
  const signedIn = async (email: string, password: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
    return page;
  };
  const view = (page: Page, name: string) =>
    page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name, exact: true }).click();
  /** An action asked first: its button, then the question's own button. */
  const confirmed = async (page: Page, start: string, yes: string) => {
    await page.getByRole("button", { name: start, exact: true }).click();
    await page.getByRole("group", { name: start, exact: true }).getByRole("button", { name: yes, exact: true }).click();
  };

  it("credit past the rule waits on the account's page; the asker cannot approve it, a second staff member does", async () => {
    await stack.admin.setCreditRule({ prepaidTenure: { days: 0, toppedUp: 5 * USD }, autoLimit: 10 * USD });
    const plan = await stack.admin.createPlan({ name: "credit pages", currency: "USD", pricePerCall: 10_000 });
    const account = await stack.admin.createAccount({ name: "Globex", planId: plan.id });
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 5 * USD }, { idempotencyKey: "globex" });

    const alice = await signedIn("alice@credit.example", "a long password for alice");
    await alice.goto(`${stack.controlPlaneUrl}/console/accounts/${account.id}`);
    const billing = alice.getByRole("region", { name: "Billing" });
    await billing.getByRole("combobox", { name: "Billing mode" }).selectOption("postpaid");
    await billing.getByLabel("Credit limit (USD)").fill("50");
    await billing.getByRole("button", { name: "Save billing", exact: true }).click();
    await billing.getByRole("status").filter({ hasText: "waits for a second staff member's approval" }).waitFor();
    // The account's page says why it waits, and who may decide it.
    const why = alice.getByTestId("account-credit");
    await why.getByText("Credit waiting for approval: postpaid, credit limit $50.00").waitFor();
    expect(await why.innerText()).toContain("the limit is above what the credit rule gives at once");
    expect((await stack.admin.getAccount(account.id)).wallets[0]!.creditLimit).toBe(0);
    await accessible(alice, "an account whose credit request waits");

    // The asker's own approval is refused, and said so.
    await view(alice, "Credit");
    const pending = alice.getByRole("table", { name: "Pending credit requests" });
    await pending.getByText(account.id).waitFor();
    await confirmed(alice, `Approve the credit request of ${account.id}`, "Approve the credit");
    await alice.getByRole("alert").getByText("another staff member must approve or reject it").waitFor();
    expect((await stack.admin.getAccount(account.id)).billingMode).toBe("prepaid");
    await accessible(alice, "the credit requests and the credit rule");

    // A second staff member approves it: the account gets its credit at once.
    const fred = await signedIn("fred@credit.example", "a long password for fred");
    await view(fred, "Credit");
    await confirmed(fred, `Approve the credit request of ${account.id}`, "Approve the credit");
    await fred.getByRole("status").filter({ hasText: "Credit request approved" }).waitFor();
    await fred.getByText("No credit request is waiting.").waitFor();
    expect(await stack.admin.getAccount(account.id)).toMatchObject({ billingMode: "postpaid", wallets: [{ creditLimit: 50 * USD }] });
    // Finance reads the rule but may not change it.
    expect(await fred.getByRole("button", { name: "Save the credit rule" }).count()).toBe(0);
    await alice.close();
    await fred.close();
  });

  it("an admin registers a webhook endpoint, copies its secret, reads its log and removes it", async () => {
    const alice = await signedIn("alice@credit.example", "a long password for alice");
    await view(alice, "Webhooks");
    await alice.getByText("No endpoint yet").waitFor();
    const form = alice.getByRole("form", { name: "Register a webhook endpoint" });
    await form.getByLabel("URL").fill("http://127.0.0.1:9/crm");
    await form.getByLabel("Description").fill("CRM");
    await form.getByRole("checkbox", { name: /payment\.refunded/ }).uncheck();
    await form.getByRole("button", { name: "Register the endpoint" }).click();
    const endpoint = alice.getByRole("article", { name: "Endpoint http://127.0.0.1:9/crm" });
    await endpoint.waitFor();
    const [saved] = (await stack.admin.listWebhookEndpoints()).items;
    expect(saved).toMatchObject({ url: "http://127.0.0.1:9/crm", events: ["invoice.finalized", "invoice.paid", "account.updated"] });
    expect(await endpoint.getByLabel("Signing secret").inputValue()).toBe(saved!.secret);
    await endpoint.getByRole("button", { name: "Show the delivery log" }).click();
    await endpoint.getByText("Nothing sent yet").waitFor();
    await accessible(alice, "the webhook endpoints");
    await confirmed(alice, "Remove the endpoint http://127.0.0.1:9/crm", "Remove the endpoint");
    await alice.getByText("No endpoint yet").waitFor();
    expect((await stack.admin.listWebhookEndpoints()).items).toEqual([]);
    await alice.close();
  });
});
