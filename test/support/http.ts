import { Agent, request } from "node:http";
import { connect } from "node:net";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP call over a given agent, so that tests control how many connections they open. */
export function call(
  url: string,
  options: { agent?: Agent; headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * One GET whose request line and headers go out byte for byte (latin1): no client library normalizes the
 * path or trims a header value first.
 */
export function rawGet(baseUrl: string, target: string, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("connect", () =>
      socket.write(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: test\r\n${head}Connection: close\r\n\r\n`, "latin1")),
    );
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of lines) parsed[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
      resolve({ status: Number(statusLine.split(" ")[1]), headers: parsed, body: text.slice(split + 4) });
    });
  });
}
