import { formatMoney } from "@tollgate/money";
import type { AppContext } from "../../context.js";
import type { Account } from "../../models/index.js";
import type { CreditHold, CreditRule } from "../../models/credit.js";
import type { Role } from "../../models/index.js";

const DAY = 86_400_000;

/** One check of the rule against the account's record: what it requires, what the account shows. */
export interface CreditCheck {
  check: "paid_on_time" | "overdue" | "prepaid_days" | "topped_up";
  /** `paid_on_time`, `prepaid_days`, `topped_up`: at least; `overdue`: at most. */
  required: number;
  actual: number;
  met: boolean;
}

export type BillingMode = NonNullable<Account["billingMode"]>;

export interface CreditVerdict {
  /** `applies`: at once; `approval`: a second staff member decides (`holds` say why); `refused`: `unmet` says what lacks. */
  verdict: "applies" | "approval" | "refused";
  /** The change gives credit (a postpaid or hybrid mode from prepaid, or a higher limit): only then does the rule apply. */
  givesCredit: boolean;
  checks: CreditCheck[];
  unmet: CreditCheck[];
  holds: CreditHold[];
  /** Who may approve it: finance alone when the rule asks for finance's approval, else any money role. */
  approverRoles: Role[];
}

/** What the account shows on this system: invoices paid on time and overdue, its top-ups in the plan's currency. */
export interface CreditRecord {
  paidOnTime: number;
  overdue: number;
  /** Days since its first top-up (0 when it has none). */
  prepaidDays: number;
  /** Micros topped up (credits, less refunds), in the plan's currency. */
  toppedUp: number;
}

export const EMPTY_RECORD: CreditRecord = { paidOnTime: 0, overdue: 0, prepaidDays: 0, toppedUp: 0 };

/** The account's record, read from its invoices and its plan-currency wallet's ledger. */
export async function creditRecord(ctx: AppContext, accountId: string, currency: string, now = Date.now()): Promise<CreditRecord> {
  const invoices = await ctx.models.Invoice.find(
    { accountId, kind: "invoice", status: { $in: ["finalized", "paid"] } },
    { status: 1, dueAt: 1, paidAt: 1 },
  ).lean();
  const paidOnTime = invoices.filter((i) => i.status === "paid" && i.paidAt && (i.dueAt === undefined || i.paidAt <= i.dueAt)).length;
  const overdue = invoices.filter((i) => i.status === "finalized" && i.dueAt !== undefined && i.dueAt.getTime() < now).length;
  const wallet = await ctx.models.Wallet.findOne({ accountId, currency }, { _id: 1 }).lean();
  const entries =
    wallet === null
      ? []
      : await ctx.models.LedgerEntry.find(
          { walletId: wallet._id, type: { $in: ["credit", "reversal"] } },
          { type: 1, amount: 1, createdAt: 1 },
        ).lean();
  const credits = entries.filter((e) => e.type === "credit");
  const first = credits.reduce<number | undefined>(
    (min, e) => (min === undefined || e.createdAt.getTime() < min ? e.createdAt.getTime() : min),
    undefined,
  );
  return {
    paidOnTime,
    overdue,
    prepaidDays: first === undefined ? 0 : Math.floor((now - first) / DAY),
    toppedUp: entries.reduce((total, e) => total + e.amount, 0),
  };
}

/**
 * The rule, stated once. A change gives credit when it moves a prepaid account to postpaid or hybrid, or raises
 * the plan-currency wallet's credit limit; any other change applies at once. Credit needs the account to
 * qualify: by payment history (at least N invoices paid by their due date, at most M overdue now) and by
 * prepaid tenure (at least D days since its first top-up, at least T micros topped up), either one of those
 * configured (`any`) or every one (`all`); none configured, every account qualifies. One that does not
 * qualify is refused, with the checks it fails. One that qualifies waits for a second staff member when the
 * limit is above the rule's `autoLimit`, or when the rule asks finance to approve every grant; else it applies.
 */
export function judgeCredit(
  rule: Pick<CreditRule, "paymentHistory" | "prepaidTenure" | "qualifyBy" | "financeApproval" | "autoLimit">,
  from: { billingMode: BillingMode; creditLimit: number },
  to: { billingMode: BillingMode; creditLimit: number },
  record: CreditRecord,
): CreditVerdict {
  const givesCredit = to.billingMode !== "prepaid" && (from.billingMode === "prepaid" || to.creditLimit > from.creditLimit);
  const groups: CreditCheck[][] = [];
  if (rule.paymentHistory !== undefined) {
    const { paidOnTime, overdue } = rule.paymentHistory;
    groups.push([
      { check: "paid_on_time", required: paidOnTime, actual: record.paidOnTime, met: record.paidOnTime >= paidOnTime },
      { check: "overdue", required: overdue, actual: record.overdue, met: record.overdue <= overdue },
    ]);
  }
  if (rule.prepaidTenure !== undefined) {
    const { days, toppedUp } = rule.prepaidTenure;
    groups.push([
      { check: "prepaid_days", required: days, actual: record.prepaidDays, met: record.prepaidDays >= days },
      { check: "topped_up", required: toppedUp, actual: record.toppedUp, met: record.toppedUp >= toppedUp },
    ]);
  }
  const checks = groups.flat();
  const passes = groups.map((g) => g.every((c) => c.met));
  const qualified = groups.length === 0 || (rule.qualifyBy === "all" ? passes.every(Boolean) : passes.some(Boolean));
  const holds: CreditHold[] = [];
  if (rule.autoLimit !== undefined && to.creditLimit > rule.autoLimit) holds.push("above_auto_limit");
  if (rule.financeApproval) holds.push("finance_approval");
  const verdict = !givesCredit ? "applies" : !qualified ? "refused" : holds.length > 0 ? "approval" : "applies";
  return {
    verdict,
    givesCredit,
    checks,
    unmet: givesCredit && !qualified ? checks.filter((c) => !c.met) : [],
    holds: verdict === "approval" ? holds : [],
    approverRoles: rule.financeApproval ? ["finance"] : ["owner", "admin", "finance"],
  };
}

/** A check in words, for a refusal's detail: "at least 2 invoices paid by their due date (has 0)". */
export function describeCheck(c: CreditCheck, currency: string): string {
  switch (c.check) {
    case "paid_on_time":
      return `at least ${c.required} invoices paid by their due date (has ${c.actual})`;
    case "overdue":
      return `at most ${c.required} overdue invoices (has ${c.actual})`;
    case "prepaid_days":
      return `at least ${c.required} days since the first top-up (${c.actual})`;
    case "topped_up":
      return `at least ${formatMoney(c.required, currency)} topped up (${formatMoney(c.actual, currency)})`;
  }
}
