import { describe, expect, it } from "vitest";
import { bundleCrossingKey, bundleCrossings } from "./bundles.js";

describe("a bundle's thresholds", () => {
  it("are reached at or below each percentage of the units issued, and used up at none left", () => {
    expect(bundleCrossings(100, 21, [20])).toEqual([]);
    expect(bundleCrossings(100, 20, [20])).toEqual([{ kind: "bundle_below", percent: 20 }]);
    expect(bundleCrossings(100, 9, [50, 10, 10])).toEqual([
      { kind: "bundle_below", percent: 50 },
      { kind: "bundle_below", percent: 10 },
    ]);
    expect(bundleCrossings(3, 0, [])).toEqual([{ kind: "bundle_depleted" }]);
    // Exact in integers: 1 of 7 units is 14.28…%, below 15 and above 14.
    expect(bundleCrossings(7, 1, [14, 15])).toEqual([{ kind: "bundle_below", percent: 15 }]);
  });

  it("name a crossing by the bundle, the threshold and the units issued: more units arm it again", () => {
    const below = { kind: "bundle_below", percent: 20 } as const;
    expect(bundleCrossingKey({ _id: "bun_1", units: 100 }, below)).toBe(bundleCrossingKey({ _id: "bun_1", units: 100 }, below));
    expect(bundleCrossingKey({ _id: "bun_1", units: 100 }, below)).not.toBe(bundleCrossingKey({ _id: "bun_1", units: 150 }, below));
    expect(bundleCrossingKey({ _id: "bun_1", units: 100 }, below)).not.toBe(
      bundleCrossingKey({ _id: "bun_1", units: 100 }, { kind: "bundle_depleted" }),
    );
  });
});
