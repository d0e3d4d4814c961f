import { describe, expect, it } from "vitest";
import { parseClusterUrl } from "./redis.js";

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
