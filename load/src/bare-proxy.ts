import { Agent } from "node:http";
import express from "express";
import { createProxyMiddleware } from "http-proxy-middleware";

/**
 * The benchmark's baseline: http-proxy-middleware alone, configured as the gateway configures it (same
 * keep-alive agent, same options), so that the difference measured is Tollgate's metering and nothing else.
 */
const port = Number(process.env.PORT ?? 8081);
const upstream = process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000";
const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.use(
  createProxyMiddleware({
    target: upstream,
    changeOrigin: true,
    xfwd: true,
    agent: new Agent({ keepAlive: true, maxSockets: 256 }),
    proxyTimeout: 30_000,
  }),
);
const server = app.listen(port, "127.0.0.1", () =>
  console.log(`[bare-proxy] listening on http://127.0.0.1:${port}, forwarding to ${upstream}`),
);
server.keepAliveTimeout = 65_000;
// Exit, not die, on the benchmark's kill: a profiled run (PROFILE=on) writes its profile on exit.
process.on("SIGTERM", () => process.exit(0));
