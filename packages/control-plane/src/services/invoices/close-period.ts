import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { ProblemError } from "../../domain/problem-error.js";
import { insertManyOnce, type Fee, type Invoice, type UsageEvent } from "../../models/index.js";
import type { InvoiceLine } from "../../models/invoice.js";
import type { BillingMode } from "../../models/account.js";
import { USAGE_EVENT_WINDOW_MS } from "../charges/batch.js";
import { whenLocked } from "../locks.js";
import { CALENDAR_MONTH, lastEndedPeriod, periodContaining, type Period } from "./cycles.js";
import { createOnce, finalize, totals } from "./documents.js";
import { ISSUER } from "./issuer.js";
import { settleFromBalance } from "./pay.js";
import { counted } from "../../domain/words.js";
import { sectionedLines, usageBilledTo } from "./sections.js";

const MAX_LINES = 100;

/**
 * Close a postpaid or hybrid account's billing period (named by its first day) into an invoice for its usage,
 * lines per product and per price (so tiers show as separate lines), and for its subscription's fees booked in
 * the period (the recurring fee, the seats and each prorated change on lines of their own), finalized at once.
 * Fees are stamped and billed as usage events are, by the time they were booked. A payer's invoice bills its
 * lines' calls too (its wallet paid them), a section per line after its own lines (`sections.ts`); a line's
 * calls are never on its own invoice.
 *
 * Every usage event lands on exactly one invoice: an invoice *assigns* the calls it bills to itself (a unique
 * insert per call, `InvoiceAssignment`; the usage events are never written), and bills the period's unassigned
 * usage charged before its cut-off, `min(period end, now)`. So closing a period early ends that invoice now,
 * and what the period charges afterwards (and any usage of it ingested late) goes on the next invoice of the
 * period, when it is closed again or when it ends. Closing again with nothing new returns the period's last
 * invoice. One close per account at a time (a lock); a close that died midway left a draft whose calls are
 * already assigned to it, and the next close finishes it. Fees are the control plane's own documents: the
 * invoice stamps them under the same lock.
 */
export async function closeBillingPeriod(
  ctx: AppContext,
  accountId: string,
  periodStart: string,
  now = new Date(),
): Promise<Outcome<Invoice | undefined, "not_found" | "validation_failed" | "conflict">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  // A prepaid account's usage is paid as it happens; it has period invoices only where tax falls due at use.
  const prepaid = account.billingMode === "prepaid";
  if (prepaid && ctx.taxes.prepaid !== "use") return ok(undefined);
  const period = periodContaining(account.billingCycle ?? CALENDAR_MONTH, new Date(`${periodStart}T00:00:00Z`));
  if (period.key !== periodStart) return failure("validation_failed", `The account's periods start on ${period.key}, not ${periodStart}.`);
  if (period.from > now) return failure("conflict", `The period starting ${period.key} has not begun.`);
  const currency = (await ctx.models.Plan.findById(account.planId).lean())?.currency ?? "USD";

  // Another close under way holds the lock past the wait: a conflict (the route declares 409).
  const invoice = await whenLocked(ctx, `billing:${accountId}`, 300_000, async (): Promise<Outcome<Invoice | undefined, "conflict">> => {
    for (const draft of await ctx.models.Invoice.find({ accountId, kind: "invoice", status: "draft", cutoff: { $exists: true } }).lean()) {
      const finished = await bill(ctx, draft);
      if (!finished.ok) return finished;
    }
    // A prepaid invoice whose close died after finalizing it, before settling it from the balance.
    for (const unsettled of await ctx.models.Invoice.find({ accountId, kind: "invoice", status: "finalized", prepaid: true }).lean()) {
      const settled = await settleFromBalance(ctx, unsettled);
      if (!settled.ok) return settled;
    }
    const subject = `${period.key} to ${period.to.toISOString().slice(0, 10)}`;
    const earlier = await ctx.models.Invoice.find({ accountId, kind: "invoice", subject, cutoff: { $exists: true } })
      .sort({ cutoff: 1 })
      .lean();
    const last = earlier[earlier.length - 1];
    const cutoff = period.to < now ? period.to : now;
    const late = await lateBefore(ctx, accountId, period.from, now);
    const pending =
      (await billable(ctx, accountId, currency, period, cutoff, late)).fresh.length > 0 ||
      (await ctx.models.Fee.exists(unbilledFees(accountId, currency, period, cutoff))) !== null;
    if (!pending) return ok(last);
    const draft = await createOnce(ctx, {
      kind: "invoice",
      issuer: ISSUER,
      accountId,
      currency,
      subject,
      idempotencyKey: `invoice:${accountId}:${period.key}:${earlier.length}`,
      lines: [],
      periodFrom: period.from,
      periodTo: period.to,
      cutoff,
      ...(prepaid ? { prepaid: true } : {}),
    });
    const billed = await bill(ctx, draft);
    return billed.ok ? ok(billed.value ?? last) : billed;
  });
  return invoice.ok ? invoice.value : invoice;
}

