import { describe, expect, it } from "vitest";
import { EMPTY_RECORD, judgeCredit, type CreditRecord } from "./check.js";

const open = { qualifyBy: "any" as const, financeApproval: false };
const prepaid = { billingMode: "prepaid" as const, creditLimit: 0 };
const USD = 1_000_000;

describe("judgeCredit: the credit rule, stated once", () => {
  it("applies what gives no more credit, whatever the record: a lower limit, back to prepaid, the same again", () => {
    const strict = { ...open, paymentHistory: { paidOnTime: 5, overdue: 0 }, autoLimit: 0 };
    const postpaid = { billingMode: "postpaid" as const, creditLimit: 10 * USD };
    for (const to of [{ ...postpaid, creditLimit: 5 * USD }, prepaid, postpaid]) {
      expect(judgeCredit(strict, postpaid, to, EMPTY_RECORD)).toMatchObject({ verdict: "applies", givesCredit: false });
    }
  });

  it("gives credit to a prepaid account moving to postpaid even with a limit of 0, and to a raise", () => {
    expect(judgeCredit(open, prepaid, { billingMode: "hybrid", creditLimit: 0 }, EMPTY_RECORD).givesCredit).toBe(true);
    const hybrid = { billingMode: "hybrid" as const, creditLimit: USD };
    expect(judgeCredit(open, hybrid, { ...hybrid, creditLimit: USD + 1 }, EMPTY_RECORD).givesCredit).toBe(true);
  });

  it("qualifies by any configured part, or by all of them; refuses with the checks that fail", () => {
    const rule = { ...open, paymentHistory: { paidOnTime: 2, overdue: 0 }, prepaidTenure: { days: 30, toppedUp: 100 * USD } };
    const tenured: CreditRecord = { paidOnTime: 0, overdue: 0, prepaidDays: 45, toppedUp: 150 * USD };
    const to = { billingMode: "postpaid" as const, creditLimit: USD };
    expect(judgeCredit(rule, prepaid, to, tenured).verdict).toBe("applies");
    const all = judgeCredit({ ...rule, qualifyBy: "all" }, prepaid, to, tenured);
    expect(all.verdict).toBe("refused");
    expect(all.unmet).toEqual([{ check: "paid_on_time", required: 2, actual: 0, met: false }]);
    const late = judgeCredit(rule, prepaid, to, { paidOnTime: 3, overdue: 1, prepaidDays: 10, toppedUp: 0 });
    expect(late.unmet.map((c) => c.check)).toEqual(["overdue", "prepaid_days", "topped_up"]);
  });

  it("holds what it qualifies for past autoLimit, or every grant when finance approves; finance alone decides those", () => {
    const to = { billingMode: "postpaid" as const, creditLimit: 20 * USD };
    expect(judgeCredit({ ...open, autoLimit: 20 * USD }, prepaid, to, EMPTY_RECORD).verdict).toBe("applies");
    expect(judgeCredit({ ...open, autoLimit: 10 * USD }, prepaid, to, EMPTY_RECORD)).toMatchObject({
      verdict: "approval",
      holds: ["above_auto_limit"],
      approverRoles: ["owner", "admin", "finance"],
    });
    expect(judgeCredit({ ...open, financeApproval: true }, prepaid, to, EMPTY_RECORD)).toMatchObject({
      verdict: "approval",
      holds: ["finance_approval"],
      approverRoles: ["finance"],
    });
  });
});
