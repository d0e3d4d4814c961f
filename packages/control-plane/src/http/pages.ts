import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type Express, type Response } from "express";
import { PROBLEM_CONTENT_TYPE, problem } from "@tollgate/metering";

/** The built portal and console (packages/console/dist), beside this package in the monorepo. */
const DEFAULT_DIR = fileURLToPath(new URL("../../../console/dist/", import.meta.url));

/**
 * What the pages may do: load their own scripts and styles, talk to this origin only, and never be framed.
 * No inline script; styles set through the DOM (the chart's) are allowed by `style-src 'self'` as CSSOM.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

function secure(res: Response): void {
  res.setHeader("content-security-policy", PAGE_CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cross-origin-opener-policy", "same-origin");
}

/** Serve the customer portal at /portal/ and the admin console at /console/ (one origin with the API). */
export function mountPages(app: Express, dir = process.env.CONSOLE_DIR ?? DEFAULT_DIR): void {
  const built = existsSync(`${dir}/portal/index.html`);
  app.use("/assets", express.static(`${dir}/assets`, { immutable: true, maxAge: "365d", index: false, setHeaders: (res) => secure(res) }));
  for (const page of ["portal", "console"]) {
    // Express matches `/portal` and `/portal/` alike: the page's relative links need the slash.
    app.get(`/${page}`, (req, res) => {
      if (!req.originalUrl.split("?")[0]!.endsWith("/")) {
        res.redirect(308, `/${page}/`);
        return;
      }
      if (!built) {
        res
          .status(503)
          .type(PROBLEM_CONTENT_TYPE)
          .json(problem("unavailable", `The ${page} is not built (npm run build builds it).`));
        return;
      }
      secure(res);
      res.setHeader("cache-control", "no-cache");
      res.sendFile(`${dir}/${page}/index.html`);
    });
  }
}