/**
 * The usage of `period` charged before `cutoff`, and (`late`) usage reported late for earlier periods already
 * invoiced: what happened before `late.before`, within the window. Usage that cost nothing is not billed, but
 * for usage priced by a rate line (its units, a call's seconds inside an increment already paid, belong on the
 * line) and usage bundles paid (its units go on the product's covered line).
 */
function billableUsage(accountId: string, currency: string, period: Pick<Period, "from">, cutoff: Date, late?: LateUsage) {
  const during = { $gte: period.from, $lt: cutoff };
  const when =
    late === undefined ? { timestamp: during } : { $or: [{ timestamp: during }, { timestamp: { $gte: late.from, $lt: late.before } }] };
  return {
    currency,
    refunded: { $ne: true },
    $and: [
      usageBilledTo(accountId),
      when,
      { $or: [{ amount: { $gt: 0 } }, { rateLine: { $exists: true } }, { bundles: { $exists: true } }] },
    ],
  };
}

type BilledCall = Pick<UsageEvent, "_id" | "accountId" | "productId" | "units" | "amount" | "timestamp" | "rateLine" | "bundles">;

/**
 * The window's billable calls, with the invoice each is assigned to (`assigned`) and those no invoice bills
 * yet (`fresh`). Two reads, each of one collection (on FerretDB every query but by `_id` reads the whole
 * collection, so a read per call would cost as much as the history per call).
 */
async function billable(
  ctx: AppContext,
  accountId: string,
  currency: string,
  period: Pick<Period, "from">,
  cutoff: Date,
  late?: LateUsage,
) {
  const found = (await ctx.models.UsageEvent.find(billableUsage(accountId, currency, period, cutoff, late), {
    accountId: 1,
    productId: 1,
    units: 1,
    amount: 1,
    timestamp: 1,
    rateLine: 1,
    bundles: 1,
    invoiceId: 1,
  }).lean()) as (BilledCall & { invoiceId?: string })[];
  const assigned = new Map<string, string>();
  if (found.length > 0) {
    const since = found.reduce((first, c) => (c.timestamp < first ? c.timestamp : first), found[0]!.timestamp);
    for await (const a of ctx.models.InvoiceAssignment.find({ accountId, timestamp: { $gte: since } }, { invoiceId: 1 })
      .lean()
      .cursor())
      assigned.set(a._id, a.invoiceId);
  }
  // A version before the assignments stamped the events it billed (`invoiceId`): those stay with their invoice,
  // and get their assignment now, so that the stamp is read once.
  const stamped = found.filter((c) => c.invoiceId !== undefined && !assigned.has(c._id));
  for (let i = 0; i < stamped.length; i += ASSIGN_SLICE)
    await insertManyOnce(
      ctx.models.InvoiceAssignment,
      stamped.slice(i, i + ASSIGN_SLICE).map((c) => ({ _id: c._id, invoiceId: c.invoiceId!, accountId, timestamp: c.timestamp })),
    );
  for (const c of stamped) assigned.set(c._id, c.invoiceId!);
  const calls: BilledCall[] = found.map(({ invoiceId: _stamp, ...call }) => call);
  return { calls, assigned, fresh: calls.filter((c) => !assigned.has(c._id)) };
}

