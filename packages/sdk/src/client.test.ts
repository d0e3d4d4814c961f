import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TollgateClient } from "./client.js";
import { InsufficientFundsError, TollgateError } from "./errors.js";

// A real HTTP server standing in for the far end, so the transport is exercised over the wire.
let server: Server;
let baseUrl: string;
const seen: { url: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization });
    if (req.url?.startsWith("/v1/me/balance")) {
      res.writeHead(402, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "urn:tollgate:problem:insufficient_funds",
          title: "t",
          status: 402,
          code: "insufficient_funds",
          balance: 3,
        }),
      );
    } else if (req.url?.startsWith("/v1/me/usage")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items: [] }));
    } else {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("TollgateClient transport", () => {
  it("sends the token as Bearer and the page options as query", async () => {
    const client = new TollgateClient({ baseUrl, token: "tg_secret" });
    await client.listUsage({ limit: 5, cursor: "abc" });
    expect(seen.at(-1)).toEqual({ url: "/v1/me/usage?limit=5&cursor=abc", auth: "Bearer tg_secret" });
  });

  it("maps a problem to its typed error, keeping the extensions", async () => {
    const error = await new TollgateClient({ baseUrl, token: "t" }).getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect(error).toMatchObject({ status: 402, code: "insufficient_funds", problem: { balance: 3 } });
  });

  it("still throws a TollgateError when a proxy in between answers with HTML", async () => {
    const client = new TollgateClient({ baseUrl: `${baseUrl}elsewhere`, token: "t" });
    const error = await client.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TollgateError);
    expect(error).toMatchObject({ status: 502, code: "unavailable" });
  });
});
