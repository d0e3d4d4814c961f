import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawGet } from "./support/http.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

// The plan of the report: search is dear, a user is cheap, files are cheapest, everything else is refused.
const catalog = {
  products: [
    { id: "search", method: "GET", path: "/v1/search", price: { unitPrice: 1_000 } },
    { id: "user", method: "GET", path: "/v1/users/:id", price: { unitPrice: 10 } },
    { id: "files", method: "*", path: "/v1/files/*", price: { unitPrice: 5 } },
  ],
  unmatched: { action: "refuse" },
};

// [what is sent, status, charge (micros), the exact path the upstream must receive (undefined: it receives nothing)]
const table: [string, number, number, string | undefined][] = [
  ["/v1/search", 200, 1_000, "/v1/search"],
  ["/v1/files/../search", 200, 1_000, "/v1/search"],
  ["/v1/files/%2e%2e/search", 200, 1_000, "/v1/search"],
  ["/v1/files/%2E%2E/search", 200, 1_000, "/v1/search"],
  ["/v1/files/.%2e/search", 200, 1_000, "/v1/search"],
  ["/v1/users/../search", 200, 1_000, "/v1/search"],
  ["/v1/./search", 200, 1_000, "/v1/search"],
  ["//v1//search", 200, 1_000, "/v1/search"],
  ["/v1/%73earch", 200, 1_000, "/v1/search"],
  ['/v1/search?q=a|b"c', 200, 1_000, "/v1/search?q=a%7Cb%22c"],
  ["/v1/search?next=/../admin", 200, 1_000, "/v1/search?next=/../admin"],
  ["/v1/users/42", 200, 10, "/v1/users/42"],
  ["/v1/users/%34%32", 200, 10, "/v1/users/42"],
  ["/v1/users/a%2Bb", 200, 10, "/v1/users/a%2Bb"],
  ["/v1/users/a%2bb", 200, 10, "/v1/users/a%2Bb"],
  ["/v1/users/x/../42", 200, 10, "/v1/users/42"],
  ["/v1/users/http:", 200, 10, "/v1/users/http:"],
  ["/v1/files/http:/x", 200, 5, "/v1/files/http:/x"],
  ["/v1/files/a/b/c", 200, 5, "/v1/files/a/b/c"],
  ["/v1/files/a//b", 200, 5, "/v1/files/a/b"],
  ['/v1/files/a|b"<>', 200, 5, "/v1/files/a%7Cb%22%3C%3E"],
  ["/v1/files/a`b^c{d}", 200, 5, "/v1/files/a%60b%5Ec%7Bd%7D"],
  ["/v1/files/../../admin", 403, 0, undefined],
  ["/v1/files/../../hello", 403, 0, undefined],
  ["/v1/files/%2e%2e/%2e%2e/admin", 403, 0, undefined],
  ["/hello", 403, 0, undefined],
  ["/V1/SEARCH", 403, 0, undefined],
  ["/v1/search/", 403, 0, undefined],
  ["/v1/users/42/../../search/..", 403, 0, undefined],
  ["/v1/files/../../../admin", 400, 0, undefined],
  ["/..", 400, 0, undefined],
  ["/v1/users/..\\search", 400, 0, undefined],
  ["/v1/files/..\\..\\admin", 400, 0, undefined],
  ["/v1/files%2f..%2fsearch", 400, 0, undefined],
  ["/v1/files/%2F..%2Fsearch", 400, 0, undefined],
  ["/v1/files/%5c..%5csearch", 400, 0, undefined],
  ["/v1/files/a%00b", 400, 0, undefined],
  ["/v1/files/%zz", 400, 0, undefined],
  ["/v1/files/..;/search", 400, 0, undefined],
  ["http://upstream.test/v1/search", 400, 0, undefined],
];

describe("one canonical path, priced and forwarded byte for byte", () => {
  let stack: Stack;
  let s: Seeded;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    s = await stack.seedCatalog(catalog, 1_000_000);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`decides ${table.length} hostile paths: status, charge and the exact path the upstream got`, async () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
    let balance = (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
    for (const [target, status, charge, forwarded] of table) {
      const before = stack.upstream.requests.length;
      const answer = await rawGet(stack.gatewayUrl, target, { "X-Api-Key": s.key });
      const now = (await stack.admin.getBalance(s.accountId)).balances[0]!.available;
      const got = stack.upstream.requests.slice(before).map((r) => r.url);
      expect({ target, status: answer.status, charge: balance - now, forwarded: got }).toEqual({
        target,
        status,
        charge,
        forwarded: forwarded === undefined ? [] : [forwarded],
      });
      if (status === 200) expect(Number(answer.headers["tollgate-charge"])).toBe(charge);
      else expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
      if (status === 400) expect(JSON.parse(answer.body).code).toBe("invalid_path");
      balance = now;
    }
  });

  it("matches ignoring case only when the plan says so, and still forwards the caller's own spelling", async () => {
    const insensitive = await stack.seedCatalog({ ...catalog, caseInsensitivePaths: true }, 1_000_000);
    const before = stack.upstream.requests.length;
    const answer = await rawGet(stack.gatewayUrl, "/V1/Search", { "X-Api-Key": insensitive.key });
    expect(answer.status).toBe(200);
    expect(answer.headers["tollgate-charge"]).toBe("1000");
    expect(stack.upstream.requests.slice(before).map((r) => r.url)).toEqual(["/V1/Search"]);
  });
});
