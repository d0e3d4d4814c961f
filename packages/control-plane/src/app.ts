import express, { type ErrorRequestHandler, type Express } from "express";
import { PROBLEM_CONTENT_TYPE, problem, requestLogger, type Logger, type Problem } from "@tollgate/metering";
import type { AppContext } from "./context.js";
import { openApiDocument } from "./http/openapi.js";
import { ProblemError } from "./domain/problem-error.js";
import { mountRoute } from "./http/route.js";
import { mountPages } from "./http/pages.js";
import { routes } from "./routes/index.js";

/**
 * Above the largest body any schema admits (a catalog of 50 products, each with 20 tiers and 10 time-of-use
 * windows, is ~150 KB; a reconciliation of 1,000 account ids ~25 KB): a test builds both and sends them.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export function createApp(ctx: AppContext, options: { ready?: () => Promise<void>; logger?: Logger } = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  // One line per request: its id, method, path (never its query or headers), status, duration and who made it.
  if (options.logger !== undefined)
    app.use(requestLogger(options.logger, (_req, res) => ({ ...(res as unknown as { locals: { who?: object } }).locals.who })));
  app.set("query parser", "simple");
  app.use(
    express.json({
      limit: MAX_BODY_BYTES,
      strict: true,
      type: "application/json",
      // Webhook signatures are computed over the bytes as sent, not over re-serialised JSON.
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
  );

  const document = openApiDocument(routes);
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await options.ready?.();
      res.json({ status: "ready" });
    } catch {
      send(res, problem("unavailable", "A backing store does not answer."));
    }
  });
  // The charging routes (hot: every direct charge, batch and session request) are matched first: Express
  // tries routes in order, and they share no path with the others.
  const hotFirst = [...routes.filter((r) => r.access === "metered"), ...routes.filter((r) => r.access !== "metered")];
  for (const route of hotFirst) mountRoute(app, ctx, route);
  mountPages(app, { portalFrameAncestors: ctx.portalFrameAncestors });
  app.use((req, res) => send(res, problem("not_found", `No route ${req.method} ${req.path}.`)));
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) return res.destroy();
    if (error instanceof ProblemError) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      return send(res, error.problem);
    }
    // body-parser marks its own failures with a `type`.
    switch ((error as { type?: string }).type) {
      case "entity.parse.failed":
        return send(res, problem("bad_request", "The body is not valid JSON."));
      case "entity.too.large":
        return send(res, problem("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`));
      case "encoding.unsupported":
      case "charset.unsupported":
        return send(res, problem("unsupported_media_type", "Send UTF-8 JSON."));
    }
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) return send(res, problem("bad_request"));
    ctx.metrics.operationFailed(error);
    ctx.log("unhandled error", { method: req.method, path: req.path, error: String((error as Error)?.stack ?? error) });
    return send(res, problem("internal"));
  };
  app.use(onError);
  return app;
}

function send(res: express.Response, body: Problem): void {
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
