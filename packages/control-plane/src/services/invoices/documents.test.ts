import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { newId } from "../../ids.js";
import { closeBillingPeriod } from "./close-period.js";
import { finalize, issueCreditNote, markVoid } from "./documents.js";
import { payInvoice } from "./pay.js";

describe("invoice numbers", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
  /** A postpaid account with one charged call this month, as the ingester would have stored it. */
  async function postpaidWithUsage() {
    const { accountId, planId } = await fx.seedAccount({ pricePerCall: 250_000, billingMode: "postpaid", creditLimit: 100_000_000 });
    const at = new Date();
    await fx.ctx.models.UsageEvent.create({
      _id: newId("evt"),
      accountId,
      keyId: "key_x",
      planId,
      currency: "USD",
      amount: 250_000,
      method: "GET",
      path: "/x",
      productId: "default",
      units: 1,
      timestamp: at,
      ingestedAt: at,
    });
    return accountId;
  }
  const close = async (accountId: string) => valueOf(await closeBillingPeriod(fx.ctx, accountId, periodStart))!;

  it("run without gaps across invoices and credit notes, even after a numbering interrupted midway", async () => {
    const first = await close(await postpaidWithUsage());
    expect(first.number).toBe("TG-000001");
    const { note } = valueOf(await issueCreditNote(fx.ctx, first._id, 100_000, "goodwill", "goodwill", "test"));
    expect(note).toMatchObject({
      kind: "credit_note",
      number: "TG-000002",
      subtotal: -100_000,
      total: -100_000,
      correctsInvoiceId: first._id,
    });
    expect(await issueCreditNote(fx.ctx, first._id, 200_000, "too much", "more", "test")).toMatchObject({
      ok: false,
      code: "unprocessable",
    });

    // A numbering that died after giving TG-000003 to a document and before moving the counter.
    const c = await postpaidWithUsage();
    const draft = await fx.ctx.models.Invoice.create({
      _id: "inv_interruptedinterr",
      kind: "invoice",
      issuer: "tollgate",
      accountId: c,
      currency: "USD",
      subject: "2000-01",
      idempotencyKey: "interrupted",
      status: "finalized",
      lines: [],
      subtotal: 0,
      total: 0,
      rounding: 0,
      sequence: 3,
      number: "TG-000003",
      createdAt: new Date(),
      finalizedAt: new Date(),
    });
    await fx.ctx.models.InvoiceNumber.create({ _id: "tollgate:3", issuer: "tollgate", sequence: 3, invoiceId: draft._id });
    expect((await fx.ctx.models.InvoiceCounter.findById("tollgate").lean())!.next).toBe(3);
    expect((await close(c)).number).toBe("TG-000004");
    const numbers = (
      await fx.ctx.models.Invoice.find({ sequence: { $exists: true } })
        .sort({ sequence: 1 })
        .lean()
    ).map((i) => i.sequence);
    expect(numbers).toEqual([1, 2, 3, 4]);

    // A run that died after taking a number for a draft and before stamping it: the next run finishes it.
    const e = await postpaidWithUsage();
    const orphan = await fx.ctx.models.Invoice.create({
      _id: "inv_takennotstamped",
      kind: "invoice",
      issuer: "tollgate",
      accountId: e,
      currency: "USD",
      subject: "2000-02",
      idempotencyKey: "taken-not-stamped",
      status: "draft",
      lines: [],
      subtotal: 0,
      total: 0,
      rounding: 0,
      createdAt: new Date(),
    });
    await fx.ctx.models.InvoiceNumber.create({ _id: "tollgate:5", issuer: "tollgate", sequence: 5, invoiceId: orphan._id });
    expect(valueOf(await finalize(fx.ctx, orphan._id)).number).toBe("TG-000005");
    expect((await close(e)).number).toBe("TG-000006");
    expect(valueOf(await finalize(fx.ctx, draft._id)).number).toBe("TG-000003"); // finalizing again changes nothing
  });
  it("take an invoice's payments, credit notes and void one at a time: never paid and void, never credited past its total", async () => {
    for (let round = 0; round < 3; round++) {
      const invoice = await close(await postpaidWithUsage());
      const [paid, voided] = await Promise.all([
        payInvoice(fx.ctx, invoice._id, { actor: "test", idempotencyKey: `pay-${round}` }),
        markVoid(fx.ctx, invoice._id),
      ]);
      // Whichever came first stands; the other sees what it did.
      expect([paid.ok, voided.ok].filter(Boolean)).toHaveLength(1);
      const after = (await fx.ctx.models.Invoice.findById(invoice._id).lean())!;
      expect(after.status).toBe(paid.ok ? "paid" : "void");
      const payments = await fx.ctx.models.LedgerEntry.find({ invoiceId: invoice._id, type: "payment" }).lean();
      expect(payments).toHaveLength(paid.ok ? 1 : 0);
    }
    const invoice = await close(await postpaidWithUsage());
    const notes = await Promise.all([1, 2, 3].map((n) => issueCreditNote(fx.ctx, invoice._id, 100_000, `part ${n}`, `part-${n}`, "test")));
    // 250,000 billed: two notes of 100,000 fit, the third does not.
    expect(notes.filter((n) => n.ok)).toHaveLength(2);
    expect(notes.filter((n) => !n.ok)).toEqual([expect.objectContaining({ code: "unprocessable" })]);
  });
});
