import type { AppContext } from "../../context.js";
import { insertOnce, type PrivacyRequest } from "../../models/index.js";
import { NOTIFICATION_KINDS } from "../../models/notification.js";
import { audit } from "../audit.js";
import { accountEvent } from "../webhooks/record.js";
import { auditAbout, idsOfAccount } from "./collect.js";
import { billingValues, erasedBillingDetails, pseudonyms, REDACTED, same, scrubText, scrubValue, searchable } from "./pseudonym.js";

/** An account's erasure request: one per account. */
export const erasureIdOf = (accountId: string) => `era_${accountId}`;

/** What an erased API key is called (its name was the customer's words). */
const ERASED_KEY_NAME = "erased key";

interface Run {
  ctx: AppContext;
  accountId: string;
  /** The personal values being erased, as first read (a retry reads them from the request). */
  values: string[];
  /** What they become in free text. */
  replacement: string;
}

/**
 * Erase an account's personal data (docs/concepts/privacy.md): every personal field becomes a pseudonym derived
 * from the account's id, every free-text reason `[erased]`; ids, amounts, dates and statuses stay, so the
 * ledger, the documents and the reports keep every figure. Each step writes only what still differs from its
 * erased form, so a run repeated (a retry after a crash, or a new request of an erased account) changes nothing
 * already erased and finishes what a killed run left. Answers the request: `done`, or `pending` while the
 * account still has usage in Redis that the ingester has not written yet, or an open charging session (the
 * privacy job runs it again).
 */
export async function eraseAccount(ctx: AppContext, input: { accountId: string; actor: string }): Promise<PrivacyRequest> {
  await requestErasure(ctx, input);
  return runErasure(ctx, input.accountId);
}

/** Record (once per account) and audit the request: the erasure is `pending` until a run finishes it. */
export async function requestErasure(ctx: AppContext, input: { accountId: string; actor: string }): Promise<void> {
  const { PrivacyRequest: Requests } = ctx.models;
  const _id = erasureIdOf(input.accountId);
  const created = await insertOnce(Requests, {
    _id,
    kind: "erasure",
    accountId: input.accountId,
    status: "pending",
    actor: input.actor,
    createdAt: new Date(),
    runs: 0,
    values: [],
  });
  await audit(ctx, input.actor, "privacy.erasure.request", input.accountId, { erasureId: _id, again: !created });
  if (!created) await Requests.updateOne({ _id }, { $set: { status: "pending" } });
}

/** The privacy job's erasure half: finish every erasure still pending. */
export async function finishErasures(ctx: AppContext): Promise<number> {
  let finished = 0;
  for (const request of await ctx.models.PrivacyRequest.find({ kind: "erasure", status: "pending" }).lean()) {
    // Still waiting on Redis: a run now would end pending again, after reading every collection for nothing.
    if (await waitingOnRedis(ctx, request.accountId)) continue;
    if ((await runErasure(ctx, request.accountId)).status === "done") finished += 1;
  }
  return finished;
}

/** The steps in order; each is safe to run again. Exported for the test that stops a run midway. */
export const ERASURE_STEPS: readonly [name: string, step: (run: Run) => Promise<void>][] = [
  ["account", eraseAccountFields],
  ["notifications", eraseNotifications],
  ["keys", eraseKeyNames],
  ["documents", eraseDocuments],
  ["reasons", eraseReasons],
  ["cards", eraseCards],
  ["usage", eraseUsage],
  ["audit", eraseAudit],
  ["answers", eraseFirstAnswers],
  ["portal", endPortalSessions],
  ["exports", dropExports],
  ["elsewhere", eraseElsewhere],
];

/** One run: remember the values, run every step (or the first `steps`), and finish when Redis holds nothing left. */
export async function runErasure(ctx: AppContext, accountId: string, steps = ERASURE_STEPS.length): Promise<PrivacyRequest> {
  const { PrivacyRequest: Requests } = ctx.models;
  const _id = erasureIdOf(accountId);
  const request = await Requests.findById(_id).lean();
  if (request === null) throw new Error(`no erasure of ${accountId}`);
  // The values are kept before anything is changed: a run killed after the account's fields were erased still
  // knows what to look for in the audit trail and the stored answers.
  const values = searchable([...(request.values ?? []), ...(await personalValues(ctx, accountId))]);
  await Requests.updateOne({ _id }, { $set: { values }, $inc: { runs: 1 } });
  const run: Run = { ctx, accountId, values, replacement: pseudonyms(accountId).name };
  for (const [, step] of ERASURE_STEPS.slice(0, steps)) await step(run);
  if (steps < ERASURE_STEPS.length || !(await redisErased(run))) return { ...request, values, status: "pending" };
  // The deployment's webhook endpoints (a CRM) hear of it as the account's change, carrying the pseudonyms.
  await accountEvent(ctx, accountId, undefined);
  const finishedAt = new Date();
  await Requests.updateOne({ _id }, { $set: { status: "done", finishedAt }, $unset: { values: 1 } });
  await audit(ctx, "system:privacy", "privacy.erasure.done", accountId, { erasureId: _id, run: (request.runs ?? 0) + 1 });
  const { values: _kept, ...done } = request;
  return { ...done, status: "done", finishedAt };
}

