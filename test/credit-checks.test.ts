import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@tollgate/control-plane";
import { TollgateAdminClient, TollgateError, type Role } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call } from "./support/http.js";
import { walkPages } from "./support/walk.js";
import { eventually, startStack, type Stack } from "./support/stack.js";

const USD = 1_000_000;

/**
 * Credit checks (issue 30, item 3): the deployment's credit rule decides before an account gets a credit limit
 * or a postpaid mode; a request past what the rule gives at once waits for a second staff member, who is never
 * the requester; the audit trail names both.
 */
describe("credit checks: the rule, and a second staff member's approval", () => {
  let stack: Stack;
  /** Staff of each kind, each through a token of their own user. */
  const staff = new Map<string, { client: TollgateAdminClient; actor: string; userId: string; token: string }>();
  const as = (name: string) => staff.get(name)!.client;

  beforeAll(async () => {
    stack = await startStack();
    const people: [string, Role][] = [
      ["alice", "admin"],
      ["bob", "admin"],
      ["fiona", "finance"],
      ["vic", "viewer"],
    ];
    for (const [name, role] of people) {
      const user = await stack.admin.createUser({ email: `${name}@credit.example`, name, role, password: `a long password for ${name}` });
      const made = await stack.admin.createUserToken(user.id, { name: "credit checks" });
      staff.set(name, {
        client: new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token: made.secret }),
        actor: `token:${made.token.id}`,
        userId: user.id,
        token: made.secret,
      });
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  const problemOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TollgateError);
    return (error as TollgateError).problem as TollgateError["problem"] & { unmet?: { check: string; required: number; actual: number }[] };
  };
  const creditLimitOf = async (accountId: string) => (await stack.admin.getAccount(accountId)).wallets[0]!.creditLimit;
  const hotLimitOf = async (accountId: string) => (await stack.ctx.hot.wallets(accountId)).get("USD")?.creditLimit;
  let planId: string;
  const prepaidAccount = async (name: string) => (await stack.admin.createAccount({ name, planId, billingMode: "prepaid" })).id;

  it("by default every request for credit applies at once, as before the rule existed", async () => {
    planId = (await stack.admin.createPlan({ name: "credit plan", currency: "USD", pricePerCall: 10_000 })).id;
    const rule = await stack.admin.getCreditRule();
    expect(rule).toMatchObject({ saved: false, qualifyBy: "any", financeApproval: false });
    expect(rule.autoLimit).toBeUndefined();
    const account = await stack.admin.createAccount({ name: "default rule", planId, billingMode: "postpaid", creditLimit: 50 * USD });
    expect(account.creditRequest).toBeUndefined();
    expect(account).toMatchObject({ billingMode: "postpaid", wallets: [{ creditLimit: 50 * USD }] });
  });

  it("refuses credit the account does not qualify for, saying what the rule lacks, and changes nothing", async () => {
    // Qualify by payment history (1 invoice paid on time, none overdue) or by prepaid tenure (5 USD topped up);
    // up to 10 USD at once.
    const rule = await as("alice").setCreditRule({
      paymentHistory: { paidOnTime: 1, overdue: 0 },
      prepaidTenure: { days: 0, toppedUp: 5 * USD },
      qualifyBy: "any",
      autoLimit: 10 * USD,
    });
    expect(rule).toMatchObject({ saved: true, autoLimit: 10 * USD, updatedBy: staff.get("alice")!.actor });
    // Viewers read the rule and may not change it.
    expect((await as("vic").getCreditRule()).autoLimit).toBe(10 * USD);
    expect((await problemOf(as("vic").setCreditRule({ qualifyBy: "all" }))).status).toBe(403);

    const accountId = await prepaidAccount("newcomer");
    const audits = await stack.ctx.models.AuditRecord.countDocuments({ target: accountId });
    const refused = await problemOf(as("alice").setBilling(accountId, { billingMode: "postpaid", creditLimit: 2 * USD }));
    expect(refused).toMatchObject({ status: 422, code: "credit_check_failed" });
    expect(refused.unmet).toEqual([
      { check: "paid_on_time", required: 1, actual: 0, met: false },
      { check: "topped_up", required: 5 * USD, actual: 0, met: false },
    ]);
    expect(refused.detail).toBe(
      "The account does not meet the credit rule: at least 1 invoices paid by their due date (has 0); at least $5.00 topped up ($0.00).",
    );
    const account = await stack.admin.getAccount(accountId);
    expect(account).toMatchObject({ billingMode: "prepaid", wallets: [{ creditLimit: 0 }] });
    expect(await hotLimitOf(accountId)).toBe(0);
    expect(await stack.ctx.models.AuditRecord.countDocuments({ target: accountId })).toBe(audits);
    expect(await stack.ctx.models.CreditRequest.countDocuments({ accountId })).toBe(0);

    // Credit asked for at creation is held to the rule as for an account with no record: nothing is created.
    const accounts = await stack.ctx.models.Account.countDocuments();
    const atCreation = await problemOf(
      as("alice").createAccount({ name: "postpaid at once", planId, billingMode: "hybrid", creditLimit: 1 * USD }),
    );
    expect(atCreation.code).toBe("credit_check_failed");
    expect(await stack.ctx.models.Account.countDocuments()).toBe(accounts);

    // The standing says the same, and a prepaid account may still change what gives no credit.
    const standing = await as("vic").getCreditStanding(accountId);
    expect(standing).toMatchObject({ qualifies: false, record: { paidOnTime: 0, overdue: 0, toppedUp: 0 } });
    const cycled = await as("alice").setBilling(accountId, { billingMode: "prepaid", billingCycle: { interval: "week", anchorDay: 1 } });
    expect(cycled.billingCycle).toEqual({ interval: "week", anchorDay: 1 });
  });

  it("applies at once what the rule allows: prepaid tenure qualifies the account, the limit is within autoLimit", async () => {
    const accountId = await prepaidAccount("topped up");
    const walletId = (await stack.admin.getAccount(accountId)).wallets[0]!.id;
    await stack.admin.creditWallet(walletId, { amount: 5 * USD }, { idempotencyKey: "tenure" });
    expect((await as("vic").getCreditStanding(accountId)).qualifies).toBe(true);
    const set = await as("alice").setBilling(accountId, { billingMode: "hybrid", creditLimit: 10 * USD });
    expect(set.creditRequest).toBeUndefined();
    expect(set).toMatchObject({ billingMode: "hybrid", wallets: [{ creditLimit: 10 * USD }] });
    expect(await hotLimitOf(accountId)).toBe(10 * USD);
  });

  it("a raise past autoLimit waits for a second staff member: never the requester, and the audit names both", async () => {
    const accountId = await prepaidAccount("growing");
    const walletId = (await stack.admin.getAccount(accountId)).wallets[0]!.id;
    await stack.admin.creditWallet(walletId, { amount: 6 * USD }, { idempotencyKey: "tenure" });
    await as("alice").setBilling(accountId, { billingMode: "postpaid", creditLimit: 2 * USD });

    // 50 USD is past the rule's 10: 202, the account unchanged, the request says why and who may decide it.
    const res = await call(`${stack.controlPlaneUrl}/v1/accounts/${accountId}/billing`, {
      method: "PUT",
      headers: { authorization: `Bearer ${staff.get("alice")!.token}`, "content-type": "application/json" },
      body: JSON.stringify({ billingMode: "postpaid", creditLimit: 50 * USD }),
    });
    expect(res.status).toBe(202);
    const answer = JSON.parse(res.body) as { wallets: { creditLimit: number }[]; creditRequest: { id: string } };
    expect(answer.wallets[0]!.creditLimit).toBe(2 * USD);
    const requestId = answer.creditRequest.id;
    expect(answer.creditRequest).toMatchObject({
      status: "pending",
      creditLimit: 50 * USD,
      from: { billingMode: "postpaid", creditLimit: 2 * USD },
      holds: ["above_auto_limit"],
      approverRoles: ["owner", "admin", "finance"],
      requestedBy: staff.get("alice")!.actor,
    });
    expect(await creditLimitOf(accountId)).toBe(2 * USD);
    expect(await hotLimitOf(accountId)).toBe(2 * USD);
    const pending = await as("vic").listCreditRequests({ status: "pending", accountId });
    expect(pending.items.map((r) => r.id)).toEqual([requestId]);

    // One request waits per account: another is a conflict naming it.
    const again = await problemOf(as("bob").setBilling(accountId, { billingMode: "postpaid", creditLimit: 20 * USD }));
    expect(again).toMatchObject({ status: 409, code: "conflict", pendingRequestId: requestId });

    // The requester cannot approve their own request, not with another token of theirs either.
    expect(await problemOf(as("alice").approveCreditRequest(requestId))).toMatchObject({ status: 403, code: "forbidden" });
    const aliceAgain = await stack.admin.createUserToken(staff.get("alice")!.userId, { name: "second token" });
    const alice2 = new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token: aliceAgain.secret });
    expect((await problemOf(alice2.approveCreditRequest(requestId))).detail).toContain("another staff member must approve");
    // A viewer may not decide at all.
    expect((await problemOf(as("vic").approveCreditRequest(requestId))).status).toBe(403);
    expect(await creditLimitOf(accountId)).toBe(2 * USD);

    // Bob approves: the limit applies at once, at the gateways too.
    const approved = await as("bob").approveCreditRequest(requestId, "known customer");
    expect(approved).toMatchObject({ status: "approved", decidedBy: staff.get("bob")!.actor, reason: "known customer" });
    expect(await creditLimitOf(accountId)).toBe(50 * USD);
    expect(await hotLimitOf(accountId)).toBe(50 * USD);
    // Decided once: fiona cannot reject it now, and bob's repeat changes nothing.
    expect(await problemOf(as("fiona").rejectCreditRequest(requestId))).toMatchObject({ status: 409, decidedBy: staff.get("bob")!.actor });
    expect((await as("bob").approveCreditRequest(requestId)).status).toBe("approved");
    expect((await as("vic").listCreditRequests({ status: "pending", accountId })).items).toEqual([]);

    // The audit trail shows both people: who asked, who approved, and the change applied with both names.
    const trail = await stack.admin.listAudit({ target: accountId });
    const byAction = (action: string) => trail.items.filter((r) => r.action === action);
    expect(byAction("credit.request")).toMatchObject([{ actor: staff.get("alice")!.actor, data: { requestId, creditLimit: 50 * USD } }]);
    expect(byAction("credit.approve")).toMatchObject([
      { actor: staff.get("bob")!.actor, data: { requestId, requestedBy: staff.get("alice")!.actor } },
    ]);
    expect(byAction("account.billing")[0]).toMatchObject({
      actor: staff.get("bob")!.actor,
      data: { creditLimit: 50 * USD, requestId, requestedBy: staff.get("alice")!.actor, approvedBy: staff.get("bob")!.actor },
    });

    // With the slot free, a lower limit applies at once (it gives no more credit).
    expect((await as("alice").setBilling(accountId, { billingMode: "postpaid", creditLimit: 30 * USD })).creditRequest).toBeUndefined();
    expect(await creditLimitOf(accountId)).toBe(30 * USD);
  });

  it("a rejected request leaves the account as it was, and two deciders racing make one decision", async () => {
    const accountId = await prepaidAccount("rejected");
    const walletId = (await stack.admin.getAccount(accountId)).wallets[0]!.id;
    await stack.admin.creditWallet(walletId, { amount: 5 * USD }, { idempotencyKey: "tenure" });
    const asked = await as("alice").setBilling(accountId, { billingMode: "postpaid", creditLimit: 40 * USD });
    const requestId = asked.creditRequest!.id;
    const decisions = await Promise.allSettled([
      as("bob").rejectCreditRequest(requestId, "too early"),
      as("fiona").approveCreditRequest(requestId),
    ]);
    const won = decisions.filter((d) => d.status === "fulfilled");
    expect(won).toHaveLength(1);
    const decided = await as("vic").getCreditRequest(requestId);
    expect(await creditLimitOf(accountId)).toBe(decided.status === "approved" ? 40 * USD : 0);
    expect((await stack.admin.getAccount(accountId)).billingMode).toBe(decided.status === "approved" ? "postpaid" : "prepaid");
    expect(await stack.ctx.models.CreditDecision.countDocuments({ _id: requestId })).toBe(1);
  });

  it("an approval whose decider died before applying it is finished by the sweep, under both names", async () => {
    const accountId = await prepaidAccount("decider died");
    const walletId = (await stack.admin.getAccount(accountId)).wallets[0]!.id;
    await stack.admin.creditWallet(walletId, { amount: 5 * USD }, { idempotencyKey: "tenure" });
    const requestId = (await as("alice").setBilling(accountId, { billingMode: "hybrid", creditLimit: 30 * USD })).creditRequest!.id;
    // What a decider killed right after its decision leaves: the decision (its unique insert), nothing applied.
    await stack.ctx.models.CreditDecision.create({
      _id: requestId,
      accountId,
      decision: "approved",
      decidedBy: staff.get("bob")!.actor,
      at: new Date(Date.now() - 120_000),
    });
    expect(await creditLimitOf(accountId)).toBe(0);
    expect(await jobs.finishApprovals(stack.ctx)).toBe(1);
    expect(await stack.admin.getAccount(accountId)).toMatchObject({ billingMode: "hybrid", wallets: [{ creditLimit: 30 * USD }] });
    expect(await hotLimitOf(accountId)).toBe(30 * USD);
    expect(await jobs.finishApprovals(stack.ctx)).toBe(0); // applied once
    const applied = (await stack.admin.listAudit({ target: accountId, action: "account.billing" })).items;
    expect(applied).toMatchObject([{ actor: staff.get("bob")!.actor, data: { requestId, requestedBy: staff.get("alice")!.actor } }]);
    // The account's slot is free again: a lower limit applies at once, a new request may wait.
    expect((await as("alice").setBilling(accountId, { billingMode: "hybrid", creditLimit: 40 * USD })).creditRequest?.status).toBe(
      "pending",
    );
  });

  it("when the rule asks finance to approve every grant, an admin cannot, a finance user (not the requester) can", async () => {
    await as("alice").setCreditRule({ financeApproval: true });
    // At creation: the account is made prepaid, and the credit waits for finance.
    const created = await as("alice").createAccount({ name: "needs finance", planId, billingMode: "postpaid", creditLimit: 3 * USD });
    expect(created).toMatchObject({ billingMode: "prepaid", wallets: [{ creditLimit: 0 }] });
    expect(created.creditRequest).toMatchObject({ status: "pending", holds: ["finance_approval"], approverRoles: ["finance"] });
    const requestId = created.creditRequest!.id;
    const refused = await problemOf(as("bob").approveCreditRequest(requestId));
    expect(refused).toMatchObject({ status: 403 });
    expect(refused.detail).toContain("waits for finance");
    expect(await as("fiona").approveCreditRequest(requestId)).toMatchObject({ status: "approved" });
    expect(await stack.admin.getAccount(created.id)).toMatchObject({ billingMode: "postpaid", wallets: [{ creditLimit: 3 * USD }] });
  });

  it("payment history: an invoice paid on time qualifies the account, one overdue disqualifies it", async () => {
    await as("alice").setCreditRule({ qualifyBy: "any" }); // open: let the accounts get their first invoices
    const plan = await stack.admin.createPlan({ name: "history plan", currency: "USD", pricePerCall: 10_000 });
    const periodStart = `${new Date().toISOString().slice(0, 7)}-01`;
    const invoiced = async (name: string, dueDays: number) => {
      // Documents take the issuer's payment terms when they are finalized: 0 days makes an unpaid one overdue at once.
      await stack.admin.setIssuerProfile({ legalName: "Tollgate Test Ltd", dueDays });
      const account = await stack.admin.createAccount({ name, planId: plan.id, billingMode: "postpaid", creditLimit: 1 * USD });
      const key = (await stack.admin.createApiKey(account.id)).key;
      for (let i = 0; i < 2; i++) expect((await call(`${stack.gatewayUrl}/x`, { headers: { "x-api-key": key } })).status).toBe(200);
      await eventually(async () => (await stack.ctx.models.UsageEvent.countDocuments({ accountId: account.id })) === 2, 30_000, "usage");
      const closed = await stack.admin.closeBillingPeriod(account.id, periodStart);
      return { accountId: account.id, invoiceId: closed.invoice!.id };
    };
    const good = await invoiced("pays on time", 14);
    const late = await invoiced("pays late", 0);
    await stack.admin.payInvoice(good.invoiceId);
    await as("alice").setCreditRule({ paymentHistory: { paidOnTime: 1, overdue: 0 }, autoLimit: 100 * USD });

    expect(await as("vic").getCreditStanding(good.accountId)).toMatchObject({ qualifies: true, record: { paidOnTime: 1, overdue: 0 } });
    expect(await as("alice").setBilling(good.accountId, { billingMode: "postpaid", creditLimit: 5 * USD })).toMatchObject({
      wallets: [{ creditLimit: 5 * USD }],
    });
    const refused = await problemOf(as("alice").setBilling(late.accountId, { billingMode: "postpaid", creditLimit: 5 * USD }));
    expect(refused.unmet).toEqual([
      { check: "paid_on_time", required: 1, actual: 0, met: false },
      { check: "overdue", required: 0, actual: 1, met: false },
    ]);
    expect(await creditLimitOf(late.accountId)).toBe(1 * USD);
  });

  it("lists credit requests a page at a time: pages of 2 join into the whole list, newest first, each status filtered", async () => {
    const whole = (await as("vic").listCreditRequests({ limit: 200 })).items;
    expect(whole.length).toBeGreaterThan(4);
    expect((await walkPages((cursor) => as("vic").listCreditRequests({ limit: 2, ...(cursor ? { cursor } : {}) }))).flat()).toEqual(whole);
    const times = whole.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const status of ["pending", "approved", "rejected"] as const) {
      const pages = await walkPages((cursor) => as("vic").listCreditRequests({ status, limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(pages.flat()).toEqual(whole.filter((r) => r.status === status));
    }
  });

  it("the bootstrap token's requests are decided by someone else too", async () => {
    await as("alice").setCreditRule({ autoLimit: 1 * USD });
    const accountId = await prepaidAccount("bootstrap");
    const asked = await stack.admin.setBilling(accountId, { billingMode: "postpaid", creditLimit: 2 * USD });
    const requestId = asked.creditRequest!.id;
    expect((await problemOf(stack.admin.approveCreditRequest(requestId))).code).toBe("forbidden");
    expect((await as("fiona").approveCreditRequest(requestId)).status).toBe("approved");
    expect(ADMIN_TOKEN).toBeTruthy();
  });
});
