import express from "express";
import { baselineProxy } from "./proxy-middleware.js";

/**
 * The benchmark's baseline: http-proxy-middleware alone, configured as the gateway configures it (same
 * keep-alive agent, same options), so that the difference measured is Tollgate's metering and nothing else.
 */
const port = Number(process.env.PORT ?? 8081);
const upstream = process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000";
const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.use(baselineProxy(upstream));
const server = app.listen(port, "127.0.0.1", () =>
  console.log(`[bare-proxy] listening on http://127.0.0.1:${port}, forwarding to ${upstream}`),
);
server.keepAliveTimeout = 65_000;
// Exit, not die, on the benchmark's kill: a profiled run (PROFILE=on) writes its profile on exit.
process.on("SIGTERM", () => process.exit(0));
