import { AsyncLocalStorage } from "node:async_hooks";
import type { AppContext } from "../context.js";
import type { Page } from "../domain/cursor.js";
import { newId } from "../ids.js";
import type { AuditRecord } from "../models/index.js";

/** Record who did what to what: written once, never updated or deleted through the API. */
export async function audit(ctx: AppContext, actor: string, action: string, target: string, data: Record<string, unknown>): Promise<void> {
  await ctx.models.AuditRecord.create({ _id: newId("aud"), actor, action, target, data, at: new Date() });
  const scope = requests.getStore();
  if (scope !== undefined && scope.actor === actor) scope.records += 1;
}

/** The audit records each staff request has written so far, by its own actor. */
const requests = new AsyncLocalStorage<{ actor: string; records: number }>();

/**
 * Run a staff member's change and say whether it was audited: how many records its actor's request wrote. The
 * route layer audits a change that wrote none itself (http/route.ts), so no staff write goes unrecorded, even on
 * a route whose service forgot to.
 */
export async function countingAudits<T>(actor: string, change: () => Promise<T>): Promise<{ value: T; records: number }> {
  const scope = { actor, records: 0 };
  const value = await requests.run(scope, change);
  return { value, records: scope.records };
}

export interface AuditFilter {
  actor?: string | undefined;
  target?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The audit trail newest first, filtered; a cursor belongs to the filters it was issued for. */
export async function listAudit(ctx: AppContext, filter: AuditFilter): Promise<Page<AuditRecord>> {
  const query: Record<string, unknown> = {};
  if (filter.actor !== undefined) query.actor = filter.actor;
  if (filter.target !== undefined) query.target = filter.target;
  if (filter.action !== undefined) query.action = filter.action;
  if (filter.from !== undefined || filter.to !== undefined) {
    query.at = { ...(filter.from === undefined ? {} : { $gte: filter.from }), ...(filter.to === undefined ? {} : { $lt: filter.to }) };
  }
  const list = `audit:${JSON.stringify([filter.actor, filter.target, filter.action, filter.from?.getTime(), filter.to?.getTime()])}`;
  return ctx.cursors.paginate<AuditRecord>(list, "at", filter.limit, filter.cursor, (after, sort, take) =>
    ctx.models.AuditRecord.find({ $and: [query, after] })
      .sort(sort)
      .limit(take)
      .lean(),
  );
}
