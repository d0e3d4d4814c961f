import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@tollgate/control-plane";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { snapshot } from "./support/snapshot.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

describe("bad input gets a 4xx problem and changes nothing", () => {
  let stack: Stack;
  let s: Seeded;
  /** A pack the account's wallet cannot pay for, and one of a product its plan lacks. */
  const packs = { dear: "", foreign: "" };
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    s = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
    const pack = (productId: string, amount: number) =>
      stack.admin.createBundlePack({ name: "hostile", productId, units: 5, validity: { days: 1 }, prices: [{ currency: "USD", amount }] });
    packs.dear = (await pack("default", 10_001)).id;
    packs.foreign = (await pack("search", 1)).id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const json = { ...admin, "content-type": "application/json" };
  const credit = (idem = "hostile") => ({ ...json, "idempotency-key": idem });
  const big = "x".repeat(MAX_BODY_BYTES + 1);

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const forgedCursors = [
    [9007199254740991, "x"],
    [-1, "x"],
    [8640000000000001, "x"],
    [0, "x"],
    [1.5, "x"],
    ["2026-01-01", "x"],
    [1, { $gt: "" }],
  ].map(forged);
  const own = (): Headers => ({ "x-api-key": s.key });
  const keyCharge = (idem: string) => (): Headers => ({ ...own(), "content-type": "application/json", "idempotency-key": idem });

  type Headers = Record<string, string>;
  type Case = [
    name: string,
    method: "post" | "get" | "put" | "delete",
    path: () => string,
    headers: Headers | (() => Headers),
    body?: string | (() => string),
  ];
  const cases: Case[] = [
    ["price as a string", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":"1000"}'],
    ["negative price", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":-5}'],
    ["fractional price", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1.5}'],
    ["huge price", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1e300}'],
    ["unsafe integer price", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":9007199254740993}'],
    ["operator injection in a string field", "post", () => "/v1/plans", json, '{"name":{"$gt":""},"currency":"USD","pricePerCall":1}'],
    ["lower-case currency", "post", () => "/v1/plans", json, '{"name":"p","currency":"usd","pricePerCall":1}'],
    ["unknown field", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1,"admin":true}'],
    ["prototype pollution", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1,"__proto__":{"admin":true}}'],
    ["missing fields", "post", () => "/v1/plans", json, '{"name":"p"}'],
    ["an array body", "post", () => "/v1/plans", json, "[1,2,3]"],
    ["a JSON string body", "post", () => "/v1/plans", json, '"plan"'],
    ["malformed JSON", "post", () => "/v1/plans", json, '{"name":"p",'],
    ["not JSON at all", "post", () => "/v1/plans", { ...admin, "content-type": "text/plain" }, "name=p"],
    ["oversized body", "post", () => "/v1/plans", json, `{"name":"${big}","currency":"USD","pricePerCall":1}`],
    ["over-long name", "post", () => "/v1/plans", json, `{"name":"${"n".repeat(300)}","currency":"USD","pricePerCall":1}`],
    ["unknown metering mode", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1,"metering":"free"}'],
    ["metering as an object", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","pricePerCall":1,"metering":{"$ne":"exact"}}'],
    ["operator injection as plan id", "post", () => "/v1/accounts", json, '{"name":"a","planId":{"$ne":null}}'],
    ["unknown plan", "post", () => "/v1/accounts", json, '{"name":"a","planId":"plan_AAAAAAAAAAAAAAAA"}'],
    ["negative credit", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":-100}'],
    ["zero credit", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":0}'],
    ["fractional credit", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":0.5}'],
    ["huge credit", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":1e16}'],
    ["credit as a string", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":"100"}'],
    ["credit with an operator", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":{"$gt":0}}'],
    ["credit with an unknown field", "post", () => `/v1/wallets/${s.walletId}/credits`, credit(), '{"amount":100,"walletId":"other"}'],
    ["credit without an idempotency key", "post", () => `/v1/wallets/${s.walletId}/credits`, json, '{"amount":100}'],
    ["over-long idempotency key", "post", () => `/v1/wallets/${s.walletId}/credits`, credit("k".repeat(300)), '{"amount":100}'],
    ["credit to an unknown wallet", "post", () => "/v1/wallets/wal_AAAAAAAAAAAAAAAA/credits", credit(), '{"amount":100}'],
    [
      "operator injection in a path id",
      "post",
      () => `/v1/wallets/${encodeURIComponent('{"$ne":null}')}/credits`,
      credit(),
      '{"amount":100}',
    ],
    ["limit not a number", "get", () => `/v1/accounts/${s.accountId}/usage?limit=abc`, admin],
    ["limit out of range", "get", () => `/v1/accounts/${s.accountId}/usage?limit=100000`, admin],
    ["limit as an operator", "get", () => `/v1/accounts/${s.accountId}/usage?limit[$gt]=1`, admin],
    ["repeated limit", "get", () => `/v1/accounts/${s.accountId}/usage?limit=1&limit=2`, admin],
    ["forged cursor", "get", () => `/v1/accounts/${s.accountId}/usage?cursor=bm90LWEtY3Vyc29y`, admin],
    ["unknown query parameter", "get", () => `/v1/accounts/${s.accountId}/usage?accountId=other`, admin],
    ["revoking a key of another account", "delete", () => `/v1/accounts/acct_AAAAAAAAAAAAAAAA/keys/${s.keyId}`, admin],
    ["unknown route", "get", () => "/v1/nothing-here", admin],
    ["report range backwards", "get", () => "/v1/reports/usage?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z", admin],
    ["report zone unknown", "get", () => "/v1/reports/financial?timeZone=Mars%2FOlympus", admin],
    ["report table unknown", "get", () => "/v1/reports/recharges?format=csv&table=passwords", admin],
    ["journal on a day that does not exist", "get", () => "/v1/reports/journal?from=2026-02-30", admin],
    ["journal day as an instant", "get", () => "/v1/reports/journal?from=2026-03-01T00:00:00Z", admin],
    ["journal without a day", "get", () => "/v1/reports/journal", admin],
    ["journal range backwards", "get", () => "/v1/reports/journal?from=2026-03-10&to=2026-03-01", admin],
    ["journal range too long", "get", () => "/v1/reports/journal?from=2024-01-01&to=2026-01-01", admin],
    ["journal in an unknown currency", "get", () => "/v1/reports/journal?from=2026-03-01&currency=ZZZ", admin],
    ["journal currency as an operator", "get", () => "/v1/reports/journal?from=2026-03-01&currency[$ne]=USD", admin],
    ["chart with a code of spaces", "put", () => "/v1/books/chart", json, '{"accounts":{"cash":{"code":"10 00","name":"Cash"}}}'],
    [
      "chart with an over-long code",
      "put",
      () => "/v1/books/chart",
      json,
      `{"accounts":{"cash":{"code":"${"1".repeat(33)}","name":"Cash"}}}`,
    ],
    [
      "chart with a formula as a name",
      "put",
      () => "/v1/books/chart",
      json,
      '{"accounts":{"cash":{"code":"1000","name":"=HYPERLINK(1)"}}}',
    ],
    ["chart with an empty name", "put", () => "/v1/books/chart", json, '{"accounts":{"cash":{"code":"1000","name":"  "}}}'],
    ["chart with an unknown role", "put", () => "/v1/books/chart", json, '{"accounts":{"bank":{"code":"1000","name":"Bank"}}}'],
    ["chart with a code as a number", "put", () => "/v1/books/chart", json, '{"accounts":{"cash":{"code":1000,"name":"Cash"}}}'],
    [
      "chart naming a product twice",
      "put",
      () => "/v1/books/chart",
      json,
      '{"accounts":{},"products":[{"productId":"a","code":"1","name":"A"},{"productId":"a","code":"2","name":"B"}]}',
    ],
    ["a webhook endpoint on ftp", "post", () => "/v1/webhook-endpoints", json, '{"url":"ftp://hooks.example/x","events":["invoice.paid"]}'],
    ["a webhook endpoint that is not a URL", "post", () => "/v1/webhook-endpoints", json, '{"url":"not a url","events":["invoice.paid"]}'],
    [
      "a webhook endpoint with a password in its URL",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":"https://user:secret@hooks.example/x","events":["invoice.paid"]}',
    ],
    [
      "a webhook endpoint of an over-long URL",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      () => JSON.stringify({ url: `https://hooks.example/${"x".repeat(2_048)}`, events: ["invoice.paid"] }),
    ],
    [
      "a webhook endpoint for an unknown event",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":"https://hooks.example/x","events":["invoice.deleted"]}',
    ],
    ["a webhook endpoint for no event", "post", () => "/v1/webhook-endpoints", json, '{"url":"https://hooks.example/x","events":[]}'],
    [
      "a webhook endpoint's events as a string",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":"https://hooks.example/x","events":"invoice.paid"}',
    ],
    [
      "a webhook endpoint with its own secret",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":"https://hooks.example/x","events":["invoice.paid"],"secret":"whsec_chosen"}',
    ],
    [
      "a webhook endpoint with a blank description",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":"https://hooks.example/x","events":["invoice.paid"],"description":"   "}',
    ],
    [
      "a webhook endpoint URL as an operator",
      "post",
      () => "/v1/webhook-endpoints",
      json,
      '{"url":{"$ne":null},"events":["invoice.paid"]}',
    ],
    [
      "updating an unknown webhook endpoint",
      "put",
      () => "/v1/webhook-endpoints/wep_AAAAAAAAAAAAAAAA",
      json,
      '{"url":"https://hooks.example/x","events":["invoice.paid"]}',
    ],
    ["removing an unknown webhook endpoint", "delete", () => "/v1/webhook-endpoints/wep_AAAAAAAAAAAAAAAA", admin],
    ["the deliveries of an unknown webhook endpoint", "get", () => "/v1/webhook-endpoints/wep_AAAAAAAAAAAAAAAA/deliveries", admin],
    ["a webhook endpoint id as an operator", "get", () => `/v1/webhook-endpoints/${encodeURIComponent('{"$ne":null}')}`, admin],
    [
      "webhook deliveries by the hundred thousand",
      "get",
      () => "/v1/webhook-endpoints/wep_AAAAAAAAAAAAAAAA/deliveries?limit=100000",
      admin,
    ],
    ["an erasure without confirmation", "post", () => `/v1/accounts/${s.accountId}/privacy/erasure`, json, "{}"],
    [
      "an erasure confirming another account",
      "post",
      () => `/v1/accounts/${s.accountId}/privacy/erasure`,
      json,
      '{"confirm":"acct_AAAAAAAAAAAAAAAA"}',
    ],
    ["an erasure confirmed by an operator", "post", () => `/v1/accounts/${s.accountId}/privacy/erasure`, json, '{"confirm":{"$ne":null}}'],
    [
      "an erasure of an unknown account",
      "post",
      () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/privacy/erasure",
      json,
      '{"confirm":"acct_AAAAAAAAAAAAAAAA"}',
    ],
    ["an erasure by the account's own key", "post", () => `/v1/accounts/${s.accountId}/privacy/erasure`, own, "{}"],
    ["an export of an unknown account", "post", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/privacy/exports", json, "{}"],
    ["an export with options", "post", () => `/v1/accounts/${s.accountId}/privacy/exports`, json, '{"format":"xml"}'],
    [
      "the download of an unknown export",
      "post",
      () => `/v1/accounts/${s.accountId}/privacy/exports/exp_AAAAAAAAAAAAAAAA/download`,
      json,
      "{}",
    ],
    [
      "an export id as an operator",
      "post",
      () => `/v1/accounts/${s.accountId}/privacy/exports/${encodeURIComponent('{"$ne":null}')}/download`,
      json,
      "{}",
    ],
    ["the privacy of an unknown account", "get", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/privacy", admin],
    [
      "anomaly policy factor too small",
      "put",
      () => `/v1/plans/${s.planId}/anomaly-policy`,
      json,
      '{"factor":1,"minCalls":5,"mitigation":"none"}',
    ],
    [
      "anomaly policy unknown mitigation",
      "put",
      () => `/v1/plans/${s.planId}/anomaly-policy`,
      json,
      '{"factor":5,"minCalls":5,"mitigation":"delete_account"}',
    ],
    ["clearing an unknown anomaly", "post", () => "/v1/anomalies/acct_AAAAAAAAAAAAAAAA%7CUSD%7Cx/clear", json, '{"reason":"x"}'],
    ["suspending without a reason", "post", () => `/v1/accounts/${s.accountId}/suspend`, json, '{"reason":"   "}'],
    ["account search as an operator", "get", () => "/v1/accounts?query[$ne]=x", admin],
    ["portal link for an unknown account", "post", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/portal-sessions", json, "{}"],
    ["portal link living a day", "post", () => `/v1/accounts/${s.accountId}/portal-sessions`, json, '{"ttlSeconds":86400}'],
    [
      "portal sign-in with both secrets",
      "post",
      () => "/v1/portal/session",
      { "content-type": "application/json" },
      '{"login":"a","apiKey":"b"}',
    ],
    [
      "portal sign-in with a forged link",
      "post",
      () => "/v1/portal/session",
      { "content-type": "application/json" },
      '{"login":"tgps_forged"}',
    ],
    [
      "console sign-in with a wrong token",
      "post",
      () => "/v1/console/session",
      { "content-type": "application/json" },
      '{"token":"not-the-admin-token-000000"}',
    ],
    ["rollup rebuild with a body", "post", () => "/v1/admin/rollups/rebuild", json, '{"force":true}'],
    [
      "tiers out of order",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","unmatched":{"action":"price","price":{"tiers":[{"upTo":10,"unitPrice":1},{"upTo":5,"unitPrice":1},{"upTo":null,"unitPrice":1}]}}}',
    ],
    [
      "an open tier before the last",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","unmatched":{"action":"price","price":{"tiers":[{"upTo":null,"unitPrice":1},{"upTo":5,"unitPrice":1}]}}}',
    ],
    [
      "response price without a maximum",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","unmatched":{"action":"price","price":{"metric":"response_bytes","unitPrice":1}}}',
    ],
    [
      "units price without its header",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","unmatched":{"action":"price","price":{"metric":"units","unitPrice":1,"maximum":9}}}',
    ],
    ["unknown time zone", "post", () => "/v1/plans", json, '{"name":"p","currency":"USD","timeZone":"Mars/Olympus","pricePerCall":1}'],
    [
      "both pricePerCall and unmatched",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","pricePerCall":1,"unmatched":{"action":"free"}}',
    ],
    [
      "a quota naming no product",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","pricePerCall":1,"quotas":[{"id":"q","metric":"calls","productId":"nope","period":"day","limit":1,"enforcement":"hard"}]}',
    ],
    [
      "a path pattern with a regex",
      "post",
      () => "/v1/plans",
      json,
      '{"name":"p","currency":"USD","pricePerCall":1,"products":[{"id":"x","path":"/v1/(.*)","price":{"unitPrice":1}}]}',
    ],
    [
      "a prepaid account with a credit limit",
      "post",
      () => "/v1/accounts",
      json,
      `{"name":"a","planId":"${"plan_AAAAAAAAAAAAAAAA"}","billingMode":"prepaid","creditLimit":5}`,
    ],
    ["a zero adjustment", "post", () => `/v1/wallets/${s.walletId}/adjustments`, credit("adj"), '{"amount":0,"reason":"x"}'],
    ["an adjustment without a reason", "post", () => `/v1/wallets/${s.walletId}/adjustments`, credit("adj"), '{"amount":-5}'],
    [
      "a grant already expired",
      "post",
      () => `/v1/wallets/${s.walletId}/grants`,
      credit("g"),
      '{"kind":"promotional","amount":5,"expiresAt":"2001-01-01T00:00:00Z"}',
    ],
    [
      "a grant of an unknown kind",
      "post",
      () => `/v1/wallets/${s.walletId}/grants`,
      credit("g"),
      '{"kind":"free money","amount":5,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    [
      "a bundle already expired",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      credit("b"),
      '{"productId":"default","units":5,"expiresAt":"2001-01-01T00:00:00Z"}',
    ],
    ...["0", "-5", "1.5", "1e300", '"5"'].map((units): Case => [
      `a bundle of ${units} units`,
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      credit("b"),
      `{"productId":"default","units":${units},"expiresAt":"2099-01-01T00:00:00Z"}`,
    ]),
    [
      "a bundle with an unknown overage",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      credit("b"),
      '{"productId":"default","units":5,"expiresAt":"2099-01-01T00:00:00Z","overage":"maybe"}',
    ],
    [
      "a bundle of a product the plan lacks",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      credit("b"),
      '{"productId":"search;x,1","units":5,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    [
      "a bundle whose product is an operator",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      credit("b"),
      '{"productId":{"$gt":""},"units":5,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    [
      "a bundle without an Idempotency-Key",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      json,
      '{"productId":"default","units":5,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    [
      "a bundle issued with the account's own key",
      "post",
      () => `/v1/accounts/${s.accountId}/bundles`,
      keyCharge("b"),
      '{"productId":"default","units":5,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    ["an unknown bundle revoked", "delete", () => `/v1/accounts/${s.accountId}/bundles/bun_AAAAAAAAAAAAAAAA`, admin],
    ["a line with no name", "post", () => `/v1/accounts/${s.accountId}/lines`, json, "{}"],
    ...["0", "-5", "1.5", "1e300", '"5"', '{"$gt":0}'].map((limit): Case => [
      `a line with a limit of ${limit}`,
      "post",
      () => `/v1/accounts/${s.accountId}/lines`,
      json,
      `{"name":"line","limit":${limit}}`,
    ]),
    [
      "a line on an unknown plan",
      "post",
      () => `/v1/accounts/${s.accountId}/lines`,
      json,
      '{"name":"line","planId":"plan_AAAAAAAAAAAAAAAA"}',
    ],
    ["a line with an unknown field", "post", () => `/v1/accounts/${s.accountId}/lines`, json, '{"name":"line","wallet":true}'],
    ["a line created with the payer's own key", "post", () => `/v1/accounts/${s.accountId}/lines`, keyCharge("l"), '{"name":"line"}'],
    [
      "an account made its own line",
      "post",
      () => `/v1/accounts/${s.accountId}/lines/attach`,
      json,
      () => `{"accountId":"${s.accountId}"}`,
    ],
    [
      "an unknown account made a line",
      "post",
      () => `/v1/accounts/${s.accountId}/lines/attach`,
      json,
      '{"accountId":"acct_AAAAAAAAAAAAAAAA"}',
    ],
    [
      "a line's limit for an account that is not a line",
      "put",
      () => `/v1/accounts/${s.accountId}/lines/${s.accountId}`,
      json,
      '{"limit":5}',
    ],
    ["a line's limit as a string", "put", () => `/v1/accounts/${s.accountId}/lines/${s.accountId}`, json, '{"limit":"5"}'],
    ["an unknown line taken out", "delete", () => `/v1/accounts/${s.accountId}/lines/acct_AAAAAAAAAAAAAAAA`, admin],
    ["the line of an account that is not one", "get", () => `/v1/accounts/${s.accountId}/line`, admin],
    ...[
      ["a pack of no units", '"units":0'],
      ["a pack of fractional units", '"units":1.5'],
      ["a pack of units as a string", '"units":"5"'],
      ["a pack whose product is an operator", '"productId":{"$gt":""}'],
      ["a pack with an unknown overage", '"overage":"maybe"'],
      ["a pack with a negative priority", '"priority":-1'],
      ["a pack valid for no days", '"validity":{"days":0}'],
      ["a pack valid for days and until a date", '"validity":{"days":1,"until":"2099-01-01T00:00:00Z"}'],
      ["a pack valid until a past date", '"validity":{"until":"2001-01-01T00:00:00Z"}'],
      ["a pack with no price", '"prices":[]'],
      ["a pack with a negative price", '"prices":[{"currency":"USD","amount":-1}]'],
      ["a pack with a fractional price", '"prices":[{"currency":"USD","amount":0.5}]'],
      ["a pack with a lower-case currency", '"prices":[{"currency":"usd","amount":1}]'],
      ["a pack with two prices in one currency", '"prices":[{"currency":"USD","amount":1},{"currency":"USD","amount":2}]'],
      ["a pack with an unknown field", '"free":true'],
    ].map(([name, field]): Case => {
      const fields = {
        name: '"p"',
        productId: '"default"',
        units: "5",
        validity: '{"days":30}',
        prices: '[{"currency":"USD","amount":1}]',
      };
      const [key] = field!.split(":");
      const all = { ...fields, [JSON.parse(key!) as string]: field!.slice(key!.length + 1) };
      return [
        name!,
        "post",
        () => "/v1/bundle-packs",
        json,
        `{${Object.entries(all)
          .map(([k, v]) => `"${k}":${v}`)
          .join(",")}}`,
      ];
    }),
    [
      "a pack created by the account's own key",
      "post",
      () => "/v1/bundle-packs",
      own,
      '{"name":"p","productId":"default","units":5,"validity":{"days":1},"prices":[{"currency":"USD","amount":1}]}',
    ],
    ["an unknown pack archived", "delete", () => "/v1/bundle-packs/bpk_AAAAAAAAAAAAAAAA", admin],
    ["packs of an unknown status", "get", () => "/v1/bundle-packs?status=gone", admin],
    [
      "a pack bought without an Idempotency-Key",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      json,
      () => `{"packId":"${packs.dear}"}`,
    ],
    [
      "an unknown pack bought",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-1"),
      '{"packId":"bpk_AAAAAAAAAAAAAAAA"}',
    ],
    [
      "a pack bought by an operator",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-2"),
      '{"packId":{"$ne":null}}',
    ],
    [
      "a pack the wallet cannot pay for",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-3"),
      () => `{"packId":"${packs.dear}"}`,
    ],
    [
      "a pack of a product the plan lacks",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-4"),
      () => `{"packId":"${packs.foreign}"}`,
    ],
    [
      "a pack paid in an unknown way",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-5"),
      () => `{"packId":"${packs.dear}","payment":"gold"}`,
    ],
    [
      "a pack by card with no provider",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-6"),
      () => `{"packId":"${packs.dear}","payment":"card"}`,
    ],
    [
      "a pack from the wallet with a card",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-7"),
      () => `{"packId":"${packs.dear}","paymentMethod":"pm_card_visa"}`,
    ],
    [
      "a pack by card returning to another site",
      "post",
      () => `/v1/accounts/${s.accountId}/pack-purchases`,
      keyCharge("pk-8"),
      () => `{"packId":"${packs.dear}","payment":"card","provider":"stripe","returnUrl":"https://evil.example/"}`,
    ],
    [
      "a pack bought for an unknown account",
      "post",
      () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/pack-purchases",
      credit("pk-9"),
      () => `{"packId":"${packs.dear}"}`,
    ],
    ["a bundle reconciliation of operators", "post", () => "/v1/admin/bundle-reconciliation", json, '{"accountIds":[{"$ne":null}]}'],
    [
      "a voucher batch with an amount and a pack",
      "post",
      () => "/v1/voucher-batches",
      json,
      () => `{"amount":5,"packId":"${packs.dear}","currency":"USD","count":1,"expiresAt":"2099-01-01T00:00:00Z"}`,
    ],
    [
      "a voucher batch of an unknown pack",
      "post",
      () => "/v1/voucher-batches",
      json,
      '{"packId":"bpk_AAAAAAAAAAAAAAAA","currency":"USD","count":1,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    [
      "a voucher batch of a pack in a currency it has no price in",
      "post",
      () => "/v1/voucher-batches",
      json,
      () => `{"packId":"${packs.dear}","currency":"EUR","count":1,"expiresAt":"2099-01-01T00:00:00Z"}`,
    ],
    [
      "an empty voucher batch",
      "post",
      () => "/v1/voucher-batches",
      json,
      '{"amount":5,"currency":"USD","count":0,"expiresAt":"2099-01-01T00:00:00Z"}',
    ],
    ["a voucher code that is an object", "post", () => `/v1/accounts/${s.accountId}/vouchers`, json, '{"code":{"$ne":null}}'],
    [
      "a recharge in fractions of a micro",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("r"),
      '{"amount":10.5,"provider":"stripe"}',
    ],
    [
      "a recharge through an unknown provider",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("r"),
      '{"amount":10000,"provider":"paypal"}',
    ],
    [
      "an auto-recharge target below its threshold",
      "put",
      () => `/v1/wallets/${s.walletId}/auto-recharge`,
      json,
      '{"threshold":5000,"mode":"target","amount":100,"dailyLimit":1,"provider":"stripe","paymentMethod":"pm_card_visa"}',
    ],
    [
      "an auto-recharge naming both a card and a recharge",
      "put",
      () => `/v1/wallets/${s.walletId}/auto-recharge`,
      json,
      '{"threshold":5000,"mode":"fixed","amount":100000,"dailyLimit":1,"provider":"stripe","paymentMethod":"pm_card_visa","fromRecharge":"rch_AAAAAAAAAAAAAAAA"}',
    ],
    [
      "an auto-recharge naming no card",
      "put",
      () => `/v1/wallets/${s.walletId}/auto-recharge`,
      json,
      '{"threshold":5000,"mode":"fixed","amount":100000,"dailyLimit":1,"provider":"stripe"}',
    ],
    [
      "an auto-recharge with a recharge that kept no card",
      "put",
      () => `/v1/wallets/${s.walletId}/auto-recharge`,
      json,
      '{"threshold":5000,"mode":"fixed","amount":100000,"dailyLimit":1,"provider":"stripe","fromRecharge":"rch_AAAAAAAAAAAAAAAA"}',
    ],
    ["turning off auto-recharge of an unknown wallet", "delete", () => "/v1/wallets/wal_AAAAAAAAAAAAAAAA/auto-recharge", admin],
    [
      "a checkout returning to a javascript: address",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-1"),
      '{"amount":10000,"provider":"stripe","returnUrl":"javascript:alert(1)"}',
    ],
    [
      "a checkout with a saved card too",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-2"),
      '{"amount":10000,"provider":"stripe","returnUrl":"https://example.com/","paymentMethod":"pm_card_visa"}',
    ],
    [
      "keeping a card without a checkout",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-3"),
      '{"amount":10000,"provider":"stripe","paymentMethod":"pm_card_visa","saveCard":true}',
    ],
    [
      "a top-up with a kept card and a checkout too",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-4"),
      '{"amount":10000,"provider":"stripe","fromRecharge":"rch_AAAAAAAAAAAAAAAA","returnUrl":"https://example.com/"}',
    ],
    [
      "a top-up with a kept card no top-up kept",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-5"),
      '{"amount":10000,"provider":"stripe","fromRecharge":"rch_AAAAAAAAAAAAAAAA"}',
    ],
    [
      "a top-up naming its kept card by something not an id",
      "post",
      () => `/v1/accounts/${s.accountId}/recharges`,
      credit("co-6"),
      '{"amount":10000,"provider":"stripe","fromRecharge":"../../x"}',
    ],
    [
      "a key with a zero spending cap",
      "post",
      () => `/v1/accounts/${s.accountId}/keys`,
      json,
      '{"name":"k","spendCap":{"amount":0,"period":"day"}}',
    ],
    ["limits of an unknown account", "get", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/limits", admin],
    ["notification settings of an unknown account", "get", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/notification-settings", admin],
    ["a statement for month 13", "get", () => `/v1/accounts/${s.accountId}/statements/2026-13`, admin],
    ["an unsigned payment webhook", "post", () => "/v1/webhooks/stripe", json, '{"id":"evt_1","type":"payment_intent.succeeded"}'],
    ["a billing period that is not a date", "post", () => `/v1/accounts/${s.accountId}/invoices`, json, '{"periodStart":"last month"}'],
    [
      "a weekly cycle anchored on day 9",
      "put",
      () => `/v1/accounts/${s.accountId}/billing`,
      json,
      '{"billingMode":"postpaid","creditLimit":5,"billingCycle":{"interval":"week","anchorDay":9}}',
    ],
    ["a credit note of nothing", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/credit-notes", credit("cn"), '{"amount":0,"reason":"x"}'],
    ["paying an unknown invoice", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay", json, "{}"],
    ["a negative payment", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay", credit("pay-1"), '{"amount":-10000}'],
    ["a fractional payment", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay", credit("pay-2"), '{"amount":0.5}'],
    ["a payment as a string", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay", credit("pay-3"), '{"amount":"10000"}'],
    [
      "a payment with an unknown field",
      "post",
      () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay",
      credit("pay-4"),
      '{"amount":10000,"status":"paid"}',
    ],
    ["a payment with a malformed key", "post", () => "/v1/invoices/inv_AAAAAAAAAAAAAAAA/pay", credit("k".repeat(300)), '{"amount":10000}'],
    [
      "notification settings with a bad email",
      "put",
      () => `/v1/accounts/${s.accountId}/notification-settings`,
      json,
      '{"emails":["not an address"]}',
    ],
    ["a wallet in a lower-case currency", "post", () => `/v1/accounts/${s.accountId}/wallets`, json, '{"currency":"eur"}'],
    ["a second wallet in the same currency", "post", () => `/v1/accounts/${s.accountId}/wallets`, json, '{"currency":"USD"}'],
    [
      "a catalog replacement with an unknown field",
      "put",
      () => `/v1/plans/${s.planId}/catalog`,
      json,
      '{"pricePerCall":1,"currency":"EUR"}',
    ],
    ["reconciling with ids that are operators", "post", () => "/v1/admin/reconciliation", json, '{"accountIds":[{"$ne":null}]}'],
    ["refunding an unknown recharge", "post", () => "/v1/recharges/rch_AAAAAAAAAAAAAAAA/refund", json, "{}"],
    [
      "a webhook that is not http",
      "put",
      () => `/v1/accounts/${s.accountId}/notification-settings`,
      json,
      '{"webhooks":["file:///etc/passwd"]}',
    ],
    [
      "a bundle percentage of all its units (a bundle is told below it, and at none left)",
      "put",
      () => `/v1/accounts/${s.accountId}/notification-settings`,
      json,
      '{"bundlePercents":[100]}',
    ],
    [
      "a bundle percentage as a string",
      "put",
      () => `/v1/accounts/${s.accountId}/notification-settings`,
      json,
      '{"bundlePercents":["20"]}',
    ],
    [
      "a user with an unknown role",
      "post",
      () => "/v1/users",
      json,
      '{"email":"a@b.example","name":"A","role":"root","password":"a long password here"}',
    ],
    [
      "a user with an operator for an email",
      "post",
      () => "/v1/users",
      json,
      '{"email":{"$gt":""},"name":"A","role":"viewer","password":"a long password here"}',
    ],
    [
      "a user with a short password",
      "post",
      () => "/v1/users",
      json,
      '{"email":"a@b.example","name":"A","role":"viewer","password":"short"}',
    ],
    [
      "a user with a password hash of its own",
      "post",
      () => "/v1/users",
      json,
      '{"email":"a@b.example","name":"A","role":"viewer","password":"a long password here","passwordHash":"x"}',
    ],
    ["a user change that changes nothing", "put", () => "/v1/users/usr_AAAAAAAAAAAAAAAA", json, "{}"],
    [
      "a token that expires in the past",
      "post",
      () => "/v1/users/usr_AAAAAAAAAAAAAAAA/tokens",
      json,
      '{"name":"t","expiresAt":"yesterday"}',
    ],
    ["a token with an unknown role", "post", () => "/v1/tokens", json, '{"name":"t","role":"root"}'],
    [
      "a sign-in with an operator for a password",
      "post",
      () => "/v1/console/session",
      json,
      '{"email":"a@b.example","password":{"$ne":""}}',
    ],
    [
      "a sign-in with both a token and a password",
      "post",
      () => "/v1/console/session",
      json,
      '{"token":"x","email":"a@b.example","password":"p"}',
    ],
    ["a recurring fee with an unknown period", "put", () => `/v1/plans/${s.planId}/recurring`, json, '{"interval":"day","fee":1}'],
    [
      "a recurring fee above one movement",
      "put",
      () => `/v1/plans/${s.planId}/recurring`,
      json,
      '{"interval":"month","fee":600000000000000}',
    ],
    [
      "a seat price above the bound",
      "put",
      () => `/v1/plans/${s.planId}/recurring`,
      json,
      '{"interval":"month","fee":1,"seatPrice":5000000001}',
    ],
    ["a negative recurring fee", "put", () => `/v1/plans/${s.planId}/recurring`, json, '{"interval":"month","fee":-1}'],
    ["a fractional seat price", "put", () => `/v1/plans/${s.planId}/recurring`, json, '{"interval":"month","fee":1,"seatPrice":0.5}'],
    ["a grace period of a year", "put", () => `/v1/plans/${s.planId}/recurring`, json, '{"interval":"month","fee":1,"graceHours":8760}'],
    ["a recurring fee for an unknown plan", "put", () => "/v1/plans/plan_AAAAAAAAAAAAAAAA/recurring", json, '{"interval":"month","fee":1}'],
    ["removing the recurring fee of an unknown plan", "delete", () => "/v1/plans/plan_AAAAAAAAAAAAAAAA/recurring", admin],
    [
      "an included bundle of a product the plan lacks",
      "put",
      () => `/v1/plans/${s.planId}/included-bundles`,
      json,
      '{"bundles":[{"productId":"nothing","units":10}]}',
    ],
    [
      "an included bundle of no units",
      "put",
      () => `/v1/plans/${s.planId}/included-bundles`,
      json,
      '{"bundles":[{"productId":"default","units":0}]}',
    ],
    [
      "a rollover cap above the units",
      "put",
      () => `/v1/plans/${s.planId}/included-bundles`,
      json,
      '{"bundles":[{"productId":"default","units":10,"rolloverCap":11}]}',
    ],
    [
      "two included bundles of one product",
      "put",
      () => `/v1/plans/${s.planId}/included-bundles`,
      json,
      '{"bundles":[{"productId":"default","units":1},{"productId":"default","units":2}]}',
    ],
    [
      "an included bundle recurring every day",
      "put",
      () => `/v1/plans/${s.planId}/included-bundles`,
      json,
      '{"bundles":[{"productId":"default","units":1,"recurrence":"day"}]}',
    ],
    ["included bundles for an unknown plan", "put", () => "/v1/plans/plan_AAAAAAAAAAAAAAAA/included-bundles", json, '{"bundles":[]}'],
    ["a subscription change without a key", "put", () => `/v1/accounts/${s.accountId}/subscription`, json, '{"seats":2}'],
    ["a subscription change of nothing", "put", () => `/v1/accounts/${s.accountId}/subscription`, credit("sub-1"), "{}"],
    ["negative seats", "put", () => `/v1/accounts/${s.accountId}/subscription`, credit("sub-2"), '{"seats":-1}'],
    ["fractional seats", "put", () => `/v1/accounts/${s.accountId}/subscription`, credit("sub-3"), '{"seats":2.5}'],
    ["seats as a string", "put", () => `/v1/accounts/${s.accountId}/subscription`, credit("sub-4"), '{"seats":"2"}'],
    ["too many seats", "put", () => `/v1/accounts/${s.accountId}/subscription`, credit("sub-5"), '{"seats":100001}'],
    [
      "a change to an unknown plan",
      "put",
      () => `/v1/accounts/${s.accountId}/subscription`,
      credit("sub-6"),
      '{"planId":"plan_AAAAAAAAAAAAAAAA"}',
    ],
    ["a change of an unknown account", "put", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/subscription", credit("sub-7"), '{"seats":2}'],
    ["the subscription of an unknown account", "get", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/subscription", admin],
    ["another account's subscription", "get", () => "/v1/accounts/acct_AAAAAAAAAAAAAAAA/subscription", own],
    ["an account with negative seats", "post", () => "/v1/accounts", json, `{"name":"a","planId":"${"plan_AAAAAAAAAAAAAAAA"}","seats":-2}`],
    [
      "a yearly cycle anchored in month 13",
      "put",
      () => `/v1/accounts/${s.accountId}/billing`,
      json,
      '{"billingMode":"postpaid","creditLimit":5,"billingCycle":{"interval":"year","anchorDay":1,"anchorMonth":13}}',
    ],
    [
      "a monthly cycle with an anchor month",
      "put",
      () => `/v1/accounts/${s.accountId}/billing`,
      json,
      '{"billingMode":"postpaid","creditLimit":5,"billingCycle":{"interval":"month","anchorDay":1,"anchorMonth":2}}',
    ],
    ["a renewal of accounts that are not ids", "post", () => "/v1/admin/subscriptions/renew", json, '{"accountIds":["x"]}'],
    [
      "a charge without an idempotency key",
      "post",
      () => "/v1/charges",
      () => ({ ...own(), "content-type": "application/json" }),
      '{"productId":"default"}',
    ],
    ["a charge of negative units", "post", () => "/v1/charges", keyCharge("ch-1"), '{"productId":"default","units":-3}'],
    ["a charge of fractional units", "post", () => "/v1/charges", keyCharge("ch-2"), '{"productId":"default","units":0.5}'],
    ["a charge of no units", "post", () => "/v1/charges", keyCharge("ch-3"), '{"productId":"default","units":0}'],
    ["a charge of too many units", "post", () => "/v1/charges", keyCharge("ch-4"), '{"productId":"default","units":1e12}'],
    ["a charge of an unknown product", "post", () => "/v1/charges", keyCharge("ch-5"), '{"productId":"nothing"}'],
    [
      "a charge of another account with a key",
      "post",
      () => "/v1/charges",
      keyCharge("ch-6"),
      '{"productId":"default","accountId":"acct_AAAAAAAAAAAAAAAA"}',
    ],
    ["a staff charge naming no account", "post", () => "/v1/charges", credit("ch-7"), '{"productId":"default"}'],
    [
      "a staff charge of an unknown account",
      "post",
      () => "/v1/charges",
      credit("ch-8"),
      '{"productId":"default","accountId":"acct_AAAAAAAAAAAAAAAA"}',
    ],
    [
      "a charge with an attribute that is not a string",
      "post",
      () => "/v1/charges",
      keyCharge("ch-9"),
      '{"productId":"default","attributes":{"a":{"$gt":""}}}',
    ],
    ["a charge with an operator for a product", "post", () => "/v1/charges", keyCharge("ch-10"), '{"productId":{"$ne":""}}'],
    ["a usage batch of nothing", "post", () => "/v1/usage-events", keyCharge("-"), '{"events":[]}'],
    [
      "a usage batch with an event 40 days old",
      "post",
      () => "/v1/usage-events",
      keyCharge("-"),
      () =>
        JSON.stringify({ events: [{ id: "a", timestamp: new Date(Date.now() - 40 * 86_400_000).toISOString(), productId: "default" }] }),
    ],
    [
      "a usage batch of 1,001 events",
      "post",
      () => "/v1/usage-events",
      keyCharge("-"),
      () =>
        JSON.stringify({
          events: Array.from({ length: 1_001 }, (_, i) => ({ id: `e${i}`, timestamp: new Date().toISOString(), productId: "default" })),
        }),
    ],
    [
      "a usage event of an unknown product",
      "post",
      () => "/v1/usage-events",
      keyCharge("-"),
      () => JSON.stringify({ events: [{ id: "a", timestamp: new Date().toISOString(), productId: "nothing" }] }),
    ],
    [
      "a usage event of fractional units",
      "post",
      () => "/v1/usage-events",
      keyCharge("-"),
      () => JSON.stringify({ events: [{ id: "a", timestamp: new Date().toISOString(), productId: "default", units: 0.5 }] }),
    ],
    [
      "a charging session of negative units",
      "post",
      () => "/v1/charging-sessions",
      keyCharge("cs-1"),
      '{"productId":"default","requestedUnits":-5}',
    ],
    ["a charging session of an unknown product", "post", () => "/v1/charging-sessions", keyCharge("cs-2"), '{"productId":"nothing"}'],
    [
      "a charging session living a day",
      "post",
      () => "/v1/charging-sessions",
      keyCharge("cs-3"),
      '{"productId":"default","ttlSeconds":86400}',
    ],
    [
      "an update of an unknown session",
      "post",
      () => "/v1/charging-sessions/ses_AAAAAAAAAAAAAAAAAAAAAAAA/updates",
      keyCharge("-"),
      '{"request":1,"usedUnits":1}',
    ],
    [
      "a terminate with fractional units",
      "post",
      () => "/v1/charging-sessions/ses_AAAAAAAAAAAAAAAAAAAAAAAA/terminate",
      keyCharge("-"),
      '{"request":1,"usedUnits":0.5}',
    ],
    ["a malformed session id", "get", () => "/v1/charging-sessions/..%2F..%2Fkeys", own],
    ["an audit filter that is an operator", "get", () => "/v1/audit?actor[$ne]=x", admin],
    ["an audit range that is not a time", "get", () => "/v1/audit?from=tomorrow", admin],
    ...forgedCursors.flatMap((cursor): Case[] => [
      [`forged audit cursor ${cursor}`, "get", () => `/v1/audit?cursor=${cursor}`, admin],
      [`forged usage cursor ${cursor}`, "get", () => `/v1/me/usage?cursor=${cursor}`, own],
      [`forged transactions cursor ${cursor}`, "get", () => `/v1/me/transactions?cursor=${cursor}`, own],
      [`forged admin usage cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/usage?cursor=${cursor}`, admin],
      [`forged admin transactions cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/transactions?cursor=${cursor}`, admin],
      [`forged fees cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/fees?cursor=${cursor}`, admin],
      [`forged bundles cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/bundles?cursor=${cursor}`, admin],
      [`forged bundle packs cursor ${cursor}`, "get", () => `/v1/bundle-packs?cursor=${cursor}`, admin],
      [`forged account bundle packs cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/bundle-packs?cursor=${cursor}`, own],
      [`forged pack purchases cursor ${cursor}`, "get", () => `/v1/accounts/${s.accountId}/pack-purchases?cursor=${cursor}`, own],
    ]),
  ];

  it.each(cases)("%s", async (_name, method, path, headers, body) => {
    const before = await snapshot(stack);
    let req = request(stack.controlPlaneUrl)[method](path());
    for (const [name, value] of Object.entries(typeof headers === "function" ? headers() : headers)) req = req.set(name, value);
    const answer = await (body === undefined ? req : req.send(typeof body === "function" ? body() : body));
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text);
    expect(problem).toMatchObject({
      status: answer.status,
      type: expect.stringMatching(/^urn:tollgate:problem:/),
      title: expect.any(String),
    });
    expect(await snapshot(stack)).toBe(before);
  });

  it("a cursor is accepted only for the list it was issued for", async () => {
    const other = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
    await stack.admin.creditWallet(s.walletId, { amount: 1 }, { idempotencyKey: "second-entry" }); // two ledger entries: two pages
    const first = await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/transactions?limit=1`).set(admin);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    expect(
      (await request(stack.controlPlaneUrl).get(`/v1/accounts/${s.accountId}/transactions?limit=1&cursor=${cursor}`).set(admin)).status,
    ).toBe(200);
    for (const path of [
      `/v1/accounts/${other.accountId}/transactions?cursor=${cursor}`,
      `/v1/accounts/${s.accountId}/usage?cursor=${cursor}`,
    ]) {
      const answer = await request(stack.controlPlaneUrl).get(path).set(admin);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: "validation_failed", errors: [expect.objectContaining({ pointer: "/cursor" })] });
    }
  });

  it("the largest bodies the schemas admit fit under the body limit", async () => {
    const n = (digits: number) => Number("9".repeat(digits));
    const tiers = Array.from({ length: 20 }, (_, i) => ({ upTo: i === 19 ? null : n(11) + i, unitPrice: n(11), flatPrice: n(11) }));
    const timeOfUse = Array.from({ length: 10 }, () => ({ days: [0, 1, 2, 3, 4, 5, 6], from: "00:00", to: "24:00", percent: 1_000 }));
    const price = {
      metric: "units",
      unitsHeader: "x".repeat(64),
      tiers,
      packageSize: n(12),
      freeUnits: n(12),
      period: "month",
      minimum: 0,
      maximum: n(11),
      timeOfUse,
    };
    const products = Array.from({ length: 50 }, (_, i) => ({
      id: `${i}`.padEnd(64, "p"),
      method: "*",
      path: `/${"s".repeat(200)}/${i}/:id/*`.slice(0, 256),
      price,
    }));
    const catalog = {
      name: "n".repeat(200),
      currency: "USD",
      timeZone: "America/Argentina/ComodRivadavia",
      products,
      unmatched: { action: "price", price },
    };
    const plan = await request(stack.controlPlaneUrl).post("/v1/plans").set(json).send(JSON.stringify(catalog));
    expect(plan.status, plan.text.slice(0, 300)).toBe(201);
    const ids = Array.from({ length: 1_000 }, () => `acct_${"A".repeat(16)}`);
    const reconcile = await request(stack.controlPlaneUrl)
      .post("/v1/admin/reconciliation")
      .set(json)
      .send(JSON.stringify({ accountIds: ids }));
    expect(reconcile.status, reconcile.text.slice(0, 300)).toBe(200);
  });

  it("validation problems point at the offending field", async () => {
    const answer = await request(stack.controlPlaneUrl).post(`/v1/wallets/${s.walletId}/credits`).set(credit()).send('{"amount":-1}');
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.errors).toEqual([expect.objectContaining({ location: "body", pointer: "/amount" })]);
  });

  it("gateway: hostile keys are refused before they cost a lookup, and change nothing", async () => {
    const before = await snapshot(stack);
    for (const key of ["' OR 1=1 --", '{"$gt":""}', "k".repeat(300), "tg_" + "\u00e9".repeat(20)]) {
      const answer = await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": encodeURIComponent(key) } });
      expect(answer.status).toBe(401);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
    }
    expect(stack.upstream.count()).toBe(0);
    expect(await snapshot(stack)).toBe(before);
  });
});
