import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { expect } from "vitest";

/*
 * The browser tests' tools: Debian's Chromium, axe-core run inside a page (or a frame of it), and the layout
 * shift measured from the first paint.
 */

/** axe-core's engine, run inside the page by the DevTools protocol (the pages' CSP refuses an injected script tag). */
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_RUN = `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations
  .filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })))`;

/** The page (or one frame of it) as it is now has no serious or critical accessibility violation (axe-core's rules, WCAG 2.x A/AA and best practice). */
export async function accessible(page: Page | Frame, state: string): Promise<void> {
  if (!(await page.evaluate<boolean>("typeof axe !== 'undefined'"))) await page.evaluate(AXE);
  expect(await page.evaluate<{ id: string; nodes: string[] }[]>(AXE_RUN), `axe-core on ${state}`).toEqual([]);
}

/** Layout shifts add up from the page's first paint, in the page and in each of its frames (what Lighthouse calls CLS, without its session windows). */
export async function measureShifts(page: Page): Promise<void> {
  await page.addInitScript(
    `window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: "layout-shift", buffered: true });`,
  );
}
export const shifted = (page: Page | Frame) => page.evaluate<number>("window.__shift");

/** Debian's Chromium, as the project's scripts install it; never a downloaded browser. */
export function launch(): Promise<Browser> {
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

/** Where the browser tests' screenshots go: the run's output folder, looked at before a change is handed in. */
export const SCREENSHOTS = fileURLToPath(new URL("../../.run/screenshots/", import.meta.url));

/** An action the page asks about first: its button, then the question's own button. */
export async function confirmed(page: Page, start: string, yes: string): Promise<void> {
  await page.getByRole("button", { name: start, exact: true }).click();
  await page.getByRole("group", { name: start, exact: true }).getByRole("button", { name: yes, exact: true }).click();
}

/** No button, link or field of the page's main part lies past the screen's edge. */
export async function actionsWithin(page: Page, width: number): Promise<void> {
  const outside = await page.evaluate<string[]>(`[...document.querySelectorAll("main button, main a, main input, main select")]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > ${width} + 1 || r.left < 0); })
    .map((el) => el.textContent.trim() || el.getAttribute("aria-label") || el.outerHTML.slice(0, 60))`);
  expect(outside, "actions past the screen's edge").toEqual([]);
}

/**
 * The page as it is now, checked and photographed at desktop width (1280) and at a phone's (390): axe-core at
 * both, every action within the phone's screen, a full-page shot of each (`<name>.png`, `<name>-phone.png`).
 */
export async function atBothWidths(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await accessible(page, name);
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await actionsWithin(page, 390);
  await accessible(page, `${name} at phone width`);
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: `${SCREENSHOTS}${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
