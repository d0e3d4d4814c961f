import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASURE_STEPS, jobs, requestErasure, runErasure } from "@tollgate/control-plane";
import { ConflictError, ForbiddenError, TollgateAdminClient, type Role } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { startStack, usageIngested, type Stack } from "./support/stack.js";

const USD = 1_000_000;
const month = () => new Date().toISOString().slice(0, 7);

/** Personal values no other customer shares: what the scans look for, each of them, in every store. */
function personOf(tag: string) {
  return {
    name: `Maria Personal ${tag}`,
    legalName: `Maria Trading ${tag} Lda`,
    line1: `Rua das Flores ${tag}`,
    line2: `Andar ${tag} esquerdo`,
    city: `Porto${tag}`,
    postalCode: `4000-${tag}`,
    taxId: `PT9${tag}`,
    billingEmail: `billing.${tag}@example.com`,
    notifyEmail: `ops.${tag}@example.com`,
    webhook: `http://127.0.0.1:9/hooks/maria-${tag}`,
    keyName: `Laptop of Maria ${tag}`,
    creditReason: `Goodwill for Maria ${tag}`,
    grantReason: `Birthday gift for Maria ${tag}`,
    suspendReason: `Maria phoned us ${tag}`,
    noteReason: `Maria disputed a call ${tag}`,
    destination: `+35191${tag}`,
  };
}
type Person = ReturnType<typeof personOf>;

interface Customer {
  tag: string;
  person: Person;
  accountId: string;
  walletId: string;
  keyId: string;
  invoiceId: string;
}

/** Everything a customer can leave behind: billing details, settings, a named key, money with reasons, usage with attributes, an invoice and a credit note, a portal link, a pending top-up. */
async function seedCustomer(stack: Stack, tag: string): Promise<Customer> {
  const { admin } = stack;
  const person = personOf(tag);
  const plan = await admin.createPlan({ name: `privacy plan ${tag}`, currency: "USD", pricePerCall: 10_000 });
  const account = await admin.createAccount({ name: person.name, planId: plan.id, billingMode: "postpaid", creditLimit: 100 * USD });
  const walletId = account.wallets[0]!.id;
  await admin.setBillingDetails(account.id, {
    legalName: person.legalName,
    address: { line1: person.line1, line2: person.line2, city: person.city, postalCode: person.postalCode, country: "PT" },
    taxId: person.taxId,
    email: person.billingEmail,
  });
  await admin.setNotificationSettings(account.id, { emails: [person.notifyEmail], webhooks: [person.webhook] });
  const key = await admin.createApiKey(account.id, { name: person.keyName });
  await admin.creditWallet(walletId, { amount: 50 * USD, reason: person.creditReason });
  await admin.issueGrant(walletId, {
    kind: "promotional",
    amount: USD,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    reason: person.grantReason,
  });
  await admin.suspendAccount(account.id, person.suspendReason);
  await admin.resumeAccount(account.id, person.suspendReason);
  for (let i = 0; i < 3; i++)
    expect((await call(`${stack.gatewayUrl}/items/${i}`, { headers: { "x-api-key": key.key } })).status).toBe(200);
  await admin.createCharge({ productId: "default", units: 1, accountId: account.id, attributes: { destination: person.destination } });
  await usageIngested(stack, 4, account.id);
  await jobs.bookUsage(stack.ctx);
  await admin.createPortalSession(account.id);
  await admin.createRecharge(account.id, { amount: 5 * USD, provider: "stripe", paymentMethod: "pm_card_visa" });
  const closed = await admin.closeBillingPeriod(account.id, `${month()}-01`);
  const invoiceId = closed.invoice!.id;
  await admin.issueCreditNote(invoiceId, { amount: 10_000, reason: person.noteReason });
  return { tag, person, accountId: account.id, walletId, keyId: key.id, invoiceId };
}

/** Every document of every collection, as text: what a scan for a value reads. */
async function everyCollection(stack: Stack): Promise<Map<string, { id: unknown; text: string; doc: Record<string, unknown> }[]>> {
  const db = stack.conn.db!;
  const out = new Map<string, { id: unknown; text: string; doc: Record<string, unknown> }[]>();
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db.collection(name).find({}).toArray();
    out.set(
      name,
      docs.map((doc) => ({ id: doc._id, text: JSON.stringify(doc), doc })),
    );
  }
  return out;
}

