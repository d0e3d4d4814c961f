import { describe, expect, it } from "vitest";
import { extractApiKey, hashApiKey } from "./api-key.js";

const KEY = "tg_abcdefghijklmnopqrstuvwxyz012345";

describe("extractApiKey", () => {
  it("reads a Bearer token, case-insensitively, or X-Api-Key", () => {
    expect(extractApiKey({ authorization: `Bearer ${KEY}` })).toBe(KEY);
    expect(extractApiKey({ authorization: `bearer ${KEY}` })).toBe(KEY);
    expect(extractApiKey({ "x-api-key": ` ${KEY} ` })).toBe(KEY);
  });

  it("prefers Authorization when both are sent", () => {
    expect(extractApiKey({ authorization: `Bearer ${KEY}`, "x-api-key": "tg_other_key_value_1234567" })).toBe(KEY);
  });

  it("refuses what cannot be a key", () => {
    expect(extractApiKey({})).toBeUndefined();
    expect(extractApiKey({ authorization: `Basic ${KEY}` })).toBeUndefined();
    expect(extractApiKey({ authorization: "Bearer short" })).toBeUndefined();
    expect(extractApiKey({ "x-api-key": "k".repeat(257) })).toBeUndefined();
    expect(extractApiKey({ "x-api-key": "tg_with space inside_abcdef" })).toBeUndefined();
    expect(extractApiKey({ "x-api-key": ["a", "b"] })).toBeUndefined();
  });

  it("strips only HTTP's own whitespace (space, tab), never Unicode spaces", () => {
    expect(extractApiKey({ authorization: `Bearer \t${KEY}\t ` })).toBe(KEY);
    for (const space of ["\u00a0", "\u2000", "\u3000", "\ufeff", "\u000b", "\u000c", "\r", "\n"]) {
      expect(extractApiKey({ authorization: `Bearer ${KEY}${space}` })).toBeUndefined();
      expect(extractApiKey({ authorization: `Bearer ${space}${KEY}` })).toBeUndefined();
      expect(extractApiKey({ "x-api-key": `${space}${KEY}` })).toBeUndefined();
      expect(extractApiKey({ "x-api-key": `${KEY}${space}` })).toBeUndefined();
    }
  });
});

describe("hashApiKey", () => {
  it("is the hex SHA-256 of the key", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