/**
 * Assign `calls` to the draft, a unique insert each, in slices. A slice that met an assignment made meanwhile
 * (by a close that outlived its lock) reads its calls' assignments back by `_id`: each call is billed by the
 * invoice whose insert came first.
 */
async function assignTo(ctx: AppContext, draft: Invoice, calls: BilledCall[], assigned: Map<string, string>): Promise<void> {
  const { InvoiceAssignment } = ctx.models;
  for (let i = 0; i < calls.length; i += ASSIGN_SLICE) {
    const slice = calls.slice(i, i + ASSIGN_SLICE);
    const docs = slice.map((c) => ({ _id: c._id, invoiceId: draft._id, accountId: draft.accountId, timestamp: c.timestamp }));
    if (await insertManyOnce(InvoiceAssignment, docs)) {
      for (const c of slice) assigned.set(c._id, draft._id);
      continue;
    }
    for (const c of slice) {
      const first = await InvoiceAssignment.findById(c._id, { invoiceId: 1 }).lean();
      if (first !== null) assigned.set(c._id, first.invoiceId);
    }
  }
}

const ASSIGN_SLICE = 500;

interface LateUsage {
  from: Date;
  before: Date;
}

/**
 * Usage reported after its period's invoice (usage events are accepted up to 35 days late) goes on the next
 * invoice, each line saying which period it belongs to: the periods up to the end of the last one invoiced.
 */
async function lateBefore(ctx: AppContext, accountId: string, periodFrom: Date, now: Date): Promise<LateUsage | undefined> {
  const previous = await ctx.models.Invoice.findOne(
    { accountId, kind: "invoice", status: { $in: ["finalized", "paid"] }, periodFrom: { $lt: periodFrom } },
    { periodTo: 1 },
  )
    .sort({ periodTo: -1 })
    .lean();
  if (previous?.periodTo === undefined) return undefined;
  return { from: new Date(Math.min(periodFrom.getTime(), now.getTime()) - USAGE_EVENT_WINDOW_MS), before: previous.periodTo };
}

/** The period's fees booked before `cutoff` (renewals, prorated changes) that no invoice bills yet. */
function unbilledFees(accountId: string, currency: string, period: Pick<Period, "from">, cutoff: Date) {
  return {
    accountId,
    currency,
    status: "paid" as const,
    invoiceId: { $exists: false },
    amount: { $ne: 0 },
    paidAt: { $gte: period.from, $lt: cutoff },
  };
}

/** Assign the draft its calls and stamp its fees, price its lines, finalize it. A draft that finds nothing to bill is removed. */
async function bill(ctx: AppContext, draft: Invoice): Promise<Outcome<Invoice | undefined, "conflict">> {
  const { Fee: Fees, Invoice: Invoices } = ctx.models;
  const late = await lateBefore(ctx, draft.accountId, draft.periodFrom!, draft.createdAt);
  const { calls, assigned, fresh } = await billable(ctx, draft.accountId, draft.currency, { from: draft.periodFrom! }, draft.cutoff!, late);
  await assignTo(ctx, draft, fresh, assigned);
  const events = calls.filter((c) => assigned.get(c._id) === draft._id);
  await Fees.updateMany(unbilledFees(draft.accountId, draft.currency, { from: draft.periodFrom! }, draft.cutoff!), {
    $set: { invoiceId: draft._id },
  });
  const fees = await Fees.find({ invoiceId: draft._id }).sort({ paidAt: 1, _id: 1 }).lean();
  if (events.length === 0 && fees.length === 0) {
    await Invoices.deleteOne({ _id: draft._id, status: "draft" });
    return ok(undefined);
  }
  const cycle = (await ctx.models.Account.findById(draft.accountId, { billingCycle: 1 }).lean())?.billingCycle ?? CALENDAR_MONTH;
  const lateOf = (e: { timestamp: Date }) => (e.timestamp < draft.periodFrom! ? periodContaining(cycle, e.timestamp) : undefined);
  const { lines, sections } = await sectionedLines(ctx, draft.accountId, await feeLines(ctx, fees), events, (calls) =>
    invoiceLines(calls, lateOf),
  );
  await Invoices.updateOne(
    { _id: draft._id, status: "draft" },
    { $set: { lines, ...(sections ? { sections } : {}), ...totals(lines, draft.currency) } },
  );
  const finalized = await finalize(ctx, draft._id);
  // The draft exists (this close holds the account's lock), so only the numbering lock held past its wait
  // fails it: the close answers that conflict, and the next close finishes the draft.
  if (finalized.ok) return draft.prepaid ? settleFromBalance(ctx, finalized.value) : ok(finalized.value);
  if (finalized.code === "not_found") throw new Error(`the draft ${draft._id} went away under the billing lock`);
  return { ...finalized, code: "conflict" };
}

