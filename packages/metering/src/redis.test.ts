import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectRedis, parseClusterUrl, parseUnixUrl } from "./redis.js";

describe("redis-cluster:// URLs", () => {
  it("name the seed nodes, and the credentials for every node", () => {
    expect(parseClusterUrl("redis-cluster://127.0.0.1:30001,127.0.0.1:30002")).toEqual({
      seeds: [
        { host: "127.0.0.1", port: 30001 },
        { host: "127.0.0.1", port: 30002 },
      ],
    });
    expect(parseClusterUrl("redis-cluster://:s%40cret@redis-a:6379,[::1]:6380/")).toEqual({
      seeds: [
        { host: "redis-a", port: 6379 },
        { host: "::1", port: 6380 },
      ],
      password: "s@cret",
    });
    expect(parseClusterUrl("redis-cluster://tollgate:pw@redis-a:6379")).toMatchObject({ username: "tollgate", password: "pw" });
  });

  it("refuse a node without a port", () => {
    expect(() => parseClusterUrl("redis-cluster://127.0.0.1")).toThrow(/want host:port/);
    expect(() => parseClusterUrl("redis-cluster://a:1,,b:2")).toThrow(/want host:port/);
  });
});

describe("unix:// URLs", () => {
  it("name the socket, and the password and database when given", () => {
    expect(parseUnixUrl("unix:///run/redis/redis.sock")).toEqual({ path: "/run/redis/redis.sock" });
    expect(parseUnixUrl("unix:///tmp/r%20s.sock?password=s%40cret&db=2")).toEqual({ path: "/tmp/r s.sock", password: "s@cret", db: 2 });
  });

  it("refuse a relative path or a database that is not a number", () => {
    expect(() => parseUnixUrl("unix://redis.sock")).toThrow(/absolute/);
    expect(() => parseUnixUrl("unix:///tmp/r.sock?db=x")).toThrow(/invalid db/);
  });

  it("reach a real Redis server over its Unix socket", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-unix-"));
    const socket = join(dir, "redis.sock");
    const server = spawn("redis-server", ["--port", "0", "--unixsocket", socket, "--save", "", "--appendonly", "no"]);
    try {
      // Ready when the server says so on its log (stdout), not after a guessed wait.
      await new Promise<void>((resolve, reject) => {
        let log = "";
        server.stdout.on("data", (chunk: Buffer) => {
          log += chunk.toString();
          if (/ready to accept connections/i.test(log)) resolve();
        });
        server.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
      });
      const redis = connectRedis(`unix://${socket}`);
      try {
        expect(await redis.eval("return redis.call('INCRBY', KEYS[1], ARGV[1])", 1, "n", 41)).toBe(41);
        expect(await redis.incr("n")).toBe(42);
        expect(redis.options).toMatchObject({ path: socket });
      } finally {
        redis.disconnect();
      }
    } finally {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
