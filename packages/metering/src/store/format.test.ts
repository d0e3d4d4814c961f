import { describe, expect, it } from "vitest";
import { createKeyspace, decodeBundleTakes, decodeUsageEntry, fnv1a32 } from "./format.js";

/** Redis Cluster's hash tag: the part between the first `{` and the next `}`. */
const hashTag = (key: string) => key.slice(key.indexOf("{") + 1, key.indexOf("}", key.indexOf("{")));

describe("keyspace", () => {
  it("puts every key one account's scripts touch in one hash slot", () => {
    const ks = createKeyspace("tg:", 64);
    for (const accountId of ["acct_a", "acct_b", "acct_UiU4w64xg9O_4udx"]) {
      const n = ks.partitionOf(accountId);
      const keys = [ks.account(accountId), ks.usageStream(n), ks.chargeReceipt(accountId, "e1"), ks.entryReceipt(accountId, "led_1")];
      expect(new Set(keys.map(hashTag))).toEqual(new Set([`p${n}`]));
    }
  });

  it("spreads accounts over the partitions", () => {
    const ks = createKeyspace("tg:", 16);
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[ks.partitionOf(`acct_${i}`)]++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });

  it("has one stream per partition", () => {
    const ks = createKeyspace("x:", 4);
    expect(ks.usageStreams()).toEqual(["x:{p0}:usage", "x:{p1}:usage", "x:{p2}:usage", "x:{p3}:usage"]);
  });

  it("refuses prefixes that would move the hash tag, and impossible partition counts", () => {
    expect(() => createKeyspace("a{b}:", 4)).toThrow();
    expect(() => createKeyspace("", 4)).toThrow();
    expect(() => createKeyspace("tg:", 0)).toThrow();
    expect(() => createKeyspace("tg:", 1.5)).toThrow();
  });

  it("hashes with FNV-1a (stable across processes and languages)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
});

describe("a usage event's bundles", () => {
  it("decodes `bn` in order, and leaves it out when no bundle paid", () => {
    expect(decodeBundleTakes("bun_a:2 bun_b-x_:13")).toEqual([
      { bundleId: "bun_a", units: 2 },
      { bundleId: "bun_b-x_", units: 13 },
    ]);
    expect(decodeBundleTakes("")).toEqual([]);
    const fields = ["id", "e1", "a", "acct", "k", "key", "c", "USD", "amt", "0", "ts", "1"];
    expect(decodeUsageEntry([...fields, "bn", "bun_a:1"]).bundles).toEqual([{ bundleId: "bun_a", units: 1 }]);
    expect(decodeUsageEntry(fields).bundles).toBeUndefined();
  });
});
