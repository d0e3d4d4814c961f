import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type Express, type Response } from "express";
import { PROBLEM_CONTENT_TYPE, problem } from "@tollgate/metering";

/** The built portal and console (packages/console/dist), beside this package in the monorepo. */
const DEFAULT_DIR = fileURLToPath(new URL("../../../console/dist/", import.meta.url));

/**
 * What the pages may do: load their own scripts and styles, talk to this origin only, and never be framed
 * (but the portal by the sites PORTAL_FRAME_ANCESTORS names). No inline script; styles set through the DOM
 * (the chart's) are allowed by `style-src 'self'` as CSSOM.
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

function secure(res: Response, frameAncestors: readonly string[] = []): void {
  res.setHeader(
    "content-security-policy",
    frameAncestors.length === 0 ? PAGE_CSP : PAGE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${frameAncestors.join(" ")}`),
  );
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cross-origin-opener-policy", "same-origin");
}

/** The pages' icon: a toll gate's bar, in the pages' own colours (an SVG, so one file serves every size). */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/><rect x="6" y="7" width="4" height="19" fill="#f1faee"/><rect x="10" y="12" width="17" height="4" fill="#e9c46a"/></svg>`;

/** Serve the customer portal at /portal/ and the admin console at /console/ (one origin with the API). */
export function mountPages(
  app: Express,
  options: { portalFrameAncestors?: readonly string[] } = {},
  dir = process.env.CONSOLE_DIR ?? DEFAULT_DIR,
): void {
  // Browsers ask for /favicon.ico whatever the page says; both names answer the same SVG.
  app.get(["/favicon.ico", "/favicon.svg"], (_req, res) => {
    secure(res);
    res.setHeader("cache-control", "public, max-age=86400");
    res.type("image/svg+xml").send(FAVICON);
  });
  const built = existsSync(`${dir}/portal/index.html`);
  app.use("/assets", express.static(`${dir}/assets`, { immutable: true, maxAge: "365d", index: false, setHeaders: (res) => secure(res) }));
  for (const page of ["portal", "console"]) {
    // Express matches `/portal` and `/portal/` alike: the page's relative links need the slash.
    app.get(`/${page}`, (req, res, next) => {
      const [path, query] = req.originalUrl.split("?", 2);
      if (!path!.endsWith("/")) {
        res.redirect(308, `/${page}/${query === undefined ? "" : `?${query}`}`);
        return;
      }
      next();
    });
    // Every address under the page is one of its own (an account, an invoice, a report with its filters): a
    // reload or a deep link gets the same page, whose router shows it. A name with a dot is a file the page
    // never links to (its assets are under /assets): it falls through to the 404 as before.
    app.get([`/${page}`, `/${page}/*route`], (req, res, next) => {
      if (/\.[^/]*$/.test(req.path)) {
        next();
        return;
      }
      if (!built) {
        res
          .status(503)
          .type(PROBLEM_CONTENT_TYPE)
          .json(problem("unavailable", `The ${page} is not built (npm run build builds it).`));
        return;
      }
      // The portal may be framed by the sites the deployment names (an embedded portal); the console never.
      secure(res, page === "portal" ? (options.portalFrameAncestors ?? []) : []);
      res.setHeader("cache-control", "no-cache");
      res.sendFile(`${dir}/${page}/index.html`);
    });
  }
}
