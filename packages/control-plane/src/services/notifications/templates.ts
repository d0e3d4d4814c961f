import { formatMoney, formatUnitPrice } from "@tollgate/money";
import Handlebars from "handlebars";
import type { NotificationKind } from "../../models/notification.js";

const hb = Handlebars.create();
// Balances and totals in the currency's minor units; a threshold, a recharge and a fee exactly, as they were set or paid.
hb.registerHelper("money", (micros: number, currency: string) => formatMoney(micros, currency));
hb.registerHelper("exact", (micros: number, currency: string) => formatUnitPrice(micros, currency));
// A bundle's units as a count ("10,000"), its expiry as a UTC minute ("2026-12-31 23:59 UTC").
hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
hb.registerHelper("count", (n: number) => n.toLocaleString("en-US"));
hb.registerHelper("utc", (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);

interface Template {
  subject: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
}

const source: Record<NotificationKind, { subject: string; text: string; html: string }> = {
  balance_below: {
    subject: "Your balance is below {{exact data.threshold data.currency}}",
    text: "Your {{data.currency}} balance is {{money data.balance data.currency}}, below the {{exact data.threshold data.currency}} you asked to hear about.\nTop up to keep your calls running.",
    html: "<p>Your {{data.currency}} balance is <strong>{{money data.balance data.currency}}</strong>, below the {{exact data.threshold data.currency}} you asked to hear about.</p><p>Top up to keep your calls running.</p>",
  },
  balance_depleted: {
    subject: "Your balance is used up",
    text: "Your {{data.currency}} balance is {{money data.balance data.currency}}: calls are refused until you top up.",
    html: "<p>Your {{data.currency}} balance is <strong>{{money data.balance data.currency}}</strong>: calls are refused until you top up.</p>",
  },
  quota_reached: {
    subject: "{{data.percent}}% of your {{data.quota}} quota is used",
    text: "You have used {{data.used}} of {{data.limit}} ({{data.percent}}%) of the {{data.quota}} quota for {{data.period}}.",
    html: "<p>You have used <strong>{{data.used}} of {{data.limit}}</strong> ({{data.percent}}%) of the {{data.quota}} quota for {{data.period}}.</p>",
  },
  recharge_succeeded: {
    subject: "Recharge of {{exact data.amount data.currency}} received",
    text: "We received your recharge of {{exact data.amount data.currency}}{{#if data.automatic}} (automatic){{/if}}. Thank you.",
    html: "<p>We received your recharge of <strong>{{exact data.amount data.currency}}</strong>{{#if data.automatic}} (automatic){{/if}}. Thank you.</p>",
  },
  usage_anomaly: {
    subject: "Unusual usage on your account: {{data.calls}} calls in one hour",
    text: "Your account made {{data.calls}} calls ({{money data.amount data.currency}}) in the hour from {{data.hour}}, against about {{data.baselineCalls}} an hour usually.{{#if data.mitigation}} As your plan asks, {{data.mitigationLabel}} until it is reviewed.{{/if}}\nIf this was not you, revoke the key and contact us.",
    html: "<p>Your account made <strong>{{data.calls}} calls</strong> ({{money data.amount data.currency}}) in the hour from {{data.hour}}, against about {{data.baselineCalls}} an hour usually.{{#if data.mitigation}} As your plan asks, {{data.mitigationLabel}} until it is reviewed.{{/if}}</p><p>If this was not you, revoke the key and contact us.</p>",
  },
  invoice_issued: {
    subject: "{{data.kindLabel}} {{data.number}}: {{money data.total data.currency}}",
    text: "{{data.kindLabel}} {{data.number}} for {{data.subject}} is issued: {{money data.total data.currency}}. Download it from your account.",
    html: "<p>{{data.kindLabel}} <strong>{{data.number}}</strong> for {{data.subject}} is issued: <strong>{{money data.total data.currency}}</strong>.</p>",
  },
  fee_past_due: {
    subject: "Your {{data.planName}} fee of {{exact data.amount data.currency}} is due",
    text: "The {{data.planName}} fee of {{exact data.amount data.currency}} for {{data.period}} could not be paid from your balance of {{money data.balance data.currency}}. Top up before {{data.graceUntil}} (UTC): the fee is paid at once, and after that time your calls are refused until it is.",
    html: "<p>The {{data.planName}} fee of <strong>{{exact data.amount data.currency}}</strong> for {{data.period}} could not be paid from your balance of {{money data.balance data.currency}}.</p><p>Top up before <strong>{{data.graceUntil}}</strong> (UTC): the fee is paid at once, and after that time your calls are refused until it is.</p>",
  },
  bundle_below: {
    subject: "Your {{data.productId}} bundle has {{count data.remaining}} of {{count data.units}} units left",
    text: 'Your bundle of {{count data.units}} {{data.productId}} units has {{count data.remaining}} left: {{data.percent}}% or less, as you asked to hear about. It expires {{utc data.expiresAt}}. {{#if (eq data.overage "refuse")}}When it is used up, calls of {{data.productId}} are refused until you have another bundle.{{else}}When it is used up, calls of {{data.productId}} are paid from your balance.{{/if}}',
    html: '<p>Your bundle of {{count data.units}} {{data.productId}} units has <strong>{{count data.remaining}} left</strong>: {{data.percent}}% or less, as you asked to hear about. It expires {{utc data.expiresAt}}.</p><p>{{#if (eq data.overage "refuse")}}When it is used up, calls of {{data.productId}} are refused until you have another bundle.{{else}}When it is used up, calls of {{data.productId}} are paid from your balance.{{/if}}</p>',
  },
  bundle_depleted: {
    subject: "Your {{data.productId}} bundle is used up",
    text: 'Your bundle of {{count data.units}} {{data.productId}} units is used up. {{#if (eq data.overage "refuse")}}Calls of {{data.productId}} are refused until you have another bundle.{{else}}Calls of {{data.productId}} are now paid from your balance.{{/if}}',
    html: '<p>Your bundle of {{count data.units}} {{data.productId}} units is <strong>used up</strong>.</p><p>{{#if (eq data.overage "refuse")}}Calls of {{data.productId}} are refused until you have another bundle.{{else}}Calls of {{data.productId}} are now paid from your balance.{{/if}}</p>',
  },
  recharge_failed: {
    subject: "Your recharge of {{exact data.amount data.currency}} failed",
    text: "Your {{#if data.automatic}}automatic {{/if}}recharge of {{exact data.amount data.currency}} failed: {{data.reason}}.",
    html: "<p>Your {{#if data.automatic}}automatic {{/if}}recharge of <strong>{{exact data.amount data.currency}}</strong> failed: {{data.reason}}.</p>",
  },
};

/** Compiled once at start. HTML escapes what it interpolates; the text part is plain. */
const templates = Object.fromEntries(
  Object.entries(source).map(([kind, t]) => [
    kind,
    { subject: hb.compile(t.subject, { noEscape: true }), text: hb.compile(t.text, { noEscape: true }), html: hb.compile(t.html) },
  ]),
) as Record<NotificationKind, Template>;

export function render(kind: NotificationKind, data: Record<string, unknown>): { subject: string; text: string; html: string } {
  const t = templates[kind];
  return { subject: t.subject({ data }), text: t.text({ data }), html: t.html({ data }) };
}
