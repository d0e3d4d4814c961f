import { parse } from "csv-parse/sync";
import { jobs, storeUsageEvents } from "@tollgate/control-plane";
import type { Invoice, JournalExport } from "@tollgate/sdk";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { stripeWebhook } from "./support/stripe.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

const USD = 1_000_000;
type Line = JournalExport["journals"][number]["lines"][number];

/**
 * The books' journal end to end, on the real services: top-ups by card (taxed at top-up, one refunded), an admin
 * credit, calls of two products through the gateway, a grant, a staff adjustment, a postpaid invoice with tax paid
 * and partly credited; then each day's journal balances, every figure equals the financial report's for the same
 * days to the micro, every line's ledger entries sum to it, and the CSV says the same in major units.
 */
describe("the books' journal", () => {
  let stack: Stack;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = () => request(stack.controlPlaneUrl);
  // Calls of two days ago, booked today (usage ingested late): from 15:00 every 3 hours, across a midnight.
  const pastStart = Date.parse(`${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}T15:00:00Z`);
  const firstDay = new Date(pastStart).toISOString().slice(0, 10);
  beforeAll(async () => {
    stack = await startStack({ stripe: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const consumerPT = {
    legalName: "João Silva",
    address: { line1: "Rua Augusta 1", city: "Lisboa", postalCode: "1100-048", country: "PT" },
  };
  const catalog = {
    pricePerCall: 50_000,
    products: [{ id: "search", path: "/search", price: { unitPrice: 100_000 } }],
  };

  async function customer(name: string, billingMode: "prepaid" | "postpaid") {
    const plan = await stack.admin.createPlan({ name, currency: "USD", ...catalog });
    const account = await stack.admin.createAccount({
      name,
      planId: plan.id,
      billingMode,
      creditLimit: billingMode === "postpaid" ? 100 * USD : 0,
    });
    expect((await api().put(`/v1/accounts/${account.id}/billing-details`).set(admin).send(consumerPT)).status).toBe(200);
    const made = await stack.admin.createApiKey(account.id);
    return { accountId: account.id, planId: plan.id, walletId: account.wallets[0]!.id, key: made.key, keyId: made.id };
  }
  async function use(c: { accountId: string; key: string }, calls: [string, number][]) {
    const before = await stack.ctx.models.UsageEvent.countDocuments({ accountId: c.accountId });
    let total = 0;
    for (const [path, n] of calls)
      for (let i = 0; i < n; i++) {
        expect((await call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": c.key } })).status).toBe(200);
        total++;
      }
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: c.accountId })) === before + total,
      30_000,
      "usage",
    );
  }
  async function topUp(accountId: string, key: string, amount: number, idempotencyKey: string): Promise<string> {
    const started = await api()
      .post(`/v1/accounts/${accountId}/recharges`)
      .set("x-api-key", key)
      .set("idempotency-key", idempotencyKey)
      .send({ amount, provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status).toBe(201);
    const paid = { id: started.body.providerRef, object: "payment_intent", metadata: { rechargeId: started.body.id } };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", paid)).status).toBe(200);
    return started.body.id as string;
  }

  let journal: JournalExport;
  let lastDay: string;

  it("moves money every way the ledger knows", async () => {
    expect(
      (await api().post("/v1/tax-rates").set(admin).send({ country: "PT", name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01" })).status,
    ).toBe(201);
    // Prepaid: $12.30 by card is $10.00 of credit and $2.30 of VAT; a $6.15 top-up refunded; $5.00 credited by staff.
    const prepaid = await customer("Prepaid PT", "prepaid");
    await topUp(prepaid.accountId, prepaid.key, 12_300_000, "journal-topup");
    const refunded = await topUp(prepaid.accountId, prepaid.key, 6_150_000, "journal-refunded");
    expect((await api().post(`/v1/recharges/${refunded}/refund`).set(admin).send({})).status).toBe(200);
    await stack.admin.creditWallet(prepaid.walletId, { amount: 5 * USD }, { idempotencyKey: "journal-admin-credit" });
    await stack.admin.issueGrant(
      prepaid.walletId,
      { kind: "promotional", amount: USD, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      { idempotencyKey: "journal-grant" },
    );
    await stack.admin.adjustWallet(prepaid.walletId, { amount: -250_000, reason: "goodwill reversed" }, { idempotencyKey: "journal-adj" });
    await use(prepaid, [
      ["/search", 3],
      ["/other", 2],
    ]);

    // Postpaid: 4 searches and 1 other call, invoiced at 23 % on top, paid, then $0.10 credited back.
    const postpaid = await customer("Postpaid PT", "postpaid");
    await use(postpaid, [
      ["/search", 4],
      ["/other", 1],
    ]);
    const closed = await api()
      .post(`/v1/accounts/${postpaid.accountId}/invoices`)
      .set(admin)
      .send({ periodStart: `${new Date().toISOString().slice(0, 7)}-01` });
    expect(closed.status).toBe(200);
    const invoice = closed.body.invoice as Invoice;
    expect(invoice).toMatchObject({ subtotal: 450_000, tax: { inclusive: false, amount: 100_000 } }); // $0.1035 → $0.10
    expect((await api().post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).status).toBe(200);
    const noted = await api()
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(admin)
      .set("idempotency-key", "journal-note")
      .send({ amount: 100_000, reason: "slow answers" });
    expect(noted.status).toBe(201);

    // Six searches of two days ago, stored as the ingester would have stored them, and booked today.
    const past = Array.from({ length: 6 }, (_, i) => ({
      _id: `evt_journal_past_${i}`,
      accountId: prepaid.accountId,
      keyId: prepaid.keyId,
      planId: prepaid.planId,
      currency: "USD",
      amount: 100_000,
      method: "GET",
      path: "/search",
      productId: "search",
      units: 1,
      timestamp: new Date(pastStart + i * 3 * 3_600_000),
      ingestedAt: new Date(),
    }));
    await storeUsageEvents(stack.ctx.models, past);

    // Another currency: a euro account credited by staff, with two calls.
    const euros = await stack.admin.createPlan({ name: "Euro plan", currency: "EUR", pricePerCall: 20_000 });
    const euroAccount = await stack.admin.createAccount({ name: "Euro customer", planId: euros.id });
    await stack.admin.creditWallet(euroAccount.wallets[0]!.id, { amount: 5 * USD }, { idempotencyKey: "journal-euros" });
    await use({ accountId: euroAccount.id, key: (await stack.admin.createApiKey(euroAccount.id)).key }, [["/x", 2]]);

    // A subscriber: its month's $2.00 fee taken from the wallet when money arrives.
    const team = await stack.admin.createPlan({
      name: "Team",
      currency: "USD",
      pricePerCall: 1_000,
      recurring: { interval: "month", fee: 2 * USD },
    });
    const subscriber = await stack.admin.createAccount({ name: "Subscriber", planId: team.id });
    await stack.admin.creditWallet(subscriber.wallets[0]!.id, { amount: 3 * USD }, { idempotencyKey: "journal-subscriber" });
    await stack.admin.renewSubscriptions([subscriber.id]);
    await eventually(
      async () => (await stack.ctx.models.LedgerEntry.countDocuments({ accountId: subscriber.id, type: "fee" })) === 1,
      30_000,
      "fee",
    );

    await jobs.bookUsage(stack.ctx);
    lastDay = new Date().toISOString().slice(0, 10);
    journal = await stack.admin.getJournal({ from: firstDay, to: lastDay, currency: "USD" });
    expect(journal.journals.length).toBeGreaterThan(0);
  });

  it("balances each day, and equals the financial report for the same days, to the micro", async () => {
    for (const day of journal.journals) {
      expect(day.debits, day.id).toBe(day.credits);
      expect(day.lines.reduce((s, l) => s + l.debit, 0)).toBe(day.debits);
      for (const line of day.lines) expect((line.debit === 0) !== (line.credit === 0), JSON.stringify(line)).toBe(true);
    }
    const after = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString();
    const range = { from: `${firstDay}T00:00:00Z`, to: after, currency: "USD" };
    const [report] = (await stack.admin.getFinancialReport(range)).currencies;
    const lines = journal.journals.flatMap((d) => d.lines);
    const sum = (pick: (l: Line) => boolean, side: "debit" | "credit") => lines.filter(pick).reduce((s, l) => s + l[side], 0);
    const of = (role: string, kind: string) => (l: Line) => l.role === role && l.kind === kind;

    // Revenue, per product as the usage report has it, and in total.
    const usage = await stack.admin.getUsageReport({ ...range, bucket: "month", groupBy: "product" });
    const byProduct = Object.fromEntries(usage.groups.map((g) => [g.group, g.amount]));
    const revenue = lines.filter(of("revenue", "usage"));
    const perProduct: Record<string, number> = {};
    for (const l of revenue) perProduct[l.productId!] = (perProduct[l.productId!] ?? 0) + l.credit;
    expect(perProduct).toEqual(byProduct);
    expect(byProduct).toEqual({ search: 700_000 + 600_000, default: 150_000 });
    expect(sum(of("revenue", "usage"), "credit")).toBe(report!.revenue.usage.booked);
    expect(sum(of("refunds", "usage_refund"), "debit") - sum(of("refunds", "usage_refund"), "credit")).toBe(report!.revenue.usage.refunded);
    expect(sum(of("fees", "fee"), "credit") - sum(of("fees", "fee"), "debit")).toBe(report!.revenue.fees);
    expect(report!.revenue.fees).toBe(2 * USD);
    expect(sum(of("taxIncluded", "tax"), "debit") - sum(of("taxIncluded", "tax"), "credit")).toBe(report!.revenue.taxIncluded);
    const netRevenue =
      sum((l) => ["revenue", "fees", "packs", "refunds", "taxIncluded"].includes(l.role), "credit") -
      sum((l) => ["revenue", "fees", "packs", "refunds", "taxIncluded"].includes(l.role), "debit");
    expect(netRevenue).toBe(report!.revenue.total);

    // Tax payable: the documents' tax, by rate.
    expect(sum((l) => l.role === "tax", "credit") - sum((l) => l.role === "tax", "debit")).toBe(report!.tax.total);
    expect(report!.tax.total).toBe(2_300_000 + 1_150_000 - 1_150_000 + 100_000 - 20_000); // the note's $0.02 back
    const taxLines = lines.filter((l) => l.role === "tax");
    for (const [rate, figures] of Object.entries(report!.tax.byRate)) {
      const at = taxLines.filter((l) => l.detail!.startsWith(`${rate} `));
      expect(
        at.reduce((s, l) => s + l.credit - l.debit, 0),
        rate,
      ).toBe(figures.amount);
    }

    // Money in and out, as the report counts it.
    for (const [method, total] of Object.entries(report!.recharges.byMethod)) {
      expect(
        sum((l) => l.kind === "top_up" && l.detail === method && l.debit > 0, "debit"),
        method,
      ).toBe(total);
    }
    expect(report!.recharges.byMethod).toMatchObject({ payment_provider: 15 * USD, admin: 8 * USD });
    expect(sum(of("cash", "reversal"), "credit")).toBe(report!.reversals);
    expect(report!.reversals).toBe(5 * USD);
    expect(sum(of("cash", "payment"), "debit")).toBe(report!.payments);
    expect(sum(of("promotions", "grant"), "debit")).toBe(report!.grants.issued);
    expect(sum(of("promotions", "expiry"), "credit")).toBe(report!.grants.expired);
    // Adjustments, signed (positive gave money to customers): staff's, credit notes', rounding's, and the tax an
    // invoice's payment carried out of the wallet (always taken out: its counter side is the receivables' credit).
    const adjustments =
      sum((l) => l.kind === "adjustment" && ["adjustments", "writeOffs", "rounding"].includes(l.role), "debit") -
      sum((l) => l.kind === "adjustment" && ["adjustments", "writeOffs", "rounding"].includes(l.role), "credit") -
      sum((l) => l.kind === "adjustment" && l.detail === "invoice_tax", "credit");
    expect(adjustments).toBe(report!.adjustments);
    expect(report!.adjustments).toBe(-250_000 + 120_000 - 100_000); // staff, the note (with its tax), the invoice's tax
    // The wallets' side: each sort of movement lands on the prepaid balances or the receivables.
    expect(sum(of("prepaid", "top_up"), "credit")).toBe(23 * USD);
    expect(sum(of("receivables", "payment"), "credit")).toBe(report!.payments);
  });

  it("has a journal per day and currency, each balanced: the past days hold their late usage, dated when it was made", async () => {
    const all = await stack.admin.getJournal({ from: firstDay, to: lastDay });
    const byDay = (currency: string) => all.journals.filter((d) => d.currency === currency);
    for (const day of all.journals) expect(day.debits, day.id).toBe(day.credits);
    const searches = (date: string) =>
      all.journals
        .find((d) => d.id === `USD-${date}`)
        ?.lines.filter((l) => l.productId === "search")
        .reduce((s, l) => s + l.credit, 0);
    const secondDay = new Date(pastStart + 86_400_000).toISOString().slice(0, 10);
    // 15:00, 18:00 and 21:00 on the first day; 00:00, 03:00 and 06:00 on the next (yesterday).
    expect(searches(firstDay)).toBe(300_000);
    expect(searches(secondDay)).toBe(300_000);
    expect(all.journals.find((d) => d.id === `USD-${firstDay}`)!.lines.map((l) => [l.role, l.kind, l.debit, l.credit])).toEqual([
      ["prepaid", "usage", 300_000, 0],
      ["revenue", "usage", 0, 300_000],
    ]);
    expect(byDay("USD").map((d) => d.date)).toEqual([...new Set([firstDay, secondDay, lastDay])]);
    // The euro day: its own journal, in euros.
    const [eur] = byDay("EUR");
    expect(eur!.lines.map((l) => [l.role, l.kind, l.debit, l.credit])).toEqual([
      ["prepaid", "usage", 40_000, 0],
      ["revenue", "usage", 0, 40_000],
      ["cash", "top_up", 5 * USD, 0],
      ["prepaid", "top_up", 0, 5 * USD],
    ]);
    // The JSON of one currency is that currency's part of the whole.
    expect(byDay("USD")).toEqual(journal.journals);
  });

  it("has no journal for a day that moved nothing; `to` is `from` when absent", async () => {
    expect((await stack.admin.getJournal({ from: "2020-01-01", to: "2020-01-31" })).journals).toEqual([]);
    const today = await stack.admin.getJournal({ from: lastDay, currency: "USD" });
    expect(today.range).toMatchObject({ from: lastDay, to: lastDay, timeZone: "UTC", start: `${lastDay}T00:00:00.000Z` });
    expect(today.journals.map((d) => d.id)).toEqual([`USD-${lastDay}`]);
  });

  it("links every line to what it sums: ledger entries, documents, rollups", async () => {
    const lines = journal.journals.flatMap((d) => d.lines);
    for (const line of lines) {
      const amount = line.debit + line.credit;
      if (line.kind === "usage") {
        expect(line.rollups.length, line.description).toBeGreaterThan(0);
        // And the usage ledger entries whose calls the day's rollups sum (a booking may span days and products).
        const entries = await stack.ctx.models.LedgerEntry.find({ _id: { $in: line.entries } }).lean();
        expect(line.entries.length, line.description).toBeGreaterThan(0);
        expect(
          entries.map((e) => e.type),
          line.description,
        ).toEqual(line.entries.map(() => "usage"));
      } else if (line.kind === "tax") {
        const docs = await stack.ctx.models.Invoice.find({ _id: { $in: line.documents } }).lean();
        expect(docs).toHaveLength(line.documents.length);
        const rate = line.detail!.split(" ")[0];
        const taxed = docs
          .flatMap((d) => d.tax!.lines)
          .filter((t) => `${t.country}${t.region ? `-${t.region}` : ""}:${t.category}:${t.ratePpm}` === rate)
          .reduce((s, t) => s + t.amount, 0);
        expect(Math.abs(taxed), line.description).toBe(amount);
      } else {
        const entries = await stack.ctx.models.LedgerEntry.find({ _id: { $in: line.entries } }).lean();
        expect(entries, line.description).toHaveLength(line.entries.length);
        expect(Math.abs(entries.reduce((s, e) => s + e.amount, 0)), line.description).toBe(amount);
      }
    }
  });

  it("exports the same journal as CSV, in major units, one row per line", async () => {
    const csv = await stack.admin.getJournalCsv({ from: firstDay, to: lastDay, currency: "USD" });
    expect(csv.split("\n")[0]).toBe("Date,Journal,Account code,Account name,Debit,Credit,Currency,Description,Reference");
    const rows = parse<Record<string, string>>(csv, { columns: true });
    const lines = journal.journals.flatMap((d) => d.lines.map((l) => ({ ...l, journal: d.id })));
    expect(rows).toHaveLength(lines.length);
    const micros = (decimal: string) => (decimal === "" ? 0 : Math.round(Number(decimal) * USD));
    for (const [i, row] of rows.entries()) {
      const line = lines[i]!;
      expect(row).toMatchObject({ Journal: line.journal, "Account code": line.code, "Account name": line.name, Currency: "USD" });
      expect(micros(row.Debit!)).toBe(line.debit);
      expect(micros(row.Credit!)).toBe(line.credit);
      if (line.debit > 0) expect(row.Debit).toMatch(/^\d+\.\d{6}$/);
    }
    for (const id of new Set(rows.map((r) => r.Journal))) {
      const day = rows.filter((r) => r.Journal === id);
      expect(day.reduce((s, r) => s + micros(r.Debit!), 0)).toBe(day.reduce((s, r) => s + micros(r.Credit!), 0));
    }
  });

  it("posts to the chart of accounts staff set: a new code changes the export; refused input changes nothing", async () => {
    const defaults = await stack.admin.getChartOfAccounts();
    expect(defaults).toMatchObject({ configured: false, accounts: { cash: { code: "1000", name: "Cash" }, tax: { code: "2100" } } });
    const set = await stack.admin.setChartOfAccounts({
      accounts: { cash: { code: "1010", name: "Bank: Stripe" }, tax: { code: "2210", name: "VAT payable" } },
      products: [{ productId: "search", code: "4010", name: "Search API revenue" }],
    });
    expect(set).toMatchObject({
      configured: true,
      accounts: { cash: { code: "1010", name: "Bank: Stripe" }, tax: { code: "2210" }, prepaid: { code: "2000" } },
    });
    expect(await stack.ctx.models.AuditRecord.countDocuments({ action: "chart_of_accounts.update" })).toBe(1);

    const again = await stack.admin.getJournal({ from: firstDay, to: lastDay, currency: "USD" });
    const lines = again.journals.flatMap((d) => d.lines);
    expect(new Set(lines.filter((l) => l.role === "cash").map((l) => `${l.code} ${l.name}`))).toEqual(new Set(["1010 Bank: Stripe"]));
    const searches = lines.filter((l) => l.productId === "search");
    expect(new Set(searches.map((l) => `${l.code} ${l.name}`))).toEqual(new Set(["4010 Search API revenue"]));
    expect(searches.reduce((s, l) => s + l.credit, 0)).toBe(1_300_000);
    expect(lines.find((l) => l.productId === "default")).toMatchObject({ code: "4000", name: "Revenue: default" });
    // Only the names changed: every figure is the same.
    const figures = (j: JournalExport) => j.journals.map((d) => d.lines.map((l) => [l.role, l.kind, l.debit, l.credit]));
    expect(figures(again)).toEqual(figures(journal));
    const csv = await stack.admin.getJournalCsv({ from: firstDay, to: lastDay, currency: "USD" });
    expect(csv).toContain(",1010,Bank: Stripe,");
    expect(csv).not.toContain(",1000,Cash,");

    for (const body of [
      { accounts: { cash: { code: "10 10", name: "Bank" } } },
      { accounts: { cash: { code: "1010", name: '=HYPERLINK("x")' } } },
      { accounts: { bank: { code: "1010", name: "Bank" } } },
      {
        accounts: {},
        products: [
          { productId: "search", code: "1", name: "a" },
          { productId: "search", code: "2", name: "b" },
        ],
      },
    ]) {
      const refused = await api().put("/v1/books/chart").set(admin).send(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await stack.admin.getChartOfAccounts()).toEqual(set);
  });
});