/** The personal values the account's fields hold now (pseudonyms, once erased: harmless to look for). */
async function personalValues(ctx: AppContext, accountId: string): Promise<string[]> {
  const m = ctx.models;
  const [account, settings, invoices, keys, sectioned] = await Promise.all([
    m.Account.findById(accountId).lean(),
    m.NotificationSettings.findById(accountId).lean(),
    m.Invoice.find({ accountId }, { customerName: 1, customerDetails: 1, reason: 1 }).lean(),
    m.ApiKey.find({ accountId }, { name: 1 }).lean(),
    sectionsNaming(ctx, accountId),
  ]);
  const erased = pseudonyms(accountId);
  return [
    account?.name,
    ...billingValues(account?.billingDetails),
    ...(settings?.emails ?? []),
    ...(settings?.webhooks ?? []).map((w) => w.url),
    // A credit note's reason is printed on its line too, and in the answer that issued it.
    ...invoices.flatMap((i) => [i.customerName, i.reason, ...billingValues(i.customerDetails)]),
    ...sectioned.flatMap((i) => (i.sections ?? []).filter((s) => s.accountId === accountId).map((s) => s.name)),
    ...keys.map((k) => k.name),
  ].filter((v): v is string => typeof v === "string" && v !== erased.name && v !== ERASED_KEY_NAME && !v.endsWith("erased.invalid"));
}

async function eraseAccountFields({ ctx, accountId }: Run): Promise<void> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return;
  const set: Record<string, unknown> = { name: pseudonyms(accountId).name };
  if (account.billingDetails) set.billingDetails = erasedBillingDetails(accountId, account.billingDetails);
  await ctx.models.Account.updateOne({ _id: accountId }, { $set: set });
}

async function eraseNotifications({ ctx, accountId, values, replacement }: Run): Promise<void> {
  const m = ctx.models;
  const erased = pseudonyms(accountId);
  const settings = await m.NotificationSettings.findById(accountId).lean();
  if (settings !== null) {
    // Nothing is sent to an erased account any more: its addresses are pseudonyms, and every kind is muted.
    await m.NotificationSettings.updateOne(
      { _id: accountId },
      {
        $set: {
          emails: settings.emails.map((_, n) => erased.email(n)),
          webhooks: settings.webhooks.map((w, n) => ({ id: w.id, url: erased.url(n), secret: w.secret })),
          muted: [...NOTIFICATION_KINDS],
        },
      },
    );
  }
  const channel = (c: string) => scrubText(c, values, replacement);
  for (const n of await m.Notification.find({ accountId }).lean()) {
    const next = {
      data: scrubValue(n.data, values, replacement),
      pending: [] as string[],
      delivered: n.delivered.map(channel),
      failed: [...n.failed, ...n.pending].map(channel),
    };
    if (!same(next, { data: n.data, pending: n.pending, delivered: n.delivered, failed: n.failed }))
      await m.Notification.updateOne({ _id: n._id }, { $set: next });
  }
  for (const d of await m.NotificationDelivery.find({ accountId }).lean()) {
    const next = { channel: channel(d.channel), detail: channel(d.detail) };
    if (next.channel !== d.channel || next.detail !== d.detail) await m.NotificationDelivery.updateOne({ _id: d._id }, { $set: next });
  }
}

async function eraseKeyNames({ ctx, accountId }: Run): Promise<void> {
  await ctx.models.ApiKey.updateMany({ accountId, name: { $ne: ERASED_KEY_NAME } }, { $set: { name: ERASED_KEY_NAME } });
}

