import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdempotencyConflictError, NotFoundError, UnauthorizedError, ValidationError, type UsageEvent } from "@tollgate/sdk";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

describe("SDK: balance and usage as a consumer sees them", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("pages through usage newest first, without overlap or gaps", async () => {
    const s = await stack.seedAccount({ pricePerCall: 3_000, balance: 100_000 });
    const other = await stack.seedAccount({ pricePerCall: 3_000, balance: 100_000 });
    for (let i = 0; i < 7; i++)
      expect((await call(`${stack.gatewayUrl}/items/${i}`, { headers: { "x-api-key": s.key } })).status).toBe(200);
    await call(`${stack.gatewayUrl}/not-mine`, { headers: { "x-api-key": other.key } });
    const client = stack.consumer(s.key);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: s.accountId })) === 7, 30_000, "ingestion");

    const first = await client.listUsage({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
    const second = await client.listUsage({ limit: 3, cursor: first.nextCursor! });
    const third = await client.listUsage({ limit: 3, cursor: second.nextCursor! });
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeUndefined();

    const paged = [...first.items, ...second.items, ...third.items];
    expect(paged.map((u) => u.path)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `/items/${i}`));
    expect(new Set(paged.map((u) => u.id)).size).toBe(7);
    expect(
      paged.every(
        (u: UsageEvent) => u.amount === 3_000 && u.price === 3_000 && u.currency === "USD" && u.keyId === s.keyId && u.method === "GET",
      ),
    ).toBe(true);

    const all: UsageEvent[] = [];
    for await (const event of client.iterateUsage({ limit: 2 })) all.push(event);
    expect(all.map((u) => u.id)).toEqual(paged.map((u) => u.id));

    const left = 100_000 - 7 * 3_000;
    expect(await client.getBalance()).toEqual({
      accountId: s.accountId,
      billingMode: "prepaid",
      balances: [{ walletId: s.walletId, currency: "USD", available: left, reserved: 0, creditLimit: 0, spendable: left, grants: [] }],
    });
    expect((await stack.admin.listUsage(s.accountId, { limit: 10 })).items).toHaveLength(7);
  });

  it("turns problems into typed errors", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    await expect(stack.consumer("tg_notAKeyThatExistsAnywhere").getBalance()).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(stack.admin.getAccount("acct_AAAAAAAAAAAAAAAA")).rejects.toBeInstanceOf(NotFoundError);
    await expect(stack.admin.createPlan({ name: "x", currency: "usd", pricePerCall: 1 })).rejects.toBeInstanceOf(ValidationError);
    await stack.admin.creditWallet(s.walletId, { amount: 5 }, { idempotencyKey: "once" });
    const conflict = stack.admin.creditWallet(s.walletId, { amount: 6 }, { idempotencyKey: "once" });
    await expect(conflict).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(conflict).rejects.toMatchObject({ status: 422, code: "idempotency_key_reused" });
  });
});

