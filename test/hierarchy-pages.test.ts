import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, atBothWidths, confirmed, launch, measureShifts, shifted } from "./support/browser.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, type Stack } from "./support/stack.js";

/** One product at $0.10 a call. */
const CATALOG = {
  products: [{ id: "voice", method: "GET" as const, path: "/voice", price: { unitPrice: 100_000 } }],
  unmatched: { action: "refuse" as const },
};

/**
 * Hierarchies in a real browser (Debian's Chromium): the payer's portal lists its lines and changes their
 * limits (a mistake said next to the field, the API's problem under the form), and the gateway follows; a
 * line's portal shows its own limit, spent and left and says its payer pays, with nothing of its payer's or a
 * sibling's; staff create a line on the payer's page, set its limit, open it, and take it out. Each state is
 * compared with the API's; axe-core and a screenshot at desktop and phone width at each.
 */
describe("lines of a hierarchy in the portal and the console", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launch();
    await stack.admin.createUser({ email: "ada@lines.example", name: "Ada", role: "admin", password: "a long admin password" });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const voice = (key: string) => call(`${stack.gatewayUrl}/voice`, { headers: { "x-api-key": key } });
  /** The account's portal, opened from a portal link as the provider sends it. */
  const portal = async (page: Page, accountId: string) => {
    const res = await fetch(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/portal-sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    await page.goto(((await res.json()) as { url: string }).url);
    await page.getByTestId("balance").locator(".balance").first().waitFor();
  };
  const newPage = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const nav = (page: Page) => page.getByRole("navigation", { name: "Your account" });
  const navLinks = async (page: Page) => (await nav(page).getByRole("link").allInnerTexts()).map((t) => t.trim());

  it("the payer lowers a line's limit in its portal and the gateway refuses the line's next call; the line's portal shows its own month and that its payer pays", async () => {
    const payer = await stack.seedCatalog(CATALOG, 10_000_000);
    const phone = await stack.admin.createLine(payer.accountId, { name: "Ada's phone", limit: 1_000_000 });
    const tablet = await stack.admin.createLine(payer.accountId, { name: "Ben's tablet" });
    const phoneKey = (await stack.admin.createApiKey(phone.accountId)).key;
    const tabletKey = (await stack.admin.createApiKey(tablet.accountId)).key;
    for (let i = 0; i < 3; i++) expect((await voice(phoneKey)).status).toBe(200);
    expect((await voice(tabletKey)).status).toBe(200);

    // An account that pays for no lines has no Lines view in its navigation.
    const other = await stack.seedCatalog(CATALOG, 1_000_000);
    const plain = await newPage();
    await portal(plain, other.accountId);
    expect(await navLinks(plain)).not.toContain("Lines");

    // The payer: Lines is linked, at its own address; each line as the API counts it.
    const page = await newPage();
    await measureShifts(page);
    await portal(page, payer.accountId);
    await nav(page).getByRole("link", { name: "Lines", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/portal/lines");
    const table = page.getByRole("table", { name: "Your lines" });
    const phoneRow = table.getByTestId(`line-${phone.accountId}`);
    await phoneRow.getByText("$0.30").waitFor();
    expect(await shifted(page), "layout shift on the Lines view").toBeLessThan(0.1);
    expect((await stack.consumer(payer.key).listLines(payer.accountId)).items.map((l) => [l.name, l.limit, l.spent, l.left])).toEqual([
      ["Ada's phone", 1_000_000, 300_000, 700_000],
      ["Ben's tablet", null, 100_000, null],
    ]);
    const phoneCells = await phoneRow.getByRole("cell").allInnerTexts();
    expect(phoneCells.slice(0, 3)).toEqual(["Ada's phone", "$1.00", "$0.30"]);
    expect(phoneCells[3]).toContain("$0.70");
    expect(await phoneRow.getByRole("meter").getAttribute("aria-label")).toBe("Ada's phone: $0.30 spent of its $1.00 limit this month");
    const tabletCells = await table.getByTestId(`line-${tablet.accountId}`).getByRole("cell").allInnerTexts();
    expect(tabletCells.slice(0, 4)).toEqual(["Ben's tablet", "none", "$0.10", "no limit"]);

    // A mistake is said next to the field, and nothing changes.
    const form = page.getByRole("form", { name: "Limit of Ada's phone" });
    await form.getByLabel("Monthly limit (USD)").fill("a lot");
    await form.getByRole("button", { name: "Set limit of Ada's phone" }).click();
    await form.getByText("Enter a limit of at least 0.01, such as 25 or 12.50 (or remove the limit).").waitFor();
    expect(await form.getByLabel("Monthly limit (USD)").getAttribute("aria-invalid")).toBe("true");
    expect((await stack.admin.getLine(phone.accountId)).limit).toBe(1_000_000);
    await accessible(page, "the line's limit form with its problem");

    // Lowered to what it has spent: the API and the page say so, and the gateway refuses the line's next call.
    await form.getByLabel("Monthly limit (USD)").fill("0.30");
    await form.getByRole("button", { name: "Set limit of Ada's phone" }).click();
    await table.getByRole("status").filter({ hasText: "Ada's phone may now spend $0.30 a month, from its next call." }).waitFor();
    expect(await stack.admin.getLine(phone.accountId)).toMatchObject({ limit: 300_000, spent: 300_000, left: 0 });
    await phoneRow.getByRole("cell").nth(1).getByText("$0.30").waitFor();
    const refused = await voice(phoneKey);
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "line_limit_reached", spent: 300_000, limit: 300_000, currency: "USD" });
    expect((await voice(tabletKey)).status).toBe(200);
    await atBothWidths(page, "portal-lines");

    // The line's own portal: its limit, spent and left; its payer pays; nothing of its payer's or its sibling's.
    const line = await newPage();
    await measureShifts(line);
    await portal(line, phone.accountId);
    const own = line.getByRole("region", { name: "Your line" });
    await own.waitFor();
    expect(await shifted(line), "layout shift on the line's overview").toBeLessThan(0.1);
    expect(await line.getByTestId("balance").innerText()).toBe("$0.00 left this month · paid by your payer");
    expect(await own.getByTestId("line-figures").innerText()).toMatch(
      /Monthly limit\s+\$0\.30\s+Spent in [A-Z][a-z]+ \d{4}\s+\$0\.30\s+Left\s+\$0\.00/,
    );
    expect(await own.getByRole("meter").getAttribute("aria-label")).toBe("Ada's phone: $0.30 spent of its $0.30 limit this month");
    await own.getByText("Your limit is reached").waitFor();
    expect(await stack.consumer(phoneKey).getLine(phone.accountId)).toMatchObject({ limit: 300_000, spent: 300_000, left: 0 });
    expect(await navLinks(line)).not.toContain("Lines");
    expect(await navLinks(line)).not.toContain("Top up");
    await atBothWidths(line, "portal-line-overview");
    // The payer's balance ($9.50) and the sibling are nowhere in the line's pages.
    const seen = await line.locator("body").innerText();
    expect(seen).not.toContain("9.50");
    expect(seen).not.toContain("Ben's tablet");
    // Its Top up address says that its payer pays, rather than an empty wallet.
    await line.goto(`${stack.controlPlaneUrl}/portal/top-up`);
    await line.getByTestId("paid-by-payer").waitFor();
    expect(await line.getByRole("form").count()).toBe(0);
    await atBothWidths(line, "portal-line-top-up");
    // Its transactions are its payer's to book: said so, rather than "top up".
    await nav(line).getByRole("link", { name: "Transactions", exact: true }).click();
    await line.getByText("No transactions: this account is a line").waitFor();
    // Its notifications offer what can reach it (quotas, bundles), no balance alerts: its payer's wallet pays.
    await nav(line).getByRole("link", { name: "Notifications", exact: true }).click();
    const settings = line.getByRole("form", { name: "Notification settings" });
    await settings.getByRole("checkbox", { name: "Quota use" }).waitFor();
    expect(await settings.getByText(/balance falls below/).count()).toBe(0);
    expect(await settings.getByRole("checkbox", { name: "Balance used up" }).count()).toBe(0);
    await line.getByText("Your payer's wallet pays for your calls").waitFor();
    await accessible(line, "a line's notification settings");
    // The lines view's address names nothing of a line's.
    await line.goto(`${stack.controlPlaneUrl}/portal/lines`);
    await line.getByText("No lines: your provider adds them.").waitFor();

    // The API's problem is shown under the form: the tablet was taken out while the payer's page still listed it.
    // The page's reading again of the list is held meanwhile, so that the form is used on the list as it was.
    const listed = `**/v1/accounts/${payer.accountId}/lines`;
    const held: Route[] = [];
    await page.route(listed, (route) => void held.push(route));
    await stack.admin.detachLine(payer.accountId, tablet.accountId);
    const tabletForm = page.getByRole("form", { name: "Limit of Ben's tablet" });
    await tabletForm.getByLabel("Monthly limit (USD)").fill("5");
    await tabletForm.getByRole("button", { name: "Set limit of Ben's tablet" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `No line ${tablet.accountId}.` })
      .waitFor();
    await page.unroute(listed);
    for (const route of held) await route.continue();
    await table.getByTestId(`line-${tablet.accountId}`).waitFor({ state: "detached", timeout: 15_000 });

    // Removing the limit lets the phone spend again.
    await confirmNoLimit(page, "Ada's phone");
    expect((await stack.admin.getLine(phone.accountId)).limit).toBeNull();
    expect((await voice(phoneKey)).status).toBe(200);
  });

  const confirmNoLimit = async (page: Page, name: string) => {
    await page.getByRole("button", { name: `Remove limit of ${name}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${name} has no limit now: it may spend all of your balance.` })
      .waitFor();
  };

  it("staff create a line on the payer's page (mistakes said next to their fields), set its limit, open it, and take it out", async () => {
    const payer = await stack.seedCatalog(CATALOG, 5_000_000);
    const euros = await stack.admin.createPlan({ name: "euro calls", currency: "EUR", ...CATALOG });
    const payerName = (await stack.admin.getAccount(payer.accountId)).name;
    const page = await newPage();
    await page.goto(`${stack.controlPlaneUrl}/console/`);
    await page.getByLabel("Email").fill("ada@lines.example");
    await page.getByLabel("Password").fill("a long admin password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
    await page.goto(`${stack.controlPlaneUrl}/console/accounts/${payer.accountId}`);
    const section = page.getByRole("region", { name: "Lines", exact: true });
    await section.getByText("No lines: create one below").waitFor();
    const form = section.getByRole("form", { name: "Create a line" });

    // The page's mistakes, then the API's (a plan in a currency the payer has no wallet in): next to their fields.
    await form.getByRole("button", { name: "Create line" }).click();
    await form.getByText("Enter the line's name.").waitFor();
    await form.getByLabel("Name").fill("Team Berlin");
    await form.getByLabel("Monthly limit (USD)").fill("25 dollars");
    await form.getByRole("button", { name: "Create line" }).click();
    await form.getByText("Enter a limit of at least 0.01, such as 25 or 12.50, or leave it empty for none.").waitFor();
    await form.getByLabel("Monthly limit (USD)").fill("25");
    await form.getByLabel("Plan").selectOption(euros.id);
    await form.getByRole("button", { name: "Create line" }).click();
    await form.getByText("Plan: the payer has no EUR wallet.").waitFor();
    expect(await form.getByLabel("Plan").getAttribute("aria-invalid")).toBe("true");
    expect((await stack.admin.listLines(payer.accountId)).items).toEqual([]);
    await accessible(page, "the line form with its problem");

    // Created on the payer's plan, with its limit; listed as the API has it.
    await form.getByLabel("Plan").selectOption("");
    await form.getByRole("button", { name: "Create line" }).click();
    await section.getByRole("status").filter({ hasText: "Line Team Berlin created, with a limit of $25.00 a month" }).waitFor();
    const [created] = (await stack.admin.listLines(payer.accountId)).items;
    expect(created).toMatchObject({ name: "Team Berlin", planId: payer.planId, limit: 25_000_000, spent: 0, left: 25_000_000 });
    const key = (await stack.admin.createApiKey(created!.accountId)).key;
    expect((await voice(key)).status).toBe(200);
    const row = section.getByTestId(`line-${created!.accountId}`);
    await row.getByRole("cell").nth(2).getByText("$0.10").waitFor({ timeout: 15_000 });
    expect((await row.getByRole("cell").allInnerTexts()).slice(0, 3)).toEqual(["Team Berlin", "$25.00", "$0.10"]);

    // Its limit set from the payer's page.
    const limitForm = section.getByRole("form", { name: "Limit of Team Berlin" });
    await limitForm.getByLabel("Monthly limit (USD)").fill("30");
    await limitForm.getByRole("button", { name: "Set limit of Team Berlin" }).click();
    await section.getByRole("status").filter({ hasText: "Team Berlin may now spend $30.00 a month" }).waitFor();
    expect(await stack.admin.getLine(created!.accountId)).toMatchObject({ limit: 30_000_000, spent: 100_000, left: 29_900_000 });
    await atBothWidths(page, "console-account-lines");

    // The line's own page says whose line it is, with its limit; its link leads back to the payer.
    await row.getByRole("link", { name: "Team Berlin" }).click();
    const mine = page.getByRole("region", { name: "Line", exact: true });
    await mine.getByTestId("line-of").getByText(`A line of ${payerName}`).waitFor();
    expect(await mine.getByTestId("line-figures").innerText()).toMatch(
      /Monthly limit\s+\$30\.00\s+Spent in [A-Z][a-z]+ \d{4}\s+\$0\.10\s+Left\s+\$29\.90/,
    );
    // No wallet of its own: nothing to credit or adjust.
    expect(await page.getByRole("button", { name: "Credit", exact: true }).count()).toBe(0);
    await atBothWidths(page, "console-line");
    await mine.getByRole("link", { name: payerName }).click();
    await page.waitForURL(`**/console/accounts/${payer.accountId}`);

    // Taken out after the page asks: gone from the list, and a line no more.
    await confirmed(page, "Take out Team Berlin", "Take the line out");
    await section.getByText("No lines: create one below").waitFor();
    expect((await stack.admin.listLines(payer.accountId)).items).toEqual([]);
    expect((await stack.admin.getAccount(created!.accountId)).payerId).toBeUndefined();
  });
});