/** Documents the law requires to be kept stay, with who they are to redacted; their lines and figures stay. */
async function eraseDocuments({ ctx, accountId, values }: Run): Promise<void> {
  for (const invoice of await ctx.models.Invoice.find({ accountId }).lean()) {
    const set: Record<string, unknown> = {};
    if (invoice.customerName !== undefined) set.customerName = pseudonyms(accountId).name;
    if (invoice.customerDetails) set.customerDetails = erasedBillingDetails(accountId, invoice.customerDetails);
    if (invoice.reason !== undefined) set.reason = REDACTED;
    // A credit note's line says why, in the words of its reason (one of the values).
    const lines = invoice.lines.map((line) => ({ ...line, description: scrubText(line.description, values, REDACTED) }));
    if (!same(lines, invoice.lines)) set.lines = lines;
    if (Object.keys(set).length > 0) await ctx.models.Invoice.updateOne({ _id: invoice._id }, { $set: set });
  }
  // A consolidated invoice names each account it has a section for (a line's on its payer's invoice).
  for (const invoice of await sectionsNaming(ctx, accountId)) {
    const erased = pseudonyms(accountId).name;
    const sections = invoice.sections!.map((s) => (s.accountId === accountId ? { ...s, name: erased } : s));
    if (!same(sections, invoice.sections)) await ctx.models.Invoice.updateOne({ _id: invoice._id }, { $set: { sections } });
  }
}

/** The consolidated invoices with a section for the account (read whole and filtered here: one query any store runs alike). */
async function sectionsNaming(ctx: AppContext, accountId: string) {
  const invoices = await ctx.models.Invoice.find({ sections: { $exists: true } }, { sections: 1 }).lean();
  return invoices.filter((i) => i.sections?.some((s) => s.accountId === accountId));
}

/** Free-text reasons (the ledger's, the grants', an anomaly's clearing): the entries and their amounts stay. */
async function eraseReasons({ ctx, accountId, values, replacement }: Run): Promise<void> {
  const m = ctx.models;
  const reasoned = { accountId, reason: { $exists: true, $ne: REDACTED } };
  await m.LedgerEntry.updateMany(reasoned, { $set: { reason: REDACTED } });
  await m.Grant.updateMany(reasoned, { $set: { reason: REDACTED } });
  await m.Anomaly.updateMany({ accountId, clearReason: { $exists: true, $ne: REDACTED } }, { $set: { clearReason: REDACTED } });
  for (const r of await m.Recharge.find({ accountId, failureReason: { $exists: true } }, { failureReason: 1 }).lean()) {
    const text = scrubText(r.failureReason!, values, replacement);
    if (text !== r.failureReason) await m.Recharge.updateOne({ _id: r._id }, { $set: { failureReason: text } });
  }
}

/** What a kept card is (brand, last digits, expiry): the provider's reference to it stays, so refunds still work. */
async function eraseCards({ ctx, accountId }: Run): Promise<void> {
  await ctx.models.Recharge.updateMany({ accountId, "savedCard.card": { $exists: true } }, { $unset: { "savedCard.card": 1 } });
  await ctx.models.Wallet.updateMany({ accountId, "autoRecharge.card": { $exists: true } }, { $unset: { "autoRecharge.card": 1 } });
}

/** Usage events: what the usage was (its attributes' values: a called number…) and personal values in its path. */
async function eraseUsage({ ctx, accountId, values, replacement }: Run): Promise<void> {
  const events = ctx.models.UsageEvent.find({ accountId }, { path: 1, attributes: 1 }).lean().cursor();
  for await (const e of events) {
    const set: Record<string, unknown> = {};
    const path = scrubText(e.path, values, replacement);
    if (path !== e.path) set.path = path;
    if (e.attributes && Object.values(e.attributes).some((v) => v !== REDACTED))
      set.attributes = Object.fromEntries(Object.keys(e.attributes).map((k) => [k, REDACTED]));
    if (Object.keys(set).length > 0) await ctx.models.UsageEvent.updateOne({ _id: e._id }, { $set: set });
  }
}

/** The audit records about the account keep who did what when; their data loses the personal values and reasons. */
async function eraseAudit({ ctx, accountId, values, replacement }: Run): Promise<void> {
  for (const record of await auditAbout(ctx, accountId, await idsOfAccount(ctx, accountId))) {
    const data = scrubValue(record.data, values, replacement) as Record<string, unknown>;
    if (!same(data, record.data)) await ctx.models.AuditRecord.updateOne({ _id: record._id }, { $set: { data } });
  }
}

/** The first answers kept for idempotent requests on the account's things: those whose answer names one of its ids. */
async function eraseFirstAnswers({ ctx, accountId, values, replacement }: Run): Promise<void> {
  const ids = await idsOfAccount(ctx, accountId);
  for await (const answer of ctx.models.FirstAnswer.find({}).lean().cursor()) {
    if (!ids.some((id) => answer.body.includes(id))) continue;
    const body = scrubbedBody(answer.body, values, replacement);
    if (body !== answer.body) await ctx.models.FirstAnswer.updateOne({ _id: answer._id }, { $set: { body } });
  }
}

/** A stored answer's JSON with the values and reasons erased (as text, should it not be JSON). */
function scrubbedBody(body: string, values: string[], replacement: string): string {
  try {
    return JSON.stringify(scrubValue(JSON.parse(body), values, replacement));
  } catch {
    return scrubText(body, values, replacement);
  }
}

