import { Agent } from "node:http";
import express, { type Express } from "express";
import { createProxyMiddleware } from "http-proxy-middleware";
import { problem, requestLogger, type Logger, GatewayMetrics } from "@tollgate/metering";
import { createTollgate, sendProblem, type CallLog, type TollgateMiddleware, type TollgateOptions } from "./express.js";

export interface GatewayOptions extends TollgateOptions {
  /** The provider's API, e.g. `http://127.0.0.1:4000`. */
  upstream: string;
  /** Most idle keep-alive sockets kept open to the upstream. Default 256. */
  maxSockets?: number;
  /** Longest wait for the upstream's response, in ms. Default 30 000. */
  upstreamTimeoutMs?: number;
  /** One JSON line per call (pino): request id, method, path, status, duration, account, key and charge. */
  logger?: Logger;
}

export interface Gateway {
  app: Express;
  tollgate: TollgateMiddleware;
  close(): Promise<void>;
}

/**
 * The metered reverse proxy: health endpoints, then Tollgate, then http-proxy-middleware streaming to the
 * upstream over keep-alive connections. A refused call never reaches the proxy.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  // No request lines wanted (LOG_LEVEL warn and above): no per-call logging work at all.
  const logging = options.logger?.isLevelEnabled("info") === true;
  const tollgate = createTollgate({ ...options, recordCalls: logging });
  const metrics = options.metrics;
  // The upstream gets the path Tollgate priced, byte for byte: http-proxy would otherwise re-parse it
  // (url.parse, slash merging, an `http:/` → `http://` rewrite) on its way out.
  const basePath = new URL(options.upstream).pathname.replace(/\/+$/, "");
  const proxy = createProxyMiddleware({
    target: options.upstream,
    changeOrigin: true,
    xfwd: true,
    agent,
    proxyTimeout: options.upstreamTimeoutMs ?? 30_000,
    on: {
      proxyReq: (proxyReq, req) => {
        proxyReq.path = basePath + (req.url ?? "/");
      },
      ...(metrics && {
        proxyRes: (proxyRes) => metrics.upstream.inc({ class: GatewayMetrics.statusClass(proxyRes.statusCode ?? 0) }),
      }),
      error: (_error, _req, res) => {
        metrics?.upstream.inc({ class: "unavailable" });
        // `res` is a socket for upgrades; only an HTTP response that has not started can carry a problem.
        if ("setHeader" in res && !res.headersSent) {
          sendProblem(res, problem("upstream_unavailable"));
        } else {
          res.destroy();
        }
      },
    },
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.get("/_tollgate/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  if (logging)
    app.use(requestLogger(options.logger!, (_req, res) => (res as unknown as { locals: { tollgate?: CallLog } }).locals.tollgate ?? {}));
  app.use(tollgate, proxy);
  return {
    app,
    tollgate,
    close: async () => {
      await tollgate.close();
      agent.destroy();
    },
  };
}