/** Every Redis key of the stack, with its value as text, whatever its type. */
async function everyRedisKey(stack: Stack): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = "0";
  do {
    const [next, keys] = await stack.redis.scan(cursor, "MATCH", `${stack.prefix}*`, "COUNT", 1_000);
    cursor = next;
    for (const key of keys) {
      const type = await stack.redis.type(key);
      const value =
        type === "string"
          ? await stack.redis.get(key)
          : type === "hash"
            ? await stack.redis.hgetall(key)
            : type === "stream"
              ? await stack.redis.xrange(key, "-", "+")
              : type === "zset"
                ? await stack.redis.zrange(key, 0, -1, "WITHSCORES")
                : type === "set"
                  ? await stack.redis.smembers(key)
                  : type === "list"
                    ? await stack.redis.lrange(key, 0, -1)
                    : type;
      out.set(key, `${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== "0");
  return out;
}

/** Where each of a person's values is found: `collection/_id` or `redis:key`. */
async function whereFound(stack: Stack, person: Person): Promise<string[]> {
  const values = Object.values(person);
  const found: string[] = [];
  for (const [name, docs] of await everyCollection(stack))
    for (const { id, text } of docs) for (const v of values) if (text.includes(v)) found.push(`${name}/${String(id)}: ${v}`);
  for (const [key, text] of await everyRedisKey(stack)) for (const v of values) if (text.includes(v)) found.push(`redis:${key}: ${v}`);
  return found;
}

/** The figures of every report, names aside (an erased account's name is its pseudonym). */
async function reports(stack: Stack) {
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const range = { from: new Date(hour - 2 * 86_400_000).toISOString(), to: new Date(hour + 2 * 3_600_000).toISOString() };
  const figures = JSON.stringify(
    {
      usage: await stack.admin.getUsageReport({ ...range, groupBy: "account" }),
      usageByKey: await stack.admin.getUsageReport({ ...range, groupBy: "key", bucket: "hour" }),
      financial: await stack.admin.getFinancialReport(range),
      recharges: await stack.admin.getRechargeReport(range),
    },
    (key, value: unknown) => (key === "name" || key === "asOf" ? undefined : value),
  );
  return JSON.parse(figures) as unknown;
}

/** A client acting as a new staff user of `role`. */
async function staffOf(stack: Stack, role: Role): Promise<TollgateAdminClient> {
  const user = await stack.admin.createUser({
    email: `${role}@privacy.example`,
    name: role,
    role,
    password: `a long password for ${role}`,
  });
  const { secret } = await stack.admin.createUserToken(user.id, { name: "privacy" });
  return new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token: secret });
}

describe("privacy: export, erasure and retention of a customer's data", () => {
  let stack: Stack;
  let alice: Customer;
  let bob: Customer;

  beforeAll(async () => {
    stack = await startStack({ stripe: true });
    alice = await seedCustomer(stack, "7301");
    bob = await seedCustomer(stack, "7302");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("exports every document about the customer and nothing about another, once, to the roles allowed, audited", async () => {
    const { admin } = stack;
    const requested = await admin.requestPrivacyExport(alice.accountId);
    expect(requested).toMatchObject({ kind: "export", status: "pending", accountId: alice.accountId });
    // Not ready before the job has produced it.
    await expect(admin.downloadPrivacyExport(alice.accountId, requested.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await jobs.produceExports(stack.ctx)).toBe(1);
    expect(await jobs.produceExports(stack.ctx)).toBe(0);
    const state = await admin.getPrivacy(alice.accountId);
    expect(state.exports[0]).toMatchObject({ id: requested.id, status: "ready" });

    // Owners and admins ask for and download exports; finance and support may not (they may read the state).
    const finance = await staffOf(stack, "finance");
    await expect(finance.downloadPrivacyExport(alice.accountId, requested.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(finance.requestPrivacyExport(alice.accountId)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await finance.getPrivacy(alice.accountId)).exports[0]!.status).toBe("ready");

    const doc = await admin.downloadPrivacyExport(alice.accountId, requested.id);
    await expect(admin.downloadPrivacyExport(alice.accountId, requested.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await stack.ctx.models.PrivacyExportPart.countDocuments({ exportId: requested.id })).toBe(0);
    expect((await admin.getPrivacy(alice.accountId)).exports[0]).toMatchObject({
      status: "downloaded",
      downloadedBy: expect.stringMatching(/^admin:/) as unknown,
    });
    const text = JSON.stringify(doc);

    // Every document that names the account is in it, by its id; the collections left out are bookkeeping whose
    // ids and figures come from the exported documents (assignments, booking, rollups) or hold no data of theirs.
    const bookkeeping = new Set([
      "unbooked_usage",
      "booking_marks",
      "rollup_intents",
      "invoice_assignments",
      "threshold_states",
      "locks",
      "first_answers",
      "privacy_export_parts",
    ]);
    const missing: string[] = [];
    let checked = 0;
    for (const [name, docs] of await everyCollection(stack)) {
      if (bookkeeping.has(name)) continue;
      for (const { id, doc: stored } of docs) {
        const about = stored.accountId === alice.accountId || id === alice.accountId || stored.redeemedBy === alice.accountId;
        if (!about) continue;
        checked += 1;
        // A portal session's id is its secret's hash: it is exported without it (checked by count below).
        if (name === "portal_sessions") continue;
        if (!text.includes(JSON.stringify(String(id)))) missing.push(`${name}/${String(id)}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(15);
    expect(doc.portalSessions).toHaveLength(await stack.ctx.models.PortalSession.countDocuments({ accountId: alice.accountId }));
    expect(doc.usageEvents).toHaveLength(4);
    expect(doc.invoices.map((i) => i._id)).toContain(alice.invoiceId);
    expect(doc.account).toMatchObject({ _id: alice.accountId, name: alice.person.name });
    // Audit records about the account's things, by target (its wallet, its key, its invoice) and by the account.
    const auditIds = new Set(doc.auditRecords.map((r) => r._id));
    const targets = [alice.accountId, alice.walletId, alice.keyId, alice.invoiceId];
    const expected = await stack.ctx.models.AuditRecord.find({ target: { $in: targets }, at: { $lte: new Date(doc.producedAt) } }).lean();
    expect(expected.length).toBeGreaterThan(8);
    expect(expected.filter((r) => !auditIds.has(r._id)).map((r) => r.action)).toEqual([]);
    // Every personal value of hers is there; secrets and hashes are not.
    for (const value of Object.values(alice.person)) expect(text, value).toContain(value);
    const key = await stack.ctx.models.ApiKey.findById(alice.keyId).lean();
    expect(text).not.toContain(key!.hash);
    const settings = await stack.ctx.models.NotificationSettings.findById(alice.accountId).lean();
    for (const w of settings!.webhooks) expect(text).not.toContain(w.secret);
    for (const s of await stack.ctx.models.PortalSession.find({ accountId: alice.accountId }).lean()) expect(text).not.toContain(s._id);
    // Nothing about Bob: not his id, his things' ids, or any of his values.
    for (const value of [bob.accountId, bob.walletId, bob.keyId, bob.invoiceId, ...Object.values(bob.person)])
      expect(text).not.toContain(value);

    // The request, the production and the download are in the audit trail.
    const actions = (await stack.ctx.models.AuditRecord.find({ target: alice.accountId, action: /^privacy\.export/ }).lean()).map(
      (r) => r.action,
    );
    expect(actions.sort()).toEqual(["privacy.export.download", "privacy.export.ready", "privacy.export.request"]);
  });

  it("erases every personal value of the customer from every collection and Redis key, leaving reports and reconciliation exact", async () => {
    const { admin } = stack;
    // The scan finds both customers' values before: it can fail.
    expect((await whereFound(stack, alice.person)).length).toBeGreaterThan(Object.keys(alice.person).length);
    const before = await reports(stack);
    const ledgerBefore = await stack.ctx.models.LedgerEntry.find({ accountId: alice.accountId }, { amount: 1, type: 1 })
      .sort({ _id: 1 })
      .lean();
    const invoicesBefore = await stack.ctx.models.Invoice.find(
      { accountId: alice.accountId },
      { total: 1, subtotal: 1, number: 1, status: 1, "lines.amount": 1, "lines.quantity": 1, "lines.unitPrice": 1 },
    )
      .sort({ _id: 1 })
      .lean();
    expect((await admin.reconcile()).drifts).toEqual([]);

    // Only an owner erases, and only naming the account twice; a refusal changes nothing.
    const adminUser = await staffOf(stack, "admin");
    await expect(adminUser.eraseAccount(alice.accountId)).rejects.toBeInstanceOf(ForbiddenError);
    const wrongConfirm = await call(`${stack.controlPlaneUrl}/v1/accounts/${alice.accountId}/privacy/erasure`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ confirm: bob.accountId }),
    });
    expect(wrongConfirm.status).toBe(400);
    expect(wrongConfirm.body).toContain('"pointer":"/confirm"');
    await expect(admin.getPrivacy(alice.accountId)).resolves.toMatchObject({ erased: false });
    expect(await stack.ctx.models.PrivacyRequest.countDocuments({ kind: "erasure" })).toBe(0);

    const erasure = await admin.eraseAccount(alice.accountId);
    expect(erasure.kind).toBe("erasure");
    if (erasure.status !== "done") await jobs.finishErasures(stack.ctx);
    expect((await admin.getPrivacy(alice.accountId)).erased).toBe(true);

    expect(await whereFound(stack, alice.person)).toEqual([]);
    // Bob's are all still there.
    const bobFound = new Set((await whereFound(stack, bob.person)).map((f) => f.split(": ").pop()));
    expect([...bobFound].sort()).toEqual(Object.values(bob.person).sort());

    // Money and documents keep every figure; reports and the reconciliation are unchanged to the micro.
    expect(await reports(stack)).toEqual(before);
    expect(await stack.ctx.models.LedgerEntry.find({ accountId: alice.accountId }, { amount: 1, type: 1 }).sort({ _id: 1 }).lean()).toEqual(
      ledgerBefore,
    );
    expect(
      await stack.ctx.models.Invoice.find(
        { accountId: alice.accountId },
        { total: 1, subtotal: 1, number: 1, status: 1, "lines.amount": 1, "lines.quantity": 1, "lines.unitPrice": 1 },
      )
        .sort({ _id: 1 })
        .lean(),
    ).toEqual(invoicesBefore);
    expect((await admin.reconcile()).drifts).toEqual([]);
    // The invoice the law keeps is kept, addressed to the pseudonym, its country kept; it still renders.
    const invoice = await admin.getInvoice(alice.accountId, alice.invoiceId);
    expect(invoice.customer?.billingDetails?.address.country).toBe("PT");
    expect(invoice.customer?.name).toMatch(/^Erased customer anon-[0-9a-f]{12}$/);
    expect((await admin.downloadInvoicePdf(alice.accountId, alice.invoiceId)).byteLength).toBeGreaterThan(1_000);
    const account = await admin.getAccount(alice.accountId);
    expect(account.name).toBe(invoice.customer?.name);
    // A CRM following the deployment's webhooks hears of the erasure as the account's change, with the pseudonyms.
    const event = await stack.ctx.models.WebhookEvent.findOne({ type: "account.updated", subject: alice.accountId })
      .sort({ occurredAt: -1, _id: -1 })
      .lean();
    expect(event?.data).toMatchObject({ name: account.name, billingDetails: { legalName: account.name } });

    // Again: the same pseudonyms, nothing changed but the audit trail and the request's runs.
    const snapshot = async () =>
      JSON.stringify([...(await everyCollection(stack))].filter(([name]) => !["audit_records", "privacy_requests", "jobs"].includes(name)));
    const once = await snapshot();
    expect((await admin.eraseAccount(alice.accountId)).status).toBe("done");
    expect(await snapshot()).toEqual(once);
    const actions = (await stack.ctx.models.AuditRecord.find({ target: alice.accountId, action: /^privacy\.erasure/ }).lean()).map(
      (r) => r.action,
    );
    expect(actions.sort()).toEqual(["privacy.erasure.done", "privacy.erasure.done", "privacy.erasure.request", "privacy.erasure.request"]);
  });

  it("finishes an erasure a killed run left halfway, with the values it had noted", async () => {
    const carol = await seedCustomer(stack, "7303");
    await requestErasure(stack.ctx, { accountId: carol.accountId, actor: "admin:bootstrap" });
    // A run that dies after two steps: the account's own fields are pseudonyms, the audit trail still has the values.
    expect(ERASURE_STEPS.length).toBeGreaterThan(2);
    expect((await runErasure(stack.ctx, carol.accountId, 2)).status).toBe("pending");
    expect((await stack.ctx.models.Account.findById(carol.accountId).lean())!.name).not.toBe(carol.person.name);
    const left = await whereFound(stack, carol.person);
    expect(left.some((f) => f.startsWith("audit_records/") && f.endsWith(carol.person.legalName))).toBe(true);
    // The privacy job's next run finishes it.
    expect(await jobs.finishErasures(stack.ctx)).toBe(1);
    expect(await whereFound(stack, carol.person)).toEqual([]);
    expect(await stack.ctx.models.PrivacyRequest.findById(`era_${carol.accountId}`).lean()).toMatchObject({ status: "done" });
    expect((await stack.ctx.models.PrivacyRequest.findById(`era_${carol.accountId}`).lean())!.values).toBeUndefined();
  });

  it("removes raw usage past its retention once rolled up and billed, keeping what an unpaid invoice or a coming invoice needs", async () => {
    const { admin } = stack;
    const plan = await admin.createPlan({ name: "retention plan", currency: "USD", pricePerCall: 10_000 });
    const seed = async (billingMode: "prepaid" | "postpaid", calls: number) => {
      const account = await admin.createAccount({
        name: `retention ${billingMode}`,
        planId: plan.id,
        billingMode,
        creditLimit: billingMode === "prepaid" ? 0 : 10 * USD,
      });
      if (billingMode === "prepaid") await admin.creditWallet(account.wallets[0]!.id, { amount: 10 * USD });
      const key = await admin.createApiKey(account.id);
      for (let i = 0; i < calls; i++)
        expect((await call(`${stack.gatewayUrl}/r/${i}`, { headers: { "x-api-key": key.key } })).status).toBe(200);
      await usageIngested(stack, calls, account.id);
      return account.id;
    };
    const prepaid = await seed("prepaid", 5);
    const unpaid = await seed("postpaid", 3);
    const coming = await seed("postpaid", 2);
    await jobs.bookUsage(stack.ctx);
    await jobs.bookUsage(stack.ctx);
    while ((await jobs.foldRollups(stack.ctx)) > 0);
    const invoice = (await admin.closeBillingPeriod(unpaid, `${month()}-01`)).invoice!;
    expect(invoice.status).toBe("finalized");
    while ((await jobs.foldRollups(stack.ctx)) > 0);
    const count = (accountId: string) => stack.ctx.models.UsageEvent.countDocuments({ accountId });
    const before = await reports(stack);
    const total = await stack.ctx.models.UsageEvent.countDocuments({});
    const kept = (await stack.ctx.models.UsageEvent.findOne({ accountId: prepaid }).lean())!;

    // Nothing is old yet with a 30-day retention today.
    expect((await jobs.retireUsage(stack.ctx, { retentionDays: 30 })).removed).toBe(0);
    // 40 days from now, everything is past it.
    const later = new Date(Date.now() + 40 * 86_400_000);
    const first = await jobs.retireUsage(stack.ctx, { retentionDays: 30, now: later });
    expect(await count(prepaid)).toBe(0);
    expect(await count(unpaid)).toBe(3);
    expect(await count(coming)).toBe(2);
    expect(first.held.unpaidInvoice).toBeGreaterThanOrEqual(3);
    expect(first.held.notInvoiced).toBeGreaterThanOrEqual(2);
    expect(first.removed).toBe(total - (await stack.ctx.models.UsageEvent.countDocuments({})));
    expect(await stack.ctx.models.RetiredUsage.countDocuments({ accountId: prepaid })).toBeGreaterThan(0);
    expect(await reports(stack)).toEqual(before);
    // A run killed after an entry's summary and before its events went left one behind: the next removes it,
    // without a second summary; then nothing more goes.
    const summaries = await stack.ctx.models.RetiredUsage.countDocuments({});
    await stack.ctx.models.UsageEvent.create(kept);
    const finishing = await jobs.retireUsage(stack.ctx, { retentionDays: 30, now: later });
    expect(finishing.removed).toBe(1);
    expect(await count(prepaid)).toBe(0);
    expect(await stack.ctx.models.RetiredUsage.countDocuments({})).toBe(summaries);
    expect(await reports(stack)).toEqual(before);
    const again = await jobs.retireUsage(stack.ctx, { retentionDays: 30, now: later });
    expect(again.removed).toBe(0);
    expect(again.held).toEqual(first.held);

    // Once the invoice is paid, its usage goes too; the rollups, even rebuilt from what is left, are the same.
    await admin.payInvoice(invoice.id);
    const paid = await jobs.retireUsage(stack.ctx, { retentionDays: 30, now: later });
    expect(paid.removed).toBe(3);
    expect(await count(unpaid)).toBe(0);
    expect(await count(coming)).toBe(2);
    while ((await jobs.foldRollups(stack.ctx)) > 0);
    const afterPay = await reports(stack);
    await call(`${stack.controlPlaneUrl}/v1/admin/rollups/rebuild`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(await reports(stack)).toEqual(afterPay);
    expect((await admin.reconcile()).drifts).toEqual([]);
  });
});
