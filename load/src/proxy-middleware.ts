import { Agent } from "node:http";
import { createProxyMiddleware } from "http-proxy-middleware";

/**
 * http-proxy-middleware configured as the gateway configures it (same keep-alive agent, same options): the one
 * proxy of the benchmark's baselines (the bare proxy, the limit probe), so that what they are compared with
 * differs from the gateway by its metering and nothing else.
 */
export function baselineProxy(upstream: string) {
  return createProxyMiddleware({
    target: upstream,
    changeOrigin: true,
    xfwd: true,
    agent: new Agent({ keepAlive: true, maxSockets: 256 }),
    proxyTimeout: 30_000,
  });
}
