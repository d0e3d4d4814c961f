import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jobs } from "@tollgate/control-plane";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

/** Where the run keeps what to look at before a change is handed in (test/pages.test.ts puts its screenshots there too). */
const SHOTS = fileURLToPath(new URL("../.run/screenshots/", import.meta.url));

/** A 1×1 PNG, as a data: URL. */
const PNG_LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("business documents: who they are from and to", () => {
  let stack: Stack;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A document's PDF as text (pdftotext -layout), kept beside the run's screenshots as a PNG to look at. */
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
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, `document-${++documents}.pdf`);
    writeFileSync(file, pdf.body as Buffer);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", file, file.replace(/\.pdf$/, "")]);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  }

  const issuer = {
    legalName: "Acme APIs, Lda.",
    address: { line1: "Avenida da Liberdade 110", line2: "3.º andar", city: "Lisboa", postalCode: "1250-146", country: "PT" },
    taxId: "PT509876543",
    email: "billing@acme.example",
    website: "https://acme.example",
    logo: PNG_LOGO,
    accentColor: "#1d4ed8",
    dueDays: 30,
    paymentInstructions: "Bank transfer to IBAN PT50 0002 0123 1234 5678 9015 4\nReference: the invoice number",
    footer: "Acme APIs, Lda. · Registered in Lisboa under 509876543 · Share capital €5,000",
  };
  const billing = {
    legalName: "Globex Corporation",
    address: { line1: "1 Globex Way", city: "Cypress Creek", region: "OR", postalCode: "97001", country: "US" },
    taxId: "EIN 12-3456789",
    email: "ap@globex.example",
  };

  it("the issuer profile: defaults until set, validated, audited; documents keep what they printed when finalized", async () => {
    const unset = await api().get("/v1/issuer-profile").set(admin);
    expect(unset.status).toBe(200);
    expect(unset.body).toMatchObject({ configured: false, dueDays: 14 });

    for (const [bad, field] of [
      [{ ...issuer, logo: "data:image/png;base64,aGVsbG8=" }, "/logo"],
      [{ ...issuer, logo: "https://acme.example/logo.png" }, "/logo"],
      [{ ...issuer, address: { ...issuer.address, country: "Portugal" } }, "/address/country"],
      [{ ...issuer, accentColor: "blue" }, "/accentColor"],
      [{ ...issuer, dueDays: -1 }, "/dueDays"],
      [{ ...issuer, legalName: "Acme\u0007" }, "/legalName"],
      [{ ...issuer, extra: 1 }, ""],
    ] as const) {
      const refused = await api().put("/v1/issuer-profile").set(admin).send(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      if (field !== "") expect(JSON.stringify(refused.body.errors)).toContain(field);
    }
    expect((await api().get("/v1/issuer-profile").set(admin)).body.configured).toBe(false);

    const set = await api().put("/v1/issuer-profile").set(admin).send(issuer);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ...issuer, configured: true });
    expect((await api().get("/v1/issuer-profile").set(admin)).body).toEqual(set.body);
    const trail = await stack.ctx.models.AuditRecord.find({ action: "issuer_profile.update" }).lean();
    expect(trail).toHaveLength(1);
  });

  it("billing details: set by staff or by the account itself, never by another account; printed on the next documents only", async () => {
    const a = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    const b = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    expect((await api().put(`/v1/accounts/${a.accountId}/billing-details`).set("x-api-key", b.key).send(billing)).status).toBe(403);
    const bad = await api()
      .put(`/v1/accounts/${a.accountId}/billing-details`)
      .set("x-api-key", a.key)
      .send({ ...billing, email: "not an email" });
    expect(bad.status).toBe(400);
    expect((await api().get(`/v1/accounts/${a.accountId}`).set(admin)).body.billingDetails).toBeUndefined(); // nothing changed
    const own = await api().put(`/v1/accounts/${a.accountId}/billing-details`).set("x-api-key", a.key).send(billing);
    expect(own.status).toBe(200);
    expect(own.body.billingDetails).toEqual(billing);
    expect((await api().get(`/v1/accounts/${a.accountId}`).set(admin)).body.billingDetails).toEqual(billing);

    // An invoice finalized now is addressed to them, and falls due after the issuer's terms.
    const plan = await stack.admin.createPlan({ name: "docs", currency: "USD", pricePerCall: 250_000 });
    const account = await stack.admin.createAccount({ name: "Globex", planId: plan.id, billingMode: "postpaid", creditLimit: 10_000_000 });
    const key = (await stack.admin.createApiKey(account.id)).key;
    expect((await api().put(`/v1/accounts/${account.id}/billing-details`).set(admin).send(billing)).status).toBe(200);
    expect((await call(`${stack.gatewayUrl}/search`, { headers: { "x-api-key": key } })).status).toBe(200);
    await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 1, 30_000, "usage");
    const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
    const closed = await api().post(`/v1/accounts/${account.id}/invoices`).set(admin).send({ periodStart });
    expect(closed.status).toBe(200);
    const invoice = closed.body.invoice;
    const { logo: _logo, ...printed } = issuer;
    expect(invoice).toMatchObject({ issuer: printed, customer: { name: "Globex", billingDetails: billing } });
    expect(invoice.issuer.logo).toBeUndefined();
    expect(Date.parse(invoice.dueAt) - Date.parse(invoice.finalizedAt)).toBe(30 * 86_400_000);

    // The PDF, read back as text: every field a business document needs.
    const text = await pdfText(`/v1/accounts/${account.id}/invoices/${invoice.id}/pdf`);
    const issued = invoice.finalizedAt.slice(0, 10);
    const dueDate = invoice.dueAt.slice(0, 10);
    for (const field of [
      `Invoice ${invoice.number}`,
      "Acme APIs, Lda.",
      "Avenida da Liberdade 110",
      "3.º andar",
      "1250-146 Lisboa",
      "Portugal",
      "Tax id: PT509876543",
      "billing@acme.example",
      "Globex Corporation",
      "1 Globex Way",
      "97001 Cypress Creek, OR",
      "United States",
      "Tax id: EIN 12-3456789",
      "ap@globex.example",
      "IBAN PT50 0002 0123 1234 5678 9015 4",
      "Registered in Lisboa under 509876543",
      `Please pay $0.25 by ${dueDate}, quoting ${invoice.number}.`,
    ])
      expect(text, field).toContain(field);
    expect(text).toMatch(new RegExp(`Issue date\\s+${issued}`));
    expect(text).toMatch(new RegExp(`Due date\\s+${dueDate}`));
    expect(text).toMatch(/Billing period\s+\d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/default\s+1 call × \$0\.25\s+\$0\.25/);
    expect(text).toMatch(/Total\s+\$0\.25/);
    expect(text).toMatch(/Paid\s+\$0\.00/);
    expect(text).toMatch(/Amount due\s+\$0\.25/);
    // The HTML says the same.
    const html = await api().get(`/v1/accounts/${account.id}/invoices/${invoice.id}/html`).set(admin);
    for (const field of ["Acme APIs, Lda.", "Globex Corporation", "Tax id: EIN 12-3456789", `<dd>${dueDate}</dd>`, "IBAN PT50"])
      expect(html.text, field).toContain(field);
    expect(html.text).toContain(`<img src="${PNG_LOGO.replaceAll("=", "&#x3D;")}" alt="Acme APIs, Lda.">`);

    // Paid: the document says so, and that nothing is due.
    expect((await api().post(`/v1/invoices/${invoice.id}/pay`).set(admin).send({})).status).toBe(200);
    const paid = await pdfText(`/v1/accounts/${account.id}/invoices/${invoice.id}/pdf`);
    expect(paid).toMatch(/Paid\s+\$0\.25/);
    expect(paid).toMatch(/Amount due\s+\$0\.00/);
    expect(paid).toContain("PAID");
    expect(paid).toContain("Paid in full: nothing is due.");

    // The month's statement, as a document: the same issuer and customer, the wallet's movements and balances.
    await jobs.bookUsage(stack.ctx);
    const statement = await pdfText(`/v1/accounts/${account.id}/statements/${periodStart.slice(0, 7)}/pdf`);
    for (const field of ["Statement", "Acme APIs, Lda.", "Globex Corporation", "Tax id: EIN 12-3456789", "Opening balance, USD"])
      expect(statement, field).toContain(field);
    expect(statement).toMatch(/Usage\s+1 entry\s+-\$0\.25/);
    expect(statement).toMatch(/Invoice payments\s+1 entry\s+\$0\.25/);
    expect(statement).toMatch(/Closing balance, USD\s+\$0(\.00)?\b/);

    // Changing the profile and the details later changes the next documents, never this one.
    expect(
      (
        await api()
          .put("/v1/issuer-profile")
          .set(admin)
          .send({ ...issuer, legalName: "Acme Renamed, S.A.", dueDays: 0 })
      ).status,
    ).toBe(200);
    expect((await api().delete(`/v1/accounts/${account.id}/billing-details`).set(admin)).status).toBe(200);
    const again = await api().get(`/v1/accounts/${account.id}/invoices/${invoice.id}`).set(admin);
    expect(again.body).toMatchObject({
      issuer: { legalName: issuer.legalName, dueDays: 30 },
      customer: { billingDetails: billing },
      dueAt: invoice.dueAt,
    });
  });
});
