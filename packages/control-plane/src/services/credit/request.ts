import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import type { Account, CreditRequest, Wallet } from "../../models/index.js";
import { audit } from "../audit.js";
import type { BillingSettings } from "../accounts/billing-settings.js";
import { setBilling } from "../accounts/set-billing.js";
import { releaseLock, takeLock } from "../locks.js";
import { creditRecord, describeCheck, EMPTY_RECORD, judgeCredit, type CreditVerdict } from "./check.js";
import { getCreditRule } from "./rule.js";

/** Who asks: the actor the audit names, and the user behind it (none for a bootstrap token). */
export interface Requester {
  actor: string;
  userId?: string | undefined;
}

export type BillingRequested = { kind: "applied"; account: Account; wallets: Wallet[] } | { kind: "pending"; request: CreditRequest };

/** How long a pending request holds its account's slot: long enough for anyone to decide it. */
const PENDING_TTL_MS = 365 * 86_400_000;
const slotOf = (accountId: string) => `credit-request:${accountId}`;

/** A refusal naming what the rule lacks: `unmet`, each check with what it requires and what the account shows. */
export function refusedCredit(verdict: CreditVerdict, currency: string) {
  return failure(
    "credit_check_failed",
    `The account does not meet the credit rule: ${verdict.unmet.map((c) => describeCheck(c, currency)).join("; ")}.`,
    {
      unmet: verdict.unmet,
      checks: verdict.checks,
    },
  );
}

/** What the rule says of an account that has no record yet (a new account asking for credit at creation). */
export async function judgeNewAccount(ctx: AppContext, settings: BillingSettings): Promise<CreditVerdict> {
  const rule = await getCreditRule(ctx);
  return judgeCredit(rule, { billingMode: "prepaid", creditLimit: 0 }, settings, EMPTY_RECORD);
}

/**
 * Ask for an account's billing (mode, cycle, credit limit). What gives no more credit, or what the rule
 * allows, applies at once; what the account does not qualify for is refused (`credit_check_failed`, with the
 * checks it fails); what it qualifies for beyond what the rule gives at once becomes a pending credit request
 * that another staff member approves or rejects (services/credit/decide.ts). One request waits per account at
 * a time (its slot is a lock, a unique insert): another is a `conflict` naming it.
 */
export async function requestBilling(
  ctx: AppContext,
  accountId: string,
  settings: BillingSettings,
  requester: Requester,
): Promise<Outcome<BillingRequested, "not_found" | "credit_check_failed" | "conflict">> {
  const account = await ctx.models.Account.findById(accountId).lean();
  if (account === null) return failure("not_found", `No account ${accountId}.`);
  const plan = await ctx.models.Plan.findById(account.planId, { currency: 1 }).lean();
  const currency = plan?.currency ?? "USD";
  const wallet = await ctx.models.Wallet.findOne({ accountId, currency }, { creditLimit: 1 }).lean();
  const from = { billingMode: account.billingMode ?? "prepaid", creditLimit: wallet?.creditLimit ?? 0 };
  const rule = await getCreditRule(ctx);
  const verdict = judgeCredit(
    rule,
    from,
    settings,
    from.billingMode === settings.billingMode && settings.creditLimit <= from.creditLimit
      ? EMPTY_RECORD
      : await creditRecord(ctx, accountId, currency),
  );
  // A refusal changes nothing, and, like every refusal, is not audited.
  if (verdict.verdict === "refused") return refusedCredit(verdict, currency);
  if (verdict.verdict === "applies") {
    const set = await setBilling(ctx, accountId, settings, requester.actor);
    return set.ok ? ok({ kind: "applied", ...set.value }) : set;
  }
  return openRequest(ctx, account, { ...settings, currency, from, verdict }, requester);
}

/** Open a pending credit request for `account`, in its one slot. */
export async function openRequest(
  ctx: AppContext,
  account: Account,
  ask: BillingSettings & { currency: string; from: CreditRequest["from"]; verdict: CreditVerdict },
  requester: Requester,
): Promise<Outcome<BillingRequested, "conflict">> {
  const request: CreditRequest = {
    _id: newId("creq"),
    accountId: account._id,
    billingMode: ask.billingMode,
    creditLimit: ask.creditLimit,
    ...(ask.billingCycle ? { billingCycle: ask.billingCycle } : {}),
    currency: ask.currency,
    from: ask.from,
    holds: ask.verdict.holds,
    approverRoles: ask.verdict.approverRoles,
    status: "pending",
    requestedBy: requester.actor,
    ...(requester.userId ? { requestedByUser: requester.userId } : {}),
    createdAt: new Date(),
  };
  const slot = slotOf(account._id);
  if ((await takeLock(ctx, slot, PENDING_TTL_MS, { requestId: request._id, at: new Date() })) === undefined) {
    const held = await ctx.models.Lock.findById(slot).lean();
    const waiting = held?.data?.requestId as string | undefined;
    const takenAt = held?.data?.at instanceof Date ? held.data.at.getTime() : 0;
    // A slot whose request was decided by a decider that died before freeing it, or whose request was never
    // written (its requester died in between; a minute is far longer than that takes): free it, and take it.
    const stale =
      waiting !== undefined &&
      ((await ctx.models.CreditDecision.exists({ _id: waiting })) !== null ||
        (Date.now() - takenAt > 60_000 && (await ctx.models.CreditRequest.exists({ _id: waiting })) === null));
    if (stale) {
      await releaseLock(ctx, slot, held!.holder);
      return openRequest(ctx, account, ask, requester);
    }
    return failure("conflict", `Credit request ${waiting ?? "(unknown)"} is pending for ${account._id}: approve or reject it first.`, {
      pendingRequestId: waiting,
    });
  }
  await ctx.models.CreditRequest.create(request);
  await audit(ctx, requester.actor, "credit.request", account._id, {
    requestId: request._id,
    billingMode: request.billingMode,
    creditLimit: request.creditLimit,
    from: request.from,
    holds: request.holds,
  });
  return ok({ kind: "pending", request });
}

/** Free an account's slot once its request is decided. */
export async function freeSlot(ctx: AppContext, accountId: string, requestId: string): Promise<void> {
  await ctx.models.Lock.deleteOne({ _id: slotOf(accountId), "data.requestId": requestId });
}
