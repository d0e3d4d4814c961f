import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, ConsoleMessage, Frame, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessible, launch, measureShifts, shifted } from "./support/browser.js";
import { startStackWithDemoCheckout } from "./support/demo-checkout.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import type { Stack } from "./support/stack.js";

const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));

/** The embedding page as it shows now: the frame (another site, a process of its own) painted first, the viewport only. */
async function shot(page: Page, frame: Frame, name: string): Promise<void> {
  await frame.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
  await page.screenshot({ path: `${SHOTS}${name}` });
}

/**
 * A customer's own site, on another registrable site than the portal's: the control plane listens on
 * 127.0.0.1, this on localhost (Chromium keeps a Secure cookie over plain http on both, as on any loopback
 * host). Its page frames the address `?src=` names.
 */
async function siteFraming(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? "/", "http://localhost").searchParams.get("src") ?? "about:blank";
    const attr = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><head><title>Example app</title>
<style>body{margin:0;font-family:sans-serif}header{padding:12px 16px;background:#222;color:#fff}iframe{display:block;border:0;width:100%;height:1400px}</style></head>
<body><header>Example app: your billing</header><main><iframe title="Billing" src="${attr}"></iframe></main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

describe("an embeddable portal: framed only by the sites the deployment names, branded by the issuer profile", () => {
  let stack: Stack;
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let checkout: { server: Server; url: string };
  let close: (() => Promise<void>) | undefined;
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    allowed = await siteFraming();
    other = await siteFraming();
    // Card payments through the demo's checkout page in front of stripe-mock, as `npm run demo` runs them.
    ({ stack, checkout, close } = await startStackWithDemoCheckout(undefined, {
      portalFrameAncestors: ["https://app.example.com", allowed.origin],
    }));
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    allowed?.server.close();
    other?.server.close();
    await close?.();
  });

  /** `page` opens `site`'s page, which frames `src`. */
  const frame = async (page: Page, site: string, src: string) => {
    await page.goto(`${site}/?src=${encodeURIComponent(src)}`);
  };
  /** The message Chromium logs when it refuses a frame by its frame-ancestors (wait for it before the page opens). */
  const refusal = (page: Page) =>
    page.waitForEvent("console", { predicate: (m: ConsoleMessage) => m.text().includes("frame-ancestors"), timeout: 10_000 });

  it("lets the named site frame the portal, never the console; the portal's cookie works in that frame", async () => {
    const portal = await api().get("/portal/overview");
    expect(portal.headers["content-security-policy"]).toContain("frame-ancestors https://app.example.com");
    expect(portal.headers["content-security-policy"]).not.toContain("frame-ancestors 'none'");
    const console = await api().get("/console/");
    expect(console.headers["content-security-policy"]).toContain("frame-ancestors 'none'");

    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    const signedIn = await api().post("/v1/portal/session").send({ apiKey: s.key });
    expect(signedIn.status).toBe(200);
    const cookie = String(signedIn.headers["set-cookie"]);
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Partitioned");
    expect(cookie).toContain("HttpOnly");
  });

  it("in a real browser, a site of the allow-list frames the portal: signed in by a portal link in the frame, the customer uses it; the cookie is kept for that site alone", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000_000, balance: 20_000_000 });
    // The link names PUBLIC_URL (https://billing.example here); this test's control plane is on 127.0.0.1.
    const link = new URL((await stack.admin.createPortalSession(s.accountId)).url);
    const src = `${stack.controlPlaneUrl}${link.pathname}${link.hash}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await measureShifts(page);
    await frame(page, allowed.origin, src);
    const portal = page.frameLocator('iframe[title="Billing"]');
    await portal.getByTestId("balance").getByText("$20.00").first().waitFor();
    await portal.getByText("No usage in the last 30 days yet").waitFor(); // an empty report says so, not an empty table
    const inFrame = page.frames().find((f) => f.url().startsWith(`${stack.controlPlaneUrl}/portal/`))!;
    expect(inFrame.url()).toBe(`${stack.controlPlaneUrl}/portal/`); // the link's secret left the frame's address
    // The session cookie: SameSite=None, Secure, and partitioned by the embedding site (CHIPS).
    const cookies = await context.cookies(stack.controlPlaneUrl);
    expect(cookies.find((c) => c.name === "tg_portal")).toMatchObject({
      sameSite: "None",
      secure: true,
      httpOnly: true,
      partitionKey: "http://localhost",
    });
    // The customer uses it: calls spend the balance the frame shows live; a key is created and works.
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await portal.getByTestId("balance").getByText("$19.00").first().waitFor({ timeout: 10_000 });
    await accessible(inFrame, "the framed portal's overview");
    expect(await shifted(inFrame)).toBeLessThan(0.1);
    await page.screenshot({ path: `${SHOTS}portal-embedded.png`, fullPage: true });
    await portal.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "API keys", exact: true }).click();
    await portal.getByLabel("Key name").fill("embedded");
    await portal.getByRole("button", { name: "Create key" }).click();
    const secret = await portal.getByTestId("new-key").inputValue();
    expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": secret } })).status).toBe(200);
    expect((await stack.admin.listApiKeys(s.accountId)).items.map((k) => k.name)).toContain("embedded");
    await accessible(inFrame, "the framed portal's keys");
    await page.setViewportSize({ width: 390, height: 844 });
    await portal.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Overview", exact: true }).click();
    await portal.getByTestId("balance").getByText("$18.00").first().waitFor({ timeout: 10_000 });
    await accessible(inFrame, "the framed portal at phone width");
    await shot(page, inFrame, "portal-embedded-phone.png");
    await page.setViewportSize({ width: 1280, height: 900 });

    // A card top-up: the provider's page refuses to be framed, so it opens in a tab of its own; the frame stays
    // where it was and shows the payment once the provider's webhook has confirmed it.
    await portal.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Top up", exact: true }).click();
    await portal.getByLabel("Amount (USD)").fill("10");
    const [tab] = await Promise.all([context.waitForEvent("page"), portal.getByRole("button", { name: "Pay by card" }).click()]);
    await portal.getByTestId("paying-in-tab").waitFor();
    expect(inFrame.url()).toBe(`${stack.controlPlaneUrl}/portal/top-up`);
    await tab.waitForURL((url) => url.href.startsWith(`${checkout.url}/pay/`));
    await tab.getByRole("button", { name: "Pay $10.00 with the test card" }).click();
    // Back from the provider, that tab is the portal on its own site, where the framed session's cookie is not.
    await tab.getByTestId("paid-elsewhere").waitFor();
    await accessible(tab, "the portal's sign-in, back from paying in a tab of its own");
    await tab.close();
    await portal.getByTestId("balance").getByText("$28.00").first().waitFor({ timeout: 10_000 });
    await expect.poll(() => portal.getByTestId("recharge-status").first().innerText(), { timeout: 10_000 }).toBe("succeeded");
    await accessible(inFrame, "the framed portal's top-up, paid in another tab");
    await shot(page, inFrame, "portal-embedded-top-up.png");

    // The cookie is the embedding site's alone: the portal opened on its own site is not signed in.
    const own = await context.newPage();
    await own.goto(`${stack.controlPlaneUrl}/portal/`);
    await own.getByLabel("API key").waitFor();
    await context.close();
  });

  it("in a real browser, a site not in the allow-list cannot frame the portal, and no site the console", async () => {
    const page = await browser.newPage();
    let refused = refusal(page);
    await frame(page, other.origin, `${stack.controlPlaneUrl}/portal/`);
    expect((await refused).text()).toContain(`frame-ancestors https://app.example.com ${allowed.origin}`);
    expect(page.frames().some((f) => f.url().startsWith(stack.controlPlaneUrl))).toBe(false);
    refused = refusal(page);
    await frame(page, allowed.origin, `${stack.controlPlaneUrl}/console/`);
    expect((await refused).text()).toContain("frame-ancestors 'none'");
    expect(page.frames().some((f) => f.url().startsWith(stack.controlPlaneUrl))).toBe(false);
    await page.close();
  });

  it("presents the provider as its issuer profile says, before anyone signs in", async () => {
    expect((await api().get("/v1/portal/branding")).body).toEqual({ name: "Tollgate", embeddable: true });
    const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await api()
      .put("/v1/issuer-profile")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ legalName: "Acme APIs, Lda.", logo, accentColor: "#0f766e", dueDays: 30 })
      .expect(200);
    const branding = await api().get("/v1/portal/branding");
    expect(branding.body).toEqual({ name: "Acme APIs, Lda.", logo, accentColor: "#0f766e", embeddable: true });
    expect(branding.headers["cache-control"]).toContain("max-age=60");
  });
});