/** A renewal bills its fee and its seats on lines of their own; a change bills its prorated difference. */
async function feeLines(ctx: AppContext, fees: Fee[]): Promise<InvoiceLine[]> {
  if (fees.length === 0) return [];
  const plans = await ctx.models.Plan.find({ _id: { $in: [...new Set(fees.map((f) => f.planId))] } }, { name: 1 }).lean();
  const name = (planId: string) => plans.find((p) => p._id === planId)?.name ?? planId;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lines: InvoiceLine[] = [];
  for (const f of fees) {
    const span = `${day(f.periodFrom)} to ${day(f.periodTo)}`;
    if (f.kind === "renewal") {
      if (f.fee !== 0)
        lines.push({ kind: "fee", description: `${name(f.planId)}: recurring fee, ${span}`, quantity: 1, unitPrice: f.fee, amount: f.fee });
      if (f.seats * f.seatPrice !== 0)
        lines.push({
          kind: "seats",
          description: `${name(f.planId)}: seats, ${span}`,
          quantity: f.seats,
          unitPrice: f.seatPrice,
          amount: f.seats * f.seatPrice,
        });
    } else {
      const c = f.change!;
      const what =
        c.fromPlanId === c.toPlanId
          ? `seats ${c.fromSeats} to ${c.toSeats}`
          : `${name(c.fromPlanId)} (${counted(c.fromSeats, "seat")}) to ${name(c.toPlanId)} (${counted(c.toSeats, "seat")})`;
      lines.push({
        kind: "proration",
        description: `Change of ${what} on ${day(c.at)}, prorated ${c.remainingSeconds} of ${c.periodSeconds} s of ${span}`,
        quantity: 1,
        unitPrice: f.amount,
        amount: f.amount,
      });
    }
  }
  return lines;
}

type InvoicedEvent = Pick<UsageEvent, "productId" | "units" | "amount" | "timestamp" | "rateLine" | "bundles">;

/** The units of a call its bundles paid. */
const coveredOf = (e: Pick<UsageEvent, "bundles">) => (e.bundles ?? []).reduce((n, b) => n + b.units, 0);

/**
 * Whether anything of a call goes on a charged line: not when bundles paid it whole, nor when it cost nothing
 * and no rate line counts it.
 */
function charged(e: InvoicedEvent): boolean {
  if (e.amount !== 0) return true;
  const covered = coveredOf(e);
  return e.rateLine !== undefined && !(covered > 0 && (e.units ?? 1) - covered <= 0);
}

/**
 * A line per product and price (and, for usage reported late, per the period it belongs to); usage priced by a
 * rate line (a destination, a model) on a line per product and rate line, its quantity the units; past
 * MAX_LINES distinct prices (response-metered products), a line per product. The units bundles paid go on a
 * line of their own per product (`covered`, at 0), never on the lines of what was charged: a call bundles paid
 * whole is only there, and one they paid in part is on both, its charged units (or the call, for a line
 * counting calls) on the charged line.
 */
