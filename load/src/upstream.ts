import { createServer, type Server } from "node:http";

/**
 * A small provider API for the demo and the benchmark: `GET /hello`, `GET /weather?city=…`, and an echo of
 * anything else, answering small JSON bodies over keep-alive connections.
 */
export function createDemoUpstream(): Server {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://upstream");
    let body: unknown;
    if (url.pathname === "/hello") body = { message: "Hello from the upstream API", account: req.headers["tollgate-account-id"] ?? null };
    else if (url.pathname === "/weather") body = { city: url.searchParams.get("city") ?? "Lisbon", forecast: "sunny", celsius: 21 };
    else body = { method: req.method, path: url.pathname };
    const payload = JSON.stringify(body);
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4000);
  createDemoUpstream().listen(port, "127.0.0.1", () => console.log(`[upstream] listening on http://127.0.0.1:${port}`));
}
