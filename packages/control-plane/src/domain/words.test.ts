import { describe, expect, it } from "vitest";
import { counted } from "./words.js";

describe("counted", () => {
  it("writes one, many and thousands as people do", () => {
    expect(counted(1, "call")).toBe("1 call");
    expect(counted(0, "call")).toBe("0 calls");
    expect(counted(2, "seat")).toBe("2 seats");
    expect(counted(1_000, "entry", "entries")).toBe("1,000 entries");
  });
});
