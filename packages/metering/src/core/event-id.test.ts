import { describe, expect, it } from "vitest";
import { createEventIdGenerator } from "./event-id.js";

describe("usage event ids", () => {
  it("are unique and sort in issue order within a process, across counter digit boundaries", () => {
    const next = createEventIdGenerator();
    const ids = Array.from({ length: 50_000 }, next);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^[0-9a-z]{9}[A-Za-z0-9_-]{10}[0-9a-z]{6}$/.test(id))).toBe(true);
  });

  it("differ between processes (generators) created in the same millisecond", () => {
    const a = createEventIdGenerator();
    const b = createEventIdGenerator();
    expect(a()).not.toBe(b());
  });
});