/** Portal links and browser sessions of the account end: nobody signs in to an erased account's portal. */
async function endPortalSessions({ ctx, accountId }: Run): Promise<void> {
  await ctx.models.PortalSession.deleteMany({ accountId });
}

/** Exports produced before the erasure and not downloaded yet hold the values: they go (`expired`). */
async function dropExports({ ctx, accountId }: Run): Promise<void> {
  for (const request of await ctx.models.PrivacyRequest.find({ accountId, kind: "export", status: { $in: ["pending", "ready"] } }).lean()) {
    await ctx.models.PrivacyExportPart.deleteMany({ exportId: request._id });
    await ctx.models.PrivacyRequest.updateOne({ _id: request._id }, { $set: { status: "expired" } });
  }
}

/**
 * Collections the steps above handle, and those that hold ids and figures only (bookkeeping, rollups, the
 * usage the steps above went through): the last step reads every other collection.
 */
const HANDLED = new Set([
  "accounts",
  "notification_settings",
  "notifications",
  "notification_deliveries",
  "api_keys",
  "invoices",
  "ledger_entries",
  "grants",
  "anomalies",
  "recharges",
  "wallets",
  "usage_events",
  "audit_records",
  "first_answers",
  "portal_sessions",
  "privacy_requests",
  "privacy_export_parts",
  "unbooked_usage",
  "booking_marks",
  "usage_claims",
  "invoice_assignments",
  "rollup_intents",
  "rolled_up_entries",
  "retired_usage",
  "invoice_numbers",
  "invoice_counters",
  "threshold_states",
  "auto_recharge_days",
  "portal_login_uses",
  "unit_entries",
  "jobs",
]);
const ROLLUPS = /^(rollups|rollup_hours|account_rollups)_/;

/**
 * Anything else that copied the account's data (an outbox of events carrying an account's or an invoice's view,
 * say): every document of the other collections that names the account or one of its things has the personal
 * values and reasons erased, wherever they are in it. A collection added later is covered without a step of its own.
 */
async function eraseElsewhere({ ctx, accountId, values, replacement }: Run): Promise<void> {
  const db = ctx.models.Account.db.db;
  if (db === undefined) return;
  const ids = await idsOfAccount(ctx, accountId);
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (HANDLED.has(name) || ROLLUPS.test(name) || name.startsWith("system.")) continue;
    const collection = db.collection<Record<string, unknown>>(name);
    for await (const doc of collection.find({})) {
      const text = JSON.stringify(doc);
      if (!ids.some((id) => text.includes(id)) && !values.some((v) => text.includes(v))) continue;
      const { _id, ...rest } = doc;
      const scrubbed = scrubValue(rest, values, replacement) as Record<string, unknown>;
      if (!same(scrubbed, rest)) await collection.replaceOne({ _id }, scrubbed);
    }
  }
}

/** The account has usage in Redis not yet written to MongoDB, or an open charging session. */
async function waitingOnRedis(ctx: AppContext, accountId: string): Promise<boolean> {
  if ((await ctx.hot.streamedUsage(accountId)).length > 0) return true;
  return (await ctx.charging.sessions.ofAccount(accountId)).some((s) => s.status !== "closed");
}

/**
 * Redis: the account's usage entries not yet ingested (the ingester deletes each once written to MongoDB, where
 * the next run erases it), and its charging sessions' attributes. A closed session's are erased here; an open
 * one is waited for. True when nothing personal of the account is left in Redis.
 */
async function redisErased({ ctx, accountId, values }: Run): Promise<boolean> {
  if ((await ctx.hot.streamedUsage(accountId)).length > 0) return false;
  let settled = true;
  for (const session of await ctx.charging.sessions.ofAccount(accountId)) {
    if (session.status !== "closed") {
      settled = false;
      continue;
    }
    const attributes = session.attributes ? (JSON.parse(session.attributes) as Record<string, string>) : {};
    const personal = searchable([...values, ...Object.values(attributes)]);
    const erased: Partial<Record<"attributes" | "heldCall" | "answer" | "opening", string>> = {};
    if (Object.values(attributes).some((v) => v !== REDACTED))
      erased.attributes = JSON.stringify(Object.fromEntries(Object.keys(attributes).map((k) => [k, REDACTED])));
    for (const field of ["heldCall", "answer", "opening"] as const) {
      const text = session[field];
      if (text !== undefined && text !== "" && scrubText(text, personal, REDACTED) !== text)
        erased[field] = scrubText(text, personal, REDACTED);
    }
    await ctx.charging.sessions.overwrite(session.id, erased);
  }
  return settled;
}
