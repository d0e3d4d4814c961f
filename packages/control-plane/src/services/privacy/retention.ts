import { walletOwnerOf } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import { asBooked, insertOnce, type UsageEvent } from "../../models/index.js";
import { underBookingLock } from "../ledger/book-usage.js";
import { pack } from "../reports/rollup-format.js";
import { cellsOf } from "../reports/intents.js";

/** How many candidate events one pass reads at a time. */
const CHUNK = 1_000;
/** Invoices still to be paid: the usage they bill stays (the customer may ask what they are asked to pay for). */
const UNPAID = ["draft", "finalized"];

export interface RetentionResult {
  /** Usage events removed, and the ledger entries whose calls they were (each now a `retired_usage` summary). */
  removed: number;
  entries: number;
  /** Older events kept, by why: not yet booked or rolled up, billed by an unpaid invoice, not yet invoiced. */
  held: { unbooked: number; notRolledUp: number; unpaidInvoice: number; notInvoiced: number; recent: number };
  /** Another process held the booking lock: nothing was done (the next run does it). */
  busy?: true;
}

type Call = Pick<
  UsageEvent,
  | "_id"
  | "accountId"
  | "currency"
  | "timestamp"
  | "ingestedAt"
  | "productId"
  | "keyId"
  | "planId"
  | "units"
  | "amount"
  | "refunded"
  | "rateLine"
  | "payerId"
>;

/**
 * Remove the raw usage events older than the retention (USAGE_RETENTION_DAYS; docs/concepts/privacy.md), a
 * ledger entry's calls at a time: an entry's events go when every one of them is older than the cutoff (by the
 * time of the call and of its ingestion), booked and rolled up (the reports read the rollups, which keep them),
 * billed by no unpaid invoice (draft or finalized: Tollgate has no dispute of its own; an unpaid invoice is what
 * a customer may contest), and not waiting to be invoiced (a postpaid or hybrid account's billable call no
 * invoice bills yet). What stays of them is the entry's summary per reporting hour × product × key × plan
 * (`retired_usage`, written once before the events go), which a rebuild of the rollups reads in their place.
 *
 * Idempotent: the summary is a unique insert and the removal a delete by id, so a run killed between them is
 * finished by the next (which finds the summary and removes what is left). Runs under the booking lock, so no
 * booking or rebuild reads the events meanwhile.
 */
export async function retireUsage(ctx: AppContext, options: { retentionDays: number; now?: Date }): Promise<RetentionResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 86_400_000);
  const result = await underBookingLock(ctx, () => retireBefore(ctx, cutoff));
  return (
    result ?? { removed: 0, entries: 0, held: { unbooked: 0, notRolledUp: 0, unpaidInvoice: 0, notInvoiced: 0, recent: 0 }, busy: true }
  );
}

async function retireBefore(ctx: AppContext, cutoff: Date): Promise<RetentionResult> {
  const m = ctx.models;
  const out: RetentionResult = {
    removed: 0,
    entries: 0,
    held: { unbooked: 0, notRolledUp: 0, unpaidInvoice: 0, notInvoiced: 0, recent: 0 },
  };
  const seen = new Set<string>();
  const old = { timestamp: { $lt: cutoff }, ingestedAt: { $lt: cutoff } };
  const ids = (await m.UsageEvent.find(old, { _id: 1 }).lean()).map((e) => e._id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const assignments = await m.CallAssignment.find({ _id: { $in: chunk } }).lean();
    out.held.unbooked += chunk.length - assignments.length;
    const entries = [...new Set(assignments.map((a) => a.entryId))].filter((e) => !seen.has(e));
    for (const e of entries) seen.add(e);
    if (entries.length > 0) await retireEntries(ctx, entries, cutoff, out);
  }
  return out;
}

