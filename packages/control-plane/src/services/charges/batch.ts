import type { Resolved } from "@tollgate/metering";
import { NO_KEY, type KeyRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { derivedId } from "../../ids.js";
import { audit } from "../audit.js";
import { sortedAttributes, staffActor, unchargeable } from "./direct.js";

/** Usage already delivered, reported afterwards: one event of a batch. */
export interface ReportedEvent {
  /** The reporter's own id for it: a repeat within the window is a duplicate. */
  id: string;
  timestamp: Date;
  /** Staff name each event's account; a key reports for its own. */
  accountId?: string | undefined;
  productId: string;
  units: number;
  /** What the usage was: picks the product's rate line, kept on the usage event. */
  attributes?: Record<string, string> | undefined;
}

export type EventResult =
  | { id: string; status: "accepted" | "duplicate"; eventId: string; amount: number; currency: string; balance: number }
  | { id: string; status: "refused"; eventId: string; code: string; detail: string };

/**
 * How late an event may come and how long its id is remembered (its receipt's lifetime), and how far ahead of
 * the clock it may be; invoices look this far back for usage reported after its period was invoiced.
 */
export const USAGE_EVENT_WINDOW_MS = 35 * 24 * 3_600_000;
export const AHEAD_MS = 5 * 60_000;
export const USAGE_EVENTS_PATH = "/v1/usage-events";

/**
 * Record a batch of usage already delivered. The whole batch is checked first (every event within the window,
 * every account and product known, a key reporting only for its own account): one bad event refuses the batch
 * and nothing changes. Then each event, in order, is charged by the gateway's script as of its own time (its
 * period's counters, tiers and quotas; no rate limit) under a usage event id derived from account and id, whose
 * receipt makes a repeat within the window a `duplicate`. An event the wallet cannot cover (balance plus credit
 * limit) or a hard quota refuses is `refused`, with the reason; nothing of it is kept, so it may be sent again.
 * An event whose outcome was lost (`metering_unavailable`) is sent again with the same id: the receipt tells.
 */
export async function reportUsage(
  ctx: AppContext,
  principal: Principal,
  events: ReportedEvent[],
  now = new Date(),
): Promise<Outcome<EventResult[], "validation_failed" | "forbidden" | "unprocessable">> {
  const all = await resolveAll(ctx, principal, events, now);
  if (!all.ok) return all;
  const resolved = all.value;
  const actor = staffActor(principal);
  const results: EventResult[] = [];
  for (const [i, event] of events.entries()) {
    const target = resolved[i]!;
    const eventId = `u${derivedId(target.key.accountId, event.id)}`;
    const attributes = sortedAttributes(event.attributes);
    const outcome = await ctx.charging.batches.chargeDirect({
      ...(attributes && { attributes }),
      resolved: target,
      productId: event.productId,
      units: event.units,
      eventId,
      timestampMs: event.timestamp.getTime(),
      rateLimited: false,
      voidOnLoss: false,
      path: USAGE_EVENTS_PATH,
      ...(actor && { actor }),
    });
    if (outcome.ok) {
      const status = outcome.replayed ? "duplicate" : "accepted";
      // A duplicate moved no money: the first report was audited.
      if (!outcome.replayed && actor !== undefined) {
        const { accountId, productId, units, amount, currency } = outcome;
        await audit(ctx, actor, "usage_event.create", accountId, { eventId, id: event.id, productId, units, amount, currency });
      }
      results.push({ id: event.id, status, eventId, amount: outcome.amount, currency: outcome.currency, balance: outcome.balance });
    } else {
      results.push({
        id: event.id,
        status: "refused",
        eventId,
        code: outcome.problem.code,
        detail: outcome.problem.detail ?? outcome.problem.title,
      });
    }
  }
  return ok(results);
}

/** Each event's key record and plan, or the batch is refused with every offending event named. */
async function resolveAll(
  ctx: AppContext,
  principal: Principal,
  events: ReportedEvent[],
  now: Date,
): Promise<Outcome<Resolved[], "validation_failed" | "forbidden" | "unprocessable">> {
  const errors: { location: "body"; pointer: string; message: string }[] = [];
  const issue = (i: number, field: string, message: string) => errors.push({ location: "body", pointer: `/events/${i}/${field}`, message });
  events.forEach((e, i) => {
    if (e.timestamp.getTime() < now.getTime() - USAGE_EVENT_WINDOW_MS) issue(i, "timestamp", "older than the 35-day window");
    if (e.timestamp.getTime() > now.getTime() + AHEAD_MS) issue(i, "timestamp", "in the future");
  });
  if (errors.length > 0) return failure("validation_failed", "Some events are outside the window.", { errors });

  const keys: KeyRecord[] = [];
  if (principal.kind === "consumer") {
    if (principal.key === undefined) return failure("forbidden", "Usage is reported with an API key.");
    for (const e of events) {
      if (e.accountId !== undefined && e.accountId !== principal.accountId)
        return failure("forbidden", "An API key may only report usage of its own account.");
      keys.push(principal.key);
    }
  } else {
    events.forEach((e, i) => e.accountId === undefined && issue(i, "accountId", "required with a staff credential"));
    if (errors.length > 0) return failure("validation_failed", "Staff name each event's account.", { errors });
    const ids = [...new Set(events.map((e) => e.accountId!))];
    const accounts = new Map(
      (await ctx.models.Account.find({ _id: { $in: ids } }, { planId: 1, payerId: 1 }).lean()).map((a) => [a._id, a]),
    );
    events.forEach((e, i) => {
      const account = accounts.get(e.accountId!);
      if (account === undefined) issue(i, "accountId", "unknown account");
      else
        keys.push({
          keyId: NO_KEY,
          accountId: account._id,
          planId: account.planId,
          status: "active",
          ...(account.payerId !== undefined && { payerId: account.payerId }),
        });
    });
    if (errors.length > 0) return failure("unprocessable", "Some events name unknown accounts.", { errors });
  }
  const resolved: Resolved[] = [];
  for (const [i, key] of keys.entries()) {
    const published = await ctx.charging.plans.plan(key.planId);
    if (!published.ok) return published;
    const plan = published.value;
    const e = events[i]!;
    const unfit = unchargeable(plan, e.productId, e.units, e.attributes, `/events/${i}`);
    if (unfit !== undefined) errors.push({ location: "body", pointer: unfit.pointer, message: unfit.message });
    resolved.push({ key, plan });
  }
  if (errors.length > 0) return failure("unprocessable", "Some events cannot be charged on their account's plan.", { errors });
  return ok(resolved);
}
