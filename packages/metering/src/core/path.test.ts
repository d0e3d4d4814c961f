import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalTarget, normalizeTarget } from "./path.js";

const canonical = (target: string) => {
  const c = canonicalTarget(target);
  return c.ok ? c.path + c.query : `refused: ${c.reason}`;
};

describe("canonicalTarget", () => {
  it.each([
    ["/v1/search", "/v1/search"],
    ["/", "/"],
    ["/v1/search?q=a", "/v1/search?q=a"],
    ["/v1/files/../search", "/v1/search"],
    ["/v1/files/./a/./b", "/v1/files/a/b"],
    ["/v1/files/%2e%2e/search", "/v1/search"],
    ["/v1/files/%2E%2e/search", "/v1/search"],
    ["/v1/files/.%2e/search", "/v1/search"],
    ["//v1///search", "/v1/search"],
    ["/v1/search/", "/v1/search/"],
    ["/v1/search//", "/v1/search/"],
    ["/v1/a/..", "/v1/"],
    ["/v1/a/.", "/v1/a/"],
    ["/v1/%7Euser/%41", "/v1/~user/A"],
    ["/v1/a%3ab", "/v1/a%3Ab"],
    ["/v1/a b", "/v1/a%20b"],
    ["/v1/\u00e9", "/v1/%E9"],
    ['/v1/a"<>{}|^`', "/v1/a%22%3C%3E%7B%7D%7C%5E%60"],
    ["/v1/a#frag", "/v1/a%23frag"],
    ["/v1/search?q=a b&r=\\", "/v1/search?q=a%20b&r=%5C"],
    ["/v1/search?q=%2F%2e", "/v1/search?q=%2F%2e"],
    ["/v1/a;b=1", "/v1/a;b=1"],
  ])("%s → %s", (target, expected) => {
    expect(canonical(target)).toBe(expected);
  });

  it.each([
    "/v1/files/../../../admin",
    "/..",
    "/v1/%2e%2e/%2e%2e/%2e%2e",
    "/v1/files%2f..%2fsearch",
    "/v1/files%2F..%2Fsearch",
    "/v1/users/..\\search",
    "/v1/users/%5c..",
    "/v1/a%00b",
    "/v1/a%zz",
    "/v1/a%4",
    "/v1/files/..;/search",
    "/v1/files/.;x/search",
    "/v1/search?q=%zz",
    "http://example.test/v1/search",
    "*",
    "",
  ])("refuses %s", (target) => {
    expect(canonical(target)).toMatch(/^refused: /);
  });

  it("is idempotent: the canonical form of a canonical form is itself", () => {
    const alphabet = fc.constantFrom("a", "B", "/", ".", "%", "2", "e", "F", "5", "c", ";", "?", "~", " ", "é", "%2e", "%41", "%7E", "..");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const first = canonicalTarget(`/${parts.join("")}`);
        if (!first.ok) return;
        const again = canonicalTarget(first.path + first.query);
        expect(again).toEqual(first);
        expect(first.path).not.toMatch(/\/\/|(^|\/)\.\.?(\/|$)|\\/);
      }),
      { numRuns: 2_000 },
    );
  });

  it("answers from its quick look exactly what the full walk answers", () => {
    const alphabet = fc.constantFrom(
      "a",
      "Z",
      "0",
      "/",
      "//",
      ".",
      "/.",
      "/..",
      "%",
      "%2e",
      "%41",
      "%2F",
      "?",
      "=",
      "&",
      ";",
      "~",
      "@",
      " ",
      "#",
      "\\",
      "é",
      "\u0000",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const target = `/${parts.join("")}`;
        expect(canonicalTarget(target)).toEqual(normalizeTarget(target));
      }),
      { numRuns: 5_000 },
    );
    for (const target of ["/", "/?", "/a/", "/a/b?x=1&y=/z?", "/.well-known/x", "/a/./b", "/a//b", "/a?%zz"])
      expect(canonicalTarget(target)).toEqual(normalizeTarget(target));
  });
});