describe("OpenAPI document", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("describes every route from the schemas that validate it", async () => {
    const doc = (await (await fetch(`${stack.controlPlaneUrl}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; in: string; required: boolean }[];
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, { type: string; maximum?: number }>; additionalProperties: boolean } }
              >;
            };
          }
        >
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/v1/accounts",
        "/v1/accounts/{accountId}",
        "/v1/accounts/{accountId}/balance",
        "/v1/accounts/{accountId}/billing",
        "/v1/accounts/{accountId}/billing-details",
        "/v1/accounts/{accountId}/cards",
        "/v1/accounts/{accountId}/cards/{rechargeId}",
        "/v1/accounts/{accountId}/grants",
        "/v1/accounts/{accountId}/bundles",
        "/v1/accounts/{accountId}/bundles/{bundleId}",
        "/v1/accounts/{accountId}/lines",
        "/v1/accounts/{accountId}/lines/attach",
        "/v1/accounts/{accountId}/lines/{lineId}",
        "/v1/accounts/{accountId}/line",
        "/v1/accounts/{accountId}/pack-purchases",
        "/v1/accounts/{accountId}/bundle-packs",
        "/v1/bundle-packs",
        "/v1/bundle-packs/{packId}",
        "/v1/admin/bundle-reconciliation",
        "/v1/accounts/{accountId}/keys",
        "/v1/accounts/{accountId}/invoices",
        "/v1/accounts/{accountId}/invoices/{invoiceId}",
        "/v1/accounts/{accountId}/invoices/{invoiceId}/card-payments",
        "/v1/accounts/{accountId}/invoices/{invoiceId}/html",
        "/v1/accounts/{accountId}/invoices/{invoiceId}/pdf",
        "/v1/accounts/{accountId}/keys/{keyId}",
        "/v1/accounts/{accountId}/limits",
        "/v1/accounts/{accountId}/notification-settings",
        "/v1/accounts/{accountId}/notifications",
        "/v1/accounts/{accountId}/recharges",
        "/v1/accounts/{accountId}/recharges/{rechargeId}/cancel",
        "/v1/accounts/{accountId}/statements/{period}",
        "/v1/accounts/{accountId}/statements/{period}/html",
        "/v1/accounts/{accountId}/statements/{period}/pdf",
        "/v1/accounts/{accountId}/transactions",
        "/v1/accounts/{accountId}/usage",
        "/v1/accounts/{accountId}/vouchers",
        "/v1/accounts/{accountId}/wallets",
        "/v1/admin/rebuild",
        "/v1/invoices/{invoiceId}/credit-notes",
        "/v1/invoices/{invoiceId}/pay",
        "/v1/invoices/{invoiceId}/void",
        "/v1/issuer-profile",
        "/v1/admin/reconciliation",
        "/v1/me/balance",
        "/v1/me/transactions",
        "/v1/me/usage",
        "/v1/me/vouchers",
        "/v1/plans",
        "/v1/plans/{planId}",
        "/v1/plans/{planId}/catalog",
        "/v1/recharges/{rechargeId}/refund",
        "/v1/voucher-batches",
        "/v1/wallets/{walletId}",
        "/v1/wallets/{walletId}/adjustments",
        "/v1/wallets/{walletId}/auto-recharge",
        "/v1/wallets/{walletId}/credits",
        "/v1/wallets/{walletId}/grants",
        "/v1/webhooks/{provider}",
        "/v1/reports/usage",
        "/v1/me/reports/usage",
        "/v1/reports/recharges",
        "/v1/reports/financial",
        "/v1/reports/journal",
        "/v1/books/chart",
        "/v1/anomalies",
        "/v1/anomalies/{anomalyId}/clear",
        "/v1/plans/{planId}/anomaly-policy",
        "/v1/accounts/{accountId}/portal-sessions",
        "/v1/portal/session",
        "/v1/portal/branding",
        "/v1/console/session",
        "/v1/admin/rollups/rebuild",
        "/v1/accounts/{accountId}/suspend",
        "/v1/accounts/{accountId}/resume",
        "/v1/users",
        "/v1/users/{userId}",
        "/v1/users/{userId}/tokens",
        "/v1/users/{userId}/tokens/{tokenId}",
        "/v1/tokens",
        "/v1/tokens/{tokenId}",
        "/v1/audit",
        "/v1/plans/{planId}/recurring",
        "/v1/plans/{planId}/included-bundles",
        "/v1/plans/{planId}/self-service",
        "/v1/accounts/{accountId}/subscription",
        "/v1/accounts/{accountId}/subscription/quote",
        "/v1/accounts/{accountId}/subscription/plans",
        "/v1/accounts/{accountId}/fees",
        "/v1/me/subscription",
        "/v1/admin/subscriptions/renew",
        "/v1/charges",
        "/v1/usage-events",
        "/v1/charging-sessions",
        "/v1/charging-sessions/{sessionId}",
        "/v1/charging-sessions/{sessionId}/updates",
        "/v1/charging-sessions/{sessionId}/terminate",
        "/v1/credit-rule",
        "/v1/accounts/{accountId}/credit",
        "/v1/credit-requests",
        "/v1/credit-requests/{creditRequestId}",
        "/v1/credit-requests/{creditRequestId}/approve",
        "/v1/credit-requests/{creditRequestId}/reject",
        "/v1/webhook-endpoints",
        "/v1/webhook-endpoints/{endpointId}",
        "/v1/webhook-endpoints/{endpointId}/deliveries",
        "/v1/tax-rates",
        "/v1/tax-rates/{taxRateId}",
        "/v1/plans/{planId}/tax",
        "/v1/accounts/{accountId}/privacy",
        "/v1/accounts/{accountId}/privacy/exports",
        "/v1/accounts/{accountId}/privacy/exports/{exportId}/download",
        "/v1/accounts/{accountId}/privacy/erasure",
      ].sort(),
    );
    const creditOp = doc.paths["/v1/wallets/{walletId}/credits"]!.post!;
    expect(creditOp.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }));
    const body = creditOp.requestBody!.content["application/json"]!.schema;
    expect(body.properties.amount).toMatchObject({ type: "integer", maximum: 1e15 });
    expect(body.additionalProperties).toBe(false);
    // Reports are offered as CSV too.
    const usageReport = doc.paths["/v1/reports/usage"]!.get! as unknown as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(usageReport.responses["200"]!.content).sort()).toEqual(["application/json", "text/csv"]);
  });
});
