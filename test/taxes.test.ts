import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { jobs } from "@tollgate/control-plane";
import type { Invoice } from "@tollgate/sdk";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { stripeWebhook } from "./support/stripe.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));
const USD = 1_000_000;

/**
 * Taxes end to end, on the real services: rates managed through the API (refused input changes nothing), an EU
 * business customer under a reverse charge, a consumer on inclusive prices, a US customer at a state's rate,
 * each invoiced and paid and every document read back from its PDF; prepaid money taxed at top-up and at use;
 * the financial report's tax and revenue equal to the documents', to the micro.
 */
describe("taxes", () => {
  let stack: Stack;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    stack = await startStack({ stripe: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  let documents = 0;
  /** A document's PDF as text (pdftotext -layout), kept beside the run's screenshots. */
  async function pdfText(accountId: string, invoiceId: string): Promise<string> {
    const pdf = await api()
      .get(`/v1/accounts/${accountId}/invoices/${invoiceId}/pdf`)
      .set(admin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, `tax-document-${++documents}.pdf`);
    writeFileSync(file, pdf.body as Buffer);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  }
  /** A figure on one line of the PDF: its label, spaces, its value. */
  const line = (label: string, value: string) =>
    new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+${value.replace(/[$.]/g, "\\$&")}`);

  const issuer = {
    legalName: "Acme APIs, Lda.",
    address: { line1: "Avenida da Liberdade 110", city: "Lisboa", postalCode: "1250-146", country: "PT" },
    taxId: "PT509876543",
    dueDays: 30,
  };
  const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
  const rates: Record<string, string> = {};

  /** A postpaid account on a new plan (`tax` set on it), billed to `billing`, with `calls` calls to each path. */
  async function customer(
    name: string,
    billing: Record<string, unknown>,
    plan: Record<string, unknown>,
    tax: Record<string, unknown>,
    calls: [path: string, n: number][],
    billingMode: "postpaid" | "prepaid" = "postpaid",
  ) {
    const created = await stack.admin.createPlan({ name, currency: "USD", ...plan });
    expect((await api().put(`/v1/plans/${created.id}/tax`).set(admin).send(tax)).status).toBe(200);
    const account = await stack.admin.createAccount({
      name,
      planId: created.id,
      billingMode,
      creditLimit: billingMode === "postpaid" ? 100 * USD : 0,
    });
    expect((await api().put(`/v1/accounts/${account.id}/billing-details`).set(admin).send(billing)).status).toBe(200);
    const key = (await stack.admin.createApiKey(account.id)).key;
    return { accountId: account.id, walletId: account.wallets[0]!.id, key, calls };
  }
  async function use(c: { accountId: string; key: string; calls: [string, number][] }) {
    let total = 0;
    for (const [path, n] of c.calls)
      for (let i = 0; i < n; i++) {
        expect((await call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": c.key } })).status).toBe(200);
        total++;
      }
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: c.accountId })) === total, 30_000, "usage");
  }
  async function close(accountId: string): Promise<Invoice> {
    const closed = await api().post(`/v1/accounts/${accountId}/invoices`).set(admin).send({ periodStart });
    expect(closed.status).toBe(200);
    return closed.body.invoice as Invoice;
  }
  const available = async (accountId: string) => (await stack.admin.getBalance(accountId)).balances[0]!.available;

  it("rates per jurisdiction and category, with validity dates; refused input is a problem and changes nothing", async () => {
    expect((await api().put("/v1/issuer-profile").set(admin).send(issuer)).status).toBe(200);
    for (const [key, body] of Object.entries({
      PT: { country: "PT", name: "VAT", ratePpm: 230_000, validFrom: "2020-01-01" },
      FR: { country: "FR", name: "VAT", ratePpm: 200_000, validFrom: "2020-01-01" },
      DE: { country: "DE", name: "VAT", ratePpm: 190_000, validFrom: "2020-01-01" },
      NY: { country: "US", region: "ny", name: "Sales tax", ratePpm: 88_750, validFrom: "2020-01-01" },
      // A reduced category, and last decade's figure of the standard one: neither applies to these documents.
      PTbooks: { country: "PT", category: "ebooks", name: "VAT", ratePpm: 60_000, validFrom: "2020-01-01" },
      PTold: { country: "PT", name: "VAT", ratePpm: 210_000, validFrom: "2010-01-01", validUntil: "2020-01-01" },
    })) {
      const created = await api().post("/v1/tax-rates").set(admin).send(body);
      expect(created.status, key).toBe(201);
      rates[key] = created.body.id as string;
    }
    expect((await stack.admin.getTaxRate(rates.NY!)).region).toBe("NY"); // regions as addresses are read: in capitals

    const before = await stack.admin.listTaxRates();
    expect(before.items).toHaveLength(6);
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ country: "XX", name: "VAT", ratePpm: 1, validFrom: "2030-01-01" }, 400, "/country"],
      [{ country: "EU", name: "VAT", ratePpm: 1, validFrom: "2030-01-01" }, 400, "/country"],
      [{ country: "PT", name: "VAT", ratePpm: -1, validFrom: "2030-01-01" }, 400, "/ratePpm"],
      [{ country: "PT", name: "VAT", ratePpm: 1_000_001, validFrom: "2030-01-01" }, 400, "/ratePpm"],
      [{ country: "PT", name: "VAT", ratePpm: 2.5, validFrom: "2030-01-01" }, 400, "/ratePpm"],
      [{ country: "PT", name: "VAT", ratePpm: 1, validFrom: "2030-01-01", validUntil: "2029-01-01" }, 400, "/validUntil"],
      [{ country: "PT", name: "VAT", ratePpm: 1, validFrom: "yesterday" }, 400, "/validFrom"],
      // Overlapping validity: PT's standard rate runs from 2020 with no end; so does 2015-2021 meet 2010-2020's.
      [{ country: "PT", name: "VAT", ratePpm: 240_000, validFrom: "2030-01-01" }, 409, ""],
      [{ country: "PT", name: "VAT", ratePpm: 240_000, validFrom: "2015-01-01", validUntil: "2021-01-01" }, 409, ""],
      [{ country: "US", region: "NY", name: "Sales tax", ratePpm: 40_000, validFrom: "2025-01-01" }, 409, ""],
    ];
    for (const [body, status, pointer] of refusals) {
      const refused = await api().post("/v1/tax-rates").set(admin).send(body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      if (pointer) expect(JSON.stringify(refused.body.errors), JSON.stringify(body)).toContain(pointer);
    }
    // An update that would overlap is refused too; a plan's tax refused for an unknown category; an address in no country.
    const overlap = await api()
      .put(`/v1/tax-rates/${rates.PTold}`)
      .set(admin)
      .send({ name: "VAT", ratePpm: 210_000, validFrom: "2010-01-01", validUntil: "2021-01-01" });
    expect(overlap.status).toBe(409);
    expect(overlap.headers["content-type"]).toContain("application/problem+json");
    expect(
      (await api().put(`/v1/tax-rates/${rates.PT}`).set(admin).send({ name: "VAT", ratePpm: -5, validFrom: "2020-01-01" })).status,
    ).toBe(400);
    const somePlan = await stack.admin.createPlan({ name: "untaxed", currency: "USD", pricePerCall: 1 });
    expect((await api().put(`/v1/plans/${somePlan.id}/tax`).set(admin).send({ inclusive: true, category: "Not A Category" })).status).toBe(
      400,
    );
    expect((await stack.admin.getPlan(somePlan.id)).tax).toEqual({ inclusive: false, category: "standard", products: [] });
    const nowhere = await stack.seedAccount({ pricePerCall: 1, balance: 0 });
    const badAddress = await api()
      .put(`/v1/accounts/${nowhere.accountId}/billing-details`)
      .set(admin)
      .send({ legalName: "Nowhere Ltd", address: { line1: "1 Road", city: "Town", country: "XX" } });
    expect(badAddress.status).toBe(400);
    expect((await stack.admin.getAccount(nowhere.accountId)).billingDetails).toBeUndefined();
    expect(await stack.admin.listTaxRates()).toEqual(before);
    expect(await stack.ctx.models.AuditRecord.countDocuments({ action: "tax_rate.create" })).toBe(6);
    expect(await stack.ctx.models.AuditRecord.countDocuments({ action: "tax_rate.update" })).toBe(0);
  });

  const invoices: Record<string, Invoice> = {};
  const accounts: Record<string, string> = {};

  it("an EU business customer in another member state: reverse charge, 0 %, both tax ids printed; invoiced and paid", async () => {
    const de = await customer(
      "Globex GmbH",
      {
        legalName: "Globex GmbH",
        address: { line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE" },
        taxId: "DE123456789",
      },
      { pricePerCall: 250_000 },
      { inclusive: false },
      [["/search", 4]],
    );
    accounts.de = de.accountId;
    await use(de);
    const invoice = await close(de.accountId);
    invoices.de = invoice;
    expect(invoice).toMatchObject({ subtotal: USD, total: USD, rounding: 0 });
    expect(invoice.tax).toEqual({
      inclusive: false,
      rounding: "document",
      reverseCharge: true,
      lines: [{ name: "VAT reverse charge", country: "DE", category: "standard", ratePpm: 0, taxable: USD, amount: 0 }],
      amount: 0,
    });
    const text = await pdfText(de.accountId, invoice.id);
    expect(text).toMatch(line("Subtotal", "$1.00"));
    expect(text).toMatch(line("VAT reverse charge 0% (DE) on $1.00", "$0.00"));
    expect(text).toMatch(line("Total", "$1.00"));
    expect(text).toContain("Reverse charge: VAT to be accounted for by the customer");
    expect(text).toContain("Customer's VAT number: DE123456789. Supplier's VAT number: PT509876543.");
    expect(text).toContain("Tax id: DE123456789");
    expect(text).toContain("Tax id: PT509876543");
    // The HTML says the same, from the same fields.
    const html = (await api().get(`/v1/accounts/${de.accountId}/invoices/${invoice.id}/html`).set(admin)).text;
    for (const said of ["VAT reverse charge 0% (DE) on $1.00", "Reverse charge: VAT to be accounted for by the customer", "DE123456789"])
      expect(html, said).toContain(said);

    expect((await api().post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).status).toBe(200);
    const paid = await pdfText(de.accountId, invoice.id);
    expect(paid).toMatch(line("Paid", "$1.00"));
    expect(paid).toMatch(line("Amount due", "$0.00"));
    expect(await available(de.accountId)).toBe(0); // the wallet gave back exactly the usage it billed
  });

  it("a consumer on inclusive prices: the tax inside them at the customer's country's rate; invoiced and paid", async () => {
    const fr = await customer(
      "Marie Curie",
      { legalName: "Marie Curie", address: { line1: "1 rue Pierre et Marie Curie", city: "Paris", postalCode: "75005", country: "FR" } },
      { pricePerCall: 1_200_000 },
      { inclusive: true },
      [["/search", 3]],
    );
    accounts.fr = fr.accountId;
    await use(fr);
    const invoice = await close(fr.accountId);
    invoices.fr = invoice;
    // $3.60 includes 20 %: $3.00 and $0.60 of VAT; nothing is added.
    expect(invoice).toMatchObject({ subtotal: 3_600_000, total: 3_600_000, rounding: 0 });
    expect(invoice.tax).toMatchObject({ inclusive: true, reverseCharge: false, amount: 600_000 });
    expect(invoice.tax!.lines).toEqual([
      { name: "VAT", country: "FR", category: "standard", ratePpm: 200_000, taxRateId: rates.FR, taxable: 3_000_000, amount: 600_000 },
    ]);
    const text = await pdfText(fr.accountId, invoice.id);
    expect(text).toMatch(line("Subtotal (tax included)", "$3.60"));
    expect(text).toMatch(line("Includes VAT 20% (FR) on $3.00", "$0.60"));
    expect(text).toMatch(line("Total", "$3.60"));
    expect(text).not.toContain("Reverse charge");
    expect((await api().post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).status).toBe(200);
    expect(await pdfText(fr.accountId, invoice.id)).toMatch(line("Amount due", "$0.00"));
    expect(await available(fr.accountId)).toBe(0);
  });

  it("a US customer at its state's rate, rounded per line; paid; a later rate change leaves it; a credit note reverses its share", async () => {
    stack.ctx.taxes.rounding = "line";
    const us = await customer(
      "Initech",
      {
        legalName: "Initech Inc.",
        address: { line1: "4120 Freidrich Lane", city: "New York", region: "NY", postalCode: "10001", country: "US" },
      },
      { pricePerCall: 250_000, products: [{ id: "search", path: "/search", price: { unitPrice: 15_000 } }] },
      { inclusive: false },
      [
        ["/search", 3],
        ["/other", 10],
      ],
    );
    accounts.us = us.accountId;
    await use(us);
    let invoice: Invoice;
    try {
      invoice = await close(us.accountId);
    } finally {
      stack.ctx.taxes.rounding = "document";
    }
    invoices.us = invoice;
    // Per line: $2.50 × 8.875 % = $0.221875 → $0.22; $0.045 × 8.875 % = $0.0039… → $0.00. (Per document it
    // would be $2.545 × 8.875 % = $0.2258… → $0.23.) Total $2.545 + $0.22 = $2.765 → $2.77.
    expect(invoice.lines.map((l) => [l.productId, l.amount, l.tax, l.taxCategory])).toEqual([
      ["default", 2_500_000, 220_000, "standard"],
      ["search", 45_000, 0, "standard"],
    ]);
    expect(invoice).toMatchObject({ subtotal: 2_545_000, total: 2_770_000, rounding: 5_000 });
    expect(invoice.tax).toMatchObject({ inclusive: false, rounding: "line", reverseCharge: false, amount: 220_000 });
    expect(invoice.tax!.lines).toEqual([
      {
        name: "Sales tax",
        country: "US",
        region: "NY",
        category: "standard",
        ratePpm: 88_750,
        taxRateId: rates.NY,
        taxable: 2_545_000,
        amount: 220_000,
      },
    ]);
    const text = await pdfText(us.accountId, invoice.id);
    expect(text).toMatch(/10 calls × \$0\.25 \(tax \$0\.22\)\s+\$2\.50/);
    expect(text).toMatch(/3 calls × \$0\.015 \(tax \$0\.00\)\s+\$0\.045/);
    expect(text).toMatch(line("Subtotal", "$2.545"));
    expect(text).toMatch(line("Sales tax 8.875% (US-NY) on $2.545", "$0.22"));
    expect(text).toMatch(line("Rounding to whole cents", "$0.005"));
    expect(text).toMatch(line("Total", "$2.77"));
    expect(text).toContain("Tax is rounded to the cent on each line.");

    expect((await api().post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).status).toBe(200);
    // The customer paid $2.77: $2.545 of usage back to the wallet, $0.22 of tax and $0.005 of rounding out of it.
    expect(await available(us.accountId)).toBe(0);
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId: us.accountId, invoiceId: invoice.id }).lean();
    expect(entries.map((e) => [e.type, e.amount, e.idempotencyKey]).sort()).toEqual(
      [
        ["adjustment", -220_000, `invoice:${invoice.id}:tax`],
        ["adjustment", -5_000, `invoice:${invoice.id}:rounding`],
        ["payment", 2_770_000, `invoice:${invoice.id}:payment:rest`],
      ].sort(),
    );

    // New York's rate changes: the issued invoice says what it said.
    const changed = await api()
      .put(`/v1/tax-rates/${rates.NY}`)
      .set(admin)
      .send({ name: "Sales tax", ratePpm: 40_000, validFrom: "2020-01-01" });
    expect(changed.status).toBe(200);
    expect(changed.body.ratePpm).toBe(40_000);
    expect((await api().get(`/v1/accounts/${us.accountId}/invoices/${invoice.id}`).set(admin)).body).toMatchObject({
      total: 2_770_000,
      tax: { amount: 220_000, lines: [{ ratePpm: 88_750 }] },
    });
    const again = await pdfText(us.accountId, invoice.id);
    expect(again).toMatch(line("Sales tax 8.875% (US-NY) on $2.545", "$0.22"));
    expect(again).toMatch(line("Total", "$2.77"));
    expect(again).toContain("PAID");
    expect(
      (await api().put(`/v1/tax-rates/${rates.NY}`).set(admin).send({ name: "Sales tax", ratePpm: 88_750, validFrom: "2020-01-01" }))
        .status,
    ).toBe(200);

    // A credit of $1.00 of the $2.545 billed reverses that share of its tax: $0.22 × 1 / 2.545 = $0.0864… → $0.09.
    const noted = await api()
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(admin)
      .set("idempotency-key", "us-note")
      .send({ amount: USD, reason: "outage" });
    expect(noted.status).toBe(201);
    const note = noted.body as Invoice;
    invoices.usNote = note;
    expect(note).toMatchObject({ kind: "credit_note", subtotal: -USD, total: -1_090_000, rounding: 0 });
    expect(note.tax).toMatchObject({ inclusive: false, amount: -90_000, lines: [{ ratePpm: 88_750, taxable: -USD, amount: -90_000 }] });
    const noteText = await pdfText(us.accountId, note.id);
    expect(noteText).toContain(`Credit note ${note.number}`);
    expect(noteText).toMatch(line("Sales tax 8.875% (US-NY) on -$1.00", "-$0.09"));
    expect(noteText).toMatch(line("Total", "-$1.09"));
    // The invoice was paid: the customer gets back what the note forgives, tax included.
    expect(await available(us.accountId)).toBe(1_090_000);
  });

  async function topUp(accountId: string, key: string, amount: number, idempotencyKey: string): Promise<Invoice> {
    const started = await api()
      .post(`/v1/accounts/${accountId}/recharges`)
      .set("x-api-key", key)
      .set("idempotency-key", idempotencyKey)
      .send({ amount, provider: "stripe", paymentMethod: "pm_card_visa" });
    expect(started.status).toBe(201);
    const paid = { id: started.body.providerRef, object: "payment_intent", metadata: { rechargeId: started.body.id } };
    expect((await stripeWebhook(stack, "payment_intent.succeeded", paid)).status).toBe(200);
    const receipt = await stack.ctx.models.Invoice.findOne({ accountId, kind: "receipt", subject: started.body.id }).lean();
    return (await api().get(`/v1/accounts/${accountId}/invoices/${receipt!._id}`).set(admin)).body as Invoice;
  }
  const consumerPT = {
    legalName: "João Silva",
    address: { line1: "Rua Augusta 1", city: "Lisboa", postalCode: "1100-048", country: "PT" },
  };

  it("prepaid money taxed at top-up (TAX_PREPAID=top_up): the receipt is the tax document, the wallet holds money net of tax", async () => {
    expect(stack.ctx.taxes.prepaid).toBe("top_up"); // the default
    const pt = await customer("Top-up consumer", consumerPT, { pricePerCall: 100_000 }, { inclusive: false }, [["/search", 5]], "prepaid");
    accounts.topUp = pt.accountId;
    const receipt = await topUp(pt.accountId, pt.key, 12_300_000, "pt-topup");
    invoices.topUpReceipt = receipt;
    // $12.30 paid includes 23 % VAT: $10.00 of credit and $2.30 of tax.
    expect(receipt).toMatchObject({ kind: "receipt", status: "paid", subtotal: 12_300_000, total: 12_300_000 });
    expect(receipt.tax).toMatchObject({
      inclusive: true,
      amount: 2_300_000,
      lines: [{ country: "PT", ratePpm: 230_000, taxable: 10_000_000 }],
    });
    expect(await available(pt.accountId)).toBe(10_000_000);
    const text = await pdfText(pt.accountId, receipt.id);
    expect(text).toMatch(line("Subtotal (tax included)", "$12.30"));
    expect(text).toMatch(line("Includes VAT 23% (PT) on $10.00", "$2.30"));
    expect(text).toMatch(line("Total", "$12.30"));
    expect(text).toContain("the wallet was credited $10.00");
    // Its usage is not taxed again: a prepaid account has no period invoice.
    await use(pt);
    expect(await close(pt.accountId)).toBeNull();
    expect(await available(pt.accountId)).toBe(10_000_000 - 500_000);

    // A refunded top-up: its receipt's tax is given back on a credit note for the whole receipt, which moves no
    // money (the reversal took back the $5.00 credited; the provider returned the $6.15 paid).
    const refundedReceipt = await topUp(pt.accountId, pt.key, 6_150_000, "pt-topup-refunded");
    expect(refundedReceipt.tax).toMatchObject({ inclusive: true, amount: 1_150_000, lines: [{ taxable: 5_000_000 }] });
    expect(await available(pt.accountId)).toBe(9_500_000 + 5_000_000);
    expect((await api().post(`/v1/recharges/${refundedReceipt.subject}/refund`).set(admin).send({})).status).toBe(200);
    expect((await api().post(`/v1/recharges/${refundedReceipt.subject}/refund`).set(admin).send({})).status).toBe(200);
    expect(await available(pt.accountId)).toBe(9_500_000);
    const notes = (await stack.admin.listInvoices(pt.accountId)).items.filter((d) => d.kind === "credit_note");
    expect(notes).toHaveLength(1); // once, however often the refund is asked for
    expect(notes[0]).toMatchObject({ correctsInvoiceId: refundedReceipt.id, subtotal: -6_150_000, total: -6_150_000 });
    expect(notes[0]!.tax).toMatchObject({ inclusive: true, amount: -1_150_000, lines: [{ taxable: -5_000_000, amount: -1_150_000 }] });
    invoices.refundNote = notes[0]!;
    const noteText = await pdfText(pt.accountId, notes[0]!.id);
    expect(noteText).toMatch(line("Includes VAT 23% (PT) on -$5.00", "-$1.15"));
    expect(noteText).toMatch(line("Total", "-$6.15"));
    expect(noteText).toContain(`This credit note records the refund of ${refundedReceipt.number}`);
  });

  it("prepaid money taxed at use (TAX_PREPAID=use): an untaxed receipt, then the period's invoice taxes the usage, settled from the balance", async () => {
    stack.ctx.taxes.prepaid = "use";
    try {
      const pt = await customer("Use consumer", consumerPT, { pricePerCall: 100_000 }, { inclusive: false }, [["/search", 5]], "prepaid");
      accounts.use = pt.accountId;
      const receipt = await topUp(pt.accountId, pt.key, 10_000_000, "pt-use-topup");
      expect(receipt.tax).toBeUndefined();
      expect(receipt.total).toBe(10_000_000);
      expect(await available(pt.accountId)).toBe(10_000_000);
      const receiptText = await pdfText(pt.accountId, receipt.id);
      expect(receiptText).toContain("A prepayment: tax is charged on the period's invoices as the money is used.");
      expect(receiptText).not.toContain("VAT");

      await use(pt);
      const invoice = await close(pt.accountId);
      invoices.use = invoice;
      // $0.50 of usage at 23 %: $0.115 → $0.12, paid from the balance with the usage.
      expect(invoice).toMatchObject({
        kind: "invoice",
        prepaid: true,
        status: "paid",
        subtotal: 500_000,
        total: 620_000,
        amountPaid: 620_000,
      });
      expect(invoice.tax).toMatchObject({
        inclusive: false,
        amount: 120_000,
        lines: [{ country: "PT", ratePpm: 230_000, taxable: 500_000 }],
      });
      expect(await available(pt.accountId)).toBe(10_000_000 - 500_000 - 120_000);
      const text = await pdfText(pt.accountId, invoice.id);
      expect(text).toMatch(line("VAT 23% (PT) on $0.50", "$0.12"));
      expect(text).toMatch(line("Total", "$0.62"));
      expect(text).toMatch(line("Amount due", "$0.00"));
      expect(text).toContain("Settled from the prepaid balance when issued.");
      // Closing again bills nothing twice.
      expect((await close(pt.accountId)).id).toBe(invoice.id);
      expect(await available(pt.accountId)).toBe(9_380_000);
    } finally {
      stack.ctx.taxes.prepaid = "top_up";
    }
  });

  it("the financial report: tax from the documents, never revenue; revenue equal to the documents' net, to the micro; the CSV says the same", async () => {
    await jobs.bookUsage(stack.ctx);
    const year = new Date().getUTCFullYear();
    const range = { from: `${year}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` };
    const [summary] = (await stack.admin.getFinancialReport(range)).currencies;
    const all = (
      await Promise.all(Object.values(accounts).map(async (id) => (await stack.admin.listInvoices(id, { limit: 200 })).items))
    ).flat();
    expect(all.map((d) => d.id)).toEqual(expect.arrayContaining(Object.values(invoices).map((d) => d.id)));
    const taxOf = (d: Invoice) => d.tax?.amount ?? 0;
    // Tax: every document's, credit notes taking theirs back.
    expect(summary!.tax.total).toBe(all.reduce((s, d) => s + taxOf(d), 0));
    // (The refunded top-up's $1.15 and its credit note's -$1.15 cancel out.)
    expect(summary!.tax.total).toBe(0 + 600_000 + 220_000 - 90_000 + 2_300_000 + 1_150_000 - 1_150_000 + 120_000);
    expect(summary!.tax.byRate).toEqual({
      "DE:standard:0": { taxable: USD, amount: 0 },
      "FR:standard:200000": { taxable: 3_000_000, amount: 600_000 },
      "US-NY:standard:88750": { taxable: 2_545_000 - USD, amount: 220_000 - 90_000 },
      "PT:standard:230000": { taxable: 10_000_000 + 500_000, amount: 2_300_000 + 120_000 },
    });
    expect(summary!.tax.reverseCharged).toBe(USD);
    // Revenue: what the invoices billed net of tax, and the usage the top-up account's net money paid for.
    const invoiced = all.filter((d) => d.kind === "invoice").reduce((s, d) => s + d.subtotal - (d.tax?.inclusive ? taxOf(d) : 0), 0);
    const prepaidUsage = await stack.ctx.models.UsageEvent.find({ accountId: accounts.topUp }).lean();
    const topUpUsage = prepaidUsage.reduce((s, e) => s + e.amount, 0);
    expect(topUpUsage).toBe(500_000);
    expect(summary!.revenue.taxIncluded).toBe(600_000);
    expect(summary!.revenue.total).toBe(invoiced + topUpUsage);
    expect(summary!.revenue.total).toBe(USD + 3_000_000 + 2_545_000 + 500_000 + 500_000);
    // The CSV holds the same figures.
    const lines = parse<Record<string, string>>(await stack.admin.getFinancialReportCsv(range), { columns: true });
    const figure = (name: string) => Number(lines.find((l) => l.figure === name)!.amount_micros);
    expect(figure("tax.total")).toBe(summary!.tax.total);
    expect(figure("tax.byRate.US-NY:standard:88750.amount")).toBe(130_000);
    expect(figure("revenue.taxIncluded")).toBe(600_000);
    expect(figure("revenue.total")).toBe(summary!.revenue.total);
  });

  it("a consolidated invoice taxes each line's usage in the category its own plan gives the product, not its payer's plan", async () => {
    // The payer's plan taxes everything as standard; its line is on a plan that maps /ebooks to the reduced category.
    const payer = await customer(
      "Livraria Bertrand",
      { legalName: "Livraria Bertrand, S.A.", address: { line1: "Rua Garrett 73", city: "Lisboa", postalCode: "1200-203", country: "PT" } },
      { pricePerCall: 1_000_000, products: [{ id: "ebooks", path: "/ebooks", price: { unitPrice: 500_000 } }] },
      { inclusive: false },
      [["/ebooks", 2]],
    );
    const ebooksPlan = await stack.admin.createPlan({
      name: "Livraria ebooks line",
      currency: "USD",
      pricePerCall: 1_000_000,
      products: [{ id: "ebooks", path: "/ebooks", price: { unitPrice: 500_000 } }],
    });
    expect(
      (
        await api()
          .put(`/v1/plans/${ebooksPlan.id}/tax`)
          .set(admin)
          .send({ inclusive: false, products: [{ productId: "ebooks", category: "ebooks" }] })
      ).status,
    ).toBe(200);
    const member = await stack.admin.createLine(payer.accountId, { name: "Bertrand Chiado", planId: ebooksPlan.id });
    const memberKey = (await stack.admin.createApiKey(member.accountId)).key;
    for (let i = 0; i < 4; i++)
      expect((await call(`${stack.gatewayUrl}/ebooks`, { headers: { "x-api-key": memberKey } })).status).toBe(200);
    await use(payer);
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: member.accountId })) === 4,
      30_000,
      "usage",
    );

    const invoice = await close(payer.accountId);
    const byAccount = (accountId: string | undefined) => invoice.lines.filter((l) => (l.accountId ?? payer.accountId) === accountId);
    // The payer's own ebooks at 23 %, the line's at 6 %: $1.00 × 23 % = $0.23, $2.00 × 6 % = $0.12.
    expect(byAccount(payer.accountId).map((l) => [l.productId, l.amount, l.taxCategory])).toEqual([["ebooks", 1_000_000, "standard"]]);
    expect(byAccount(member.accountId).map((l) => [l.productId, l.amount, l.taxCategory])).toEqual([["ebooks", 2_000_000, "ebooks"]]);
    expect(invoice.tax!.lines.map((l) => [l.category, l.ratePpm, l.taxable, l.amount])).toEqual(
      expect.arrayContaining([
        ["standard", 230_000, 1_000_000, 230_000],
        ["ebooks", 60_000, 2_000_000, 120_000],
      ]),
    );
    expect(invoice.tax!.amount).toBe(350_000);
    expect(invoice.total).toBe(3_350_000);
  });
});
