import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { jobs } from "@tollgate/control-plane";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";
import { accessible, launch } from "./support/browser.js";

/** Where the run keeps what to look at (test/business-documents.test.ts puts its documents there too). */
const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));

/** Voice at 1 cent a call, texts at 2: whole cents, so that a total is its subtotal exactly. */
const CATALOG = {
  products: [
    { id: "voice", method: "GET" as const, path: "/voice", price: { unitPrice: 10_000 } },
    { id: "sms", method: "GET" as const, path: "/sms", price: { unitPrice: 20_000 } },
  ],
  unmatched: { action: "refuse" as const },
};

describe("hierarchy invoices: the payer gets one invoice with a section per line; each line keeps its own usage and statement", () => {
  let stack: Stack;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    stack = await startStack();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const month = new Date().toISOString().slice(0, 7);
  const periodStart = `${month}-01`;
  const use = async (key: string, product: "voice" | "sms", times = 1) => {
    for (let i = 0; i < times; i++)
      expect((await call(`${stack.gatewayUrl}/${product}`, { headers: { "x-api-key": key } })).status).toBe(200);
  };
  const ingested = (accountIds: string[], n: number) =>
    eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: { $in: accountIds } })) === n,
      30_000,
      "usage ingested",
    );
  /** What the payer's wallet was charged for usage, once booked (micros, positive). */
  const charged = async (accountId: string) => {
    await jobs.bookUsage(stack.ctx);
    const entries = await stack.ctx.models.LedgerEntry.find({ accountId, type: "usage" }).lean();
    return -entries.reduce((sum, e) => sum + e.amount, 0);
  };
  let documents = 0;
  async function pdfText(path: string): Promise<string> {
    const pdf = await api()
      .get(path)
      .set(admin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const file = join(SHOTS, `hierarchy-document-${++documents}.pdf`);
    writeFileSync(file, pdf.body as Buffer);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  }

  it("bill a postpaid payer's lines on its invoice, a section each with its subtotal, totals equal to what its wallet was charged; a detached line's later calls are its own", async () => {
    const plan = await stack.admin.createPlan({ name: "family plan", currency: "USD", ...CATALOG });
    const payer = await stack.admin.createAccount({
      name: "Silva family",
      planId: plan.id,
      billingMode: "postpaid",
      creditLimit: 10_000_000,
    });
    const payerKey = (await stack.admin.createApiKey(payer.id)).key;
    const ana = await stack.admin.createLine(payer.id, { name: "Ana's phone", limit: 1_000_000 });
    const bruno = await stack.admin.createLine(payer.id, { name: "Bruno's phone" });
    const anaKey = (await stack.admin.createApiKey(ana.accountId)).key;
    const brunoKey = (await stack.admin.createApiKey(bruno.accountId)).key;
    const everyone = [payer.id, ana.accountId, bruno.accountId];

    // The payer calls twice; Ana three calls and a text; Bruno a text. All of it is the payer's wallet's.
    await use(payerKey, "voice", 2);
    await use(anaKey, "voice", 3);
    await use(anaKey, "sms");
    await use(brunoKey, "sms");
    await ingested(everyone, 7);
    expect(await charged(payer.id)).toBe(90_000);

    const closed = await stack.admin.closeBillingPeriod(payer.id, periodStart);
    const invoice = closed.invoice!;
    expect(invoice).toMatchObject({ status: "finalized", subtotal: 90_000, rounding: 0, total: 90_000 });
    expect(invoice.sections).toEqual([
      { accountId: payer.id, name: "Silva family", subtotal: 20_000 },
      { accountId: ana.accountId, name: "Ana's phone", subtotal: 50_000 },
      { accountId: bruno.accountId, name: "Bruno's phone", subtotal: 20_000 },
    ]);
    const usage = { kind: "usage", unit: "call" };
    expect(invoice.lines).toEqual([
      { ...usage, description: "voice", productId: "voice", quantity: 2, unitPrice: 10_000, amount: 20_000 },
      { ...usage, description: "sms", productId: "sms", quantity: 1, unitPrice: 20_000, amount: 20_000, accountId: ana.accountId },
      { ...usage, description: "voice", productId: "voice", quantity: 3, unitPrice: 10_000, amount: 30_000, accountId: ana.accountId },
      { ...usage, description: "sms", productId: "sms", quantity: 1, unitPrice: 20_000, amount: 20_000, accountId: bruno.accountId },
    ]);
    // Each call is billed once, on the payer's invoice; a line has no invoice of its own while it is one.
    expect(await stack.ctx.models.InvoiceAssignment.countDocuments({ invoiceId: invoice.id })).toBe(7);
    expect(await stack.admin.closeBillingPeriod(ana.accountId, periodStart)).toEqual({ invoice: null });
    expect((await stack.admin.listInvoices(ana.accountId)).items).toEqual([]);
    // Closing again with nothing new is the same invoice.
    expect((await stack.admin.closeBillingPeriod(payer.id, periodStart)).invoice!.id).toBe(invoice.id);

    // The document: the payer's section, then one per line under its name and id, each with its subtotal.
    const html = await api().get(`/v1/accounts/${payer.id}/invoices/${invoice.id}/html`).set(admin);
    expect(html.text).toContain(`<th scope="rowgroup" colspan="3">Line Ana&#x27;s phone (${ana.accountId})</th>`);
    expect(html.text).toMatch(
      /<tr class="subtotal"><td>Subtotal, Bruno&#x27;s phone<\/td><td class="n"><\/td><td class="n" title="[^"]+">\$0\.02</,
    );
    const text = await pdfText(`/v1/accounts/${payer.id}/invoices/${invoice.id}/pdf`);
    const order = [
      `Account Silva family (${payer.id})`,
      "voice",
      "Subtotal, Silva family",
      `Line Ana's phone (${ana.accountId})`,
      "sms",
      "Subtotal, Ana's phone",
      `Line Bruno's phone (${bruno.accountId})`,
      "Subtotal, Bruno's phone",
      "Total",
    ];
    // Each in its place: found after the one before it.
    let from = 0;
    for (const s of order) {
      const at = text.indexOf(s, from);
      expect(at, s).toBeGreaterThanOrEqual(from);
      from = at + s.length;
    }
    expect(text).toMatch(/voice\s+2 calls × \$0\.01\s+\$0\.02/);
    expect(text).toMatch(/Subtotal, Silva family\s+\$0\.02/);
    expect(text).toMatch(/voice\s+3 calls × \$0\.01\s+\$0\.03/);
    expect(text).toMatch(/Subtotal, Ana's phone\s+\$0\.05/);
    expect(text).toMatch(/Subtotal, Bruno's phone\s+\$0\.02/);
    expect(text).toMatch(/Subtotal\s+\$0\.09/);
    expect(text).toMatch(/Total\s+\$0\.09/);

    // The payer's portal shows the same sections (the console's invoice page is the same component).
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const session = await api().post(`/v1/accounts/${payer.id}/portal-sessions`).set(admin).send({});
      await page.goto(session.body.url as string);
      // Signed in (the link's exchange done) before the invoice's address is opened.
      await page.getByTestId("balance").locator(".balance").first().waitFor();
      await page.goto(`${stack.controlPlaneUrl}/portal/invoices/${invoice.id}`);
      const document = page.getByRole("region", { name: `Invoice ${invoice.number}` });
      await document.getByRole("rowheader", { name: "Subtotal, Bruno's phone" }).waitFor();
      const rows = await document.getByRole("table", { name: "Lines" }).locator("tbody tr").allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, " ").trim())).toEqual([
        `Account Silva family (${payer.id})`,
        "voice 2 calls $0.01 $0.02",
        "Subtotal, Silva family $0.02",
        `Line Ana's phone (${ana.accountId})`,
        "sms 1 call $0.02 $0.02",
        "voice 3 calls $0.01 $0.03",
        "Subtotal, Ana's phone $0.05",
        `Line Bruno's phone (${bruno.accountId})`,
        "sms 1 call $0.02 $0.02",
        "Subtotal, Bruno's phone $0.02",
      ]);
      await accessible(page, "a payer's consolidated invoice in the portal");
      await page.screenshot({ path: join(SHOTS, "portal-consolidated-invoice.png"), fullPage: true });
    } finally {
      await browser.close();
    }

    // The month's statements: the payer's says whose calls its wallet paid; a line's, its own calls and who paid.
    const statement = await stack.admin.getStatement(payer.id, month);
    expect(statement.lines).toEqual([
      { accountId: ana.accountId, name: "Ana's phone", currency: "USD", calls: 4, amount: 50_000 },
      { accountId: bruno.accountId, name: "Bruno's phone", currency: "USD", calls: 1, amount: 20_000 },
    ]);
    expect(statement.wallets[0]!.movements.usage).toBe(-90_000);
    expect(await stack.consumer(anaKey).getStatement(ana.accountId, month)).toMatchObject({
      wallets: [],
      paidByPayer: [{ payerId: payer.id, currency: "USD", calls: 4, amount: 50_000 }],
    });
    expect((await stack.admin.listUsage(ana.accountId)).items).toHaveLength(4);
    const payerStatement = await pdfText(`/v1/accounts/${payer.id}/statements/${month}/pdf`);
    expect(payerStatement).toMatch(new RegExp(`Line Ana's phone \\(${ana.accountId}\\)\\s+4 calls\\s+-\\$0\\.05`));
    const lineStatement = await pdfText(`/v1/accounts/${ana.accountId}/statements/${month}/pdf`);
    expect(lineStatement).toMatch(new RegExp(`Paid from the wallet of ${payer.id}\\s+4 calls\\s+-\\$0\\.05`));

    // Bruno leaves: his next calls are his own (a wallet of his own), never on the payer's next invoice.
    const detached = await stack.admin.detachLine(payer.id, bruno.accountId);
    await stack.admin.creditWallet(detached.wallets[0]!.id, { amount: 100_000 }, { idempotencyKey: `own-${bruno.accountId}` });
    await use(brunoKey, "voice", 2);
    await use(anaKey, "voice");
    await use(payerKey, "sms");
    await ingested(everyone, 11);
    expect(await charged(payer.id)).toBe(90_000 + 30_000);

    const next = (await stack.admin.closeBillingPeriod(payer.id, periodStart)).invoice!;
    expect(next.id).not.toBe(invoice.id);
    expect(next.sections).toEqual([
      { accountId: payer.id, name: "Silva family", subtotal: 20_000 },
      { accountId: ana.accountId, name: "Ana's phone", subtotal: 10_000 },
    ]);
    // The payer's invoices bill exactly what its wallet was charged, to the micro.
    expect(invoice.subtotal + next.subtotal).toBe(await charged(payer.id));
    const brunoOwn = await stack.ctx.models.UsageEvent.find({ accountId: bruno.accountId, payerId: { $exists: false } }).lean();
    expect(brunoOwn).toHaveLength(2);
    for (const e of brunoOwn) expect(await stack.ctx.models.InvoiceAssignment.findById(e._id).lean()).toBeNull();

    // Were Bruno billed in arrears now (no route changes a billing mode: the store says it), his own invoice
    // bills his two calls of his own, never the text his payer paid for.
    await stack.ctx.models.Account.updateOne({ _id: bruno.accountId }, { $set: { billingMode: "postpaid" } });
    const own = (await stack.admin.closeBillingPeriod(bruno.accountId, periodStart)).invoice!;
    expect(own.sections).toBeUndefined();
    expect(own.lines).toEqual([{ ...usage, description: "voice", productId: "voice", quantity: 2, unitPrice: 10_000, amount: 20_000 }]);
    expect(await stack.admin.getStatement(bruno.accountId, month)).toMatchObject({
      paidByPayer: [{ payerId: payer.id, calls: 1, amount: 20_000 }],
      wallets: [{ movements: { credit: 100_000, usage: -20_000 } }],
    });

    // An erasure of a line finds its name on its payer's invoice too: the section keeps its id and figures.
    if ((await stack.admin.eraseAccount(ana.accountId)).status !== "done") await jobs.finishErasures(stack.ctx);
    const erasedName = (await stack.admin.getAccount(ana.accountId)).name;
    expect(erasedName).not.toBe("Ana's phone");
    expect((await stack.admin.getInvoice(payer.id, invoice.id)).sections![1]).toEqual({
      accountId: ana.accountId,
      name: erasedName,
      subtotal: 50_000,
    });
    expect(await pdfText(`/v1/accounts/${payer.id}/invoices/${invoice.id}/pdf`)).not.toContain("Ana's phone");
  });
});
