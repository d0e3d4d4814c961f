import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { createAccount } from "./create.js";
import { searchAccounts } from "./search.js";

describe("searchAccounts", () => {
  let fx: ServiceFixture;
  let planId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    fx = await startServiceFixture();
    ({ planId } = await fx.seedAccount({ pricePerCall: 1_000 }));
    // Created a day apart, so that "newest first" is one order whatever the clock's resolution.
    for (const [day, name] of ["Alpha Labs", "alpha.io", "Beta Corp", "Gamma (alpha)"].entries()) {
      const { account } = valueOf(await createAccount(fx.ctx, { name, planId, billingMode: "prepaid", creditLimit: 0, actor: "test" }));
      await fx.ctx.models.Account.updateOne({ _id: account._id }, { $set: { createdAt: new Date(Date.UTC(2026, 0, 1 + day)) } });
      ids[name] = account._id;
    }
    await fx.ctx.models.Account.updateOne({ _id: ids["Beta Corp"] }, { $set: { status: "suspended" } });
  });
  afterAll(async () => {
    await fx?.close();
  });

  const names = (page: { items: { account: { name: string } }[] }) => page.items.map((i) => i.account.name);

  it("finds a name containing the query in any case, newest first, each with its wallets", async () => {
    const page = await searchAccounts(fx.ctx, { query: "  ALPHA ", limit: 10 });
    expect(names(page)).toEqual(["Gamma (alpha)", "alpha.io", "Alpha Labs"]);
    expect(page.items.every((i) => i.wallets.length === 1 && i.wallets[0]!.accountId === i.account._id)).toBe(true);
    expect(page.nextCursor).toBeUndefined();
  });

  it("takes the query as text, not a pattern, and also finds an id by its start", async () => {
    expect(names(await searchAccounts(fx.ctx, { query: "a.i", limit: 10 }))).toEqual(["alpha.io"]);
    expect(names(await searchAccounts(fx.ctx, { query: "(alpha)", limit: 10 }))).toEqual(["Gamma (alpha)"]);
    expect(names(await searchAccounts(fx.ctx, { query: ids["Beta Corp"]!, limit: 10 }))).toEqual(["Beta Corp"]);
  });

  it("filters by status", async () => {
    expect(names(await searchAccounts(fx.ctx, { status: "suspended", limit: 10 }))).toEqual(["Beta Corp"]);
  });

  it("pages without overlap or gap, and a cursor belongs to its own query", async () => {
    const first = await searchAccounts(fx.ctx, { query: "a", limit: 2 });
    expect(first.nextCursor).toBeDefined();
    const second = await searchAccounts(fx.ctx, { query: "a", limit: 2, cursor: first.nextCursor });
    const all = await searchAccounts(fx.ctx, { query: "a", limit: 100 });
    expect([...names(first), ...names(second)]).toEqual(names(all).slice(0, 4));
    await expect(searchAccounts(fx.ctx, { query: "b", limit: 2, cursor: first.nextCursor })).rejects.toMatchObject({
      problem: { code: "validation_failed" },
    });
  });
});