export function invoiceLines(events: InvoicedEvent[], lateOf: (e: Pick<UsageEvent, "timestamp">) => Period | undefined): InvoiceLine[] {
  const byRate = new Map<string, InvoiceLine>();
  const byLine = new Map<string, InvoiceLine>();
  const covered = new Map<string, InvoiceLine>();
  for (const e of events) {
    const product = e.productId ?? "default";
    const late = lateOf(e);
    const note = late ? ` (late usage of ${late.key} to ${late.to.toISOString().slice(0, 10)})` : "";
    const paidByBundles = coveredOf(e);
    if (paidByBundles > 0) {
      const key = `${product}\u0000${late?.key ?? ""}`;
      const line = covered.get(key) ?? {
        kind: "usage",
        description: `${product}, covered by bundles${note}`,
        productId: product,
        unit: "unit",
        covered: true,
        quantity: 0,
        unitPrice: 0,
        amount: 0,
      };
      line.quantity += paidByBundles;
      covered.set(key, line);
    }
    if (!charged(e)) continue;
    const chargedUnits = (e.units ?? 1) - paidByBundles;
    if (e.rateLine !== undefined) {
      const key = `${product}\u0000${e.rateLine}\u0000${late?.key ?? ""}`;
      const line = byLine.get(key) ?? {
        kind: "usage",
        description: `${product}, rate ${e.rateLine}${note}`,
        productId: product,
        unit: "unit",
        quantity: 0,
        unitPrice: 0,
        amount: 0,
      };
      line.quantity += chargedUnits;
      line.amount += e.amount;
      byLine.set(key, line);
      continue;
    }
    const key = `${product}\u0000${e.amount}\u0000${late?.key ?? ""}`;
    const line = byRate.get(key) ?? {
      kind: "usage",
      description: `${product}${note}`,
      productId: product,
      unit: "call",
      quantity: 0,
      unitPrice: e.amount,
      amount: 0,
    };
    line.quantity += 1;
    line.amount += e.amount;
    byRate.set(key, line);
  }
  const averaged = (l: InvoiceLine) => ({ ...l, unitPrice: l.quantity > 0 ? Math.round(l.amount / l.quantity) : 0 });
  const perLine = [...byLine.values()].map(averaged).sort((a, b) => a.description.localeCompare(b.description));
  const lines = [...byRate.values()].sort((a, b) => (a.productId ?? "").localeCompare(b.productId ?? "") || a.unitPrice - b.unitPrice);
  const coveredLines = [...covered.values()].sort((a, b) => a.description.localeCompare(b.description));
  if (lines.length + perLine.length <= MAX_LINES) return [...lines, ...perLine, ...coveredLines];
  const perProduct = new Map<string, InvoiceLine>();
  for (const e of events) {
    if (!charged(e)) continue;
    const product = e.productId ?? "default";
    const line = perProduct.get(product) ?? {
      kind: "usage",
      description: `${product}, all prices`,
      productId: product,
      unit: "unit",
      quantity: 0,
      unitPrice: 0,
      amount: 0,
    };
    line.quantity += (e.units ?? 1) - coveredOf(e);
    line.amount += e.amount;
    perProduct.set(product, line);
  }
  return [...[...perProduct.values()].map(averaged), ...coveredLines];
}

/**
 * The billing-cycle job: close each postpaid and hybrid account's last ended period (idempotent), and each
 * prepaid account's where tax falls due at use (TAX_PREPAID=use).
 */
export async function closeEndedPeriods(ctx: AppContext, now = new Date()): Promise<number> {
  let closed = 0;
  const modes: BillingMode[] = ctx.taxes.prepaid === "use" ? ["postpaid", "hybrid", "prepaid"] : ["postpaid", "hybrid"];
  for await (const account of ctx.models.Account.find({ billingMode: { $in: modes } }, { _id: 1, billingCycle: 1 })
    .lean()
    .cursor()) {
    const period = lastEndedPeriod(account.billingCycle ?? CALENDAR_MONTH, now);
    const invoice = await closeBillingPeriod(ctx, account._id, period.key, now);
    // The job stops at a refused close as it did when the close threw (none is expected: the account exists
    // and the period has ended).
    if (!invoice.ok) throw ProblemError.failed(invoice);
    if (invoice.value) closed++;
  }
  return closed;
}
