import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

describe("invoices", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const month = new Date().toISOString().slice(0, 7);
  const periodStart = `${month}-01`;
  const close = (accountId: string) =>
    request(stack.controlPlaneUrl).post(`/v1/accounts/${accountId}/invoices`).set(admin).send({ periodStart });

  /** A postpaid account on a tiered plan with `calls` calls this month. */
  async function postpaidWithUsage(calls: number) {
    const plan = await stack.admin.createPlan({
      name: "tiered",
      currency: "USD",
      products: [
        {
          id: "search",
          path: "/search",
          price: {
            tiers: [
              { upTo: 3, unitPrice: 250_000 },
              { upTo: null, unitPrice: 100_000 },
            ],
          },
        },
      ],
      pricePerCall: 1_234,
    });
    const account = await stack.admin.createAccount({
      name: "postpaid",
      planId: plan.id,
      billingMode: "postpaid",
      creditLimit: 100_000_000,
    });
    const key = (await stack.admin.createApiKey(account.id)).key;
    for (let i = 0; i < calls; i++) await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": key } });
    await call(`${stack.gatewayUrl}/other`, { headers: { "x-api-key": key } });
    await eventually(
      async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === calls + 1,
      30_000,
      "usage",
    );
    return { accountId: account.id, key };
  }

  it("a billing period closed twice (and concurrently) makes one invoice, with lines per product and tier and exact totals", async () => {
    const a = await postpaidWithUsage(5);
    const answers = await Promise.all([close(a.accountId), close(a.accountId), close(a.accountId)]);
    const again = await close(a.accountId);
    const ids = new Set([...answers, again].map((r) => r.body.invoice.id));
    expect(ids.size).toBe(1);
    expect(await stack.ctx.models.Invoice.countDocuments({ accountId: a.accountId })).toBe(1);
    const invoice = again.body.invoice;
    expect(invoice).toMatchObject({ kind: "invoice", number: "TG-000001", status: "finalized", currency: "USD" });
    expect(invoice.subject).toMatch(new RegExp(`^${periodStart} to \\d{4}-\\d{2}-01$`));
    expect(invoice.lines).toEqual([
      { kind: "usage", description: "default", productId: "default", unit: "call", quantity: 1, unitPrice: 1_234, amount: 1_234 },
      {
        kind: "usage",
        description: "search",
        unit: "call",
        productId: "search",
        quantity: 2,
        unitPrice: 100_000,
        amount: 200_000,
      },
      {
        kind: "usage",
        description: "search",
        unit: "call",
        productId: "search",
        quantity: 3,
        unitPrice: 250_000,
        amount: 750_000,
      },
    ]);
    expect(invoice).toMatchObject({ subtotal: 951_234, rounding: -1_234, total: 950_000 }); // USD 0.951234 → USD 0.95
  });

  it("finalized documents are immutable but for paid or void; drafts of other accounts are not visible", async () => {
    const d = await postpaidWithUsage(1);
    const invoice = (await close(d.accountId)).body.invoice;
    expect((await request(stack.controlPlaneUrl).post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).body.status).toBe("paid");
    const voiding = await request(stack.controlPlaneUrl).post(`/v1/invoices/${invoice.id}/void`).set(admin).send({});
    expect(voiding.status).toBe(409);
    const other = await postpaidWithUsage(1);
    const foreign = await request(stack.controlPlaneUrl)
      .get(`/v1/accounts/${other.accountId}/invoices/${invoice.id}`)
      .set("x-api-key", other.key);
    expect(foreign.status).toBe(404);
  });

  it("renders to HTML and to a PDF that opens and shows the number and the totals", async () => {
    const e = await postpaidWithUsage(2);
    const invoice = (await close(e.accountId)).body.invoice;
    const html = await request(stack.controlPlaneUrl)
      .get(`/v1/accounts/${e.accountId}/invoices/${invoice.id}/html`)
      .set("x-api-key", e.key);
    expect(html.headers["content-type"]).toMatch(/^text\/html/);
    expect(html.text).toContain(`Invoice ${invoice.number}`);
    // Lines in words from their quantity and unit price, the lines and subtotal exact, the total in cents.
    expect(html.text).toContain("2 calls × $0.25");
    expect(html.text).toContain("1 call × $0.001234");
    expect(html.text).toMatch(/<td>Subtotal<\/td><td class="n" title="[^"]+">\$0\.501234</);
    expect(html.text).toContain('<td>Total</td><td class="n" title="$0.50 (500,000 micros)">$0.50<');
    // Served so that it runs nothing and loads nothing.
    expect(html.headers["content-security-policy"]).toContain("default-src 'none'");

    const pdf = await request(stack.controlPlaneUrl)
      .get(`/v1/accounts/${e.accountId}/invoices/${invoice.id}/pdf`)
      .set("x-api-key", e.key)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const file = join(mkdtempSync(join(tmpdir(), "tollgate-pdf-")), "invoice.pdf");
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(`Invoice ${invoice.number}`);
    expect(text).toMatch(/search\s+2 calls × \$0\.25\s+\$0\.50/);
    expect(text).toMatch(/default\s+1 call × \$0\.001234\s+\$0\.001234/);
    expect(text).toMatch(/Subtotal\s+\$0\.501234/);
    expect(text).toMatch(/Rounding to whole cents\s+-\$0\.001234/);
    expect(text).toMatch(/Total\s+\$0\.50/);
    // The SDK downloads the same document.
    const viaSdk = Buffer.from(await stack.consumer(e.key).downloadInvoicePdf(e.accountId, invoice.id));
    expect(viaSdk.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await stack.consumer(e.key).listInvoices(e.accountId)).items.map((i) => i.number)).toEqual([invoice.number]);
  });

  it("prepaid accounts get no period invoice", async () => {
    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 10_000 });
    await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": s.key } });
    expect((await close(s.accountId)).body).toEqual({ invoice: null });
  });
});
