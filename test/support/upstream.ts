import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP upstream that counts every request it receives and remembers what it was sent. */
export interface Upstream {
  url: string;
  count(): number;
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const requests: Upstream["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => requests.length,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
