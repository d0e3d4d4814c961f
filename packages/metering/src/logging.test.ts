import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger, isoString, requestLine, requestLogger } from "./logging.js";

describe("isoString", () => {
  it("writes every millisecond as toISOString does, across seconds, days and years", () => {
    const starts = [
      Date.UTC(2026, 10, 23, 4, 59, 58, 990),
      Date.UTC(2026, 11, 31, 23, 59, 59, 0),
      Date.UTC(2028, 1, 28, 23, 59, 59, 500),
      0,
    ];
    for (const start of starts) {
      for (let ms = start; ms < start + 2_500; ms++) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
    // Out of order, as lines from timers and requests may come: the cached second is replaced, not trusted.
    for (let i = 0; i < 2_000; i++) {
      const ms = Math.floor(Math.random() * 4_102_444_800_000);
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

/** What pino itself writes for a request line, with the options createLogger gives it. */
function pinoLine(level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string): string {
  let written = "";
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      written += chunk.toString();
      done();
    },
  });
  const logger = pino({ level: "info", base: { service: "gateway" }, timestamp: () => ',"time":"T"' }, sink);
  logger[level](fields, message);
  return written;
}

const withoutTime = (line: string) => line.replace(/"time":"[^"]*"/, '"time":"T"');

describe("requestLine", () => {
  it("is the line pino writes, field for field, for every level and odd values", () => {
    const cases = [
      {
        level: "info" as const,
        path: "/hello",
        status: 200,
        extra: { accountId: "acct_1", keyId: "key_1", eventId: "e1", charge: 1 },
        aborted: false,
      },
      {
        level: "error" as const,
        path: '/we"ird/\u00e9/\\',
        status: 503,
        extra: { accountId: "acct_1", skipped: undefined, nested: { a: [1, "x"] } },
        aborted: false,
      },
      { level: "warn" as const, path: "/slow", status: 200, extra: {}, aborted: true },
    ];
    for (const c of cases) {
      const message = c.aborted ? "request aborted" : "request";
      const fields = {
        req: { id: "r-1", method: "GET", path: c.path },
        res: { status: c.status },
        responseTime: 7,
        ...c.extra,
        ...(c.aborted && { aborted: true }),
      };
      const ours = requestLine(',"service":"gateway"', c.level, "r-1", "GET", c.path, c.status, 7, c.extra, c.aborted, message);
      expect(withoutTime(ours)).toBe(pinoLine(c.level, fields, message));
      expect(ours).toMatch(/"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
    }
  });
});

describe("requestLogger", () => {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-log-"));
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One call through a server whose only middleware is the request logger, then the lines its log file holds. */
  async function logOneCall(file: string, levelOf: (fd: number) => ReturnType<typeof createLogger>): Promise<string[]> {
    const fd = openSync(join(dir, file), "w");
    const logger = levelOf(fd);
    const log = requestLogger(logger, () => ({ accountId: "acct_9", charge: 3 }));
    const server = createServer((req, res) => log(req, res, () => res.end("ok")));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve, reject) => {
      request({ port, path: "/v1/x?secret=1", headers: { "x-request-id": "req-42" } }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
        .on("error", reject)
        .end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    logger.flush();
    closeSync(fd);
    return readFileSync(join(dir, file), "utf8").trim().split("\n");
  }

  it("writes the same line through createLogger's own stream as through pino", async () => {
    const fast = await logOneCall("fast.log", (fd) => createLogger("gateway", "info", { buffered: true, destination: fd }));
    // A logger not made by createLogger takes pino's own path.
    const slow = await logOneCall("slow.log", (fd) =>
      pino(
        { level: "info", base: { service: "gateway" }, timestamp: pino.stdTimeFunctions.isoTime },
        pino.destination({ dest: fd, sync: true }),
      ),
    );
    expect(fast).toHaveLength(1);
    expect(slow).toHaveLength(1);
    const normalize = (line: string) => withoutTime(line).replace(/"responseTime":\d+/, '"responseTime":0');
    expect(normalize(fast[0]!)).toBe(normalize(slow[0]!));
    expect(JSON.parse(fast[0]!)).toMatchObject({
      level: 30,
      service: "gateway",
      req: { id: "req-42", method: "GET", path: "/v1/x" },
      res: { status: 200 },
      accountId: "acct_9",
      charge: 3,
      msg: "request",
    });
    expect(fast[0]).not.toContain("secret");
  });

  it("writes nothing below the logger's level", async () => {
    const lines = await logOneCall("warn.log", (fd) => createLogger("gateway", "warn", { destination: fd }));
    expect(lines).toEqual([""]);
  });

  it("writes out what a buffered logger holds when the process exits", () => {
    // The built module, in a process of its own that exits at once: no timer has flushed the line yet.
    const module = new URL("../dist/logging.js", import.meta.url).href;
    const script = `const { createLogger } = await import(${JSON.stringify(module)});
      const logger = createLogger("gateway", "info", { buffered: true });
      logger.info({ n: 1 }, "last words");
      process.exit(0);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(out.trim())).toMatchObject({ level: 30, service: "gateway", n: 1, msg: "last words" });
  });
});
