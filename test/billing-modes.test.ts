import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/http.js";
import { startStack, type Stack } from "./support/stack.js";

/** Each billing mode's stop point, exact to the micro. */
describe("billing modes", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ingester: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function account(mode: "prepaid" | "postpaid" | "hybrid", creditLimit: number, balance: number, pricePerCall: number) {
    const plan = await stack.admin.createPlan({ name: "p", currency: "USD", pricePerCall });
    const acct = await stack.admin.createAccount({ name: mode, planId: plan.id, billingMode: mode, creditLimit });
    if (balance > 0) await stack.admin.creditWallet(acct.wallets[0]!.id, { amount: balance }, { idempotencyKey: "seed" });
    const key = await stack.admin.createApiKey(acct.id);
    return { id: acct.id, key: key.key, walletId: acct.wallets[0]!.id };
  }
  const spendUntilRefused = async (key: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = (await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status;
      statuses.push(s);
      if (s !== 200) break;
    }
    return statuses;
  };
  const balance = async (id: string) => (await stack.admin.getBalance(id)).balances[0]!;

  it("prepaid stops at zero: the last call that fits to the micro passes, one micro short is refused", async () => {
    const exact = await account("prepaid", 0, 3_000_000, 1_000_000);
    expect(await spendUntilRefused(exact.key)).toEqual([200, 200, 200, 402]);
    expect(await balance(exact.id)).toMatchObject({ available: 0, creditLimit: 0, spendable: 0 });
    const short = await account("prepaid", 0, 2_999_999, 1_000_000);
    expect(await spendUntilRefused(short.key)).toEqual([200, 200, 402]);
    expect((await balance(short.id)).available).toBe(999_999);
  });

  it("postpaid runs from zero down to minus its credit limit, exactly", async () => {
    const exact = await account("postpaid", 2_000_000, 0, 1_000_000);
    expect(await spendUntilRefused(exact.key)).toEqual([200, 200, 402]);
    expect(await balance(exact.id)).toMatchObject({ available: -2_000_000, creditLimit: 2_000_000, spendable: 0 });
    const short = await account("postpaid", 1_999_999, 0, 1_000_000);
    expect(await spendUntilRefused(short.key)).toEqual([200, 402]);
    expect((await balance(short.id)).available).toBe(-1_000_000);
  });

  it("hybrid spends the prepaid balance first, then credit, to the micro", async () => {
    const exact = await account("hybrid", 999_999, 1_000_001, 1_000_000);
    expect(await spendUntilRefused(exact.key)).toEqual([200, 200, 402]);
    expect(await balance(exact.id)).toMatchObject({ available: -999_999, spendable: 0 });
    const short = await account("hybrid", 999_998, 1_000_001, 1_000_000);
    expect(await spendUntilRefused(short.key)).toEqual([200, 402]);
    expect(await balance(short.id)).toMatchObject({ available: 1, spendable: 999_999 });
  });

  it("a credit limit applies to rated and reserved prices too, and can be changed live", async () => {
    const plan = await stack.admin.createPlan({
      name: "p",
      currency: "USD",
      unmatched: { action: "price", price: { metric: "response_bytes", unitPrice: 1, maximum: 600 } },
    });
    const acct = await stack.admin.createAccount({ name: "rated", planId: plan.id, billingMode: "postpaid", creditLimit: 1_000 });
    const key = (await stack.admin.createApiKey(acct.id)).key;
    expect((await call(`${stack.gatewayUrl}/bytes/100`, { headers: { "x-api-key": key } })).status).toBe(200);
    await stack.admin.setBilling(acct.id, { billingMode: "postpaid", creditLimit: 100 });
    expect((await call(`${stack.gatewayUrl}/bytes/100`, { headers: { "x-api-key": key } })).status).toBe(402);
  });

  it("a prepaid account cannot be given a credit limit; wallets are one per currency", async () => {
    const plan = await stack.admin.createPlan({ name: "p", currency: "USD", pricePerCall: 1 });
    await expect(stack.admin.createAccount({ name: "x", planId: plan.id, billingMode: "prepaid", creditLimit: 5 })).rejects.toMatchObject({
      status: 400,
    });
    const acct = await stack.admin.createAccount({ name: "multi", planId: plan.id });
    const eur = await stack.admin.createWallet(acct.id, { currency: "EUR" });
    expect(eur).toMatchObject({ currency: "EUR", creditLimit: 0 });
    await expect(stack.admin.createWallet(acct.id, { currency: "EUR" })).rejects.toMatchObject({ status: 409 });
    expect((await stack.admin.getBalance(acct.id)).balances.map((b) => b.currency)).toEqual(["EUR", "USD"]);
  });
});
