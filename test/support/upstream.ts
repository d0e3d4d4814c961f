import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP upstream that counts every request it receives and remembers what it was sent.
 *   /bytes/<n>   answers n bytes          /units/<n>  reports n units in `x-units`
 *   /sleep/<ms>  answers after ms         /fail       answers 503
 *   /hang        never answers            anything else: a small JSON body
 */
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
      const [, verb, arg] = (req.url ?? "").split("?")[0]!.split("/");
      const n = Number(arg);
      if (verb === "bytes") {
        res.setHeader("content-type", "application/octet-stream");
        res.end(Buffer.alloc(n, 97));
      } else if (verb === "units") {
        res.setHeader("x-units", String(arg));
        res.end("{}");
      } else if (verb === "sleep") {
        setTimeout(() => res.end("{}"), n);
      } else if (verb === "fail") {
        res.statusCode = 503;
        res.end("{}");
      } else if (verb === "hang") {
        // never answers
      } else {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true, path: req.url }));
      }
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => requests.length,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
