import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { CreditDecision, CreditRequest, Role } from "../../models/index.js";
import { insertOnce } from "../../models/index.js";
import { audit } from "../audit.js";
import { setBilling } from "../accounts/set-billing.js";
import { freeSlot } from "./request.js";

export interface Decider {
  actor: string;
  role: Role;
  userId?: string | undefined;
}

/**
 * Approve or reject a pending credit request, as a second staff member: never the one who asked (neither
 * their actor nor another credential of their user), and only in a role the request names (finance alone
 * when the rule asks for finance's approval). The decision is a unique insert, so two deciders cannot both
 * win; an approval then applies the billing asked for, audited with both people. A decider that died midway
 * is finished by its own repeat: the same decision by the same actor completes what is left.
 */
export async function decideCredit(
  ctx: AppContext,
  requestId: string,
  decision: CreditDecision["decision"],
  decider: Decider,
  reason?: string,
): Promise<Outcome<{ request: CreditRequest; decision: CreditDecision }, "not_found" | "forbidden" | "conflict">> {
  const request = await ctx.models.CreditRequest.findById(requestId).lean();
  if (request === null) return failure("not_found", `No credit request ${requestId}.`);
  if (decider.actor === request.requestedBy || (decider.userId !== undefined && decider.userId === request.requestedByUser))
    return failure("forbidden", `${request.requestedBy} asked for this credit: another staff member must approve or reject it.`);
  if (!request.approverRoles.includes(decider.role))
    return failure(
      "forbidden",
      `The role ${decider.role} may not decide this request: it waits for ${request.approverRoles.join(" or ")}.`,
    );
  const mine: CreditDecision = {
    _id: request._id,
    accountId: request.accountId,
    decision,
    decidedBy: decider.actor,
    ...(reason ? { reason } : {}),
    at: new Date(),
  };
  const won = await insertOnce(ctx.models.CreditDecision, mine);
  const taken = won ? mine : (await ctx.models.CreditDecision.findById(request._id).lean())!;
  if (!won && (taken.decidedBy !== decider.actor || taken.decision !== decision))
    return failure("conflict", `Credit request ${request._id} was already ${taken.decision} by ${taken.decidedBy}.`, {
      decision: taken.decision,
      decidedBy: taken.decidedBy,
    });
  if (won)
    await audit(ctx, decider.actor, `credit.${decision === "approved" ? "approve" : "reject"}`, request.accountId, {
      requestId: request._id,
      requestedBy: request.requestedBy,
      ...(reason ? { reason } : {}),
    });
  await finishDecision(ctx, request, taken);
  return ok({
    request: { ...request, status: taken.decision },
    decision: (await ctx.models.CreditDecision.findById(request._id).lean())!,
  });
}

/** What follows a decision, each step redone safely: the billing applied (an approval), the request marked, the slot freed. */
async function finishDecision(ctx: AppContext, request: CreditRequest, decision: CreditDecision): Promise<void> {
  if (decision.decision === "approved" && decision.appliedAt === undefined) await applyApproved(ctx, request, decision);
  if (request.status !== decision.decision)
    await ctx.models.CreditRequest.updateOne({ _id: request._id }, { $set: { status: decision.decision } });
  await freeSlot(ctx, request.accountId, request._id);
}

/** Apply what an approval decided, under the approver's name with the requester's, and mark it applied. */
async function applyApproved(ctx: AppContext, request: CreditRequest, decision: CreditDecision): Promise<void> {
  const { billingMode, creditLimit, billingCycle } = request;
  const set = await setBilling(ctx, request.accountId, { billingMode, creditLimit, billingCycle }, decision.decidedBy, {
    requestId: request._id,
    requestedBy: request.requestedBy,
  });
  // The account exists (accounts are never deleted): a failure here is a bug.
  if (!set.ok) throw new Error(set.detail);
  await ctx.models.CreditDecision.updateOne({ _id: request._id }, { $set: { appliedAt: new Date() } });
}

/**
 * Finish decisions whose decider died between its decision and what follows it (older than `graceMs`, so that a
 * decider still at work is left to finish): an approval's billing applied, the request marked, the slot freed,
 * as the decider would have. A job (`credits.sweep`); run twice, it does nothing more.
 */
export async function finishApprovals(ctx: AppContext, graceMs = 60_000): Promise<number> {
  const pending = await ctx.models.CreditRequest.find({ status: "pending" }).lean();
  if (pending.length === 0) return 0;
  const decided = await ctx.models.CreditDecision.find({
    _id: { $in: pending.map((r) => r._id) },
    at: { $lt: new Date(Date.now() - graceMs) },
  }).lean();
  const byId = new Map(pending.map((r) => [r._id, r]));
  for (const decision of decided) await finishDecision(ctx, byId.get(decision._id)!, decision);
  return decided.length;
}

/** A request and what became of it (absent: still pending). */
export interface CreditRequestState {
  request: CreditRequest;
  decision?: CreditDecision | undefined;
}

/** Credit requests newest first, with their decisions: all, or one status, or one account's; cursor-paginated. */
export async function listCreditRequests(
  ctx: AppContext,
  filter: { status?: CreditRequest["status"] | undefined; accountId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<CreditRequestState>> {
  const query = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.accountId ? { accountId: filter.accountId } : {}),
  };
  const page = await ctx.cursors.paginate<CreditRequest>(
    `credit-requests:${JSON.stringify([filter.status, filter.accountId])}`,
    "createdAt",
    filter.limit,
    filter.cursor,
    (after, sort, take) =>
      ctx.models.CreditRequest.find({ ...query, ...after })
        .sort(sort)
        .limit(take)
        .lean(),
  );
  const decisions = new Map(
    (await ctx.models.CreditDecision.find({ _id: { $in: page.items.map((r) => r._id) } }).lean()).map((d) => [d._id, d]),
  );
  return {
    items: page.items.map((request) => ({ request, decision: decisions.get(request._id) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