async function retireEntries(ctx: AppContext, entries: string[], cutoff: Date, out: RetentionResult): Promise<void> {
  const m = ctx.models;
  const [claims, retired, rolled, pendingIntents] = await Promise.all([
    m.CallAssignment.find({ entryId: { $in: entries } }).lean(),
    m.RetiredUsage.find({ _id: { $in: entries } }, { _id: 1 }).lean(),
    m.RolledUpEntry.find({ _id: { $in: entries } }, { _id: 1 }).lean(),
    m.RollupIntent.find({ _id: { $in: entries.map((e) => `usage:${e}`) } }, { entryId: 1 }).lean(),
  ]);
  const callIds = claims.map((c) => c._id);
  const [events, billed] = await Promise.all([
    m.UsageEvent.find(
      { _id: { $in: callIds } },
      {
        accountId: 1,
        currency: 1,
        timestamp: 1,
        ingestedAt: 1,
        productId: 1,
        keyId: 1,
        planId: 1,
        units: 1,
        amount: 1,
        payerId: 1,
        refunded: 1,
        rateLine: 1,
      },
    ).lean() as Promise<Call[]>,
    m.InvoiceAssignment.find({ _id: { $in: callIds } }, { invoiceId: 1 }).lean(),
  ]);
  const invoiceOf = new Map(billed.map((b) => [b._id, b.invoiceId]));
  const invoices = await m.Invoice.find({ _id: { $in: [...new Set(invoiceOf.values())] } }, { status: 1 }).lean();
  const unpaid = new Set(invoices.filter((i) => UNPAID.includes(i.status)).map((i) => i._id));
  // A line's call is billed on its payer's invoice (services/invoices/sections.ts): the payer's mode says whether it is.
  const accounts = await m.Account.find({ _id: { $in: [...new Set(events.map(walletOwnerOf))] } }, { billingMode: 1 }).lean();
  const invoiced = new Set(accounts.filter((a) => a.billingMode !== "prepaid").map((a) => a._id));
  const eventOf = new Map(events.map((e) => [e._id, e]));
  const callsOf = new Map<string, string[]>();
  for (const c of claims) callsOf.set(c.entryId, [...(callsOf.get(c.entryId) ?? []), c._id]);
  const isRetired = new Set(retired.map((r) => r._id));
  const isRolled = new Set(rolled.map((r) => r._id));
  const isPending = new Set(pendingIntents.map((p) => p.entryId));

  for (const entryId of entries) {
    const ids = callsOf.get(entryId) ?? [];
    const present = ids.map((id) => eventOf.get(id)).filter((e): e is Call => e !== undefined);
    if (!isRetired.has(entryId)) {
      // Every call of the entry must be here to sum it; one missing without a summary was removed by something else.
      if (present.length !== ids.length || present.length === 0) continue;
      const hold = holdOf(present, { cutoff, rolledUp: isRolled.has(entryId) && !isPending.has(entryId), invoiceOf, unpaid, invoiced });
      if (hold !== undefined) {
        out.held[hold] += present.length;
        continue;
      }
      await insertOnce(m.RetiredUsage, summaryOf(ctx, entryId, present));
    }
    if (present.length > 0) await m.UsageEvent.deleteMany({ _id: { $in: present.map((e) => e._id) } });
    out.removed += present.length;
    out.entries += 1;
  }
}

function holdOf(
  calls: Call[],
  facts: { cutoff: Date; rolledUp: boolean; invoiceOf: Map<string, string>; unpaid: Set<string>; invoiced: Set<string> },
): keyof RetentionResult["held"] | undefined {
  if (calls.some((c) => c.timestamp >= facts.cutoff || c.ingestedAt >= facts.cutoff)) return "recent";
  if (!facts.rolledUp) return "notRolledUp";
  for (const c of calls) {
    const invoice = facts.invoiceOf.get(c._id);
    if (invoice !== undefined && facts.unpaid.has(invoice)) return "unpaidInvoice";
    const billable = c.refunded !== true && (c.amount > 0 || c.rateLine !== undefined);
    if (invoice === undefined && billable && facts.invoiced.has(walletOwnerOf(c))) return "notInvoiced";
  }
  return undefined;
}

/** An entry's calls summed as its rollup intent sums them (services/reports/intents.ts). */
function summaryOf(ctx: AppContext, entryId: string, calls: Call[]) {
  // The entry is its wallet's (a line's calls are booked on its payer's); each call stays its own account's.
  const cells = cellsOf(ctx, calls.map(asBooked));
  const amount = calls.reduce((sum, c) => sum + c.amount, 0);
  const times = calls.map((c) => c.timestamp.getTime());
  return {
    _id: entryId,
    accountId: walletOwnerOf(calls[0]!),
    currency: calls[0]!.currency,
    calls: calls.length,
    amount,
    cells: pack(cells),
    from: new Date(Math.min(...times)),
    to: new Date(Math.max(...times)),
    retiredAt: new Date(),
  };
}

/**
 * For a rebuild of the rollups (services/reports/rebuild.ts): the usage retention removed, as the intents its
 * entries' summaries make (entries in `rebuilt` were recorded from their events). Answers how many it recorded.
 */
export async function recordRetiredIntents(ctx: AppContext, rebuilt: ReadonlySet<string>): Promise<number> {
  let recorded = 0;
  for await (const retired of ctx.models.RetiredUsage.find({}).lean().cursor()) {
    if (rebuilt.has(retired._id)) continue;
    await insertOnce(ctx.models.RollupIntent, {
      _id: `usage:${retired._id}`,
      kind: "usage",
      entryId: retired._id,
      accountId: retired.accountId,
      currency: retired.currency,
      cells: retired.cells,
      createdAt: new Date(),
    });
    recorded += 1;
  }
  return recorded;
}
